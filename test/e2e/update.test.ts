/**
 * The field app's update across two builds, in Debian's chromium against the real server
 * (issue #12 §2): the server serves build A and the service worker of A takes over; a report is
 * kept in the outbox while offline; the server is then given build B (one file changed, so — as in
 * a real build — the worker's precache version and bytes change); the page's update check finds B
 * waiting and shows "A new version of Cairn is ready"; Reload lets B take over, the page reloads
 * into build B, A's shell cache is gone, and the report entered before the update is still there
 * and is sent once when its author signs in again. Screenshots go to test-artifacts/e2e/.
 *
 * No request routing (it would take requests away from the service worker), as in offline.test.ts.
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  ROOT,
  launchBrowser,
  requireBuild,
  shot,
  startDemo,
  untilControlled,
  user,
  type Demo,
} from './harness.js';

let demo: Demo | undefined;
let browser: Browser | undefined;
let context: BrowserContext | undefined;
let dir = '';
/** The directory the server serves the web app from; its contents are replaced by build B. */
const served = () => join(dir, 'served');

interface Precache {
  readonly version: string;
  readonly urls: readonly string[];
}

const PRECACHE = /\{"version":"([0-9a-f]{16})","urls":(\[[^\]]*\])\}/;

function precacheOf(build: string): Precache {
  const m = PRECACHE.exec(readFileSync(join(build, 'sw.js'), 'utf8'));
  if (m === null) throw new Error(`no precache list in ${build}/sw.js`);
  return { version: m[1] ?? '', urls: JSON.parse(m[2] ?? '[]') as string[] };
}

/**
 * A copy of the build with `marker` in its index.html and the worker's precache version recomputed
 * over the files as web/vite.config.ts does (name, then content, in list order): what a rebuild
 * after a one-line change produces.
 */
function buildWith(marker: string, into: string): Precache {
  cpSync(join(ROOT, 'dist', 'web'), into, { recursive: true });
  const index = join(into, 'index.html');
  const html = readFileSync(index, 'utf8');
  if (!html.includes('</head>')) throw new Error('index.html has no </head>');
  writeFileSync(index, html.replace('</head>', `<meta name="cairn-build" content="${marker}"></head>`));
  const before = precacheOf(into);
  const hash = createHash('sha256');
  for (const u of before.urls) hash.update(u.slice(1)).update(readFileSync(join(into, u.slice(1))));
  const version = hash.digest('hex').slice(0, 16);
  const sw = join(into, 'sw.js');
  writeFileSync(
    sw,
    readFileSync(sw, 'utf8').replace(`"version":"${before.version}"`, `"version":"${version}"`),
  );
  return { version, urls: before.urls };
}

function started(): { demo: Demo; browser: Browser } {
  if (demo === undefined || browser === undefined)
    throw new Error('the demo server or the browser did not start');
  return { demo, browser };
}

let buildA: Precache;
let buildB: Precache;

