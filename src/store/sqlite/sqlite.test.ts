import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CairnError } from '../../core/index.js';
import { runStoreContract } from '../contract.testkit.js';
import Database from 'better-sqlite3';
import { SqliteStore } from './index.js';
import { SQLITE_MIGRATIONS } from './migrations.js';
import { docExtent } from '../extent.js';
import { geometryBBox } from '../bbox.js';
import { geoSpatialPredicate } from '../../app/spatial.js';

const dir = mkdtempSync(join(tmpdir(), 'cairn-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

runStoreContract('sqlite (file, WAL)', async () => {
  const s = new SqliteStore(join(dir, `c${n++}.db`), { spatial: geoSpatialPredicate });
  await s.migrate();
  return s;
});

describe('sqlite adapter specifics', () => {
  it('refuses a file that is not a database with a clear error', async () => {
    const f = join(dir, 'garbage.db');
    writeFileSync(f, 'this is not sqlite'.repeat(100));
    const attempt = async () => {
      const s = new SqliteStore(f);
      try {
        await s.checkSchema();
      } finally {
        await s.close();
      }
    };
    await expect(attempt()).rejects.toBeInstanceOf(CairnError);
    await expect(attempt()).rejects.toMatchObject({ code: 'DATA_DIR_CORRUPT' });
  });

  it('fills the exact box columns of documents written before schema 4 from their GeoJSON', async () => {
    const f = join(dir, 'v3.db');
    const geometries = [
      { type: 'Point', coordinates: [24.0000001, 60.1234567891] },
      {
        type: 'MultiPolygon',
        bbox: [-180, -90, 180, 90],
        coordinates: [
          [
            [
              [25, 61],
              [26.5, 61],
              [25, 62.25],
              [25, 61],
            ],
          ],
          [
            [
              [26.75, 58.125],
              [27, 58.125],
              [27, 59],
              [26.75, 58.125],
            ],
          ],
        ],
      },
      {
        type: 'GeometryCollection',
        geometries: [
          { type: 'Point', coordinates: [30, 50, 120] },
          {
            type: 'LineString',
            coordinates: [
              [31, 51],
              [29.5, 52],
            ],
          },
        ],
      },
    ];
    const db = new Database(f);
    db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    for (const m of SQLITE_MIGRATIONS.filter((x) => x.version <= 3)) {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations VALUES (?, ?)').run(m.version, '2026-01-01T00:00:00Z');
    }
    // As schema 3 wrote them: the document, and its box in the R*Tree only.
    const ins = db.prepare(
      'INSERT INTO docs(collection, id, version, data, geometry) VALUES (?, ?, 1, ?, ?) RETURNING rid',
    );
    const box = db.prepare('INSERT INTO docs_bbox(rid, minx, maxx, miny, maxy) VALUES (?, ?, ?, ?, ?)');
    for (const [i, g] of geometries.entries()) {
      const { rid } = ins.get('things', `g${i}`, '{}', JSON.stringify(g)) as { rid: number };
      const b = geometryBBox(g);
      if (b !== undefined) box.run(rid, b[0], b[2], b[1], b[3]);
    }
    ins.get('things', 'none', '{}', null);
    db.close();

    const s = new SqliteStore(f);
    try {
      await expect(s.checkSchema()).rejects.toMatchObject({ code: 'STORE_SCHEMA_OLD' });
      expect((await s.migrate()).applied).toEqual([4]);
      for (const [i, g] of geometries.entries()) {
        const b = geometryBBox(g);
        expect(
          await docExtent(s, { collection: 'things', where: { op: '=', field: 'id', value: `g${i}` } }),
          `g${i}`,
        ).toEqual({ bbox: b });
      }
      expect(await s.findDocs({ collection: 'things', bbox: [23, 59, 24.00000005, 61] })).toEqual([]);
      expect(
        (await s.findDocs({ collection: 'things', bbox: [23, 59, 24.0000001, 61] })).map((d) => d.id),
      ).toEqual(['g0']);
    } finally {
      await s.close();
    }
  });

  it('reports a database without the schema as needing migration', async () => {
    const s = new SqliteStore(join(dir, 'empty.db'));
    await expect(s.checkSchema()).rejects.toMatchObject({ code: 'STORE_SCHEMA_OLD' });
    await s.close();
  });
});
