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
import { fixedClock } from '../core/index.js';
import { generateSigningKeyPem, loadSigner, type EventDraft } from '../ledger/index.js';
import type { Store } from '../store/index.js';
import { SqliteStore } from '../store/sqlite/index.js';
import { Cairn } from './cairn.js';
import { domainModules } from './modules.js';
import { EntryPool } from './verify-pool.js';
import { verifyStore, type VerifyReport } from './verify.js';

const dir = mkdtempSync(join(tmpdir(), 'cairn-verify-parallel-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});
const loaded = loadSigner('cairn/test', generateSigningKeyPem());
if (!loaded.ok) throw new Error('test key');
const signer = loaded.value;

const EVENTS = 100; // 12 whole batches of 8 and a last one of 4
const draft = (i: number): EventDraft => ({
  type: 'test.synthetic-recorded',
  schemaVersion: 1,
  effectiveAt: '2026-01-01T00:00:00.000Z',
  actor: '00000000-0000-4000-8000-000000000001',
  payload: { note: 'SYNTHETIC TEST DATA', n: i },
  refs: [],
});

let files = 0;
/** A fresh file-backed ledger of EVENTS events with a checkpoint, altered by `tamper` (plain SQL on the file). */
async function ledger(tamper?: (db: Database.Database) => void): Promise<{ app: Cairn; store: SqliteStore }> {
  const file = join(dir, `l${files++}.db`);
  const store = new SqliteStore(file);
  await store.migrate();
  const app = new Cairn({
    store,
    signer,
    clock: fixedClock('2026-06-01T12:00:00Z', 1000),
    modules: domainModules,
  });
  await store.transaction((tx) =>
    tx.append(
      Array.from({ length: EVENTS }, (_, i) => draft(i)),
      '2026-06-01T12:00:00.000Z',
    ),
  );
  await app.ledger.checkpoint();
  if (tamper !== undefined) {
    const db = new Database(file);
    tamper(db);
    db.close();
  }
  return { app, store };
}

/** The store, counting how often this thread reads entries. */
function counting(store: Store): { store: Store; reads: () => number } {
  let reads = 0;
  const proxy = new Proxy(store, {
    get(target, prop) {
      if (prop === 'readEntries') {
        return (from: number, to: number) => {
          reads += 1;
          return target.readEntries(from, to);
        };
      }
      const v: unknown = Reflect.get(target, prop, target);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  return { store: proxy, reads: () => reads };
}

async function both(
  app: Cairn,
  store: Store,
): Promise<{ inline: VerifyReport; parallel: VerifyReport; mainReads: number }> {
  const inline = await verifyStore(store, app.verifier(), app.modules, { batchSize: 8, workers: 0 });
  const c = counting(store);
  const parallel = await verifyStore(c.store, app.verifier(), app.modules, { batchSize: 8, workers: 2 });
  return { inline, parallel, mainReads: c.reads() };
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
    const { inline, parallel, mainReads } = await both(app, store);
    expect(inline.ok).toBe(true);
    expect(inline.size).toBe(EVENTS);
    expect(parallel).toEqual(inline);
    expect(mainReads).toBe(0);
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
      const { inline, parallel } = await both(app, store);
      expect(inline.ok).toBe(false);
      expect(inline.failures.map((f) => f.message).join('\n')).toMatch(expected);
      expect(parallel).toEqual(inline);
      await app.close();
    });
  }
});
