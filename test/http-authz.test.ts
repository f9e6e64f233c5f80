/**
 * The authorization matrix: every route × every role. A route registered on the app but
 * missing from the table fails the first test, so no route ships without a decision.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS_ACTOR, can, type Permission } from '../src/access/index.js';
import { seedDemo } from '../src/demo/index.js';
import { EVERYONE, hazardReport, makeFixture, seedHazards, type Fixture, type Who } from './http-fixtures.js';

/** 'any': everyone; 'user': any logged-in caller; 'open': never refused for permission (login); or a permission. */
type Rule = 'any' | 'user' | 'open' | Permission;
interface Row {
  readonly rule: Rule;
  readonly path: (who: Who, f: Fixture & { readonly ids: Ids }) => string;
  readonly body?: unknown;
}
const p = (s: string) => () => s;
interface Ids {
  readonly minefield: string;
  readonly publicHazard: string;
  /** SHA-256 of a photo referenced by a field report (issue #12 §2). */
  readonly photo: string;
}

const TABLE: Record<string, Row> = {
  'POST /api/login': {
    rule: 'open',
    path: p('/api/login'),
    body: { name: 'nobody', password: 'wrong password' },
  },
  'POST /api/logout': { rule: 'any', path: p('/api/logout') },
  'GET /api/session': { rule: 'any', path: p('/api/session') },
  'GET /api/commands': { rule: 'any', path: p('/api/commands') },
  'POST /api/commands/:type': {
    rule: 'user.manage',
    path: p('/api/commands/user.add'),
    body: { payload: {} },
  },
  // The attachments route checks a report's photo references ahead of the command route.
  'POST /api/commands/landrelease.submit': {
    rule: 'landrelease.submit',
    path: p('/api/commands/landrelease.submit'),
    body: { payload: {} },
  },
  'POST /api/attachments': { rule: 'landrelease.submit', path: p('/api/attachments') },
  // The uploader, and whoever may see a workbench submission that references the photo.
  'GET /api/attachments/:digest': {
    rule: 'landrelease.submit',
    path: (_w, fx) => `/api/attachments/${fx.ids.photo}`,
  },
  'GET /api/me': { rule: 'user', path: p('/api/me') },
  'GET /api/tokens': { rule: 'user', path: p('/api/tokens') },
  'POST /api/tokens': { rule: 'user', path: p('/api/tokens'), body: { label: 'another' } },
  'DELETE /api/tokens/:id': {
    rule: 'user',
    path: (who, f) => `/api/tokens/${f.tokenIds.get(who) ?? '00000000-0000-4000-8000-000000000000'}`,
  },
  'GET /api/users': { rule: 'user.read', path: p('/api/users') },
  'GET /api/collections': { rule: 'any', path: p('/api/collections') },
  'GET /api/collections/:id/items': { rule: 'minefield.read', path: p('/api/collections/minefields/items') },
  'GET /api/collections/:id/items/:itemId': {
    rule: 'minefield.read',
    path: (_w, fx) => `/api/collections/minefields/items/${fx.ids.minefield}`,
  },
  'GET /api/ledger': { rule: 'ledger.read', path: p('/api/ledger') },
  'GET /api/ledger/checkpoints': { rule: 'ledger.read', path: p('/api/ledger/checkpoints') },
  'GET /api/ledger/checkpoint': { rule: 'ledger.read', path: p('/api/ledger/checkpoint') },
  'POST /api/ledger/checkpoints': { rule: 'ledger.checkpoint', path: p('/api/ledger/checkpoints') },
  'GET /api/ledger/entries': { rule: 'ledger.read', path: p('/api/ledger/entries?limit=2') },
  'GET /api/ledger/entries/:index': { rule: 'ledger.read', path: p('/api/ledger/entries/0') },
  'GET /api/ledger/proofs/inclusion': {
    rule: 'ledger.read',
    path: p('/api/ledger/proofs/inclusion?index=0'),
  },
  'GET /api/ledger/proofs/consistency': {
    rule: 'ledger.read',
    path: p('/api/ledger/proofs/consistency?from=1'),
  },
  'GET /api/verify': { rule: 'ledger.read', path: p('/api/verify?projections=false') },
  'GET /api/compliance/findings': { rule: 'compliance.read', path: p('/api/compliance/findings?limit=5') },
  'GET /api/reports/stock-statement': { rule: 'stock.read', path: p('/api/reports/stock-statement') },
  'GET /api/reports/landrelease': {
    rule: 'landrelease.read',
    path: p('/api/reports/landrelease?from=2020-01-01&to=2030-12-31'),
  },
  'GET /api/reports/minefields/:id': {
    rule: 'minefield.read',
    path: (_w, fx) => `/api/reports/minefields/${fx.ids.minefield}`,
  },
  'GET /api/reports/article7': { rule: 'report.read', path: p('/api/reports/article7?state=FI&year=2025') },
  'GET /api/reports/ccw-art13': { rule: 'report.read', path: p('/api/reports/ccw-art13?state=FI&year=2025') },
  'GET /api/reports/minefield': {
    rule: 'minefield.read',
    path: (_w, fx) => `/api/reports/minefield?id=${fx.ids.minefield}`,
  },
  'GET /api/reports/compliance-findings': {
    rule: 'compliance.read',
    path: p('/api/reports/compliance-findings?severity=violation'),
  },
  'GET /api/stock/balances': { rule: 'stock.read', path: p('/api/stock/balances?by=type') },
  'GET /api/stock/movements/pending': { rule: 'stock.read', path: p('/api/stock/movements/pending') },
  'GET /api/stock/checks': { rule: 'stock.read', path: p('/api/stock/checks') },
  'GET /api/minefields': { rule: 'minefield.read', path: p('/api/minefields?limit=2') },
  'GET /api/minefields/:id': {
    rule: 'minefield.read',
    path: (_w, fx) => `/api/minefields/${fx.ids.minefield}`,
  },
  // Hazards released for public warning are everyone's (anonymous included); the rest need landrelease.read.
  'GET /api/landrelease/hazards': { rule: 'any', path: p('/api/landrelease/hazards') },
  'GET /api/landrelease/submissions': {
    rule: 'landrelease.submit',
    path: p('/api/landrelease/submissions?status=submitted'),
  },
  'GET /api/treaty/states': { rule: 'treaty.read', path: p('/api/treaty/states') },
  'GET /api/treaty/states/:code': { rule: 'treaty.read', path: p('/api/treaty/states/FI') },
  // GIS files (src/interchange): the collection's need-to-know, as its OGC items.
  'GET /api/export/:collection': { rule: 'minefield.read', path: p('/api/export/minefields?format=geojson') },
  'GET /api/ledger/proofs/record': {
    rule: 'ledger.read',
    path: (_w, fx) => `/api/ledger/proofs/record?collection=hazards&id=${fx.ids.publicHazard}`,
  },
  'GET /api': { rule: 'any', path: p('/api') },
  'GET /ogc': { rule: 'any', path: p('/ogc') },
  'GET /ogc/conformance': { rule: 'any', path: p('/ogc/conformance') },
  'GET /ogc/collections': { rule: 'any', path: p('/ogc/collections') },
  'GET /ogc/collections/:id': { rule: 'minefield.read', path: p('/ogc/collections/minefields') },
  'GET /ogc/collections/:id/queryables': {
    rule: 'minefield.read',
    path: p('/ogc/collections/minefields/queryables'),
  },
  'GET /ogc/collections/:id/items': { rule: 'minefield.read', path: p('/ogc/collections/minefields/items') },
  'GET /ogc/collections/:id/items/:fid': {
    rule: 'minefield.read',
    path: (_w, fx) => `/ogc/collections/minefields/items/${fx.ids.minefield}`,
  },
  // Minefields are read-only over OGC: callers who may see them get 405, the others 404/401.
  'POST /ogc/collections/:id/items': {
    rule: 'minefield.read',
    path: p('/ogc/collections/minefields/items'),
    body: { type: 'Feature', geometry: null, properties: {} },
  },
  'PUT /ogc/collections/:id/items/:fid': {
    rule: 'minefield.read',
    path: (_w, fx) => `/ogc/collections/minefields/items/${fx.ids.minefield}`,
    body: { type: 'Feature', geometry: null, properties: {} },
  },
  'PATCH /ogc/collections/:id/items/:fid': {
    rule: 'minefield.read',
    path: (_w, fx) => `/ogc/collections/minefields/items/${fx.ids.minefield}`,
    body: {},
  },
  'DELETE /ogc/collections/:id/items/:fid': {
    rule: 'minefield.read',
    path: (_w, fx) => `/ogc/collections/minefields/items/${fx.ids.minefield}`,
  },
  'GET /tiles/:file{[a-z0-9-]+\\.json}': { rule: 'minefield.read', path: p('/tiles/minefields.json') },
  'GET /tiles/:collection/:z/:x/:yfile{[0-9]+\\.mvt}': {
    rule: 'minefield.read',
    path: p('/tiles/minefields/0/0/0.mvt'),
  },
};

