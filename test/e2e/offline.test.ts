/**
 * The offline-first field app in Debian's chromium against the real server (issue #12 §2): the
 * service worker installs on the first visit; with the network gone, a new page (a cold start)
 * opens the app, the hazard form takes a device position and a photo, the report survives a
 * reload, is sent by itself when the network returns — photo first — and is recorded once however
 * often it is sent again. Screenshots go to test-artifacts/e2e/.
 *
 * The browser context here has no request routing (Playwright's routing would take requests away
 * from the service worker); instead every request is recorded and none may leave the server.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { parseCoordinate } from '../../src/geo/index.js';
import {
  ROOT,
  launchBrowser,
  logIn,
  shot,
  startDemo,
  untilControlled,
  type Demo,
  type Session,
} from './harness.js';

let demo: Demo | undefined;
let browser: Browser | undefined;
const contexts: BrowserContext[] = [];

function started(): { demo: Demo; browser: Browser } {
  if (demo === undefined || browser === undefined)
    throw new Error('the demo server or the browser did not start');
  return { demo, browser };
}

beforeAll(async () => {
  demo = await startDemo();
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await demo?.stop();
});

/** A context that may use the device position, recording every request (none may leave the server). */
async function fieldContext(at: {
  latitude: number;
  longitude: number;
}): Promise<{ context: BrowserContext; external: string[] }> {
  const context = await started().browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'en-GB',
    permissions: ['geolocation'],
    geolocation: { ...at, accuracy: 4 },
  });
  contexts.push(context);
  const origin = new URL(started().demo.url).origin;
  const external: string[] = [];
  context.on('request', (r) => {
    const u = new URL(r.url());
    if (u.origin !== origin && u.protocol !== 'data:' && u.protocol !== 'blob:') external.push(r.url());
  });
  return { context, external };
}

const asSession = (context: BrowserContext, page: Page): Session => ({
  context,
  page,
  requests: [],
  external: [],
});

/**
 * In-page scripts, as text: they run in the browser, and this project's root tsconfig has no DOM
 * types to check them against.
 */
const IN_PAGE_API = `async ({ path, init }) => {
  const s = await (await fetch('/api/session')).json();
  const headers = { 'x-csrf-token': s.csrfToken ?? '', 'x-requested-with': 'XMLHttpRequest' };
  let body;
  if (init.bytes !== undefined) {
    headers['content-type'] = init.type ?? 'application/octet-stream';
    body = new Uint8Array(init.bytes);
  } else if (init.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.body);
  }
  const r = await fetch(path, { method: init.method ?? 'GET', headers, body });
  const type = r.headers.get('content-type');
  const text = (type ?? '').includes('json') ? await r.text() : '';
  return { status: r.status, type, body: text === '' ? null : JSON.parse(text) };
}`;

interface InPage<T> {
  readonly status: number;
  readonly type: string | null;
  readonly body: T;
}

/** Run a request in the page, with its cookie session (writes carry the CSRF token). */
async function api(
  page: Page,
  path: string,
  init: { method?: string; body?: unknown; type?: string; bytes?: number[] } = {},
): Promise<InPage<unknown>> {
  return page.evaluate(`(${IN_PAGE_API})(${JSON.stringify({ path, init })})`);
}

/** The photos kept in the page's IndexedDB: the byte count of one, or how many there are. */
function keptPhotos(page: Page, sha?: string): Promise<number> {
  return page.evaluate(`new Promise((resolve, reject) => {
    const r = indexedDB.open('cairn');
    r.onerror = () => reject(new Error('open'));
    r.onsuccess = () => {
      const store = r.result.transaction('photos').objectStore('photos');
      const q = ${sha === undefined ? 'store.count()' : `store.get(${JSON.stringify(sha)})`};
      q.onerror = () => reject(new Error('read'));
      q.onsuccess = () => resolve(${sha === undefined ? 'q.result' : 'q.result?.bytes ?? -1'});
    };
  })`);
}

interface SubmissionRow {
  readonly id: string;
  readonly report: {
    readonly name: string;
    readonly attachments?: readonly { sha256: string; mediaType: string; bytes: number }[];
    readonly positions?: readonly { field: string; accuracyM: number; source: string }[];
  };
}

