/**
 * OGC API Features Part 4 on a real collection: hazards. Each edit is the land-release command
 * `landrelease.hazard.record` run as the caller (a reviewer), so it is validated, authorized and
 * recorded in the ledger; strong ETags come from the document's version (the seq of the last
 * event that wrote it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import proj4 from 'proj4';
import { hazardReport, makeFixture, square, type Fixture } from './http-fixtures.js';

const GEO = { 'content-type': 'application/geo+json' };
let f: Fixture;
beforeAll(async () => {
  f = await makeFixture();
});
afterAll(async () => {
  await f.app.close();
});

const feature = (name: string, x: number, extra: Record<string, unknown> = {}) => {
  const { perimeter, ...properties } = hazardReport(name, x, 61);
  return { type: 'Feature', geometry: perimeter, properties: { ...properties, ...extra } };
};

async function create(name: string, x: number): Promise<{ path: string; etag: string; id: string }> {
  const res = await f.request('im-officer', '/ogc/collections/hazards/items', {
    method: 'POST',
    headers: GEO,
    body: JSON.stringify(feature(name, x)),
  });
  expect(res.status).toBe(201);
  const path = new URL(res.headers.get('location') ?? '').pathname;
  return { path, etag: res.headers.get('etag') ?? '', id: decodeURIComponent(path.split('/').pop() ?? '') };
}

describe('OGC API Features Part 4 on hazards', () => {
  it('creates a hazard for a reviewer with 201, Location and the ETag of its version, recorded in the ledger as the caller', async () => {
    const { path, etag, id } = await create('created over OGC', 24.0);
    expect(etag).toMatch(/^"\d+"$/);
    const got = await f.request('im-officer', path);
    expect(got.headers.get('etag')).toBe(etag);
    const body = (await got.json()) as { properties: { humanId: string; status: string; name: string } };
    expect(body.properties.humanId).toMatch(/^HA-\d{4}$/);
    expect(body.properties.status).toBe('open');
    const entry = await f.app.ledger.entry(Number(etag.slice(1, -1)));
    expect(entry.event.type).toBe('landrelease.hazard-recorded');
    expect(entry.event.actor).toBe(f.actors.get('im-officer')?.id);
    expect(entry.event.payload['hazardId']).toBe(id);
  });

  it('ignores the derived attributes a GIS sends back (humanId, status, areas) on create', async () => {
    const res = await f.request('im-officer', '/ogc/collections/hazards/items', {
      method: 'POST',
      headers: GEO,
      body: JSON.stringify(
        feature('with derived fields', 24.2, {
          humanId: 'HA-9999',
          status: 'closed',
          hazardAreaM2: 1,
          id: 'mine',
        }),
      ),
    });
    expect(res.status).toBe(201);
    const got = (await (
      await f.request('im-officer', new URL(res.headers.get('location') ?? '').pathname)
    ).json()) as { id: string; properties: { humanId: string; status: string; hazardAreaM2: number } };
    expect(got.id).not.toBe('mine');
    expect(got.properties.humanId).not.toBe('HA-9999');
    expect(got.properties.status).toBe('open');
    expect(got.properties.hazardAreaM2).toBeGreaterThan(1000);
  });

  it('takes geometry in the Content-Crs and stores WGS 84 lon/lat', async () => {
    const g = square(24.4, 61, 0.005).coordinates as number[][][];
    const merc = {
      type: 'Polygon',
      coordinates: g.map((ring) => ring.map((p) => proj4('EPSG:4326', 'EPSG:3857', p))),
    };
    const body = { ...feature('in web mercator', 24.4), geometry: merc };
    const res = await f.request('im-officer', '/ogc/collections/hazards/items', {
      method: 'POST',
      headers: { ...GEO, 'content-crs': '<http://www.opengis.net/def/crs/EPSG/0/3857>' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(201);
    const got = (await (
      await f.request('im-officer', new URL(res.headers.get('location') ?? '').pathname)
    ).json()) as { geometry: { coordinates: number[][][] } };
    const [lon, lat] = got.geometry.coordinates[0]?.[0] ?? [];
    expect(lon).toBeCloseTo(24.4, 6);
    expect(lat).toBeCloseTo(61, 6);
  });

  it('refuses a create by a field surveyor (who submits to the workbench) and by the anonymous caller, writing nothing', async () => {
    const size = await f.app.ledger.size();
    const body = JSON.stringify(feature('not allowed', 24.6));
    expect(
      (
        await f.request('field-surveyor', '/ogc/collections/hazards/items', {
          method: 'POST',
          headers: GEO,
          body,
        })
      ).status,
    ).toBe(403);
    expect(
      (await f.request('anonymous', '/ogc/collections/hazards/items', { method: 'POST', headers: GEO, body }))
        .status,
    ).toBe(401);
    expect(await f.app.ledger.size()).toBe(size);
  });

  it('replaces with If-Match: 428 without it, 412 when stale, 204 with a new ETag when current', async () => {
    const { path, etag } = await create('to replace', 24.8);
    const body = JSON.stringify(feature('replaced', 24.8, { priority: 'high' }));
    expect((await f.request('im-officer', path, { method: 'PUT', headers: GEO, body })).status).toBe(428);
    expect(
      (await f.request('im-officer', path, { method: 'PUT', headers: { ...GEO, 'if-match': '"1"' }, body }))
        .status,
    ).toBe(412);
    const ok = await f.request('im-officer', path, {
      method: 'PUT',
      headers: { ...GEO, 'if-match': etag },
      body,
    });
    expect(ok.status).toBe(204);
    const next = ok.headers.get('etag');
    expect(next).not.toBe(etag);
    const got = await f.request('im-officer', path);
    expect(got.headers.get('etag')).toBe(next);
    const props = ((await got.json()) as { properties: { name: string; priority: string; version: number } })
      .properties;
    expect(props.name).toBe('SYNTHETIC DEMO DATA: replaced');
    expect(props.priority).toBe('high');
    expect(props.version).toBe(2);
    // The old ETag is now stale.
    expect(
      (await f.request('im-officer', path, { method: 'PUT', headers: { ...GEO, 'if-match': etag }, body }))
        .status,
    ).toBe(412);
  });

  it('updates by merge patch, keeping fields and geometry not named in the patch', async () => {
    const { path, etag } = await create('to patch', 25.0);
    const before = (await (await f.request('im-officer', path)).json()) as {
      geometry: unknown;
      properties: { name: string };
    };
    const res = await f.request('im-officer', path, {
      method: 'PATCH',
      headers: { 'content-type': 'application/merge-patch+json', 'if-match': etag },
      body: JSON.stringify({ properties: { priority: 'low', landUse: ['grazing'] } }),
    });
    expect(res.status).toBe(204);
    const after = (await (await f.request('im-officer', path)).json()) as {
      geometry: unknown;
      properties: { name: string; priority: string; landUse: string[] };
    };
    expect(after.properties).toMatchObject({
      name: before.properties.name,
      priority: 'low',
      landUse: ['grazing'],
    });
    expect(after.geometry).toEqual(before.geometry);
  });

  it('refuses an invalid patch with 400 listing the problem with its path, writing nothing', async () => {
    const { path, etag } = await create('bad patch', 25.2);
    const size = await f.app.ledger.size();
    const res = await f.request('im-officer', path, {
      method: 'PATCH',
      headers: { 'content-type': 'application/merge-patch+json', 'if-match': etag },
      body: JSON.stringify({ properties: { kind: 'volcano', estimatedAreaM2: -1 } }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { details: { path: string }[] };
    expect(body.details.map((d) => d.path)).toEqual(
      expect.arrayContaining(['payload.report.kind', 'payload.report.estimatedAreaM2']),
    );
    expect(await f.app.ledger.size()).toBe(size);
  });

  it('refuses DELETE: nothing is deleted, a hazard is closed by a status change', async () => {
    const { path, etag } = await create('not deleted', 25.4);
    const res = await f.request('im-officer', path, { method: 'DELETE', headers: { 'if-match': etag } });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD, PUT, PATCH');
    expect(((await res.json()) as { code: string }).code).toBe('HTTP_METHOD_NOT_ALLOWED');
    expect((await f.request('im-officer', path)).status).toBe(200);
  });

  it('keeps the projections equal to a replay of the ledger', async () => {
    expect((await f.app.verify()).ok).toBe(true);
  });
});

describe('Part 4 conformance claims', () => {
  it('claims update and ETag locking, and not create-replace-delete, which needs DELETE', async () => {
    const body = (await (await f.request('anonymous', '/ogc/conformance')).json()) as {
      conformsTo: string[];
    };
    const part4 = body.conformsTo.filter((c) => c.includes('ogcapi-features-4'));
    expect(part4.sort()).toEqual([
      'http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/optimistic-locking-etags',
      'http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/update',
    ]);
  });
});
