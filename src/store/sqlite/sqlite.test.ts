import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CairnError } from '../../core/index.js';
import { runStoreContract } from '../contract.testkit.js';
import { SqliteStore } from './index.js';
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

  it('reports a database without the schema as needing migration', async () => {
    const s = new SqliteStore(join(dir, 'empty.db'));
    await expect(s.checkSchema()).rejects.toMatchObject({ code: 'STORE_SCHEMA_OLD' });
    await s.close();
  });
});
