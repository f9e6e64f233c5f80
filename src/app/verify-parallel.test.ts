/**
 * verify with workers that read the SQLite file through their own connections
 * (`SqliteStore.parallelReader`, verify-phases.ts `parallelEntries`): the same report as a
 * serial run on a clean ledger and on a database altered behind the ledger's back in each way
 * verify must catch: entry bytes, leaf hashes, stored nodes inside and above a batch, rows deleted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../store/sqlite/index.js';
import type { Cairn } from './cairn.js';
import { EntryPool } from './verify-pool.js';
import { expectCleanParallel, fillLedger, inlineAndParallel } from './verify.testkit.js';

const dir = mkdtempSync(join(tmpdir(), 'cairn-verify-parallel-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

let files = 0;
/** A fresh file-backed ledger with a checkpoint, altered by `tamper` (plain SQL on the file). */
async function ledger(tamper?: (db: Database.Database) => void): Promise<{ app: Cairn; store: SqliteStore }> {
  const file = join(dir, `l${files++}.db`);
  const store = new SqliteStore(file);
  await store.migrate();
  const app = await fillLedger(store);
  if (tamper !== undefined) {
    const db = new Database(file);
    tamper(db);
    db.close();
  }
  return { app, store };
}

describe('verify with workers reading the database themselves', () => {
  it('opens a connection in each worker and checks a range through it', async () => {
    const { app, store } = await ledger();
    const pool = await EntryPool.start(2, store.parallelReader());
    try {
      expect(pool?.reading).toBe(true);
      const r = await pool?.checkRange(8, 16, 1, true);
      expect(r?.count).toBe(8);
      expect(r?.check?.failures).toEqual([]);
      expect(r?.nodeFailures).toEqual([]);
      const stored = await store.readEntries(8, 16);
      expect(Buffer.from(r?.check?.leaves ?? []).equals(Buffer.concat(stored.map((e) => e.leafHash)))).toBe(
        true,
      );
      expect(r?.batch?.seqs[0]).toBe(8);
    } finally {
      await pool?.close();
      await app.close();
    }
  });

  it('reports a clean ledger as clean, reading nothing on this thread, with the same report as a serial run', async () => {
    const { app, store } = await ledger();
    await expectCleanParallel(app, store);
    await app.close();
  });

  it('falls back to a serial run when the store offers workers no connection (in memory)', () => {
    expect(new SqliteStore(':memory:').parallelReader()).toBeUndefined();
  });

  const cases: readonly [string, (db: Database.Database) => void, RegExp][] = [
    [
      'altered entry bytes',
      (db) => {
        const r = db.prepare('SELECT bytes FROM events WHERE seq = 9').get() as { bytes: Buffer };
        db.prepare('UPDATE events SET bytes = ? WHERE seq = 9').run(
          Buffer.from(r.bytes.toString('utf8').replace('"n":9', '"n":90')),
        );
      },
      /entry 9: stored leaf hash does not match/,
    ],
    [
      'an altered leaf hash',
      (db) => db.prepare('UPDATE events SET leaf_hash = zeroblob(32) WHERE seq = 20').run(),
      /entry 20: stored leaf hash does not match/,
    ],
    [
      'an altered node inside a batch',
      (db) => db.prepare('UPDATE merkle_nodes SET hash = zeroblob(32) WHERE level = 2 AND idx = 3').run(),
      /stored Merkle node 2:3 differs/,
    ],
    [
      'a deleted node inside a batch',
      (db) => db.prepare('DELETE FROM merkle_nodes WHERE level = 1 AND idx = 10').run(),
      /stored Merkle node 1:10 is missing/,
    ],
    [
      'an altered node above the batches',
      (db) => db.prepare('UPDATE merkle_nodes SET hash = zeroblob(32) WHERE level = 4 AND idx = 1').run(),
      /stored Merkle node 4:1 differs/,
    ],
    [
      'nodes altered on two levels',
      (db) =>
        db
          .prepare(
            'UPDATE merkle_nodes SET hash = zeroblob(32) WHERE (level = 1 AND idx IN (2, 40)) OR (level = 3 AND idx = 0)',
          )
          .run(),
      /stored Merkle node 1:2 differs[\s\S]*1:40[\s\S]*3:0 differs/,
    ],
    [
      'a deleted event',
      (db) => db.prepare('DELETE FROM events WHERE seq = 15').run(),
      /expected 8 rows, found 7/,
    ],
    // A worker that cannot read a row (text where bytes belong) hands over to the serial path.
    [
      'bytes stored as text',
      (db) => db.prepare("UPDATE events SET bytes = 'not bytes' WHERE seq = 30").run(),
      /entry 30: stored leaf hash does not match/,
    ],
  ];
  for (const [name, tamper, expected] of cases) {
    it(`reports ${name} exactly as a serial run does`, async () => {
      const { app, store } = await ledger(tamper);
      const { inline, parallel } = await inlineAndParallel(app, store);
      expect(inline.ok).toBe(false);
      expect(inline.failures.map((f) => f.message).join('\n')).toMatch(expected);
      expect(parallel).toEqual(inline);
      await app.close();
    });
  }
});
