/**
 * The schema-first JSON API (issue #13 §2): thin routes refuse bad parameters naming the field and
 * the rule; lists page in the store and follow `next` to the end with one total; and the OpenAPI
 * document carries every /api route with the schemas that validate it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFixture, putDocs, type Fixture } from './http-fixtures.js';

let f: Fixture;
beforeAll(async () => {
  f = await makeFixture();
  await putDocs(
    f.app,
    Array.from({ length: 45 }, (_, i) => ({
      collection: 'hazards',
      id: `hq-${String(i).padStart(2, '0')}`,
      data: {
        id: `hq-${String(i).padStart(2, '0')}`,
        humanId: `HQ-${String(i).padStart(3, '0')}`,
        status: 'open',
        classification: i % 3 === 0 ? 'secret' : 'restricted',
        publicWarning: false,
      },
    })),
  );
}, 60_000);
afterAll(async () => {
  await f.app.close();
});

interface Problem {
  code: string;
  path: string;
}
async function refusal(res: Response): Promise<{ status: number; code: string; details: Problem[] }> {
  const body = (await res.json()) as { code: string; details: Problem[] };
  return {
    status: res.status,
    code: body.code,
    details: body.details.map((d) => ({ code: d.code, path: d.path })),
  };
}

describe('thin routes refuse bad input naming the field and the rule', () => {
  it.each([
    ['/api/stock/movements/pending?limit=0', { code: 'VALIDATION_RANGE', path: 'limit' }],
    ['/api/stock/movements/pending?offset=x', { code: 'VALIDATION_FORMAT', path: 'offset' }],
    ['/api/stock/movements/pending?status=executed', { code: 'VALIDATION_ENUM', path: 'status[0]' }],
    ['/api/stock/balances?by=type,colour', { code: 'VALIDATION_ENUM', path: 'by[1]' }],
    ['/api/stock/balances?asOf=2026-02-30', { code: 'VALIDATION_FORMAT', path: 'asOf' }],
    ['/api/ledger/entries/first', { code: 'VALIDATION_FORMAT', path: 'index' }],
    ['/api/ledger/proofs/inclusion', { code: 'VALIDATION_REQUIRED', path: 'index' }],
  ] as const)('%s', async (path, problem) => {
    const r = await refusal(await f.request('admin', path));
    expect(r.status).toBe(400);
    expect(r.details).toEqual([problem]);
  });

  it('collects every problem of a request at once', async () => {
    const r = await refusal(
      await f.request('admin', '/api/landrelease/submissions?status=lost&kind=poem&limit=-1'),
    );
    expect(r.details.map((d) => `${d.code} ${d.path}`).sort()).toEqual([
      'VALIDATION_ENUM kind[0]',
      'VALIDATION_ENUM status[0]',
      'VALIDATION_FORMAT limit',
    ]);
  });

  it('refuses an unknown query parameter and an unknown body field by name', async () => {
    expect(await refusal(await f.request('admin', '/api/treaty/states?limt=5'))).toMatchObject({
      status: 400,
      code: 'HTTP_UNKNOWN_PARAMETER',
      details: [{ path: 'limt' }],
    });
    const res = await f.request('admin', '/api/commands/treaty.state.add', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ payload: {}, when: 'now' }),
    });
    expect(await refusal(res)).toMatchObject({
      status: 400,
      details: [{ code: 'VALIDATION_UNKNOWN_FIELD', path: 'body' }],
    });
  });

  it('checks who may call before anything else is read', async () => {
    expect((await f.request('anonymous', '/api/stock/checks')).status).toBe(401);
    expect((await f.request('field-surveyor', '/api/stock/checks')).status).toBe(403);
  });
});

describe('lists page in the store', () => {
  it('follows next to the end: each hazard the caller may see once, and one total on every page', async () => {
    // im-officer is cleared to confidential: the 15 secret rows are neither listed nor counted.
    const seen: string[] = [];
    const totals = new Set<number>();
    let path: string | null = '/api/landrelease/hazards?limit=8';
    while (path !== null) {
      const res = await f.request('im-officer', path);
      const page = (await res.json()) as {
        items: { id: string }[];
        numberMatched: number;
        numberReturned: number;
        next: string | null;
      };
      expect(page.numberReturned).toBe(page.items.length);
      seen.push(...page.items.map((i) => i.id));
      totals.add(page.numberMatched);
      path = page.next;
    }
    expect([...totals]).toEqual([30]);
    expect(seen).toHaveLength(30);
    expect(new Set(seen).size).toBe(30);
    expect(seen.every((id) => Number(id.slice(3)) % 3 !== 0)).toBe(true);
  });
});

describe('the OpenAPI document', () => {
  type Op = {
    parameters?: { name: string; in: string; schema: unknown }[];
    requestBody?: unknown;
    responses: Record<string, { content?: Record<string, { schema: Record<string, unknown> }> }>;
  };
  let doc: { paths: Record<string, Record<string, Op>> };
  beforeAll(async () => {
    doc = (await (await f.request('anonymous', '/api')).json()) as typeof doc;
  });
  it('is served as an OpenAPI document, and names its own media type for itself', async () => {
    const res = await f.request('anonymous', '/api');
    expect(res.headers.get('content-type')).toBe('application/vnd.oai.openapi+json;version=3.0');
    expect(Object.keys(doc.paths['/api']?.['get']?.responses['200']?.content ?? {})).toEqual([
      'application/vnd.oai.openapi+json;version=3.0',
    ]);
  });

  it('lists every registered /api route, and every one is declared schema-first', () => {
    const registered = f.http.http.routes
      .filter(
        (r) =>
          r.method !== 'ALL' && !r.path.includes('*') && (r.path === '/api' || r.path.startsWith('/api/')),
      )
      .map((r) => `${r.method} ${r.path.replace(/:([A-Za-z]+)/g, '{$1}')}`);
    for (const key of registered) {
      const [method = '', path = ''] = key.split(' ');
      expect(doc.paths[path]?.[method.toLowerCase()], key).toBeDefined();
    }
    const declared = new Set(f.http.routes.all().map((e) => `${e.method} ${e.openApiPath}`));
    // A new /api route is declared with defineRoute (src/http/route.ts): reports, session and byte
    // routes included. The list must hold every route of the app's /api surface.
    expect(declared.size).toBeGreaterThan(40);
    expect(
      [...new Set(registered)].filter((k) => !declared.has(k)).sort(),
      'routes not declared schema-first',
    ).toEqual([]);
  });

  it('carries each schema-first route\u2019s parameters, body and response schema', () => {
    for (const e of f.http.routes.all()) {
      const op = doc.paths[e.openApiPath]?.[e.method.toLowerCase()];
      expect(op, `${e.method} ${e.path}`).toBeDefined();
      const names = (op?.parameters ?? []).map((p) => `${p.in}:${p.name}`);
      const shape = (s: unknown) => Object.keys((s as { shape?: object } | undefined)?.shape ?? {});
      expect(names.sort(), e.path).toEqual(
        [...shape(e.params).map((n) => `path:${n}`), ...shape(e.query).map((n) => `query:${n}`)].sort(),
      );
      expect(op?.requestBody !== undefined, e.path).toBe(e.body !== undefined);
      if (e.bodyMedia !== undefined)
        expect(Object.keys((op?.requestBody as { content: object }).content), e.path).toEqual(e.bodyMedia);
      if (e.kind !== 'empty') {
        const ok = op?.responses[String(e.statuses[0])]?.content;
        expect(Object.values(ok ?? {})[0]?.schema, e.path).toBeDefined();
      }
    }
  });

  it('describes the approval state of a queued movement from the schema the route validates with', () => {
    const schema = doc.paths['/api/stock/movements/pending']?.['get']?.responses['200']?.content?.[
      'application/json'
    ]?.schema as {
      properties: { items: { items: { properties: Record<string, { type?: string }>; required: string[] } } };
    };
    const item = schema.properties.items.items;
    expect(item.properties['mayApprove']?.type).toBe('boolean');
    expect(item.properties['ownProposal']?.type).toBe('boolean');
    expect(item.required).toEqual(
      expect.arrayContaining(['mayApprove', 'ownProposal', 'proposer', 'lotNumber']),
    );
    const status = doc.paths['/api/stock/movements/pending']?.['get']?.parameters?.find(
      (p) => p.name === 'status',
    );
    expect(status?.schema).toMatchObject({ type: 'string' });
  });
});
