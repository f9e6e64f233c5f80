/**
 * The web app against the real server (`cairn demo`), in Debian's chromium. Each scenario saves
 * screenshots under test-artifacts/e2e/. One server and one browser serve the whole file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { parseCoordinate } from '../../src/geo/index.js';
import uk from '../../web/src/i18n/uk.json' with { type: 'json' };
import { launchBrowser, logIn, openSession, shot, startDemo, type Demo, type Session } from './harness.js';

let demo: Demo | undefined;
let browser: Browser | undefined;
const sessions: Session[] = [];

function started(): { demo: Demo; browser: Browser } {
  if (demo === undefined || browser === undefined)
    throw new Error('the demo server or the browser did not start');
  return { demo, browser };
}

async function session(viewport?: { width: number; height: number }): Promise<Session> {
  const s = await openSession(started().browser, started().demo, viewport);
  sessions.push(s);
  return s;
}

beforeAll(async () => {
  demo = await startDemo();
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  for (const s of sessions) await s.context.close().catch(() => undefined);
  await browser?.close();
  await demo?.stop();
});

/** Fill the hazardous-area form: a name and turning points in MGRS. */
async function fillHazard(s: Session, name: string, corners: readonly string[]): Promise<void> {
  await s.page.getByLabel('Name').fill(name);
  await s.page.getByLabel('Coordinate format').selectOption('mgrs');
  for (const [i, c] of corners.entries())
    await s.page.getByLabel(`Turning point ${i + 1}`, { exact: true }).fill(c);
}

