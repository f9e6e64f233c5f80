/**
 * OGC API Features conformance, written from the requirements of the classes claimed in
 * /conformance (Part 1 core/geojson/html, Part 2 crs, Part 3 filter/queryables, Part 4 with
 * ETags), plus the bad-input rules of issue 7. In-process: `app.request`.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineCommand, type DomainModule } from '../src/command/index.js';
import { Cairn, domainModules, geoSpatialPredicate } from '../src/app/index.js';
import { fixedClock, ok } from '../src/core/index.js';
import { supportedCrs } from '../src/geo/index.js';
import { generateSigningKeyPem, loadSigner } from '../src/ledger/index.js';
import { makeTestStore } from '../src/store/testing/index.js';
import type { CollectionSpec } from '../src/http/index.js';
import { makeFixture, putDocs, seedFeatures, square, type Fixture } from './http-fixtures.js';

interface FC {
  type: string;
  features: { id: string; geometry: { coordinates: number[][][] } }[];
  numberMatched: number;
  numberReturned: number;
  links: { rel: string; type: string; href: string }[];
}

// A tiny editable collection whose changes are pipeline commands (Part 4 machinery under test).
const notes: DomainModule = {
  name: 'notes',
  commands: [
    defineCommand({
      type: 'note.create',
      permission: 'landrelease.submit',
      schema: z.object({ text: z.string().min(1), geometry: z.unknown() }).strict(),
      decide: (p) =>
        ok({
          events: [
            {
              type: 'note.created',
              payload: { id: `n${p.text.length}-${p.text}`, text: p.text, geometry: p.geometry as never },
            },
          ],
          result: { id: `n${p.text.length}-${p.text}` },
        }),
    }),
    defineCommand({
      type: 'note.update',
      permission: 'landrelease.submit',
      schema: z.object({ id: z.string(), text: z.string().min(1) }).strict(),
      decide: (p) => ok({ events: [{ type: 'note.updated', payload: p }] }),
    }),
    defineCommand({
      type: 'note.delete',
      permission: 'landrelease.submit',
      schema: z.object({ id: z.string() }).strict(),
      decide: (p) => ok({ events: [{ type: 'note.deleted', payload: p }] }),
    }),
  ],
  async project(e, { docs }) {
    const id = e.payload['id'] as string;
    if (e.type === 'note.created')
      await docs.putDoc({
        collection: 'notes',
        id,
        version: e.seq,
        data: { id, text: e.payload['text'] as string, classification: 'public' },
        geometry: e.payload['geometry'] as never,
      });
    if (e.type === 'note.updated') {
      const d = await docs.getDoc('notes', id);
      if (d)
        await docs.putDoc({ ...d, version: e.seq, data: { ...d.data, text: e.payload['text'] as string } });
    }
    if (e.type === 'note.deleted') await docs.deleteDoc('notes', id);
  },
};
const notesSpec: CollectionSpec = {
  id: 'notes',
  title: 'Notes',
  description: 'test',
  source: 'notes',
  permission: 'landrelease.read',
  defaultClassification: 'public',
  edit: {
    create: (f) => ({ type: 'note.create', payload: { text: f.properties['text'], geometry: f.geometry } }),
    update: (id, patch) => ({
      type: 'note.update',
      payload: { id, text: (patch['properties'] as Record<string, unknown> | undefined)?.['text'] },
    }),
    replace: (id, f) => ({ type: 'note.update', payload: { id, text: f.properties['text'] } }),
    delete: (id) => ({ type: 'note.delete', payload: { id } }),
  },
};

let f: Fixture;
beforeAll(async () => {
  const store = await makeTestStore(geoSpatialPredicate);
  const signer = loadSigner('cairn/test', generateSigningKeyPem());
  if (!signer.ok) throw new Error('key');
  const app = new Cairn({
    store,
    signer: signer.value,
    clock: fixedClock('2026-06-01T12:00:00Z', 1000),
    modules: [...domainModules, notes],
    spatial: geoSpatialPredicate,
  });
  f = await makeFixture({}, [notesSpec], app);
  await seedFeatures(f.app);
  await putDocs(
    f.app,
    Array.from({ length: 25 }, (_, i) => ({
      collection: 'hazards',
      id: `h-pub-${String(i).padStart(2, '0')}`,
      data: {
        id: `h-pub-${i}`,
        status: i % 2 === 0 ? 'open' : 'closed',
        publicWarning: true,
        classification: 'public',
        areaM2: i * 100,
      },
      geometry: square(20 + i * 0.1, 50),
    })),
  );
});
afterAll(async () => {
  await f.app.close();
});

describe('OGC API Features Part 1', () => {
  it('serves a landing page whose links all carry rel and type', async () => {
    const res = await f.request('anonymous', '/ogc');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { links: { rel?: string; type?: string }[] };
    expect(body.links.map((l) => l.rel)).toEqual(
      expect.arrayContaining(['self', 'service-desc', 'conformance', 'data']),
    );
    for (const l of body.links) expect(typeof l.rel === 'string' && typeof l.type === 'string').toBe(true);
  });
  it('declares the conformance classes it passes', async () => {
    const body = (await (await f.request('anonymous', '/ogc/conformance')).json()) as {
      conformsTo: string[];
    };
    expect(body.conformsTo).toContain('http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core');
    expect(body.conformsTo).toContain('http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs');
  });
  it('lists to the anonymous caller only collections with public rows, never minefields', async () => {
    const body = (await (await f.request('anonymous', '/ogc/collections')).json()) as {
      collections: { id: string }[];
    };
    expect(body.collections.map((c) => c.id)).toEqual(['hazards']);
    expect((await f.request('anonymous', '/ogc/collections/minefields/items')).status).toBe(404);
  });
  it('shows the public only hazards released for public warning', async () => {
    const body = (await (
      await f.request('public', '/ogc/collections/hazards/items?limit=1000')
    ).json()) as FC;
    expect(body.features.map((x) => x.id)).not.toContain('h-restricted');
    expect(body.numberMatched).toBe(26);
  });
  it('pages with next links and exact numberMatched and numberReturned', async () => {
    const first = (await (
      await f.request('anonymous', '/ogc/collections/hazards/items?limit=10')
    ).json()) as FC;
    expect([first.numberMatched, first.numberReturned]).toEqual([26, 10]);
    const seen = new Set<string>();
    let url: string | undefined = '/ogc/collections/hazards/items?limit=10';
    while (url !== undefined) {
      const page = (await (await f.request('anonymous', url)).json()) as FC;
      for (const x of page.features) seen.add(x.id);
      const next = page.links.find((l) => l.rel === 'next');
      url = next === undefined ? undefined : new URL(next.href).pathname + new URL(next.href).search;
    }
    expect(seen.size).toBe(26);
  });
  it('clamps a limit above the maximum instead of refusing it', async () => {
    expect((await f.request('anonymous', '/ogc/collections/hazards/items?limit=99999999')).status).toBe(200);
  });
  it('refuses an unknown query parameter with 400 in the one error shape', async () => {
    const res = await f.request('anonymous', '/ogc/collections/hazards/items?bbbox=1,2,3,4');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe('HTTP_UNKNOWN_PARAMETER');
  });
  it('filters by bbox with 4 or 6 numbers and refuses 5', async () => {
    const four = (await (
      await f.request('anonymous', '/ogc/collections/hazards/items?bbox=23.9,59.9,24.1,60.1')
    ).json()) as FC;
    expect(four.features.map((x) => x.id)).toEqual(['h-public']);
    const six = (await (
      await f.request('anonymous', '/ogc/collections/hazards/items?bbox=23.9,59.9,0,24.1,60.1,10')
    ).json()) as FC;
    expect(six.numberMatched).toBe(1);
    expect((await f.request('anonymous', '/ogc/collections/hazards/items?bbox=1,2,3,4,5')).status).toBe(400);
  });
  it('answers HEAD and honours If-None-Match with 304', async () => {
    const head = await f.request('anonymous', '/ogc/collections/hazards/items', { method: 'HEAD' });
    expect(head.status).toBe(200);
    const tag = head.headers.get('etag');
    expect(tag).toBeTruthy();
    const again = await f.request('anonymous', '/ogc/collections/hazards/items', {
      headers: { 'if-none-match': tag ?? '' },
    });
    expect(again.status).toBe(304);
  });
  it('answers CORS preflight requests', async () => {
    const res = await f.request('anonymous', '/ogc/collections', {
      method: 'OPTIONS',
      headers: { origin: 'https://gis.example', 'access-control-request-method': 'GET' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });
  it('serves HTML for f=html', async () => {
    const res = await f.request('anonymous', '/ogc/collections/hazards/items?f=html');
    expect(res.headers.get('content-type')).toContain('text/html');
  });
});

describe('OGC API Features Part 2 (CRS)', () => {
  it('returns EPSG:4326 coordinates in lat/lon order and says so in Content-Crs', async () => {
    const res = await f.request(
      'anonymous',
      '/ogc/collections/hazards/items/h-public?crs=http://www.opengis.net/def/crs/EPSG/0/4326',
    );
    expect(res.headers.get('content-crs')).toBe('<http://www.opengis.net/def/crs/EPSG/0/4326>');
    const body = (await res.json()) as { geometry: { coordinates: number[][][] } };
    expect(body.geometry.coordinates[0]?.[0]).toEqual([60.0, 24.0]);
  });
  it('reads bbox-crs EPSG:4326 as lat/lon', async () => {
    const body = (await (
      await f.request(
        'anonymous',
        '/ogc/collections/hazards/items?bbox=59.9,23.9,60.1,24.1&bbox-crs=http://www.opengis.net/def/crs/EPSG/0/4326',
      )
    ).json()) as FC;
    expect(body.features.map((x) => x.id)).toEqual(['h-public']);
  });
  it('serves items in every CRS its collections list, and says which in Content-Crs', async () => {
    const listed = (
      (await (await f.request('anonymous', '/ogc/collections/hazards')).json()) as { crs: string[] }
    ).crs;
    // Every CRS the geo module defines is offered, SK-42 and UCS-2000 zones among them.
    expect(listed).toHaveLength(supportedCrs().length);
    expect(listed).toContain('http://www.opengis.net/def/crs/EPSG/0/28404');
    expect(listed).toContain('http://www.opengis.net/def/crs/EPSG/0/5565');
    // h-public lies at 24° E 60° N: served where that is inside the CRS's area of use (plus the
    // 1° the geo module allows), refused by name elsewhere (a UCS-2000 zone is for Ukraine).
    for (const uri of listed) {
      const code = uri.endsWith('/OGC/1.3/CRS84') ? 'OGC:CRS84' : `EPSG:${uri.split('/').at(-1) ?? ''}`;
      const area = supportedCrs().find((d) => d.code === code)?.area;
      expect(area, uri).toBeDefined();
      const [w, s, e, n] = area ?? [0, 0, 0, 0];
      const inside = w - 1 <= 24 && 24 <= e + 1 && s - 1 <= 60 && 60 <= n + 1;
      const res = await f.request('anonymous', `/ogc/collections/hazards/items/h-public?crs=${uri}`);
      if (inside) {
        expect(res.status, uri).toBe(200);
        expect(res.headers.get('content-crs'), uri).toBe(`<${uri}>`);
      } else {
        expect(res.status, uri).toBe(400);
        expect(await res.json(), uri).toMatchObject({
          code: 'COORD_OUT_OF_RANGE',
          details: [{ path: 'crs' }],
        });
      }
    }
  });
  it('writes SK-42 Gauss-Krüger zone 4 northing first, as PROJ computes it with the same datum shift', async () => {
    const body = (await (
      await f.request('anonymous', '/ogc/collections/hazards/items/h-public?crs=EPSG:28404')
    ).json()) as { geometry: { coordinates: [number, number][][] } };
    const served = body.geometry.coordinates[0] ?? [];
    // The stored ring (WGS 84 lon/lat) through PROJ's cs2cs with Cairn's definition: easting northing.
    const stored =
      (
        (await (await f.request('anonymous', '/ogc/collections/hazards/items/h-public')).json()) as {
          geometry: { coordinates: [number, number][][] };
        }
      ).geometry.coordinates[0] ?? [];
    const proj4 = supportedCrs().find((d) => d.code === 'EPSG:28404')?.proj4;
    expect(proj4).toMatch(/^\+proj=tmerc /);
    const out = execFileSync(
      'cs2cs',
      ['-f', '%.4f', '+proj=longlat', '+datum=WGS84', '+to', ...(proj4 ?? '').split(' ')],
      {
        input: stored.map(([lon, lat]) => `${lon} ${lat}`).join('\n'),
        encoding: 'utf8',
      },
    );
    const expected = out
      .trim()
      .split('\n')
      .map((l) => l.trim().split(/\s+/).slice(0, 2).map(Number) as [number, number]);
    expect(served).toHaveLength(expected.length);
    for (const [i, [e, n]] of expected.entries()) {
      const [first, second] = served[i] ?? [NaN, NaN];
      expect(Math.abs(first - n), `position ${i}: northing first`).toBeLessThan(0.01);
      expect(Math.abs(second - e), `position ${i}: easting second`).toBeLessThan(0.01);
    }
  });
  it('refuses an unsupported CRS with 400', async () => {
    const res = await f.request(
      'anonymous',
      '/ogc/collections/hazards/items?crs=http://www.opengis.net/def/crs/EPSG/0/27700',
    );
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe('CRS_UNKNOWN');
  });
});

describe('OGC API Features Part 3 (filtering)', () => {
  it('serves queryables as JSON Schema', async () => {
    const res = await f.request('anonymous', '/ogc/collections/hazards/queryables');
    expect(res.headers.get('content-type')).toContain('application/schema+json');
    const body = (await res.json()) as { properties: Record<string, unknown> };
    expect(Object.keys(body.properties)).toEqual(expect.arrayContaining(['geometry', 'status', 'areaM2']));
  });
  it('filters with CQL2 text and CQL2 JSON to the same features', async () => {
    const text = (await (
      await f.request(
        'anonymous',
        `/ogc/collections/hazards/items?limit=100&filter=${encodeURIComponent("status = 'open' AND areaM2 >= 1000")}`,
      )
    ).json()) as FC;
    const json = (await (
      await f.request(
        'anonymous',
        `/ogc/collections/hazards/items?limit=100&filter-lang=cql2-json&filter=${encodeURIComponent(
          JSON.stringify({
            op: 'and',
            args: [
              { op: '=', args: [{ property: 'status' }, 'open'] },
              { op: '>=', args: [{ property: 'areaM2' }, 1000] },
            ],
          }),
        )}`,
      )
    ).json()) as FC;
    expect(text.features.map((x) => x.id).sort()).toEqual(json.features.map((x) => x.id).sort());
    expect(text.numberMatched).toBe(9); // h-public (1200 m²) and h-pub-10…24 even
  });
  it('runs spatial filters', async () => {
    const body = (await (
      await f.request(
        'anonymous',
        `/ogc/collections/hazards/items?filter=${encodeURIComponent('S_INTERSECTS(geometry, POINT(24.005 60.005))')}`,
      )
    ).json()) as FC;
    expect(body.features.map((x) => x.id)).toEqual(['h-public']);
  });
  it('filters by a queryable given as a query parameter', async () => {
    const body = (await (
      await f.request('anonymous', '/ogc/collections/hazards/items?status=closed&limit=100')
    ).json()) as FC;
    expect(body.numberMatched).toBe(12);
  });
  it('explains a bad filter with 400', async () => {
    const res = await f.request(
      'anonymous',
      `/ogc/collections/hazards/items?filter=${encodeURIComponent('colour = 1')}`,
    );
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toContain('colour');
  });
});

describe('collection extents', () => {
  it('computes the extent from the rows the caller may see, never from hidden ones', async () => {
    type C = { extent: { spatial?: { bbox: number[][] } } };
    const anon = (await (await f.request('anonymous', '/ogc/collections/hazards')).json()) as C;
    const [a] = anon.extent.spatial?.bbox ?? [];
    // Public rows: the 25 warnings from (20, 50) and h-public at (24, 60) with 0.01° squares.
    expect(a?.[0]).toBeCloseTo(20, 9);
    expect(a?.[1]).toBeCloseTo(50, 9);
    expect(a?.[2]).toBeCloseTo(24.01, 9);
    expect(a?.[3]).toBeCloseTo(60.01, 9);
    const imo = (await (await f.request('im-officer', '/ogc/collections/hazards')).json()) as C;
    const [b] = imo.extent.spatial?.bbox ?? [];
    expect(b?.[2]).toBeCloseTo(24.51, 9); // h-restricted at (24.5, 60.5) is the im-officer's too
    expect(b?.[3]).toBeCloseTo(60.51, 9);
  });
});

describe('OGC API Features Part 4 (editing through the pipeline)', () => {
  const geo = { 'content-type': 'application/geo+json' };
  it('creates with 201, Location and a strong ETag; replaces with If-Match; refuses stale and missing preconditions', async () => {
    const created = await f.request('field-surveyor', '/ogc/collections/notes/items', {
      method: 'POST',
      headers: geo,
      body: JSON.stringify({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [24, 60] },
        properties: { text: 'hello' },
      }),
    });
    expect(created.status).toBe(201);
    const location = created.headers.get('location') ?? '';
    expect(location).toMatch(/\/ogc\/collections\/notes\/items\/n5-hello$/);
    const path = new URL(location).pathname;
    const tag = (await f.request('im-officer', path)).headers.get('etag') ?? '';
    expect(tag).toMatch(/^"\d+"$/);
    const body = JSON.stringify({ type: 'Feature', geometry: null, properties: { text: 'changed' } });
    expect((await f.request('field-surveyor', path, { method: 'PUT', headers: geo, body })).status).toBe(428);
    expect(
      (
        await f.request('field-surveyor', path, {
          method: 'PUT',
          headers: { ...geo, 'if-match': '"1"' },
          body,
        })
      ).status,
    ).toBe(412);
    expect(
      (await f.request('field-surveyor', path, { method: 'PUT', headers: { ...geo, 'if-match': tag }, body }))
        .status,
    ).toBe(204);
    const after = (await (await f.request('im-officer', path)).json()) as { properties: { text: string } };
    expect(after.properties.text).toBe('changed');
  });
  it('refuses a create by a role without the command permission, writing nothing', async () => {
    const size = await f.app.ledger.size();
    const res = await f.request('auditor', '/ogc/collections/notes/items', {
      method: 'POST',
      headers: geo,
      body: JSON.stringify({ type: 'Feature', geometry: null, properties: { text: 'x' } }),
    });
    expect(res.status).toBe(403);
    expect(await f.app.ledger.size()).toBe(size);
  });
});

describe('bad input', () => {
  it('answers malformed JSON with 400 HTTP_BAD_JSON', async () => {
    const res = await f.request('admin', '/api/commands/user.add', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"payload": ',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe('HTTP_BAD_JSON');
  });
  it('answers a wrong content type with 415', async () => {
    const res = await f.request('admin', '/api/commands/user.add', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(res.status).toBe(415);
  });
  it('answers an oversize body with 413', async () => {
    const res = await f.request('admin', '/api/commands/user.add', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ payload: { name: 'x'.repeat(2_000_000) } }),
    });
    expect(res.status).toBe(413);
  });
  it('lists every validation problem of a command with paths', async () => {
    const res = await f.request('admin', '/api/commands/user.add', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ payload: { name: 'X', roles: [] } }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { details: { path: string }[] };
    expect(body.details.length).toBeGreaterThanOrEqual(3);
  });
  it('answers an unknown route with 404 in the one shape', async () => {
    const res = await f.request('anonymous', '/api/nope');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { code: string }).code).toBe('HTTP_ROUTE_NOT_FOUND');
  });
});
