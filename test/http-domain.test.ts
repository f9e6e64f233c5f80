/**
 * The JSON API's domain routes over demo data and real workbench hazards: compliance findings
 * with need-to-know and links, reports, stock queries (the two-person rule visible in the
 * queue), minefields, land release, treaty states and record inclusion proofs verified here
 * with node:crypto (RFC 9162), independently of src/ledger.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEvents } from '../src/app/index.js';
import { allRules, runRules } from '../src/compliance/index.js';
import { seedDemo } from '../src/demo/index.js';
import { FindingsPage } from '../src/http/schemas.js';
import { makeFixture, seedHazards, type Fixture, type Who } from './http-fixtures.js';

interface Page<T> {
  items: T[];
  numberMatched: number;
  numberReturned: number;
  next: string | null;
}
interface FindingRow {
  rule: string;
  severity: string;
  subject: { kind: string; id: string };
  links: { rel: string; href: string }[];
}

let f: Fixture;
let hazards: string[];
const get = async <T>(who: Who, path: string): Promise<T> => {
  const res = await f.request(who, path);
  if (res.status !== 200) throw new Error(`${path} as ${who}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
};

beforeAll(async () => {
  f = await makeFixture();
  await seedDemo(f.app);
  hazards = await seedHazards(f, 3);
}, 120_000);
afterAll(async () => {
  await f.app.close();
});

describe('compliance findings', () => {
  it('gives an admin every finding the rules produce, each linked to its subject', async () => {
    const expected = await runRules(allRules, {
      docs: f.app.store,
      now: f.app.clock.now(),
      config: {},
      events: () => readEvents(f.app.store),
    });
    const body = await get<Page<FindingRow> & { checkpoint: { size: number } }>(
      'admin',
      '/api/compliance/findings?limit=1000',
    );
    expect(body.numberMatched).toBe(expected.length);
    expect(body.items.map((x) => `${x.rule}|${x.subject.id}`)).toEqual(
      expected.map((x) => `${x.rule}|${x.subject.id}`),
    );
    expect(body.checkpoint.size).toBeGreaterThan(0);
    for (const x of body.items.filter((i) => ['minefield', 'hazard', 'movement'].includes(i.subject.kind))) {
      expect(x.links[0]?.rel).toBe('subject');
      expect(x.links[0]?.href).toContain(encodeURIComponent(x.subject.id));
    }
  });
  it('answers in the shape the web app reads it with (FindingsPage), filtered and paged on the server', async () => {
    const all = FindingsPage.parse(await get<unknown>('admin', '/api/compliance/findings?limit=1000'));
    expect(all.items.length).toBeGreaterThan(0);
    const severity = all.items[0]?.severity ?? 'info';
    const some = FindingsPage.parse(
      await get<unknown>('admin', `/api/compliance/findings?severity=${severity}&limit=2`),
    );
    expect(some.numberMatched).toBe(all.items.filter((x) => x.severity === severity).length);
    expect(some.items.length).toBe(Math.min(2, some.numberMatched));
  });
  it('hides findings about minefield records from a stock officer who may not read them', async () => {
    const all = await get<Page<FindingRow>>('admin', '/api/compliance/findings?limit=1000');
    const officer = await get<Page<FindingRow>>('stock-officer', '/api/compliance/findings?limit=1000');
    expect(all.items.some((x) => x.subject.kind === 'minefield')).toBe(true);
    expect(officer.items.some((x) => x.subject.kind === 'minefield')).toBe(false);
    // A stock officer reads stock and treaty data, but neither minefield records nor restricted hazards.
    const key = (x: FindingRow) => `${x.rule}|${x.subject.id}`;
    expect(officer.items.map(key)).toEqual(
      all.items.filter((x) => !['minefield', 'hazard'].includes(x.subject.kind)).map(key),
    );
  });
  it('filters by severity, rule and subject kind, and pages with next links', async () => {
    const warnings = await get<Page<FindingRow>>(
      'admin',
      '/api/compliance/findings?severity=warning&limit=1000',
    );
    expect(warnings.items.every((x) => x.severity === 'warning')).toBe(true);
    const kinds = await get<Page<FindingRow>>('admin', '/api/compliance/findings?kind=minefield&limit=1000');
    expect(kinds.items.length).toBeGreaterThan(0);
    expect(kinds.items.every((x) => x.subject.kind === 'minefield')).toBe(true);
    const rule = kinds.items[0]?.rule ?? '';
    const byRule = await get<Page<FindingRow>>('admin', `/api/compliance/findings?rule=${rule}&limit=1000`);
    expect(byRule.items.every((x) => x.rule === rule)).toBe(true);
    const all = await get<Page<FindingRow>>('admin', '/api/compliance/findings?limit=1000');
    const seen: string[] = [];
    let path: string | null = '/api/compliance/findings?limit=2';
    while (path !== null) {
      const page: Page<FindingRow> = await get<Page<FindingRow>>('admin', path);
      expect(page.numberReturned).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((x) => `${x.rule}|${x.subject.id}`));
      path = page.next;
    }
    expect(seen).toEqual(all.items.map((x) => `${x.rule}|${x.subject.id}`));
  });
  it('refuses an unknown severity with 400 naming the allowed values', async () => {
    const res = await f.request('admin', '/api/compliance/findings?severity=bad');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { details: { code: string }[] }).details[0]?.code).toBe('VALIDATION_ENUM');
  });
});

describe('reports', () => {
  it('serves the stock statement as of a date, naming its checkpoint, and 401 to the anonymous caller', async () => {
    const s = await get<{ asOf: string; checkpoint: { size: number }; holdings: { quantity: number }[] }>(
      'approver',
      '/api/reports/stock-statement?asOf=2026-06-01',
    );
    expect(s.asOf.startsWith('2026-06-01')).toBe(true);
    expect(s.checkpoint.size).toBeGreaterThan(0);
    expect((await f.request('anonymous', '/api/reports/stock-statement')).status).toBe(401);
    expect((await f.request('admin', '/api/reports/stock-statement?asOf=2026-13-40')).status).toBe(400);
  });
  it('serves the land release progress report with the hazards the caller may see and chart rows', async () => {
    const r = await get<{
      report: string;
      hazards: { count: number };
      areaByMethod: unknown[];
      casualtiesBySexAge: unknown[];
    }>('im-officer', '/api/reports/landrelease');
    expect(r.report).toBe('landrelease-progress');
    expect(r.hazards.count).toBe(await f.app.store.countDocs({ collection: 'hazards' }));
    expect(Array.isArray(r.areaByMethod)).toBe(true);
    expect(Array.isArray(r.casualtiesBySexAge)).toBe(true);
    expect(
      (await f.request('im-officer', '/api/reports/landrelease?from=2026-02-01&to=2026-01-01')).status,
    ).toBe(400);
  });
  it('serves the minefield record sheet as JSON, HTML and PDF, and refuses a caller without minefield.read (403, for any id alike)', async () => {
    const list = await get<Page<{ id: string; humanId: string }>>('minefield-recorder', '/api/minefields');
    const mf = list.items[0];
    if (mf === undefined) throw new Error('demo minefields');
    const json = await get<{ record: { humanId: string }; checkpoint: { size: number } }>(
      'minefield-recorder',
      `/api/reports/minefields/${mf.id}`,
    );
    expect(json.record.humanId).toBe(mf.humanId);
    const html = await f.request('minefield-recorder', `/api/reports/minefields/${mf.id}?format=html`);
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(await html.text()).toContain(mf.humanId);
    const pdf = await f.request('minefield-recorder', `/api/reports/minefields/${mf.id}?format=pdf`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    expect((await f.request('stock-officer', `/api/reports/minefields/${mf.id}`)).status).toBe(403);
    expect((await f.request('stock-officer', '/api/reports/minefields/no-such-record')).status).toBe(403);
  });
});

describe('treaty reports', () => {
  it('serves the Article 7 and CCW Article 13 reports for a closed year as JSON with a digest, and as CSV', async () => {
    const a7 = await get<{ digest: string; body: unknown }>(
      'approver',
      '/api/reports/article7?state=fi&year=2025',
    );
    expect(a7.digest).toMatch(/^[0-9a-f]{64}$/);
    const again = await get<{ digest: string }>('approver', '/api/reports/article7?state=FI&year=2025');
    expect(again.digest).toBe(a7.digest);
    const csv = await f.request('approver', '/api/reports/ccw-art13?state=FI&year=2025&format=csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect((await f.request('anonymous', '/api/reports/article7?state=FI&year=2025')).status).toBe(401);
    const open = await f.request(
      'approver',
      `/api/reports/article7?state=FI&year=${f.app.clock.now().getUTCFullYear() + 1}`,
    );
    expect(((await open.json()) as { code: string }).code).toBe('REPORT_PERIOD_OPEN');
    expect((await f.request('approver', '/api/reports/article7?state=FI')).status).toBe(400);
  });
});

describe('stock queries', () => {
  it('groups balances by type, and by facility and lot, to the same total', async () => {
    const byType = await get<Page<{ typeId: string; designation: string; quantity: number }>>(
      'stock-officer',
      '/api/stock/balances?by=type',
    );
    const byLot = await get<Page<{ facilityId: string; lotId: string; quantity: number }>>(
      'stock-officer',
      '/api/stock/balances?by=facility,lot&limit=1000',
    );
    const sum = (xs: { quantity: number }[]) => xs.reduce((s, x) => s + x.quantity, 0);
    expect(byType.items.length).toBeGreaterThan(0);
    expect(byType.items.every((x) => typeof x.designation === 'string' && !('lotId' in x))).toBe(true);
    expect(sum(byLot.items)).toBe(sum(byType.items));
  });
  it('shows a pending movement with its proposer: the proposer may not approve it, another approver may', async () => {
    const [bal] = await f.app.store.findDocs({
      collection: 'stock.balances',
      where: {
        op: 'and',
        args: [
          { op: '=', field: 'kind', value: 'storage' },
          { op: '>', field: 'qty', value: 5 },
        ],
      },
      limit: 1,
    });
    if (bal === undefined) throw new Error('demo balances');
    const { facilityId, locationId, lotId } = bal.data as {
      facilityId: string;
      locationId: string;
      lotId: string;
    };
    const to = locationId === 'B2-1' ? 'B1-2' : 'B2-1';
    const today = f.app.clock.now().toISOString();
    const proposed = await f.request('stock-officer', '/api/commands/stock.movement.propose', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        effectiveAt: today,
        payload: {
          kind: 'internal-transfer',
          lotId,
          quantity: 1,
          from: { facilityId, locationId },
          to: { facilityId, locationId: to },
        },
      }),
    });
    expect(proposed.status).toBe(201);
    const movementId = ((await proposed.json()) as { result: { movementId: string } }).result.movementId;
    type Row = {
      id: string;
      proposer: { id: string; name: string };
      ownProposal: boolean;
      mayApprove: boolean;
    };
    const mine = (await get<Page<Row>>('stock-officer', '/api/stock/movements/pending')).items.find(
      (m) => m.id === movementId,
    );
    expect(mine?.ownProposal).toBe(true);
    expect(mine?.mayApprove).toBe(false);
    expect(mine?.proposer.name).toBe('ustockofficer');
    const theirs = (await get<Page<Row>>('approver', '/api/stock/movements/pending')).items.find(
      (m) => m.id === movementId,
    );
    expect(theirs?.mayApprove).toBe(true);
  });
  it('lists stock checks with their discrepancies and counters', async () => {
    const checks = await get<Page<{ discrepancies: unknown[]; counterNames: unknown[] }>>(
      'auditor',
      '/api/stock/checks',
    );
    expect(checks.items.length).toBeGreaterThan(0);
    expect(checks.items.some((k) => k.discrepancies.length > 0)).toBe(true);
    expect(checks.items[0]?.counterNames).toHaveLength(2);
  });
});

describe('minefields, land release and treaty', () => {
  it('lists and reads minefield records for cleared roles only, and 404s the unknown', async () => {
    const list = await get<Page<{ id: string }>>('auditor', '/api/minefields');
    expect(list.numberMatched).toBe(await f.app.store.countDocs({ collection: 'minefields' }));
    const id = list.items[0]?.id ?? '';
    const res = await f.request('im-officer', `/api/minefields/${id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toMatch(/^"\d+"$/);
    expect((await f.request('stock-officer', '/api/minefields')).status).toBe(403);
    expect((await f.request('anonymous', '/api/minefields')).status).toBe(401);
    expect((await f.request('im-officer', '/api/minefields/no-such-record')).status).toBe(404);
  });
  it('shows the anonymous caller only hazards released for public warning', async () => {
    const anon = await get<Page<{ id: string; data: { publicWarning: boolean } }>>(
      'anonymous',
      '/api/landrelease/hazards',
    );
    expect(anon.items.map((h) => h.id)).toEqual([hazards[0]]);
    const imo = await get<Page<{ id: string }>>('im-officer', '/api/landrelease/hazards?limit=1000');
    expect(imo.numberMatched).toBe(await f.app.store.countDocs({ collection: 'hazards' }));
    expect(imo.items.map((h) => h.id)).toEqual(expect.arrayContaining(hazards));
  });
  it('shows the workbench queue with the submitter, who may not review their own report', async () => {
    const { hazardReport } = await import('./http-fixtures.js');
    const sub = await f.request('field-surveyor', '/api/commands/landrelease.submit', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ payload: { kind: 'hazard', report: hazardReport('queued', 26.5, 61.5) } }),
    });
    expect(sub.status).toBe(201);
    const id = ((await sub.json()) as { result: { submissionId: string } }).result.submissionId;
    type Row = { id: string; submittedByName: string; ownSubmission: boolean; mayReview: boolean };
    const own = (await get<Page<Row>>('field-surveyor', '/api/landrelease/submissions')).items.find(
      (s) => s.id === id,
    );
    expect(own?.ownSubmission).toBe(true);
    expect(own?.mayReview).toBe(false);
    const other = (
      await get<Page<Row>>('im-officer', '/api/landrelease/submissions?status=submitted')
    ).items.find((s) => s.id === id);
    expect(other?.submittedByName).toBe('ufieldsurveyor');
    expect(other?.mayReview).toBe(true);
    expect((await f.request('auditor', '/api/landrelease/submissions')).status).toBe(403);
  });
  it('reads treaty states', async () => {
    const states = await get<Page<{ code: string }>>('approver', '/api/treaty/states');
    expect(states.items.map((s) => s.code)).toContain('FI');
    expect((await get<{ code: string }>('approver', '/api/treaty/states/FI')).code).toBe('FI');
    expect((await f.request('approver', '/api/treaty/states/XX')).status).toBe(404);
  });
});

/** RFC 9162 §2.1.3.2: recompute the root from a leaf hash and an inclusion proof. */
function rootFromInclusion(
  index: number,
  size: number,
  leafHash: Buffer,
  proof: readonly Buffer[],
): Buffer | undefined {
  const node = (l: Buffer, r: Buffer) =>
    createHash('sha256')
      .update(Buffer.concat([Buffer.from([1]), l, r]))
      .digest();
  let fn = index;
  let sn = size - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) return undefined;
    if (fn % 2 === 1 || fn === sn) {
      r = node(p, r);
      if (fn % 2 === 0) while (fn % 2 === 0 && fn !== 0) [fn, sn] = [fn >> 1, sn >> 1];
    } else r = node(r, p);
    [fn, sn] = [fn >> 1, sn >> 1];
  }
  return sn === 0 ? r : undefined;
}