function allowed(rule: Rule, who: Who): boolean {
  if (rule === 'any' || rule === 'open') return true;
  if (rule === 'user') return who !== 'anonymous';
  const actor = who === 'anonymous' ? ANONYMOUS_ACTOR : { ...ANONYMOUS_ACTOR, roles: [who] };
  return can(actor, rule);
}

let f: Fixture & { ids: Ids };
beforeAll(async () => {
  const fx = await makeFixture();
  await seedDemo(fx.app);
  const [publicHazard = ''] = await seedHazards(fx, 2);
  await fx.app.ledger.checkpoint();
  const [mf] = await fx.app.store.findDocs({
    collection: 'minefields',
    where: { op: '=', field: 'classification', value: 'restricted' },
    limit: 1,
  });
  if (mf === undefined) throw new Error('the demo seeds a restricted minefield record');
  const png = new Uint8Array([
    0x89,
    0x50,
    0x4e,
    0x47,
    0x0d,
    0x0a,
    0x1a,
    0x0a,
    ...new TextEncoder().encode('synthetic authz photo'),
  ]);
  const up = await fx.request('field-surveyor', '/api/attachments', {
    method: 'POST',
    headers: { 'content-type': 'image/png' },
    body: png,
  });
  const photo = (await up.json()) as { sha256: string; mediaType: string; bytes: number };
  const sub = await fx.app.execute(
    {
      type: 'landrelease.submit',
      payload: { kind: 'hazard', report: hazardReport('with a photo', 24.6, 60.6, { attachments: [photo] }) },
    },
    fx.actors.get('field-surveyor') ?? ANONYMOUS_ACTOR,
  );
  if (!sub.ok) throw new Error(JSON.stringify(sub.errors));
  f = { ...fx, ids: { minefield: mf.id, publicHazard, photo: photo.sha256 } };
}, 120_000);
afterAll(async () => {
  await f.app.close();
});

