/**
 * Run a measurement on both stores and print the PostgreSQL/SQLite ratio (style.md habit 14).
 * PostgreSQL joins when CAIRN_BENCH_PG_URL (or CAIRN_TEST_PG_URL) names a server with PostGIS;
 * each run gets a fresh schema that is dropped afterwards. Other benchmarks use `compareStores`:
 *
 *   await compareStores('stock', 'balance-lookup-median', 'ms', async (store) => { …; return ms; });
 *
 * `npm run bench -- stores` measures the store port itself: single-event append transactions,
 * a jsonb filter, a bbox query and an exact spatial predicate.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { geoSpatialPredicate } from '../src/app/index.js';
import type { Doc, Store } from '../src/store/index.js';
import { makePostgresTestStore } from '../src/store/postgres/testing/index.js';
import { SqliteStore } from '../src/store/sqlite/index.js';
import { emit, median, seededRandom, sink, timeIt } from './emit.js';

export type StoreKind = 'sqlite' | 'postgres';

/** The PostgreSQL server benchmarks may use, or undefined (then only SQLite runs). */
export function benchPgUrl(): string | undefined {
  const u = process.env['CAIRN_BENCH_PG_URL'] ?? process.env['CAIRN_TEST_PG_URL'];
  return u === undefined || u === '' ? undefined : u;
}

/** A fresh, migrated, empty store of `kind`, and how to dispose of it. */
export async function openBenchStore(
  kind: StoreKind,
): Promise<{ store: Store; dispose: () => Promise<void> }> {
  if (kind === 'postgres') {
    if (benchPgUrl() === undefined) throw new Error('no PostgreSQL URL: set CAIRN_BENCH_PG_URL');
    process.env['CAIRN_TEST_PG_URL'] ??= benchPgUrl();
    const store = await makePostgresTestStore();
    return { store, dispose: () => store.close() };
  }
  const dir = mkdtempSync(join(tmpdir(), 'cairn-bench-store-'));
  const store = new SqliteStore(join(dir, 'bench.db'), { spatial: geoSpatialPredicate });
  await store.migrate();
  return {
    store,
    dispose: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The stores to compare in this run: SQLite always, PostgreSQL when a URL is given. */
export function benchStoreKinds(): StoreKind[] {
  return benchPgUrl() === undefined ? ['sqlite'] : ['sqlite', 'postgres'];
}

/**
 * Measure `fn` on each store (a fresh one per kind), print one figure per store
 * (`metric` with `store: kind`), then `metric.pg-over-sqlite` when both ran.
 */
export async function compareStores(
  bench: string,
  metric: string,
  unit: string,
  fn: (store: Store) => Promise<number>,
): Promise<Partial<Record<StoreKind, number>>> {
  const out: Partial<Record<StoreKind, number>> = {};
  for (const kind of benchStoreKinds()) {
    const { store, dispose } = await openBenchStore(kind);
    try {
      const value = await fn(store);
      out[kind] = value;
      emit({ bench, metric, value: Number(value.toFixed(4)), unit, store: kind });
    } finally {
      await dispose();
    }
  }
  if (out.sqlite !== undefined && out.postgres !== undefined && out.sqlite > 0) {
    emit({
      bench,
      metric: `${metric}.pg-over-sqlite`,
      value: Number((out.postgres / out.sqlite).toFixed(3)),
      unit: 'ratio',
    });
  }
  return out;
}

const square = (x: number, y: number, s: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + s, y],
      [x + s, y + s],
      [x, y + s],
      [x, y],
    ],
  ],
});

async function seedDocs(store: Store, n: number): Promise<void> {
  const rnd = seededRandom(42);
  const docs: Doc[] = Array.from({ length: n }, (_, i) => ({
    collection: 'hazards',
    id: `h${String(i).padStart(6, '0')}`,
    version: 1,
    data: {
      status: ['open', 'closed', 'released'][i % 3] ?? 'open',
      area: Math.round(rnd() * 1e6),
      region: `R${i % 20}`,
      label: 'SYNTHETIC DEMO DATA',
    },
    geometry: square(rnd() * 40, rnd() * 40, 0.01 + rnd() * 0.2),
  }));
  for (let i = 0; i < docs.length; i += 1000)
    await store.transaction(async (tx) => {
      for (const d of docs.slice(i, i + 1000)) await tx.putDoc(d);
    });
}

/** `npm run bench -- stores`. */
export async function run(): Promise<void> {
  const BENCH = 'stores';
  const APPENDS = 300;
  const DOCS = 20_000;
  await compareStores(BENCH, 'append-tx-median', 'ms', async (store) => {
    const per: number[] = [];
    for (let i = 0; i < APPENDS; i++) {
      const t0 = process.hrtime.bigint();
      await store.transaction(async (tx) => {
        const [e] = await tx.append(
          [
            {
              type: 'bench.appended',
              schemaVersion: 1,
              effectiveAt: '2026-01-01T00:00:00.000Z',
              actor: 'bench',
              payload: { i },
              refs: [],
            },
          ],
          '2026-01-01T00:00:00.000Z',
        );
        await tx.putDoc({ collection: 'counters', id: 'c', version: e?.seq ?? 0, data: { i } });
      });
      per.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    return median(per.sort((a, b) => a - b));
  });
  const query = async (label: string, q: Parameters<Store['findDocs']>[0]) =>
    compareStores(BENCH, label, 'ms', async (store) => {
      await seedDocs(store, DOCS);
      const times = await timeIt(async () => (sink.value = await store.findDocs(q)), 7, 2);
      return median(times);
    });
  await query(`filter-${DOCS}-median`, {
    collection: 'hazards',
    where: {
      op: 'and',
      args: [
        { op: '=', field: 'status', value: 'open' },
        { op: '>', field: 'area', value: 500_000 },
      ],
    },
    orderBy: { field: 'area', desc: true },
    limit: 100,
  });
  await query(`bbox-${DOCS}-median`, { collection: 'hazards', bbox: [10, 10, 12, 12] });
  await query(`s-intersects-${DOCS}-median`, {
    collection: 'hazards',
    where: {
      op: 's_intersects',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [10, 10],
            [14, 10],
            [10, 14],
            [10, 10],
          ],
        ],
      },
    },
  });
}