describe('record inclusion proofs', () => {
  it('downloads a proof that the events which wrote a hazard are in the signed tree', async () => {
    const id = hazards[0] ?? '';
    const doc = await f.app.store.getDoc('hazards', id);
    const res = await f.request('auditor', `/api/ledger/proofs/record?collection=hazards&id=${id}&seqs=1`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('attachment');
    const b = (await res.json()) as {
      record: { version: number };
      checkpoint: { size: number; root: string; text: string };
      proofs: { seq: number; leaf: string; leafHash: string; proof: string[] }[];
    };
    expect(b.record.version).toBe(doc?.version);
    expect(b.proofs.map((p) => p.seq)).toEqual([1, doc?.version]);
    expect(b.checkpoint.text.split('\n')[1]).toBe(String(b.checkpoint.size));
    for (const p of b.proofs) {
      const leafHash = createHash('sha256')
        .update(Buffer.concat([Buffer.from([0]), Buffer.from(p.leaf, 'base64')]))
        .digest();
      expect(leafHash.toString('hex')).toBe(p.leafHash);
      const root = rootFromInclusion(
        p.seq,
        b.checkpoint.size,
        leafHash,
        p.proof.map((h) => Buffer.from(h, 'hex')),
      );
      expect(root?.toString('hex')).toBe(b.checkpoint.root);
    }
    const last = b.proofs.at(-1);
    expect(
      (JSON.parse(Buffer.from(last?.leaf ?? '', 'base64').toString()) as { payload: { hazardId: string } })
        .payload.hazardId,
    ).toBe(id);
  });
  it('refuses a seq after the record\u2019s version and 404s a record the caller may not see', async () => {
    const id = hazards[1] ?? '';
    const doc = await f.app.store.getDoc('hazards', id);
    expect(
      (
        await f.request(
          'auditor',
          `/api/ledger/proofs/record?collection=hazards&id=${id}&seqs=${(doc?.version ?? 0) + 1}`,
        )
      ).status,
    ).toBe(400);
    expect(
      (await f.request('stock-officer', `/api/ledger/proofs/record?collection=hazards&id=${id}`)).status,
    ).toBe(404);
  });
});

describe('OpenAPI', () => {
  it('describes every domain query route with its query parameters', async () => {
    const doc = await get<{
      paths: Record<string, { get?: { parameters: { name: string; in: string }[] } }>;
    }>('anonymous', '/api');
    for (const [path, query] of [
      ['/api/compliance/findings', ['severity', 'rule', 'kind']],
      ['/api/reports/minefields/{id}', ['format']],
      ['/api/stock/balances', ['by', 'asOf']],
      ['/api/ledger/proofs/record', ['collection', 'id', 'seqs']],
    ] as const) {
      const names = (doc.paths[path]?.get?.parameters ?? [])
        .filter((p) => p.in === 'query')
        .map((p) => p.name);
      expect(names, path).toEqual(expect.arrayContaining([...query]));
    }
  });
});
