/**
 * verify's per-entry checks give the same report whether they run on this thread or in worker
 * threads (verify-pool.ts), on a clean ledger and on ledgers altered in each way verify must catch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../core/index.js';
import { leafHash } from '../ledger/index.js';
import type { StoredEntry, Store } from '../store/index.js';
import type { Cairn } from './cairn.js';
import { addTestUser, makeTestApp } from './testing/index.js';
import { packEntries } from './verify-entries.js';
import { EntryPool } from './verify-pool.js';
import { verifyStore, type VerifyOptions, type VerifyReport } from './verify.js';

let app: Cairn;

beforeAll(async () => {
  app = await makeTestApp();
  for (let i = 0; i < 12; i++) await addTestUser(app, `synthetic-user-${i}`, ['auditor']);
  await app.ledger.checkpoint();
});
afterAll(async () => {
  await app.close();
});

/** The store, with every read of entries passed through `edit` (a forger's view of the rows). */
function withEntries(store: Store, edit: (entries: StoredEntry[]) => StoredEntry[]): Store {
  return new Proxy(store, {
    get(target, prop) {
      if (prop === 'readEntries')
        return async (from: number, to: number) => edit(await target.readEntries(from, to));
      // Workers reading the database themselves would not see the forger's view.
      if (prop === 'parallelReader') return undefined;
      const v: unknown = Reflect.get(target, prop, target);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

async function both(store: Store): Promise<{ inline: VerifyReport; pooled: VerifyReport }> {
  const base: VerifyOptions = { batchSize: 8 };
  const inline = await verifyStore(store, app.verifier(), app.modules, { ...base, workers: 0 });
  const pooled = await verifyStore(store, app.verifier(), app.modules, { ...base, workers: 2 });
  return { inline, pooled };
}

const reencode = (e: StoredEntry, text: string): StoredEntry => {
  const bytes = Buffer.from(text, 'utf8');
  return { seq: e.seq, bytes, leafHash: leafHash(bytes) };
};

describe('verify in worker threads', () => {
  it('starts workers that really check entries (so the comparisons below are not serial against serial)', async () => {
    const pool = await EntryPool.start(2);
    expect(pool).toBeDefined();
    try {
      const entries = await app.store.readEntries(0, 3);
      const reply = await pool?.check(packEntries(0, entries));
      expect(reply?.check.failures).toEqual([]);
      expect(
        Buffer.from(reply?.check.leaves ?? []).equals(Buffer.concat(entries.map((e) => e.leafHash))),
      ).toBe(true);
    } finally {
      await pool?.close();
    }
  });

  it('reports a clean ledger as clean, with the same root and documents as a serial run', async () => {
    const { inline, pooled } = await both(app.store);
    expect(inline.ok).toBe(true);
    expect(inline.size).toBeGreaterThan(20);
    expect(pooled).toEqual(inline);
  });

  const cases: readonly [string, (entries: StoredEntry[]) => StoredEntry[], RegExp][] = [
    [
      'a changed byte',
      (es) =>
        es.map((e) =>
          e.seq === 9
            ? { ...e, bytes: Buffer.from(e.bytes.toString('utf8').replace('"seq":9', '"seq":8')) }
            : e,
        ),
      /entry 9: stored leaf hash does not match/,
    ],
    ['a deleted event', (es) => es.filter((e) => e.seq !== 15), /expected \d+ rows, found \d+/],
    [
      'two events swapped',
      (es) => es.map((e, i, all) => (e.seq === 3 ? (all[i + 1] ?? e) : e.seq === 4 ? (all[i - 1] ?? e) : e)),
      /entry at position 3 has seq 4/,
    ],
    [
      'bytes that are not canonical JSON, with a matching leaf hash',
      (es) =>
        es.map((e) =>
          e.seq === 17 ? reencode(e, JSON.stringify(JSON.parse(e.bytes.toString('utf8')), null, 1)) : e,
        ),
      /entry 17: bytes are not canonical JSON/,
    ],
    [
      'bytes that are not JSON',
      (es) => es.map((e) => (e.seq === 20 ? reencode(e, '{"seq":20,') : e)),
      /entry 20: bytes are not a valid event/,
    ],
    [
      'an event re-signed with another seq inside',
      (es) =>
        es.map((e) =>
          e.seq === 11
            ? reencode(e, canonicalJson({ ...(JSON.parse(e.bytes.toString('utf8')) as object), seq: 12 }))
            : e,
        ),
      /entry 11: the event inside says seq 12/,
    ],
  ];
  for (const [name, edit, expected] of cases) {
    it(`reports ${name} exactly as a serial run does`, async () => {
      const { inline, pooled } = await both(withEntries(app.store, edit));
      expect(inline.ok).toBe(false);
      expect(inline.failures.map((f) => f.message).join('\n')).toMatch(expected);
      expect(pooled).toEqual(inline);
    });
  }
});
