/**
 * One date and instant rule at every boundary (issue #13 §4): a date or time that does not exist
 * is refused with an error naming the field, never rolled over (2026-04-31T12:00:00Z is not
 * 1 May); a leap day that exists is accepted. Boundaries: the command envelope's effectiveAt,
 * command payload date fields, HTTP query parameters, OGC `datetime`, CQL2 literals, CLI flags,
 * and files read back (ledger export, data directory config).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../src/access/index.js';
import type { Cairn } from '../src/app/index.js';
import { addTestUser, makeTestApp } from '../src/app/testing/index.js';
import { runCli } from '../src/cli/cli.testkit.js';
import type { CommandEnvelope } from '../src/command/index.js';
import { fixedClock, type Problem } from '../src/core/index.js';
import { createHttpApp, type HttpApp } from '../src/http/index.js';

const REFUSED_INSTANTS = ['2026-04-31T12:00:00Z', '2026-02-29T12:00:00Z', '2026-04-30T24:00:00Z'] as const;
const REFUSED_DATES = ['2026-04-31', '2026-02-29', '2026-13-01'] as const;
const LEAP_DAY = '2028-02-29';
const LEAP_INSTANT = '2028-02-29T12:00:00Z';

let app: Cairn;
let http: HttpApp;
let token: string;

beforeAll(async () => {
  // After the leap day, so 2028-02-29 is not refused as being in the future.
  app = await makeTestApp({ clock: fixedClock('2029-06-01T12:00:00Z', 1000) });
  const admin = await addTestUser(app, 'ada', ['admin']);
  const t = await app.execute({ type: 'user.token.create', payload: { label: 'test' } }, admin);
  if (!t.ok) throw new Error('token');
  token = t.value.result['token'] as string;
  http = createHttpApp(app, {});
});
afterAll(async () => {
  await app.close();
});

/** The problems of a refused command (none when it was executed). */
async function problemsOf(cmd: CommandEnvelope): Promise<readonly Problem[]> {
  const r = await app.execute(cmd, SYSTEM_ACTOR);
  return r.ok ? [] : r.errors;
}
const at = (ps: readonly Problem[], path: string) => ps.filter((p) => p.path === path).map((p) => p.code);

describe('the command envelope: effectiveAt', () => {
  const cmd = (effectiveAt: string): CommandEnvelope => ({
    type: 'treaty.readiness.set',
    effectiveAt,
    payload: {
      code: 'FI',
      status: 'peace',
      legalReference: 'test reference',
      sourceUrl: 'https://example.org/x',
    },
  });
  it.each([...REFUSED_INSTANTS, ...REFUSED_DATES])(
    'refuses effectiveAt %s, naming effectiveAt',
    async (v) => {
      expect(at(await problemsOf(cmd(v)), 'effectiveAt')).toEqual(['VALIDATION_FORMAT']);
    },
  );
  it('accepts the leap day 2028-02-29 as a date and as an instant', async () => {
    expect(at(await problemsOf(cmd(LEAP_DAY)), 'effectiveAt')).toEqual([]);
    expect(at(await problemsOf(cmd(LEAP_INSTANT)), 'effectiveAt')).toEqual([]);
  });
});