describe('authorization matrix', () => {
  it('has a row for every registered route and no row for a route that does not exist', () => {
    const routes = new Set(
      f.http.http.routes
        .filter((r) => r.method !== 'ALL' && !r.path.includes('*'))
        .map((r) => `${r.method} ${r.path}`),
    );
    expect([...routes].filter((r) => !(r in TABLE)).sort()).toEqual([]);
    expect(
      Object.keys(TABLE)
        .filter((r) => !routes.has(r))
        .sort(),
    ).toEqual([]);
  });

  for (const [route, row] of Object.entries(TABLE)) {
    const [method = 'GET'] = route.split(' ');
    for (const who of EVERYONE) {
      const expectAllow = allowed(row.rule, who);
      it(`${route} is ${expectAllow ? 'allowed' : 'refused'} for ${who}`, async () => {
        const init: RequestInit = { method };
        if (row.body !== undefined) init.body = JSON.stringify(row.body);
        if (row.body !== undefined) init.headers = { 'content-type': 'application/json' };
        const res = await f.request(who, row.path(who, f), init);
        expect(res.status, `${route} as ${who}`).toBeLessThan(500);
        if (row.rule === 'open') expect(res.status).not.toBe(403);
        else if (expectAllow) expect([401, 403, 404]).not.toContain(res.status);
        else {
          expect([401, 403, 404]).toContain(res.status);
          if (who === 'anonymous' && res.status !== 404) expect(res.status).toBe(401);
          const body = (await res.json()) as { code: string; details: unknown[] };
          expect(typeof body.code).toBe('string');
          expect(Array.isArray(body.details)).toBe(true);
        }
      });
    }
  }
});
