/**
 * `SqliteStore.tileRows`: the narrow read behind SQLite vector tiles returns, for the rows with a
 * geometry in a box that match the filter, only the geometry and the fields asked for.
 * Data are SYNTHETIC DEMO DATA squares.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { geoSpatialPredicate } from '../../app/spatial.js';
import type { Doc } from '../port.js';
import { SqliteStore } from './index.js';

const dir = mkdtempSync(join(tmpdir(), 'cairn-tile-rows-'));
const store = new SqliteStore(join(dir, 't.db'), { spatial: geoSpatialPredicate });

function square(
  id: string,
  x: number,
  y: number,
  data: Record<string, string | number | boolean | null | Record<string, number>>,
): Doc {
  return {
    collection: 'hazards',
    id,
    version: 1,
    data: { id, name: 'SYNTHETIC DEMO DATA', ...data },
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [x, y],
          [x + 0.01, y],
          [x + 0.01, y + 0.01],
          [x, y + 0.01],
          [x, y],
        ],
      ],
    },
  };
}

beforeAll(async () => {
  await store.migrate();
  await store.transaction(async (tx) => {
    await tx.putDoc(square('b', 25.1, 61.1, { status: 'open', area: 12.5, public: true, extra: { n: 1 } }));
    await tx.putDoc(square('a', 25.2, 61.2, { status: 'worked-on', area: 3, public: false, note: null }));
    await tx.putDoc(square('far', 30, 65, { status: 'open', area: 1, public: true }));
    await tx.putDoc({
      collection: 'hazards',
      id: 'nogeom',
      version: 1,
      data: { id: 'nogeom', status: 'open' },
    });
  });
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('SqliteStore.tileRows', () => {
  it('returns only the geometry and the named fields of the rows in the box, in id order', async () => {
    const rows = await store.tileRows('hazards', [25, 61, 26, 62], undefined, [
      'status',
      'area',
      'public',
      'extra',
      'note',
      'missing',
    ]);
    expect(rows.map((r) => r.id)).toEqual(['a', 'b']);
    expect(rows[0]?.properties).toEqual({ status: 'worked-on', area: 3, public: false });
    expect(rows[1]?.properties).toEqual({ status: 'open', area: 12.5, public: true, extra: { n: 1 } });
    expect(rows[1]?.geometry.type).toBe('Polygon');
    expect(rows[1]?.geometry).toEqual((await store.getDoc('hazards', 'b'))?.geometry);
  });

  it('reads one field as a value, not as a JSON array, and none at all when none are named', async () => {
    expect(
      (await store.tileRows('hazards', [25, 61, 26, 62], undefined, ['status'])).map((r) => r.properties),
    ).toEqual([{ status: 'worked-on' }, { status: 'open' }]);
    expect(
      (await store.tileRows('hazards', [25, 61, 26, 62], undefined, [])).map((r) => r.properties),
    ).toEqual([{}, {}]);
  });

  it('applies the filter expression, as findDocs does', async () => {
    const where = { op: '=', field: 'public', value: true } as const;
    expect((await store.tileRows('hazards', [0, 0, 90, 80], where, ['status'])).map((r) => r.id)).toEqual([
      'b',
      'far',
    ]);
    expect(
      (await store.findDocs({ collection: 'hazards', bbox: [0, 0, 90, 80], where })).map((d) => d.id),
    ).toEqual(['b', 'far']);
  });

  it('applies a spatial filter exactly, through the in-memory predicate', async () => {
    const within = {
      op: 's_intersects',
      geometry: { type: 'Point', coordinates: [25.205, 61.205] },
    } as const;
    expect(
      (await store.tileRows('hazards', [25, 61, 26, 62], within, ['status'])).map((r) => [
        r.id,
        r.properties,
      ]),
    ).toEqual([['a', { status: 'worked-on' }]]);
  });

  it('does not accept a field name that is not a plain identifier into the JSON path', async () => {
    const rows = await store.tileRows('hazards', [25, 61, 26, 62], undefined, ['status', 'a"b', '$.x']);
    expect(rows.map((r) => Object.keys(r.properties))).toEqual([['status'], ['status']]);
  });
});