describe('command payload date fields', () => {
  const eore = (date: string): CommandEnvelope => ({
    type: 'landrelease.submit',
    payload: {
      kind: 'eore',
      report: {
        date,
        location: [24.9, 60.2],
        organisation: 'org-1',
        audience: { women: 1, men: 1, girls: 0, boys: 0 },
      },
    },
  });
  const activity = (startDate: string): CommandEnvelope => ({
    type: 'landrelease.submit',
    payload: {
      kind: 'activity',
      report: { hazardId: 'h-1', type: 'clearance', organisation: 'org-1', startDate, status: 'ongoing' },
    },
  });
  const facility = (lastInspection: string): CommandEnvelope => ({
    type: 'stock.facility.add',
    payload: {
      name: 'Depot',
      operatorId: '00000000-0000-4000-8000-000000000000',
      state: 'FI',
      location: { type: 'Point', coordinates: [24.9, 60.2] },
      licenceRef: 'L-1',
      neqLimitsKg: {},
      securityLevel: 1,
      lastInspection,
      locations: [{ id: 'A', building: 'A', bay: '1' }],
    },
  });
  const instrument = (date: string): CommandEnvelope => ({
    type: 'treaty.instrument.record',
    payload: { code: 'FI', kind: 'accession', date, sourceUrl: 'https://example.org/x' },
  });
  const report = (dtg: string): CommandEnvelope => ({
    type: 'minefield.report.file',
    payload: {
      minefieldId: 'mf-1',
      reportType: 'initiation',
      dtg,
      originator: 'A',
      recipient: 'B',
      summary: 'S',
    },
  });
  const repair = (repairedAt: string): CommandEnvelope => ({
    type: 'minefield.repair.record',
    payload: { minefieldId: 'mf-1', findingIds: ['f-1'], repairedAt },
  });
  const dates = [
    ['landrelease EORE report date', eore, 'payload.report.date'],
    ['landrelease activity startDate', activity, 'payload.report.startDate'],
    ['stock facility lastInspection', facility, 'payload.lastInspection'],
    ['treaty instrument date', instrument, 'payload.date'],
  ] as const;
  const instants = [
    ['minefield report dtg', report, 'payload.dtg'],
    ['minefield repair repairedAt', repair, 'payload.repairedAt'],
  ] as const;

  for (const [what, make, path] of dates) {
    it(`${what}: refuses ${REFUSED_DATES.join(', ')} naming ${path}, and accepts ${LEAP_DAY}`, async () => {
      for (const v of REFUSED_DATES)
        expect(at(await problemsOf(make(v)), path), v).toEqual(['VALIDATION_FORMAT']);
      expect(at(await problemsOf(make(LEAP_DAY)), path)).toEqual([]);
    });
  }
  for (const [what, make, path] of instants) {
    it(`${what}: refuses ${REFUSED_INSTANTS.join(', ')} naming ${path}, and accepts ${LEAP_INSTANT}`, async () => {
      for (const v of REFUSED_INSTANTS)
        expect(at(await problemsOf(make(v)), path), v).toEqual(['VALIDATION_FORMAT']);
      expect(at(await problemsOf(make(LEAP_INSTANT)), path)).toEqual([]);
    });
  }
});

describe('HTTP', () => {
  const get = (path: string) => http.http.request(path, { headers: { authorization: `Bearer ${token}` } });
  const refusal = async (res: Response) => {
    expect(res.status).toBe(400);
    return ((await res.json()) as { details: Problem[] }).details.map((p) => [p.code, p.path]);
  };

  it('refuses a stock asOf date that does not exist, naming asOf, and accepts 2028-02-29', async () => {
    for (const v of REFUSED_DATES)
      expect(await refusal(await get(`/api/stock/balances?by=type&asOf=${v}`))).toEqual([
        ['VALIDATION_FORMAT', 'asOf'],
      ]);
    expect((await get(`/api/stock/balances?by=type&asOf=${LEAP_DAY}`)).status).toBe(200);
  });

  it('refuses an OGC datetime instant, date or interval end that does not exist, naming datetime', async () => {
    for (const v of [
      ...REFUSED_INSTANTS,
      ...REFUSED_DATES,
      `2026-01-01T00:00:00Z/${REFUSED_INSTANTS[0]}`,
      `../${REFUSED_DATES[1]}`,
    ]) {
      expect(
        await refusal(await get(`/ogc/collections/hazards/items?datetime=${encodeURIComponent(v)}`)),
        v,
      ).toEqual([['VALIDATION_FORMAT', 'datetime']]);
    }
    for (const v of [LEAP_DAY, LEAP_INSTANT, `${LEAP_DAY}/..`])
      expect((await get(`/ogc/collections/hazards/items?datetime=${encodeURIComponent(v)}`)).status, v).toBe(
        200,
      );
  });

  it('refuses a command posted with an effectiveAt that does not exist, naming effectiveAt', async () => {
    const res = await http.http.request('/api/commands/treaty.readiness.set', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        effectiveAt: '2026-04-31T12:00:00Z',
        payload: {
          code: 'FI',
          status: 'peace',
          legalReference: 'test reference',
          sourceUrl: 'https://example.org/x',
        },
      }),
    });
    expect(await refusal(res)).toEqual([['VALIDATION_FORMAT', 'effectiveAt']]);
  });
});