describe('the offline-first field app in chromium', () => {
  it('starts cold without a network, keeps a report with a photo and a device position through a reload, and sends it once when the network returns', async () => {
    const { demo: d } = started();
    // The device stands on the first turning point (SYNTHETIC DEMO DATA: an arbitrary 100 km square).
    const first = parseCoordinate('35VLG8800051000', { kind: 'mgrs', precision: 5 });
    if (!first.ok) throw new Error('MGRS');
    const { context, external } = await fieldContext({
      latitude: first.value.lat,
      longitude: first.value.lon,
    });

    // 1. Online: sign in; the service worker installs and takes over the page.
    const page = await context.newPage();
    await logIn(asSession(context, page), d, 'surveyor');
    await untilControlled(page);
    const manifest = (await api(page, '/manifest.webmanifest')) as InPage<{ icons: { sizes: string }[] }>;
    expect(manifest.body).toMatchObject({ display: 'standalone', start_url: '/#/map' });
    expect(manifest.body.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    await expect.poll(() => page.getByTestId('sync-state').getAttribute('data-state')).toBe('all-sent');

    // 2. The network goes; the tab is closed and the app opened again: a cold start offline.
    await context.setOffline(true);
    await page.close();
    const cold = await context.newPage();
    await cold.goto(`${d.url}/#/new/hazard`);
    await cold.getByTestId('signed-in').waitFor({ timeout: 20_000 });
    expect(await cold.getByTestId('signed-in').textContent()).toContain('surveyor');
    await expect
      .poll(() => cold.getByTestId('offline-session').textContent())
      .toContain('will be sent when connected and signed in');
    await expect.poll(() => cold.getByTestId('sync-state').getAttribute('data-state')).toBe('offline');

    // 3. The hazard form: the first turning point from the device, two typed, and a photo.
    const name = `E2E offline photo hazard ${Date.now()}`;
    await cold.getByLabel('Name').fill(name);
    await cold.getByLabel('Coordinate format').selectOption('mgrs');
    await cold.getByTestId('hz-p0-gps').click();
    await expect
      .poll(() => cold.getByLabel('Turning point 1', { exact: true }).inputValue())
      .toMatch(/^35VLG8800\d5100\d$|^35V LG 8800\d 5100\d$/);
    await expect.poll(() => cold.getByTestId('hz-p0-accuracy').textContent()).toBe('Device position, ±4 m');
    await cold.getByLabel('Turning point 2', { exact: true }).fill('35VLG8820051000');
    await cold.getByLabel('Turning point 3', { exact: true }).fill('35VLG8820051200');
    await expect.poll(() => cold.getByTestId('area').textContent()).toMatch(/m²/);
    const photo = readFileSync(join(ROOT, 'web', 'static', 'icon-192.png'));
    const photoSha = createHash('sha256').update(photo).digest('hex');
    await cold
      .getByTestId('photo-input')
      .setInputFiles({ name: 'site-photo.png', mimeType: 'image/png', buffer: photo });
    await cold.getByTestId('photo').waitFor();
    await cold.getByRole('button', { name: 'Submit' }).click();
    await cold.getByTestId('queued').waitFor();
    await expect.poll(() => cold.getByTestId('sync-state').textContent()).toContain('Offline · 1 waiting');
    await shot(cold, 'offline-1-hazard-kept');

    // 4. A reload while still offline: the report and its photo are still on the device.
    await cold.reload();
    await cold.getByTestId('signed-in').waitFor({ timeout: 20_000 });
    await cold.getByTestId('outbox-link').click();
    const row = cold.getByTestId('outbox-item').filter({ hasText: name });
    await expect.poll(() => row.getAttribute('data-status')).toBe('pending');
    expect(await row.textContent()).toContain('Photos: 1');
    const kept = await keptPhotos(cold, photoSha);
    expect(kept).toBe(photo.length);
    await shot(cold, 'offline-2-outbox-after-reload');

    // 5. The network returns: the app checks its session and sends, photo first, with no click.
    const sent: { path: string; body: string | null }[] = [];
    cold.on('request', (r) => {
      if (r.method() === 'POST')
        sent.push({
          path: new URL(r.url()).pathname,
          body: r.url().includes('/api/commands/') ? r.postData() : null,
        });
    });
    await context.setOffline(false);
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 30_000 }).toBe('sent');
    await expect.poll(() => cold.getByTestId('sync-state').getAttribute('data-state')).toBe('all-sent');
    await shot(cold, 'offline-3-sent');

    // Recorded once, with its photo and the device position's accuracy.
    const mine = async () =>
      (
        (await api(cold, '/api/landrelease/submissions?limit=1000')) as InPage<{ items: SubmissionRow[] }>
      ).body.items.filter((s) => s.report.name === name);
    const recorded = await mine();
    expect(recorded).toHaveLength(1);
    expect(recorded[0]?.report.attachments).toEqual([
      { sha256: photoSha, mediaType: 'image/png', bytes: photo.length },
    ]);
    expect(recorded[0]?.report.positions).toEqual([
      expect.objectContaining({ field: 'perimeter[0]', accuracyM: 4, source: 'device-gps' }),
    ]);
    const back = await api(cold, `/api/attachments/${photoSha}`);
    expect(back).toMatchObject({ status: 200, type: 'image/png' });
    // The photo left the device once the report was in.
    const left = await keptPhotos(cold);
    expect(left).toBe(0);

    expect(sent.map((x) => x.path)).toEqual(['/api/attachments', '/api/commands/landrelease.submit']);

    // 6. Sent again — the same request and the same photo, as a retry after a lost answer: the
    // server answers with the same report and adds nothing.
    const original = JSON.parse(sent[1]?.body ?? 'null') as { submission: string; payload: unknown };
    expect(original.submission).toMatch(/^web:[0-9a-f]{32}$/);
    const reupload = await api(cold, '/api/attachments', {
      method: 'POST',
      type: 'image/png',
      bytes: [...photo],
    });
    expect(reupload).toMatchObject({
      status: 200,
      body: { sha256: photoSha, mediaType: 'image/png', bytes: photo.length },
    });
    const resend = (await api(cold, '/api/commands/landrelease.submit', {
      method: 'POST',
      body: original,
    })) as InPage<{ replayed: boolean }>;
    expect(resend.status).toBe(200);
    expect(resend.body.replayed).toBe(true);
    expect(await mine()).toHaveLength(1);
    expect(external).toEqual([]);
  }, 180_000);

  it('keeps the record tiles of the map view for offline use after showing their count, serves them with no network, and deletes them', async () => {
    const { demo: d } = started();
    const { context, external } = await fieldContext({ latitude: 59.98, longitude: 24.99 });
    const page = await context.newPage();
    await logIn(asSession(context, page), d, 'imo');
    await untilControlled(page);
    await page.goto(`${d.url}/#/map/@59.980000,24.990000,13`);
    await page.locator('[data-testid=map][data-ready=true]').waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: /^Offline map areas/ }).click();
    await page.getByLabel('Area name').fill('E2E field area');
    await page.getByLabel('Up to zoom').selectOption('14');
    await page.getByTestId('area-keep').click();
    const estimate = page.getByTestId('area-estimate');
    await estimate.waitFor();
    const tiles = Number(await estimate.getAttribute('data-tiles'));
    expect(tiles).toBeGreaterThan(0);
    expect(await estimate.textContent()).toMatch(/tiles, about \d/);
    await page.getByTestId('area-save').click();
    await page.getByTestId('saved-area').filter({ hasText: 'E2E field area' }).waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('saved-area').textContent()).toContain(`${tiles} tiles`);
    await shot(page, 'offline-4-area-saved');

    // The z13 tile under the centre, by the XYZ formula; and one on the other side of the world.
    const z = 13;
    const n = 2 ** z;
    const lat = (59.98 * Math.PI) / 180;
    const x = Math.floor(((24.99 + 180) / 360) * n);
    const y = Math.floor(((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2) * n);
    const inside = `/tiles/hazards/${z}/${x}/${y}.mvt?centres=true`;
    const outside = `/tiles/hazards/${z}/${(x + n / 2) % n}/${y}.mvt?centres=true`;
    const tileStatus = (path: string): Promise<number | string> =>
      page.evaluate(`fetch(${JSON.stringify(path)}).then((r) => r.status, (e) => e.name)`);
    await context.setOffline(true);
    expect([200, 204]).toContain(await tileStatus(inside));
    expect(await tileStatus(outside)).toBe('TypeError');

    await context.setOffline(false);
    await page.getByTestId('saved-area').getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => page.getByTestId('saved-area').count()).toBe(0);
    await context.setOffline(true);
    expect(await tileStatus(inside)).toBe('TypeError');
    await context.setOffline(false);
    expect(external).toEqual([]);
  }, 180_000);

  it('keeps a report entered offline pending when the server session has ended meanwhile, asks for a sign-in, and sends it once after', async () => {
    const { demo: d } = started();
    const { context, external } = await fieldContext({ latitude: 59.98, longitude: 24.99 });
    const page = await context.newPage();
    await logIn(asSession(context, page), d, 'surveyor');
    await untilControlled(page);
    await context.setOffline(true);
    await page.goto(`${d.url}/#/new/hazard`);
    const name = `E2E expired-session hazard ${Date.now()}`;
    await page.getByLabel('Name').fill(name);
    await page.getByLabel('Coordinate format').selectOption('mgrs');
    for (const [i, c] of ['35VLG8900051000', '35VLG8920051000', '35VLG8920051200'].entries())
      await page.getByLabel(`Turning point ${i + 1}`, { exact: true }).fill(c);
    await expect.poll(() => page.getByTestId('area').textContent()).toMatch(/m²/);
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.getByTestId('queued').waitFor();

    // The server session ends (the cookie is gone) before the network returns.
    await context.clearCookies();
    await context.setOffline(false);
    await expect
      .poll(() => page.getByTestId('sync-state').getAttribute('data-state'), { timeout: 20_000 })
      .toBe('needs-sign-in');
    expect(await page.getByTestId('sync-state').textContent()).toContain('Sign in to send 1');
    await shot(page, 'offline-5-needs-sign-in');
    await page.getByTestId('offline-session').getByRole('button', { name: 'Sign in' }).click();
    const u = d.users.find((x) => x.name === 'surveyor');
    await page.getByLabel('User name').fill(u?.name ?? '');
    await page.getByLabel('Password').fill(u?.password ?? '');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect
      .poll(() => page.getByTestId('sync-state').getAttribute('data-state'), { timeout: 20_000 })
      .toBe('all-sent');
    const rows = (
      (await api(page, '/api/landrelease/submissions?limit=1000')) as InPage<{ items: SubmissionRow[] }>
    ).body.items.filter((x) => x.report.name === name);
    expect(rows).toHaveLength(1);
    expect(external).toEqual([]);
  }, 180_000);
});