describe('the web app in chromium', () => {
  it('logs in a demo user, shows who is signed in, and refuses a wrong password with a readable message', async () => {
    const s = await session();
    await s.page.goto(`${started().demo.url}/`);
    await s.page.getByLabel('User name').fill('imo');
    await s.page.getByLabel('Password').fill('wrong-password');
    await s.page.getByRole('button', { name: 'Log in' }).click();
    await expect(s.page.getByRole('alert').first().textContent()).resolves.toContain(
      'name or password is wrong',
    );
    await shot(s.page, '1-login-refused');
    await logIn(s, started().demo, 'imo');
    expect(await s.page.getByTestId('signed-in').textContent()).toContain('imo');
    await shot(s.page, '1-logged-in');
  });

  it('shows the map with the demo data the user may see, with a scale bar and the coordinate readout', async () => {
    const s = await session();
    await logIn(s, started().demo, 'imo');
    await s.page.locator('[data-testid=map][data-ready=true]').waitFor({ timeout: 30_000 });
    expect(Number(await s.page.getByTestId('map').getAttribute('data-features'))).toBeGreaterThan(0);
    await expect(s.page.locator('.maplibregl-ctrl-scale').count()).resolves.toBe(1);
    // Hazards by status: switching every status off hides them all; back on, they all return.
    const drawn = async (layer: string) =>
      (
        JSON.parse((await s.page.getByTestId('map').getAttribute('data-drawn')) ?? '{}') as Record<
          string,
          number
        >
      )[layer] ?? 0;
    await expect.poll(() => drawn('hazards')).toBeGreaterThan(0);
    const shown = await drawn('hazards');
    const statuses = ['open', 'worked-on', 'closed', 'handed-over'];
    for (const st of statuses) await s.page.locator(`[data-category="hazards:${st}"]`).uncheck();
    await expect.poll(() => drawn('hazards')).toBe(0);
    expect(await drawn('releases')).toBeGreaterThan(0);
    for (const st of statuses) await s.page.locator(`[data-category="hazards:${st}"]`).check();
    await expect.poll(() => drawn('hazards')).toBe(shown);
    const box = await s.page.getByTestId('map').boundingBox();
    if (box === null) throw new Error('map has no box');
    await s.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await expect
      .poll(() => s.page.getByTestId('readout-mgrs').textContent())
      .toMatch(/^\d{1,2}[C-X][A-Z]{2}\d{10}$/);
    await shot(s.page, '2-map');
  });

  it('enters a hazardous area by MGRS coordinates, previews it live, and after review sees it on the map', async () => {
    const surveyor = await session();
    await logIn(surveyor, started().demo, 'surveyor');
    await surveyor.page.goto(`${started().demo.url}/#/new/hazard`);
    const name = `E2E hazard ${Date.now()}`;
    // Synthetic triangle of about 200 m in an arbitrary 100 km square (SYNTHETIC DEMO DATA).
    const corners = ['35VLG8500051000', '35VLG8520051000', '35VLG8520051200'];
    await fillHazard(surveyor, name, corners);
    await surveyor.page.getByLabel('Turning point 1', { exact: true }).fill('35VLG85000');
    await expect.poll(() => surveyor.page.locator('#hz-p0-problems').textContent()).not.toBe('');
    await shot(surveyor.page, '3-hazard-bad-coordinate');
    await surveyor.page.getByLabel('Turning point 1', { exact: true }).fill(corners[0] ?? '');
    await expect.poll(() => surveyor.page.getByTestId('area').textContent()).toMatch(/m²/);
    await shot(surveyor.page, '3-hazard-preview');
    await surveyor.page.getByRole('button', { name: 'Submit' }).click();
    await surveyor.page.getByTestId('result').waitFor();

    const imo = await session();
    await logIn(imo, started().demo, 'imo');
    await imo.page.goto(`${started().demo.url}/#/new/hazard`);
    const row = imo.page.getByTestId('submission').filter({ hasText: name });
    await row.getByRole('button', { name: 'Approve' }).click();
    await row.waitFor({ state: 'detached' });
    // Centred on the new hazard at street zoom, the map draws it from the server's vector tiles;
    // a click in the middle of the map opens its record.
    const centre = parseCoordinate('35VLG8515051050', { kind: 'mgrs', precision: 5 });
    if (!centre.ok) throw new Error('MGRS');
    await imo.page.goto(
      `${started().demo.url}/#/map/@${centre.value.lat.toFixed(6)},${centre.value.lon.toFixed(6)},16`,
    );
    const map = imo.page.getByTestId('map');
    await imo.page.locator('[data-testid=map][data-ready=true]').waitFor({ timeout: 30_000 });
    await shot(imo.page, '3-hazard-on-map');
    const box = await map.boundingBox();
    if (box === null) throw new Error('map has no box');
    await imo.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await imo.page.waitForURL(/#\/record\/hazards\//);
    await expect.poll(() => imo.page.getByTestId('record').textContent()).toContain(name);
  });

  it('keeps a hazard entered offline on the device, sends it when the connection returns, and records a resent report once', async () => {
    const surveyor = await session();
    await logIn(surveyor, started().demo, 'surveyor');
    await surveyor.page.goto(`${started().demo.url}/#/new/hazard`);
    const stamp = Date.now();
    const offline = `E2E offline hazard ${stamp}`;
    const lost = `E2E lost-response hazard ${stamp}`;

    // 1. The connection drops after the form is filled in: the report is kept on the device, and
    // the outbox says so.
    await fillHazard(surveyor, offline, ['35VLG8600051000', '35VLG8620051000', '35VLG8620051200']);
    await expect.poll(() => surveyor.page.getByTestId('area').textContent()).toMatch(/m²/);
    await surveyor.context.setOffline(true);
    await surveyor.page.getByRole('button', { name: 'Submit' }).click();
    await surveyor.page.getByTestId('queued').waitFor();
    // A second click on the same report does not make a second report.
    await surveyor.page.getByRole('button', { name: 'Submit' }).click();
    await surveyor.page.getByTestId('queued').waitFor();
    await expect.poll(() => surveyor.page.getByTestId('outbox-link').textContent()).toBe('Outbox (1)');
    await surveyor.page.getByTestId('outbox-link').click();
    const row = surveyor.page.getByTestId('outbox-item').filter({ hasText: offline });
    await expect.poll(() => row.getAttribute('data-status')).toBe('pending');
    await shot(surveyor.page, '3d-outbox-offline');

    // 2. The connection returns: the browser's online event sends it, with no click.
    await surveyor.context.setOffline(false);
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 15_000 }).toBe('sent');
    await expect.poll(() => surveyor.page.getByTestId('outbox-link').textContent()).toBe('Outbox');

    // 3. The server records a report but its answer is lost: the outbox keeps it and resends it.
    await surveyor.page.goto(`${started().demo.url}/#/new/hazard`);
    await fillHazard(surveyor, lost, ['35VLG8700051000', '35VLG8720051000', '35VLG8720051200']);
    await expect.poll(() => surveyor.page.getByTestId('area').textContent()).toMatch(/m²/);
    const submitRoute = '**/api/commands/landrelease.submit';
    await surveyor.page.route(submitRoute, async (route) => {
      await route.fetch(); // reaches the server, which records the report
      await route.abort('connectionreset'); // the answer never arrives
    });
    await surveyor.page.getByRole('button', { name: 'Submit' }).click();
    await surveyor.page.getByTestId('queued').waitFor();
    await surveyor.page.unroute(submitRoute);
    await surveyor.page.getByTestId('outbox-link').click();
    const lostRow = surveyor.page.getByTestId('outbox-item').filter({ hasText: lost });
    await expect.poll(() => lostRow.getAttribute('data-status')).toBe('pending');
    await surveyor.page.getByRole('button', { name: 'Send now' }).click();
    await expect.poll(() => lostRow.getAttribute('data-status')).toBe('sent');
    await shot(surveyor.page, '3d-outbox-sent');

    // Each report waits for review exactly once.
    const imo = await session();
    await logIn(imo, started().demo, 'imo');
    await imo.page.goto(`${started().demo.url}/#/new/hazard`);
    await imo.page.getByTestId('submission').first().waitFor();
    await expect(imo.page.getByTestId('submission').filter({ hasText: offline }).count()).resolves.toBe(1);
    await expect(imo.page.getByTestId('submission').filter({ hasText: lost }).count()).resolves.toBe(1);
  });

  it('records a minefield with reference points in MGRS and turning points by bearing and distance, previewed live', async () => {
    const s = await session();
    await logIn(s, started().demo, 'recorder');
    await s.page.goto(`${started().demo.url}/#/new/minefield`);
    await s.page.getByLabel('Unit').fill('SYNTHETIC DEMO UNIT');
    await s.page.getByLabel('Coordinate format').selectOption('mgrs');
    await s.page.getByLabel('Reference point 1 (RP1)', { exact: true }).fill('35VLG8500051000');
    await s.page.getByLabel('Reference point 2 (RP2)', { exact: true }).fill('35VLG8510051000');
    const legs = [
      ['10', '120'],
      ['100', '150'],
      ['200', '90'],
    ];
    for (const [i, [b, d]] of legs.entries()) {
      await s.page.getByLabel(`Turning point ${i + 1}: Bearing (degrees)`).fill(b ?? '');
      await s.page.getByLabel(`Turning point ${i + 1}: Distance (m)`).fill(d ?? '');
    }
    await expect
      .poll(() => s.page.locator('#mf-p2-preview').textContent())
      .toMatch(/Reads as (59|60)\.\d+, 24\.\d+/);
    await shot(s.page, '3b-minefield-preview');
    await s.page.getByRole('button', { name: 'Submit' }).click();
    await s.page.locator('.success, .error').first().waitFor();
    await shot(s.page, '3b-minefield-recorded');
    expect(await s.page.locator('.error').count()).toBe(0);
  });

  it('records a marking inspection with a finding, and shows a missing inspector next to its field', async () => {
    const s = await session();
    await logIn(s, started().demo, 'recorder');
    await s.page.goto(`${started().demo.url}/#/new/inspection`);
    await s.page.getByLabel('Minefield record').selectOption({ index: 1 });
    await s.page.getByRole('button', { name: 'Add a finding' }).click();
    await s.page.getByLabel('Findings 1: Kind').selectOption('fence-breach');
    await s.page.getByRole('button', { name: 'Submit' }).click();
    await expect.poll(() => s.page.locator('#insp-by-problems').textContent()).not.toBe('');
    await shot(s.page, '3c-inspection-problem');
    await s.page.getByLabel('Inspector').fill('SYNTHETIC INSPECTOR');
    // Only a marked minefield can be inspected; the server's refusal for the others shows at the field.
    const options = await s.page.getByLabel('Minefield record').locator('option').count();
    let recorded = false;
    for (let i = 1; i < options && !recorded; i++) {
      await s.page.getByLabel('Minefield record').selectOption({ index: i });
      await s.page.getByRole('button', { name: 'Submit' }).click();
      await s.page.locator('form .success, form .error').first().waitFor();
      if ((await s.page.locator('form .success').count()) > 0) recorded = true;
      else {
        expect(await s.page.locator('#insp-mf-problems').textContent()).not.toBe('');
        await shot(s.page, '3c-inspection-refused-at-field');
      }
    }
    await shot(s.page, '3c-inspection-recorded');
    expect(recorded).toBe(true);
  });

  it('proposes a stock movement as the stock officer and approves it as an approver; the proposer is told why they cannot', async () => {
    const stock = await session();
    await logIn(stock, started().demo, 'stock');
    await stock.page.goto(`${started().demo.url}/#/stock`);
    await stock.page.getByLabel('To account').selectOption({ index: 1 });
    await stock.page.getByLabel('Quantity').fill('1');
    await stock.page.getByRole('button', { name: 'Propose a movement' }).click();
    await stock.page.getByTestId('proposed').waitFor();
    await stock.page.getByTestId('own-movement').first().waitFor();
    expect(await stock.page.getByTestId('own-movement').first().textContent()).toContain('two-person rule');
    await shot(stock.page, '4-proposed-own-movement');

    const approver = await session();
    await logIn(approver, started().demo, 'approver');
    await approver.page.goto(`${started().demo.url}/#/stock`);
    const mine = approver.page
      .getByTestId('pending-movement')
      .filter({ has: approver.page.getByRole('button', { name: 'Approve' }) });
    await mine.first().waitFor();
    const id = await mine.first().getAttribute('data-movement');
    await mine.first().getByRole('button', { name: 'Approve' }).click();
    await approver.page.getByTestId('approved').waitFor();
    await approver.page.locator(`[data-movement="${id ?? ''}"]`).waitFor({ state: 'detached' });
    await shot(approver.page, '4-approved');
  });

  it('lists compliance findings with their legal basis and follows a finding to its subject', async () => {
    const s = await session();
    await logIn(s, started().demo, 'auditor');
    await s.page.goto(`${started().demo.url}/#/compliance`);
    await s.page.getByTestId('finding').first().waitFor();
    expect(await s.page.getByTestId('finding').first().textContent()).toMatch(/Legal basis/);
    await shot(s.page, '5-findings');
    await s.page.getByTestId('finding-subject').first().click();
    await s.page.waitForURL(/#\/record\//);
    await s.page.locator('[data-testid=record], .error').first().waitFor();
    await shot(s.page, '5-finding-subject');
    await expect(s.page.getByTestId('record').count()).resolves.toBe(1);
    // The subject's inclusion proof downloads as a file that names its record and checkpoint.
    const [download] = await Promise.all([
      s.page.waitForEvent('download'),
      s.page.getByTestId('record-proof').click(),
    ]);
    const path = await download.path();
    const proof = JSON.parse(await import('node:fs/promises').then((fs) => fs.readFile(path, 'utf8'))) as {
      format?: string;
      proofs?: unknown[];
    };
    expect(proof.format).toBe('cairn-record-proof/1');
    expect(proof.proofs?.length).toBeGreaterThan(0);
  });

  it('draws land-release progress as three charts, each with a table of the report\u2019s own figures', async () => {
    const s = await session();
    await logIn(s, started().demo, 'imo');
    await s.page.goto(`${started().demo.url}/#/progress`);
    await s.page.locator('figure.chart canvas').first().waitFor();
    await expect(s.page.locator('figure.chart').count()).resolves.toBe(3);
    // The report as the server declares it, read in the page (same origin, the session's cookie).
    const report = await s.page.evaluate(async () => {
      const r = await fetch('/api/reports/landrelease', { headers: { accept: 'application/json' } });
      return (await r.json()) as {
        areaByMethod: { month: string; method: string }[];
        devicesByType: { category: string }[];
        casualtiesBySexAge: { sex: string; ageGroup: string }[];
      };
    });
    const distinct = (xs: readonly string[]) => new Set(xs).size;
    const rows = (id: string) =>
      s.page.locator(`figure[aria-labelledby="${id}-title"] table tbody tr`).count();
    const columns = (id: string) =>
      s.page.locator(`figure[aria-labelledby="${id}-title"] table tbody tr:first-child td`).count();
    // One row per month, one column per method; one row per sex, one column per age group.
    expect(report.areaByMethod.length).toBeGreaterThan(0);
    await expect(rows('area')).resolves.toBe(distinct(report.areaByMethod.map((r) => r.month)));
    await expect(columns('area')).resolves.toBe(distinct(report.areaByMethod.map((r) => r.method)));
    await expect(rows('devices')).resolves.toBe(distinct(report.devicesByType.map((d) => d.category)));
    await expect(rows('casualties')).resolves.toBe(distinct(report.casualtiesBySexAge.map((c) => c.sex)));
    await expect(columns('casualties')).resolves.toBe(
      distinct(report.casualtiesBySexAge.map((c) => c.ageGroup)),
    );
    await shot(s.page, '6b-progress');
  });

  it('runs verify on the ledger page and shows the checkpoint and the result', async () => {
    const s = await session();
    await logIn(s, started().demo, 'auditor');
    await s.page.goto(`${started().demo.url}/#/ledger`);
    await s.page.getByTestId('checkpoint').waitFor();
    await s.page.getByTestId('verify').click();
    await expect
      .poll(() => s.page.getByTestId('verify-result').textContent(), { timeout: 30_000 })
      .toMatch(/Verified: .* entries/);
    await shot(s.page, '6-ledger-verified');
  });

  it('switches to Finnish, keeps it across a reload, and formats the page in Finnish', async () => {
    const s = await session();
    await logIn(s, started().demo, 'imo');
    await s.page.getByTestId('language').selectOption('fi');
    await s.page.getByRole('link', { name: 'Kartta' }).waitFor();
    expect(await s.page.locator('html').getAttribute('lang')).toBe('fi');
    await s.page.reload();
    await s.page.getByRole('link', { name: 'Tilikirja' }).waitFor();
    await shot(s.page, '7-finnish');
  });

  it('in Ukrainian, shows a server refusal as the code\u2019s Ukrainian title with the server\u2019s English words marked as English', async () => {
    const s = await session();
    await logIn(s, started().demo, 'imo');
    await s.page.getByTestId('language').selectOption('uk');
    await expect.poll(() => s.page.locator('html').getAttribute('lang')).toBe('uk');
    await s.page.goto(`${started().demo.url}/#/record/hazards/00000000-0000-4000-8000-000000000000`);
    const alert = s.page.getByRole('alert').first();
    await alert.waitFor();
    const text = (await alert.textContent()) ?? '';
    expect(text).toContain(uk['error.title.NOT_FOUND']);
    expect(text).toContain(uk['error.detail']);
    const english = ((await alert.locator('[lang="en"]').textContent()) ?? '').trim();
    expect(english).not.toBe('');
    expect(english).not.toContain(uk['error.title.NOT_FOUND']);
    await shot(s.page, '7-ukrainian-error');
  });

  it('works at tablet width (768 px): the map and the navigation fit without horizontal scrolling', async () => {
    const s = await session({ width: 768, height: 1024 });
    await logIn(s, started().demo, 'imo');
    await s.page.locator('[data-testid=map][data-ready=true]').waitFor({ timeout: 30_000 });
    const overflow = await s.page.evaluate<number>(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await s.page.reload();
    await s.page.getByTestId('signed-in').waitFor();
    await s.page.keyboard.press('Tab');
    expect(await s.page.evaluate<string | undefined>('document.activeElement?.textContent')).toBe(
      'Skip to content',
    );
    await shot(s.page, '8-tablet');
  });

  it('meets WCAG AA contrast for its text and can be driven from the keyboard', async () => {
    const s = await session();
    await logIn(s, started().demo, 'stock');
    await s.page.goto(`${started().demo.url}/#/stock`);
    await s.page.getByTestId('balances').waitFor();
    // Contrast of every visible text element against its nearest opaque background (WCAG 1.4.3).
    const worst = await s.page.evaluate<{ ratio: number; text: string }[]>(`(() => {
      const lum = (c) => { const [r, g, b] = c.map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
      const rgba = (s) => (s.match(/[0-9.]+/g) || []).map(Number);
      const bg = (el) => { for (let e = el; e; e = e.parentElement) { const c = rgba(getComputedStyle(e).backgroundColor); if (c.length === 3 || (c[3] ?? 1) > 0.9) return c.slice(0, 3); } return [255, 255, 255]; };
      const out = [];
      for (const el of document.querySelectorAll('main *, header *, nav *')) {
        const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim() !== '');
        const r = el.getBoundingClientRect();
        if (!own || r.width === 0 || el.closest('.maplibregl-map')) continue;
        const st = getComputedStyle(el);
        if (st.visibility === 'hidden' || el.disabled) continue;
        const a = lum(rgba(st.color).slice(0, 3)), b = lum(bg(el));
        out.push({ ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05), text: el.textContent.trim().slice(0, 40) });
      }
      return out.sort((x, y) => x.ratio - y.ratio).slice(0, 5);
    })()`);
    expect(worst.length).toBeGreaterThan(0);
    expect(worst[0]?.ratio, JSON.stringify(worst[0])).toBeGreaterThanOrEqual(4.5);
    // Keyboard: the navigation is reachable by Tab and follows Enter.
    await s.page.getByRole('link', { name: 'Ledger' }).focus();
    await s.page.keyboard.press('Enter');
    await s.page.waitForURL(/#\/ledger$/);
    await s.page.getByTestId('verify').focus();
    await s.page.keyboard.press('Enter');
    await expect
      .poll(() => s.page.getByTestId('verify-result').textContent(), { timeout: 30_000 })
      .toMatch(/Verified/);
  });

  it('never sends a request off the server origin in any of the scenarios above', () => {
    const all = sessions.flatMap((s) => s.requests);
    expect(all.length).toBeGreaterThan(20);
    expect(sessions.flatMap((s) => s.external)).toEqual([]);
    for (const u of all)
      expect(
        ['127.0.0.1', 'localhost'].includes(new URL(u).hostname) ||
          u.startsWith('data:') ||
          u.startsWith('blob:'),
        u,
      ).toBe(true);
  });
});