describe('CLI flags', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cairn-dates-'));
    expect((await runCli(['init', '--data', dir, '--origin', 'cairn/test-dates'])).code).toBe(0);
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const flags: readonly (readonly [
    string,
    (v: string) => string[],
    readonly string[],
    string | undefined,
  ])[] = [
    ['--from', (v) => ['report', 'landrelease', '--from', v, '--to', '2029-01-01'], REFUSED_DATES, LEAP_DAY],
    [
      '--as-of',
      (v) => ['stock', 'balance', '--state', 'FI', '--as-of', v],
      [...REFUSED_DATES, ...REFUSED_INSTANTS],
      LEAP_DAY,
    ],
    ['--at', (v) => ['compliance', '--at', v], [...REFUSED_DATES, ...REFUSED_INSTANTS], LEAP_INSTANT],
    [
      '--date',
      (v) => ['stock', 'move', 'propose', '--date', v, '--payload', '{}'],
      [...REFUSED_DATES, ...REFUSED_INSTANTS],
      undefined,
    ],
    [
      '--date',
      (v) => ['landrelease', 'status', 'HA-0001', 'closed', '--date', v, '--reason', 'r'],
      [...REFUSED_DATES, ...REFUSED_INSTANTS],
      undefined,
    ],
    [
      '--dtg',
      (v) => [
        'minefield',
        'report',
        'mf-1',
        '--type',
        'initiation',
        '--dtg',
        v,
        '--originator',
        'a',
        '--recipient',
        'b',
        '--summary',
        's',
      ],
      REFUSED_INSTANTS,
      undefined,
    ],
    [
      '--at',
      (v) => [
        'minefield',
        'release',
        'mf-1',
        '--recipient-kind',
        'national-mac',
        '--recipient',
        'x',
        '--legal-basis',
        'y',
        '--at',
        v,
      ],
      REFUSED_INSTANTS,
      undefined,
    ],
  ];
  for (const [flag, argv, refused, accepted] of flags) {
    it(`cairn ${argv('V')
      .slice(
        0,
        argv('V').findIndex((a) => a.startsWith('-')),
      )
      .join(' ')} ${flag}: refuses ${refused.join(', ')} as wrong usage naming the flag`, async () => {
      for (const v of refused) {
        const r = await runCli([...argv(v), '--data', dir]);
        expect(r.code, v).toBe(2);
        expect(r.err, v).toContain(`'${flag}`);
        expect(r.err, v).toContain(v);
      }
      if (accepted !== undefined) expect((await runCli([...argv(accepted), '--data', dir])).code).toBe(0);
    });
  }
});

describe('files read back', () => {
  it('refuses a data directory whose cairn.json createdAt does not exist', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cairn-dates-dir-'));
    try {
      expect((await runCli(['init', '--data', dir, '--origin', 'cairn/test-dates'])).code).toBe(0);
      const file = join(dir, 'cairn.json');
      const config = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      writeFileSync(file, JSON.stringify({ ...config, createdAt: '2026-04-31T12:00:00Z' }));
      const r = await runCli(['verify', '--data', dir]);
      expect(r.code).not.toBe(0);
      expect(r.err).toContain('createdAt');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a ledger export whose exportedAt does not exist, naming it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cairn-dates-ledger-'));
    try {
      expect((await runCli(['init', '--data', join(dir, 'a'), '--origin', 'cairn/test-dates'])).code).toBe(0);
      const out = join(dir, 'ledger.jsonl');
      expect((await runCli(['ledger', 'export', '--data', join(dir, 'a'), '--out', out])).code).toBe(0);
      const [head = '', ...rest] = readFileSync(out, 'utf8').split('\n');
      writeFileSync(
        out,
        [
          JSON.stringify({ ...(JSON.parse(head) as object), exportedAt: '2026-04-30T24:00:00Z' }),
          ...rest,
        ].join('\n'),
      );
      const r = await runCli(['ledger', 'import', out, '--data', join(dir, 'a')]);
      expect(r.code).not.toBe(0);
      expect(r.err).toContain('exportedAt');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
