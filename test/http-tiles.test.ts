/**
 * Vector tiles from the SQLite store (geojson-vt + vt-pbf): the features each caller may see,
 * with their properties, and the optional layer of centre points that keeps small areas visible
 * at low zoom (`?centres=true`, below zoom 12).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFixture, seedHazards, type Fixture } from './http-fixtures.js';
import { accessFilter, defaultCollections } from '../src/http/collections.js';
import { tileBBox } from '../src/http/index.js';
import { fetchTile, tileOf } from './tiles-testkit.js';

describe('vector tiles', () => {
  let f: Fixture;
  let hazards: string[];
  beforeAll(async () => {
    f = await makeFixture();
    // Three squares of 0.005° (about 280 × 550 m) at 24.20, 24.21 and 24.22 °E, 60.2 °N.
    hazards = await seedHazards(f, 3);
  }, 60_000);
  afterAll(() => f.app.close());

  it('draws each hazard the caller may see at street zoom, with its scalar properties and no centres layer', async () => {
    const [x, y] = tileOf(24.21, 60.2025, 12);
    const layers = await fetchTile(f, 'im-officer', `/tiles/hazards/12/${x}/${y}.mvt?centres=true`);
    expect(Object.keys(layers)).toEqual(['hazards']);
    expect(layers['hazards']?.ids).toEqual([...hazards].sort());
    for (const p of layers['hazards']?.props ?? []) {
      expect(p['humanId']).toMatch(/^HA-\d{4}$/);
      expect(p['status']).toBe('open');
    }
    const anon = await fetchTile(f, 'anonymous', `/tiles/hazards/12/${x}/${y}.mvt`);
    expect(anon['hazards']?.ids).toEqual([hazards[0]]);
  });

  it('adds, when asked, a layer of area centres at the centre of each box, so areas this small stay visible at district zoom', async () => {
    const z = 11;
    const [x, y] = tileOf(24.21, 60.2025, z);
    const plain = await fetchTile(f, 'im-officer', `/tiles/hazards/${z}/${x}/${y}.mvt`);
    expect(plain['hazards-centres']).toBeUndefined();
    const layers = await fetchTile(f, 'im-officer', `/tiles/hazards/${z}/${x}/${y}.mvt?centres=true`);
    const centres = layers['hazards-centres'];
    // 0.01° apart is more than a grid cell at z11 (64 units, 0.0055°): one dot each.
    expect(centres?.ids).toEqual([...hazards].sort());
    // One tile unit at z11 is 360 / (4096 · 2048) degrees of longitude; latitude units are smaller here.
    const tol = 360 / (4096 * 2 ** z);
    const expected = new Map(hazards.map((id, i) => [id, [24.2 + i * 0.01 + 0.0025, 60.2025] as const]));
    for (const [id, [lon, lat]] of expected) {
      const p = centres?.points.get(id);
      expect(p, id).toBeDefined();
      expect(Math.abs((p?.[0] ?? NaN) - lon)).toBeLessThanOrEqual(tol);
      expect(Math.abs((p?.[1] ?? NaN) - lat)).toBeLessThanOrEqual(tol);
    }
    // Centre points carry the same properties as the areas (the map colours them by status), and how many areas they stand for.
    expect(
      centres?.props.every(
        (p) => p['status'] === 'open' && /^HA-\d{4}$/.test(String(p['humanId'])) && p['count'] === 1,
      ),
    ).toBe(true);
    // Need-to-know: the anonymous caller gets the centre of the public hazard only.
    expect(
      (await fetchTile(f, 'anonymous', `/tiles/hazards/${z}/${x}/${y}.mvt?centres=true`))['hazards-centres']
        ?.ids,
    ).toEqual([hazards[0]]);
  });

  it('gathers the centres that share a grid cell at country zoom into one dot with their count', async () => {
    const z = 5;
    const [x, y] = tileOf(24.21, 60.2025, z);
    const centres = (await fetchTile(f, 'im-officer', `/tiles/hazards/${z}/${x}/${y}.mvt?centres=true`))[
      'hazards-centres'
    ];
    // A cell at z5 is 0.18° wide: the three hazards, 0.01° apart, share one; the least id stands for them.
    expect(centres?.ids).toEqual([[...hazards].sort()[0]]);
    expect(centres?.props[0]?.['count']).toBe(3);
    // The anonymous caller's dot counts only what it may see.
    const anon = (await fetchTile(f, 'anonymous', `/tiles/hazards/${z}/${x}/${y}.mvt?centres=true`))[
      'hazards-centres'
    ];
    expect(anon?.ids).toEqual([hazards[0]]);
    expect(anon?.props[0]?.['count']).toBe(1);
  });

  it('audits every non-empty tile a cleared caller gets by its address and ledger size, from which a replay gives exactly its records', async () => {
    const audits = () =>
      f.app.store.findDocs({
        collection: 'audit',
        where: { op: '=', field: 'type', value: 'audit.read-recorded' },
        orderBy: { field: 'seq' },
      });
    const before = (await audits()).length;
    const [x, y] = tileOf(24.21, 60.2025, 12);
    const first = await fetchTile(f, 'im-officer', `/tiles/hazards/12/${x}/${y}.mvt`);
    const again = await fetchTile(f, 'im-officer', `/tiles/hazards/12/${x}/${y}.mvt`); // from the cache, audited all the same
    expect(again['hazards']?.ids).toEqual(first['hazards']?.ids);
    const logged = (await audits()).slice(before);
    expect(logged).toHaveLength(2);
    const entry = logged[0]?.data ?? {};
    expect(entry['collection']).toBe('hazards');
    expect(entry['tile']).toEqual({ z: 12, x, y });
    expect(entry['route']).toBe(`GET /tiles/hazards/12/${x}/${y}.mvt`);
    // The ledger as it stood when the tile was read, filtered as the reader was, holds exactly the tile's records.
    const then = await f.app.replay({ toSize: entry['ledgerSize'] as number });
    const reader = f.actors.get('im-officer');
    const spec = defaultCollections().find((c) => c.id === 'hazards');
    if (reader === undefined || spec === undefined) throw new Error('fixture');
    const inTile = await then.findDocs({
      collection: 'hazards',
      bbox: tileBBox(12, x, y, 64),
      where: accessFilter(spec, reader),
    });
    expect(inTile.map((d) => d.id).sort()).toEqual(first['hazards']?.ids);
    // The anonymous caller (public records only) and empty tiles leave nothing.
    await fetchTile(f, 'anonymous', `/tiles/hazards/12/${x}/${y}.mvt`);
    expect(await fetchTile(f, 'im-officer', '/tiles/hazards/12/0/0.mvt')).toEqual({});
    expect(await audits()).toHaveLength(before + 2);
  });

  it('gives point collections no centres layer', async () => {
    const [x, y] = tileOf(24.21, 60.2025, 5);
    const layers = await fetchTile(f, 'im-officer', `/tiles/devices/5/${x}/${y}.mvt?centres=true`);
    expect(layers['devices-centres']).toBeUndefined();
  });

  it('refuses a centres value other than true or false, naming the parameter, and unknown parameters', async () => {
    const bad = await f.request('im-officer', '/tiles/hazards/5/18/9.mvt?centres=yes');
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { code: string; details: { path: string; message: string }[] };
    expect(body.code).toBe('VALIDATION_FORMAT');
    expect(body.details[0]?.path).toBe('centres');
    expect(body.details[0]?.message).toContain('true or false');
    expect((await f.request('im-officer', '/tiles/hazards/5/18/9.mvt?center=true')).status).toBe(400);
    expect((await f.request('im-officer', '/tiles/hazards/5/18/9.mvt?centres=false')).status).toBe(200);
  });
});
