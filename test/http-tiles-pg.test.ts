/**
 * Vector tiles on PostgreSQL: the server asks the store for the tile (ST_AsMVT) with the same
 * access filter as every other read, and the tile decodes to exactly the features the same
 * caller gets from SQLite's geojson-vt path. Needs CAIRN_TEST_PG_URL (skipped with the reason
 * otherwise; CI sets CAIRN_TEST_PG_REQUIRED=1, and then a missing URL fails).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Cairn, domainModules, geoSpatialPredicate } from '../src/app/index.js';
import { fixedClock } from '../src/core/index.js';
import { generateSigningKeyPem, loadSigner } from '../src/ledger/index.js';
import { makePostgresTestStore } from '../src/store/postgres/testing/index.js';
import { describeWithPostgres } from '../src/store/postgres/testing/describe.js';
import { makeFixture, seedHazards, type Fixture, type Who } from './http-fixtures.js';
import { fetchTile, tileOf } from './tiles-testkit.js';

/** The hazards layer of a tile: its feature ids (sorted) and properties. */
async function decode(
  f: Fixture,
  who: Who,
  path: string,
): Promise<{ ids: string[]; props: Record<string, string | number | boolean>[] }> {
  return (await fetchTile(f, who, path))['hazards'] ?? { ids: [], props: [] };
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

  it('adds the same centre dots as the SQLite tiler when asked, gathered on the same grid, below zoom 12 only', async () => {
    for (const z of [4, 9, 11]) {
      const [x, y] = tileOf(24.205, 60.2025, z);
      const a = (await fetchTile(pg, 'im-officer', `/tiles/hazards/${z}/${x}/${y}.mvt?centres=true`))[
        'hazards-centres'
      ];
      const b = (await fetchTile(lite, 'im-officer', `/tiles/hazards/${z}/${x}/${y}.mvt?centres=true`))[
        'hazards-centres'
      ];
      // The same dots (the least id of each cell, which differs between the two stores' ids, so compared by count and place).
      const dots = (l: typeof a) =>
        [...(l?.points.values() ?? [])]
          .map((p, i) => ({ p, count: l?.props[i]?.['count'] }))
          .sort((m, n) => m.p[0] - n.p[0]);
      const pa = dots(a);
      const pb = dots(b);
      expect(
        pa.map((d) => d.count),
        `z${z}`,
      ).toEqual(pb.map((d) => d.count));
      expect(
        pa.reduce((n, d) => n + Number(d.count), 0),
        `z${z}`,
      ).toBe(3);
      expect(a?.ids.every((id) => hazards.includes(id))).toBe(true);
      // A lone area's dot at the same place, to within the quantisation of a 4096-unit tile; a
      // gathered dot somewhere in the same 64-unit cell (which area stands for it depends on ids).
      const unit = 360 / (4096 * 2 ** z);
      for (const [i, d] of pa.entries()) {
        const tol = d.count === 1 ? unit : 64 * unit;
        expect(Math.abs(d.p[0] - (pb[i]?.p[0] ?? NaN))).toBeLessThanOrEqual(tol);
        expect(Math.abs(d.p[1] - (pb[i]?.p[1] ?? NaN))).toBeLessThanOrEqual(tol);
      }
    }
    const [x, y] = tileOf(24.205, 60.2025, 12);
    expect(
      Object.keys(await fetchTile(pg, 'im-officer', `/tiles/hazards/12/${x}/${y}.mvt?centres=true`)),
    ).toEqual(['hazards']);
    // Need-to-know holds for the centres too.
    const [x9, y9] = tileOf(24.205, 60.2025, 9);
    expect(
      (await fetchTile(pg, 'anonymous', `/tiles/hazards/9/${x9}/${y9}.mvt?centres=true`))['hazards-centres']
        ?.ids,
    ).toEqual([hazards[0]]);
  });

  it('cuts a new tile after a new hazard is recorded (cache invalidated by the ledger)', async () => {
    const [x, y] = tileOf(24.21, 60.202, 10);
    const before = await decode(pg, 'im-officer', `/tiles/hazards/10/${x}/${y}.mvt`);
    const more = await seedHazards(pg, 1, [24.235, 60.21]);
    const after = await decode(pg, 'im-officer', `/tiles/hazards/10/${x}/${y}.mvt`);
    expect(after.ids).toEqual([...before.ids, ...more].sort());
  });
});
