/**
 * One query layer (issue #13 §2): a page of the movement approval queue read by the stock
 * module's `movementQueue` (need-to-know, paging and the total in the store; names joined for the
 * page only) against the route it replaced, which read every waiting movement, joined names for
 * all of them and sliced the page in memory. N waiting movements (default 50k, env
 * CAIRN_BENCH_QUERIES_N) as projection documents in a scratch SQLite file; figures: median ms of
 * the first page and of a deep page (offset N − 100) of 20 rows, each with the old way's time and
 * the ratio old/new. Seeded data, one warm-up, seven repetitions.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor } from '../src/access/index.js';
import { seededRandom } from '../src/core/index.js';
import type { Store } from '../src/store/index.js';
import { SqliteStore } from '../src/store/sqlite/index.js';
import { STOCK_COLLECTIONS, movementQueue, userNames, type Movement } from '../src/stock/index.js';
import { USERS } from '../src/users/index.js';
import { emit, median, sink, timeIt } from './emit.js';

const BENCH = 'queries';
const PAGE = 20;
const approver: Actor = {
  id: 'u-approver',
  name: 'approver',
  roles: ['approver'],
  clearance: 'restricted',
  regions: [],
};

async function seed(store: Store, n: number): Promise<void> {
  const random = seededRandom(13);
  await store.transaction(async (tx) => {
    for (const u of ['u-officer', 'u-approver'])
      await tx.putDoc({ collection: USERS, id: u, data: { id: u, name: u.slice(2) }, version: 1 });
    for (let i = 0; i < n; i++) {
      const id = `mv-${String(i).padStart(7, '0')}`;
      const account = (l: string) => ({
        key: `storage:f1:${l}`,
        kind: 'storage',
        state: 'FI',
        facilityId: 'f1',
        locationId: l,
        ref: null,
        basis: null,
      });
      const day = 1 + Math.floor(random() * 28);
      const m = {
        id,
        kind: 'internal-transfer',
        status: i % 10 === 0 ? 'executed' : 'proposed',
        from: 'storage:f1:A',
        to: 'storage:f1:B',
        fromAccount: account('A'),
        toAccount: account('B'),
        lotId: `lot-${i % 500}`,
        typeId: `type-${i % 5}`,
        quantity: 1,
        state: 'FI',
        minefieldId: null,
        details: {},
        proposedBy: 'u-officer',
        approvedBy: null,
        executedBy: null,
        decidedBy: null,
        effectiveAt: `2026-03-${String(day).padStart(2, '0')}T08:00:00Z`,
        executedAt: null,
      };
      await tx.putDoc({ collection: STOCK_COLLECTIONS.movements, id, data: m, version: 1 });
    }
  });
}

/** What GET /api/stock/movements/pending did before: every waiting movement, names for all, slice. */
async function oldWay(store: Store, offset: number): Promise<string[]> {
  const docs = await store.findDocs({
    collection: STOCK_COLLECTIONS.movements,
    where: { op: 'in', field: 'status', values: ['proposed', 'approved'] },
    orderBy: { field: 'effectiveAt' },
  });
  const movements = docs.map((d) => d.data as unknown as Movement);
  const names = await userNames(
    store,
    movements.map((m) => m.proposedBy),
  );
  const rows = movements.map((m) => ({
    ...m,
    proposer: { id: m.proposedBy, name: names.get(m.proposedBy) ?? null },
    mayApprove: m.proposedBy !== approver.id,
  }));
  return rows.slice(offset, offset + PAGE).map((m) => m.id);
}

async function newWay(store: Store, offset: number): Promise<string[]> {
  const r = await movementQueue(store, approver, { limit: PAGE, offset });
  if (!r.ok) throw new Error(r.errors[0]?.message);
  return r.value.items.map((m) => m.id);
}

export async function run(): Promise<void> {
  const n = Number(process.env['CAIRN_BENCH_QUERIES_N'] ?? 50_000);
  const dir = mkdtempSync(join(tmpdir(), 'cairn-bench-queries-'));
  const store = new SqliteStore(join(dir, 'bench.db'));
  try {
    await store.migrate();
    await seed(store, n);
    const waiting = n - Math.ceil(n / 10);
    for (const [where, offset] of [
      ['first-page', 0],
      ['deep-page', waiting - 100],
    ] as const) {
      // Both ways must answer the same page, or the comparison means nothing.
      if ((await newWay(store, offset)).join() !== (await oldWay(store, offset)).join())
        throw new Error(`the two ways disagree at offset ${offset}`);
      const fresh = await timeIt(async () => (sink.value = await newWay(store, offset)), 7, 1);
      const old = await timeIt(async () => (sink.value = await oldWay(store, offset)), 7, 1);
      const base = { bench: BENCH, store: 'sqlite', n, waiting, page: PAGE, offset };
      emit({
        ...base,
        metric: `movement-queue-${where}-median`,
        value: median(fresh),
        unit: 'ms',
        min: fresh[0],
      });
      emit({
        ...base,
        metric: `movement-queue-${where}-old-median`,
        value: median(old),
        unit: 'ms',
        min: old[0],
      });
      emit({
        ...base,
        metric: `movement-queue-${where}.old-over-new`,
        value: median(old) / median(fresh),
        unit: 'ratio',
      });
    }
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