beforeAll(async () => {
  requireBuild();
  dir = mkdtempSync(join(tmpdir(), 'cairn-e2e-update-'));
  buildA = buildWith('A', join(dir, 'a'));
  buildB = buildWith('B', join(dir, 'b'));
  cpSync(join(dir, 'a'), served(), { recursive: true });
  demo = await startDemo(90_000, { CAIRN_WEB_ROOT: served() });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await context?.close().catch(() => undefined);
  await browser?.close();
  await demo?.stop();
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

/** Replace what the server serves with another build, as a deployment does (the server keeps running). */
function deploy(build: string): void {
  rmSync(served(), { recursive: true, force: true });
  cpSync(build, served(), { recursive: true });
}

/*
 * In-page scripts are text: they run in the browser, and the root tsconfig has no DOM types to
 * check them against (as in offline.test.ts).
 */
const marker = (page: Page): Promise<string | null> =>
  page.evaluate(`document.querySelector('meta[name="cairn-build"]')?.getAttribute('content') ?? null`);

/**
 * The items of the page's outbox (localStorage, as web/src/outbox.ts keeps them): id, the report's
 * name while it is on the device (a sent item keeps only its label and ledger entry), status.
 */
const outbox = (page: Page): Promise<string[]> =>
  page.evaluate(`JSON.parse(localStorage.getItem('cairn.outbox') ?? '[]')
    .map((i) => [i.id, i.payload?.report?.name ?? '', i.status].join('|'))`);

describe('the field app across an update', () => {
  it('offers build B while A runs, reloads into B when asked, and keeps the report entered under A', async () => {
    const { demo: d, browser: b } = started();
    expect(buildB.version).not.toBe(buildA.version);
    context = await b.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    const origin = new URL(d.url).origin;
    const external: string[] = [];
    context.on('request', (r) => {
      const u = new URL(r.url());
      if (u.origin !== origin && u.protocol !== 'data:' && u.protocol !== 'blob:') external.push(r.url());
    });

    // 1. Build A: sign in; A's worker installs and takes over this first page.
    const page = await context.newPage();
    const surveyor = user(d, 'surveyor');
    await page.goto(`${d.url}/#/map`);
    await page.getByLabel('User name').fill(surveyor.name);
    await page.getByLabel('Password').fill(surveyor.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByTestId('signed-in').waitFor();
    await untilControlled(page);
    expect(await marker(page)).toBe('A');

    // 2. Offline, a hazard report is kept in the outbox (SYNTHETIC DEMO DATA: MGRS in the demo square).
    await context.setOffline(true);
    await page.goto(`${d.url}/#/new/hazard`);
    const name = `E2E report kept across an update ${Date.now()}`;
    await page.getByLabel('Name').fill(name);
    await page.getByLabel('Coordinate format').selectOption('mgrs');
    for (const [i, c] of ['35VLG8800051000', '35VLG8820051000', '35VLG8820051200'].entries())
      await page.getByLabel(`Turning point ${i + 1}`, { exact: true }).fill(c);
    await expect.poll(() => page.getByTestId('area').textContent()).toMatch(/m²/);
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.getByTestId('queued').waitFor();
    const kept = await outbox(page);
    expect(kept).toHaveLength(1);
    const id = kept[0]?.split('|')[0] ?? '';
    expect(kept).toEqual([`${id}|${name}|pending`]);

    // 3. The session ends (as it expires in the field), so the report stays unsent; build B is
    // deployed; the network returns.
    await context.clearCookies();
    deploy(join(dir, 'b'));
    // The app looks for a new version by itself when the network returns (no navigation, no
    // registration.update() from here): a tab left open in the field is told of the update.
    await context.setOffline(false);
    const prompt = page.getByTestId('update-prompt');
    await prompt.waitFor({ timeout: 30_000 });
    expect(await prompt.textContent()).toContain('A new version of Cairn is ready.');
    // On screen, though the user is at the foot of the long form.
    const box = await prompt.boundingBox();
    expect(await page.evaluate('window.scrollY')).toBeGreaterThan(0);
    expect(box?.y).toBeGreaterThanOrEqual(0);
    expect((box?.y ?? Infinity) + (box?.height ?? 0)).toBeLessThanOrEqual(900);
    // A still runs this page until the user chooses.
    expect(await marker(page)).toBe('A');
    expect(await outbox(page)).toEqual([`${id}|${name}|pending`]);
    await shot(page, 'update-1-prompt');

    // 4. Reload: B takes over and the page reloads into build B, with A's shell cache gone.
    await Promise.all([
      page.waitForEvent('load', { timeout: 30_000 }),
      prompt.getByRole('button', { name: 'Reload' }).click(),
    ]);
    await expect.poll(() => marker(page), { timeout: 30_000 }).toBe('B');
    const caches: string[] = await page.evaluate('caches.keys()');
    expect(caches.filter((c) => c.startsWith('cairn-shell-'))).toEqual([`cairn-shell-${buildB.version}`]);
    expect(await page.getByTestId('update-prompt').count()).toBe(0);

    // 5. Nothing entered under A is lost: the report is still in the outbox, and is sent — once —
    // when its author signs in again.
    expect(await outbox(page)).toEqual([`${id}|${name}|pending`]);
    await page.getByLabel('User name').fill(surveyor.name);
    await page.getByLabel('Password').fill(surveyor.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByTestId('signed-in').waitFor();
    await expect.poll(() => outbox(page), { timeout: 30_000 }).toEqual([`${id}||sent`]);
    const recorded: number = await page.evaluate(`fetch('/api/landrelease/submissions?limit=1000')
      .then((r) => r.json())
      .then((b) => b.items.filter((s) => s.report.name === ${JSON.stringify(name)}).length)`);
    expect(recorded).toBe(1);
    await shot(page, 'update-2-build-b-sent');
    expect(external).toEqual([]);
  }, 180_000);
});
