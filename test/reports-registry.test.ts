/**
 * Every registered report is reachable through both adapters generated from its definition —
 * `cairn report ID --flag …` and `GET /api/reports/ID?param=…` — with the same parameters, giving
 * the same JSON model; and both refuse a bad parameter with the same code, naming it.
 * The CLI opens the data directory itself (SQLite), as a user's shell would.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/cli.testkit.js';
import { initCairn } from '../src/cli/context.js';
import { seedDemo } from '../src/demo/index.js';
import { REPORTS, flagOf } from '../src/reports/index.js';
import { makeFixture, type Fixture } from './http-fixtures.js';

let f: Fixture;
let data: string;
let params: Readonly<Record<string, Readonly<Record<string, string>>>>;

beforeAll(async () => {
  data = join(mkdtempSync(join(tmpdir(), 'cairn-reports-')), 'd');
  const { app } = await initCairn(data, 'cairn/reports-test', {}, undefined, true);
  await seedDemo(app);
  f = await makeFixture({}, [], app);
  const [mf] = await app.store.findDocs({ collection: 'minefields', limit: 1 });
  if (mf === undefined) throw new Error('the demo seeds minefield records');
  const closedYear = String(app.clock.now().getUTCFullYear() - 1);
  const day = app.clock.now().toISOString().slice(0, 10);
  // One set of parameters per report: a new report must add its row here.
  params = {
    article7: { state: 'FI', year: closedYear },
    'ccw-art13': { state: 'UA', year: closedYear },
    'stock-statement': { asOf: day },
    landrelease: { from: '2020-01-01', to: day },
    minefield: { id: mf.id },
    'compliance-findings': { at: day, severity: 'violation,warning' },
  };
}, 180_000);
afterAll(async () => {
  await f.app.close();
});

const cliArgs = (id: string, p: Readonly<Record<string, string>>): string[] => [
  'report',
  id,
  ...Object.entries(p).flatMap(([k, v]) => [`--${flagOf(k)}`, v]),
  '--data',
  data,
  '--as',
  'uadmin',
];

describe('the report registry', () => {
  it('has sample parameters for every registered report', () => {
    expect(Object.keys(params).sort()).toEqual(REPORTS.map((r) => r.id).sort());
  });

  it('documents every report with its parameters and format in the OpenAPI document', async () => {
    const doc = (await (await f.request('anonymous', '/api')).json()) as {
      paths: Record<string, { get?: { parameters: { name: string; in: string }[] } }>;
    };
    for (const report of REPORTS) {
      const names = (doc.paths[`/api/reports/${report.id}`]?.get?.parameters ?? [])
        .filter((p) => p.in === 'query')
        .map((p) => p.name);
      expect(names.sort(), report.id).toEqual([...report.params.map((p) => p.name), 'format'].sort());
    }
  });

  it('gives the same JSON model through `cairn report ID` and `GET /api/reports/ID`', async () => {
    for (const report of REPORTS) {
      const p = params[report.id] ?? {};
      const cli = await runCli([...cliArgs(report.id, p), '--format', 'json']);
      expect(cli.code, `${report.id}: ${cli.err}`).toBe(0);
      const res = await f.request(
        'admin',
        `/api/reports/${report.id}?${new URLSearchParams({ ...p, format: 'json' }).toString()}`,
      );
      expect(res.status, report.id).toBe(200);
      const fromCli = JSON.parse(cli.out) as Record<string, unknown>;
      const fromHttp = (await res.json()) as Record<string, unknown>;
      // The record sheet states the instant it was rendered; everything else must be equal.
      if (report.id === 'minefield') {
        expect(typeof fromCli['generatedAt']).toBe('string');
        delete fromCli['generatedAt'];
        delete fromHttp['generatedAt'];
      }
      expect(fromCli, report.id).toEqual(fromHttp);
      expect(Object.keys(fromCli).length, report.id).toBeGreaterThan(1);
    }
  }, 120_000);

  it('renders every format a report offers through both adapters', async () => {
    for (const report of REPORTS) {
      const p = params[report.id] ?? {};
      for (const format of report.formats.filter((x) => x !== 'pdf' && x !== 'json')) {
        const cli = await runCli([...cliArgs(report.id, p), '--format', format]);
        expect(cli.code, `${report.id} ${format}: ${cli.err}`).toBe(0);
        const res = await f.request(
          'admin',
          `/api/reports/${report.id}?${new URLSearchParams({ ...p, format }).toString()}`,
        );
        expect(res.status, `${report.id} ${format}`).toBe(200);
        expect(res.headers.get('content-type'), `${report.id} ${format}`).toContain(
          format === 'csv' ? 'text/csv' : 'text/html',
        );
        // The ledger grows by nothing between the two runs, so the renderings agree too (html of a
        // record sheet carries its rendering instant, and so is compared by its head only).
        const text = await res.text();
        if (report.id === 'minefield') expect(text.slice(0, 200)).toBe(cli.out.slice(0, 200));
        else expect(text).toBe(cli.out);
      }
      const pdf = await f.request(
        'admin',
        `/api/reports/${report.id}?${new URLSearchParams({ ...p, format: 'pdf' }).toString()}`,
      );
      expect(pdf.headers.get('content-type'), report.id).toBe('application/pdf');
      expect(
        Buffer.from(await pdf.arrayBuffer())
          .subarray(0, 5)
          .toString('latin1'),
      ).toBe('%PDF-');
    }
  }, 180_000);

  it('refuses a bad parameter with the same code through both adapters, naming the parameter (the flag on the CLI)', async () => {
    const cli = await runCli(cliArgs('stock-statement', { asOf: '2026-02-30' }));
    expect(cli.code).not.toBe(0);
    expect(cli.err).toContain('--as-of');
    expect(cli.err).toContain('VALIDATION_FORMAT');
    const res = await f.request('admin', '/api/reports/stock-statement?asOf=2026-02-30');
    expect(res.status).toBe(400);
    const body = (await res.json()) as { details: { code: string; path: string }[] };
    expect(body.details).toEqual([expect.objectContaining({ code: 'VALIDATION_FORMAT', path: 'asOf' })]);

    const order = await f.request('admin', '/api/reports/landrelease?from=2026-02-01&to=2026-01-01');
    expect(((await order.json()) as { details: { code: string; path: string }[] }).details).toEqual([
      expect.objectContaining({ code: 'VALIDATION_DATE_ORDER', path: 'to' }),
    ]);
    const cliOrder = await runCli(cliArgs('landrelease', { from: '2026-02-01', to: '2026-01-01' }));
    expect(cliOrder.err).toMatch(/--to: .*VALIDATION_DATE_ORDER/);

    const noCsv = await f.request(
      'admin',
      `/api/reports/minefield?id=${params['minefield']?.['id'] ?? ''}&format=csv`,
    );
    expect(noCsv.status).toBe(400);
    expect(((await noCsv.json()) as { details: { code: string; path: string }[] }).details).toEqual([
      expect.objectContaining({ code: 'VALIDATION_ENUM', path: 'format' }),
    ]);
    const missing = await runCli(cliArgs('article7', { state: 'FI' }));
    expect(missing.err).toMatch(/--year: .*VALIDATION_REQUIRED/);
    expect(
      (
        (await (await f.request('admin', '/api/reports/article7?state=FI')).json()) as {
          details: { code: string; path: string }[];
        }
      ).details,
    ).toEqual([expect.objectContaining({ code: 'VALIDATION_REQUIRED', path: 'year' })]);
  }, 60_000);

  it('keeps the older command names and switches: `report stock --csv` and `report minefield ID`', async () => {
    const day = params['stock-statement']?.['asOf'] ?? '';
    const csv = await runCli(['report', 'stock', '--as-of', day, '--csv', '--data', data, '--as', 'uadmin']);
    expect(csv.code, csv.err).toBe(0);
    expect(csv.out).toMatch(/^# Form B/m);
    const both = await runCli([
      'report',
      'stock',
      '--as-of',
      day,
      '--csv',
      '--json',
      '--data',
      data,
      '--as',
      'uadmin',
    ]);
    expect(both.code).not.toBe(0);
    expect(both.err).toContain('choose one format');
    const id = params['minefield']?.['id'] ?? '';
    const sheet = await runCli(['report', 'minefield', id, '--data', data, '--as', 'uadmin']);
    expect(sheet.code, sheet.err).toBe(0);
    expect((JSON.parse(sheet.out) as { record: { id: string } }).record.id).toBe(id);
  }, 60_000);
});
