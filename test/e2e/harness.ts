/**
 * End-to-end harness: starts the real server (`cairn demo --port 0 --json`) as a child process,
 * drives Debian's chromium with playwright-core, records every request the page makes (any
 * request that is not to the server's own loopback origin is aborted and remembered), and saves
 * screenshots under test-artifacts/e2e/.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const ARTIFACTS = join(ROOT, 'test-artifacts', 'e2e');

export interface DemoUser {
  readonly name: string;
  readonly role: string;
  readonly password: string;
}

export interface Demo {
  readonly url: string;
  readonly users: readonly DemoUser[];
  readonly child: ChildProcess;
  readonly stop: () => Promise<void>;
}

/** Throw a clear message when the build the tests need is missing. */
export function requireBuild(): void {
  const missing = [join(ROOT, 'dist', 'web', 'index.html'), join(ROOT, 'dist', 'cli', 'main.js')].filter(
    (f) => !existsSync(f),
  );
  if (missing.length > 0) {
    throw new Error(
      `end-to-end tests need the build; run "npm run build" first (missing: ${missing.map((f) => f.slice(ROOT.length + 1)).join(', ')})`,
    );
  }
}

/**
 * Start `cairn demo` on a free loopback port; resolves once it prints its JSON line. `env` adds
 * to the server's environment (e.g. CAIRN_WEB_ROOT: which build of the web app it serves).
 */
export async function startDemo(
  timeoutMs = 90_000,
  env: Readonly<Record<string, string>> = {},
): Promise<Demo> {
  requireBuild();
  const child = spawn(
    process.execPath,
    [join(ROOT, 'bin', 'cairn.js'), 'demo', '--port', '0', '--host', '127.0.0.1', '--json'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env, NO_COLOR: '1' },
    },
  );
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const lines = createInterface({ input: child.stdout });
  const first = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`cairn demo printed no JSON line within ${timeoutMs} ms; stderr: ${stderr}`)),
      timeoutMs,
    );
    lines.once('line', (l) => {
      clearTimeout(timer);
      resolve(l);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`cairn demo exited with ${code} before serving; stderr: ${stderr}`));
    });
  });
  const info = JSON.parse(first) as { url: string | null; users: DemoUser[] };
  if (info.url === null) {
    child.kill('SIGTERM');
    throw new Error(
      'cairn demo started without a web server (no `cairn serve` in this build): the end-to-end tests need src/http',
    );
  }
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise<boolean>((r) => child.once('exit', () => r(true)));
    child.kill('SIGTERM');
    const clean = await Promise.race([exited, new Promise<boolean>((r) => setTimeout(() => r(false), 5000))]);
    if (!clean) child.kill('SIGKILL');
  };
  return { url: info.url.replace(/\/$/, ''), users: info.users, child, stop };
}

/** The flags a headless chromium needs in CI containers, and nothing that talks to Google. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  // WebGL for MapLibre through the software rasteriser (chromium refuses it silently otherwise).
  '--enable-unsafe-swiftshader',
  '--use-angle=swiftshader',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CAIRN_TEST_CHROMIUM ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
  });
}

export interface Session {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Every URL the page requested. */
  readonly requests: string[];
  /** Requests that would have left the server's origin (aborted). */
  readonly external: string[];
}

/** A fresh browser context whose every request is checked against the server's origin. */
export async function openSession(
  browser: Browser,
  demo: Demo,
  viewport = { width: 1280, height: 820 },
): Promise<Session> {
  const context = await browser.newContext({ viewport, locale: 'en-GB', acceptDownloads: true });
  const origin = new URL(demo.url).origin;
  const requests: string[] = [];
  const external: string[] = [];
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    requests.push(url);
    const u = new URL(url);
    const local = u.origin === origin || u.protocol === 'data:' || u.protocol === 'blob:';
    if (!local) {
      external.push(url);
      await route.abort('blockedbyclient');
      return;
    }
    await route.continue();
  });
  const page = await context.newPage();
  return { context, page, requests, external };
}

export function user(demo: Demo, name: string): DemoUser {
  const u = demo.users.find((x) => x.name === name);
  if (u === undefined)
    throw new Error(`the demo has no user "${name}" (has: ${demo.users.map((x) => x.name).join(', ')})`);
  return u;
}

/** Log in through the form as a demo user and wait for the app shell. */
export async function logIn(s: Session, demo: Demo, name: string): Promise<void> {
  const u = user(demo, name);
  await s.page.goto(`${demo.url}/#/map`);
  await s.page.getByLabel('User name').fill(u.name);
  await s.page.getByLabel('Password').fill(u.password);
  await s.page.getByRole('button', { name: 'Log in' }).click();
  await s.page.getByTestId('signed-in').waitFor();
}

export async function shot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

/**
 * Wait until a service worker controls the page.
 *
 * The predicate is passed as the source of a function, not as an expression. Playwright evaluates
 * it with `eval` in the page; the app's CSP (`script-src 'self'`, no 'unsafe-eval') lets that
 * happen only inside DevTools' own evaluation, i.e. at the first, synchronous check. An expression
 * is evaluated again at every later poll (requestAnimationFrame), where the CSP refuses it with
 * an EvalError; a function is evaluated once and then only called. That is why an expression
 * passed when the worker already controlled the page, and failed (CI, stop 15) when it did not yet.
 */
export async function untilControlled(page: Page): Promise<void> {
  await page.waitForFunction('() => navigator.serviceWorker.controller !== null', undefined, {
    timeout: 30_000,
  });
}
