/**
 * Vector tiles on PostgreSQL: the server asks the store for the tile (ST_AsMVT) with the same
 * access filter as every other read, and the tile decodes to exactly the features the same
 * caller gets from SQLite's geojson-vt path. Needs CAIRN_TEST_PG_URL (skipped with the reason
 * otherwise; CI sets CAIRN_TEST_PG_REQUIRED=1, and then a missing URL fails).
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Cairn, domainModules, geoSpatialPredicate } from '../src/app/index.js';
import { fixedClock } from '../src/core/index.js';
import { generateSigningKeyPem, loadSigner } from '../src/ledger/index.js';
import { makePostgresTestStore } from '../src/store/postgres/testing/index.js';
import { describeWithPostgres } from '../src/store/postgres/testing/describe.js';
import { makeFixture, seedHazards, type Fixture, type Who } from './http-fixtures.js';

interface Layer {
  length: number;
  feature(i: number): { properties: Record<string, string | number | boolean>; type: number };
}
const require = createRequire(import.meta.url);
const { VectorTile } = require('@mapbox/vector-tile') as {
  VectorTile: new (p: unknown) => { layers: Record<string, Layer | undefined> };
};
const Pbf = require('pbf') as new (b: Uint8Array) => unknown;

/** The XYZ tile containing (lon, lat) at zoom z. */
function tileOf(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const r = (lat * Math.PI) / 180;
  return [
    Math.floor(((lon + 180) / 360) * n),
    Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n),
  ];
}

async function decode(
  f: Fixture,
  who: Who,
  path: string,
): Promise<{ ids: string[]; props: Record<string, string | number | boolean>[] }> {
  const res = await f.request(who, path);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile');
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (bytes.length === 0) return { ids: [], props: [] };
  const layer = new VectorTile(new Pbf(bytes)).layers['hazards'];
  const props = Array.from({ length: layer?.length ?? 0 }, (_, i) => layer?.feature(i).properties ?? {});
  return { ids: props.map((p) => String(p['id'])).sort(), props };
}

describeWithPostgres('vector tiles on PostgreSQL', () => {
  let pg: Fixture;
  let lite: Fixture;
  let hazards: string[];
  beforeAll(async () => {
    const store = await makePostgresTestStore();
    const signer = loadSigner('cairn/test', generateSigningKeyPem());
    if (!signer.ok) throw new Error('key');
    const app = new Cairn({
      store,
      signer: signer.value,
      clock: fixedClock('2026-06-01T12:00:00Z', 1000),
      modules: domainModules,
      spatial: geoSpatialPredicate,
    });
    await store.setMeta('origin', 'cairn/test');
    pg = await makeFixture({}, [], app);
    lite = await makeFixture();
    hazards = await seedHazards(pg, 3);
    await seedHazards(lite, 3);
  }, 120_000);
  afterAll(async () => {
    await pg.app.close();
    await lite.app.close();
  });

  it('is served by the store with ST_AsMVT (features carry the row version, which geojson-vt tiles do not)', async () => {
    expect(typeof pg.app.store.vectorTile === 'function').toBe(true);
    const [x, y] = tileOf(24.21, 60.202, 12);
    const t = await decode(pg, 'im-officer', `/tiles/hazards/12/${x}/${y}.mvt`);
    expect(t.ids.length).toBeGreaterThan(0);
    for (const p of t.props) {
      expect(typeof p['version']).toBe('number');
      expect(p['humanId']).toMatch(/^HA-\d{4}$/);
    }
    expect(t.ids.every((id) => hazards.includes(id))).toBe(true);
  });

  it('applies need-to-know: the anonymous caller gets only the hazard released for public warning', async () => {
    const [x, y] = tileOf(24.21, 60.202, 10);
    expect((await decode(pg, 'anonymous', `/tiles/hazards/10/${x}/${y}.mvt`)).ids).toEqual([hazards[0]]);
    expect((await decode(pg, 'im-officer', `/tiles/hazards/10/${x}/${y}.mvt`)).ids).toEqual(
      [...hazards].sort(),
    );
    expect((await pg.request('anonymous', `/tiles/minefields/10/${x}/${y}.mvt`)).status).toBe(404);
  });

  it('holds the same number of features per caller as the SQLite tiler for the same data', async () => {
    for (const z of [8, 12, 14]) {
      const [x, y] = tileOf(24.205, 60.2025, z);
      for (const who of ['anonymous', 'im-officer'] as const) {
        const a = await decode(pg, who, `/tiles/hazards/${z}/${x}/${y}.mvt`);
        const b = await decode(lite, who, `/tiles/hazards/${z}/${x}/${y}.mvt`);
        expect(a.ids.length, `z${z} ${who}`).toBe(b.ids.length);
      }
    }
  });

  it('cuts a new tile after a new hazard is recorded (cache invalidated by the ledger)', async () => {
    const [x, y] = tileOf(24.21, 60.202, 10);
    const before = await decode(pg, 'im-officer', `/tiles/hazards/10/${x}/${y}.mvt`);
    const more = await seedHazards(pg, 1, [24.235, 60.21]);
    const after = await decode(pg, 'im-officer', `/tiles/hazards/10/${x}/${y}.mvt`);
    expect(after.ids).toEqual([...before.ids, ...more].sort());
  });
});
