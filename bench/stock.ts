/**
 * Stock at scale: N executed movements (default 1M, env CAIRN_BENCH_STOCK_N) over 10k lots and
 * 100 facilities in a scratch SQLite file. Figures: full-pipeline rate (propose → approve →
 * execute commands), bulk ingest rate (executed-movement events appended in large transactions
 * through the store API and projected by every module, exactly as the pipeline does after
 * deciding), balance lookup latency (one getDoc), and a stock statement as of a date.
 *
 * With CAIRN_BENCH_PG_URL set, the same workload runs at a smaller scale (default 100k movements,
 * env CAIRN_BENCH_STOCK_PG_N) on a fresh SQLite file and a fresh PostgreSQL schema (bench/stores.ts
 * `openBenchStore`, dropped afterwards); every figure carries `store`, and each headline figure is
 * followed by `<metric>.pg-over-sqlite` (the ratio of the two values, as `compareStores` prints).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SYSTEM_ACTOR } from '../src/access/index.js';
import { Cairn, domainModules, projectEvent } from '../src/app/index.js';
import { fixedClock, isoInstant, newId } from '../src/core/index.js';
import { generateSigningKeyPem, loadSigner, type EventDraft } from '../src/ledger/index.js';
import type { Store } from '../src/store/index.js';
import { SqliteStore } from '../src/store/sqlite/index.js';
import { accountKey, balanceOf, stockStatement, type Account } from '../src/stock/index.js';
import { treatySeedCommands } from '../src/treaty/index.js';
import { emit, median, seededRandom, sink, timeIt, type Figure } from './emit.js';
import { benchPgUrl, benchStoreKinds, openBenchStore, type StoreKind } from './stores.js';

const BENCH = 'stock';
const LOTS = 10_000;
const FACILITIES = 100;
const LOCS = ['L1', 'L2', 'L3', 'L4'];
const BATCH = 20_000;
const T0 = Date.parse('2025-06-01T00:00:00Z');
const YEAR = 365 * 86_400_000;

const storage = (f: string, l: string): Account => ({
  key: accountKey.storage(f, l),
  kind: 'storage',
  state: 'FI',
  facilityId: f,
  locationId: l,
  ref: null,
  basis: null,
});

/** The headline figures of one workload run, for the PostgreSQL/SQLite ratios. */
interface StockFigures {
  readonly 'bulk-ingest': number;
  readonly 'balance-lookup-median': number;
  readonly 'statement-as-of-median': number;
  readonly 'pipeline-ingest': number;
}

export async function run(): Promise<void> {
  if (benchPgUrl() === undefined) {
    const n = Number(process.env['CAIRN_BENCH_STOCK_N'] ?? 1_000_000);
    const dir = mkdtempSync(join(tmpdir(), 'cairn-bench-stock-'));
    const store = new SqliteStore(join(dir, 'bench.db'));
    try {
      await store.migrate();
      await workload(store, n, emit);
      emit({
        bench: BENCH,
        metric: 'db-size',
        value: Math.round(statSync(join(dir, 'bench.db')).size / 1e6),
        unit: 'MB',
      });
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
    return;
  }
  // Both stores, same seeded workload, smaller scale so the pair fits a few minutes.
  const n = Number(process.env['CAIRN_BENCH_STOCK_PG_N'] ?? 100_000);
  const out: Partial<Record<StoreKind, StockFigures>> = {};
  for (const kind of benchStoreKinds()) {
    const { store, dispose } = await openBenchStore(kind);
    try {
      out[kind] = await workload(store, n, (f) => {
        emit({ ...f, store: kind });
      });
    } finally {
      await dispose();
    }
  }
  const { sqlite, postgres } = out;
  if (sqlite === undefined || postgres === undefined) return;
  for (const metric of Object.keys(sqlite) as (keyof StockFigures)[]) {
    const rate = metric.endsWith('ingest');
    emit({
      bench: BENCH,
      metric: `${metric}.pg-over-sqlite`,
      value: Number((postgres[metric] / sqlite[metric]).toFixed(3)),
      unit: 'ratio',
      movements: n,
      reading: rate
        ? 'of movements/s: below 1 means PostgreSQL is slower'
        : 'of ms: above 1 means PostgreSQL is slower',
    });
  }
}

/** Seed the catalogue, ingest `n` movements and measure; every figure goes through `out`. */
async function workload(store: Store, n: number, out: (f: Figure) => void): Promise<StockFigures> {
  const signer = loadSigner('cairn/bench', generateSigningKeyPem());
  if (!signer.ok) throw new Error('key');
  // The caller owns the store and closes it; the app is not closed here.
  const app = new Cairn({
    store,
    signer: signer.value,
    clock: fixedClock('2026-06-01T12:00:00Z', 1),
    modules: domainModules,
  });
  const rnd = seededRandom(4);
  const ids: string[] = [];
  for (const c of treatySeedCommands()) await app.execute(c, SYSTEM_ACTOR);

  // Catalogue as events: one manufacturer, one operator, 100 facilities, 2 types, 10k lots.
  const draft = (
    type: string,
    payload: Record<string, unknown>,
    at = '2025-05-01T00:00:00.000Z',
  ): EventDraft => ({
    type,
    schemaVersion: 1,
    effectiveAt: at,
    actor: 'system',
    payload: payload as EventDraft['payload'],
    refs: [],
  });
  const maker = newId();
  const op = newId();
  const facilities = Array.from({ length: FACILITIES }, () => newId());
  const types = [newId(), newId()];
  const lots = Array.from({ length: LOTS }, () => newId());
  const typeFacts = {
    detectable: true,
    selfDestruct: false,
    selfDestructPeriodDays: null,
    selfDeactivation: false,
    selfDeactivationPeriodDays: null,
    remotelyDelivered: false,
    hazardDivision: '1.1',
    compatibilityGroup: 'D',
    formH: {
      dimensions: '',
      fuzing: '',
      explosiveContent: '',
      metalContent: '',
      photoRefs: [],
      clearanceNotes: '',
    },
  };
  const catalogue: EventDraft[] = [
    draft('stock.org-added', { id: maker, name: 'Bench Works', kind: 'manufacturer', country: 'FI' }),
    draft('stock.org-added', { id: op, name: 'Bench Unit', kind: 'armed-forces-unit', country: 'FI' }),
    draft('stock.type-added', {
      id: types[0],
      designation: 'BENCH-AP',
      category: 'AP',
      ottawaStatus: 'banned-ap',
      neqKg: 0.1,
      ...typeFacts,
    }),
    draft('stock.type-added', {
      id: types[1],
      designation: 'BENCH-AT',
      category: 'AT',
      ottawaStatus: 'anti-vehicle',
      neqKg: 5,
      ...typeFacts,
    }),
    ...facilities.map((id, i) =>
      draft('stock.facility-added', {
        id,
        name: `Bench depot ${i}`,
        operatorId: op,
        state: 'FI',
        location: { type: 'Point', coordinates: [-30 + i * 0.01, -40] },
        licenceRef: `L${i}`,
        neqLimitsKg: { '1.1': 1e9 },
        securityLevel: 2,
        twoPersonRule: false,
        lastInspection: '2025-05-01',
        inspectionIntervalDays: 365,
        locations: LOCS.map((l) => ({ id: l, building: 'B', bay: l })),
      }),
    ),
    ...lots.map((id, i) =>
      draft('stock.lot-added', {
        id,
        typeId: types[i % 2],
        lotNumber: `B-${i}`,
        manufacturerId: maker,
        countryOfOrigin: 'FI',
        productionMonth: '2025-01',
        serialRange: null,
        condition: 'serviceable',
        recalled: false,
      }),
    ),
  ];
  await store.transaction(async (tx) => {
    for (const e of await tx.append(catalogue, isoInstant(new Date())))
      await projectEvent(app.modules, e, tx);
  });

  // Movements, generated with balances tracked so none overdraws (as the pipeline would refuse).
  const held = new Map<string, number>();
  const executed = (
    i: number,
    kind: string,
    lot: number,
    from: Account,
    to: Account,
    qty: number,
    minefieldId: string | null,
  ): EventDraft => {
    held.set(`${from.key}|${lot}`, (held.get(`${from.key}|${lot}`) ?? 0) - qty);
    held.set(`${to.key}|${lot}`, (held.get(`${to.key}|${lot}`) ?? 0) + qty);
    const at = new Date(T0 + Math.floor((i / n) * YEAR)).toISOString();
    return draft(
      'stock.movement-executed',
      {
        movementId: newId(),
        kind,
        lotId: lots[lot],
        typeId: types[lot % 2],
        quantity: qty,
        state: 'FI',
        minefieldId,
        from: from,
        to: to,
        details: {},
        hazardDivision: '1.1',
        neqKg: lot % 2 === 0 ? 0.1 : 5,
        approvedBy: 'bench-approver',
        executedAt: at,
      },
      at,
    );
  };
  const production: Account = {
    key: 'production',
    kind: 'production',
    state: null,
    facilityId: null,
    locationId: null,
    ref: null,
    basis: null,
  };
  const next = (i: number): EventDraft => {
    const lot = i < LOTS ? i : Math.floor(rnd() * LOTS);
    const home = facilities[lot % FACILITIES] as string;
    const second = facilities[(lot * 7 + 13) % FACILITIES] as string;
    const src = storage(rnd() < 0.5 ? home : second, LOCS[Math.floor(rnd() * 4)] as string);
    const have = held.get(`${src.key}|${lot}`) ?? 0;
    const r = rnd();
    if (i < LOTS || have < 10)
      return executed(i, 'receipt', lot, production, storage(home, 'L1'), 10_000, null);
    const q = 1 + Math.floor(rnd() * 5);
    if (r < 0.7)
      return executed(
        i,
        'internal-transfer',
        lot,
        src,
        storage(rnd() < 0.5 ? home : second, LOCS[Math.floor(rnd() * 4)] as string),
        q,
        null,
      );
    const mf = `BENCH-MF-${(lot % 500) + (rnd() < 0.5 ? 0 : 500)}`;
    const emplaced: Account = {
      key: accountKey.emplaced(mf),
      kind: 'emplaced',
      state: 'FI',
      facilityId: null,
      locationId: null,
      ref: mf,
      basis: null,
    };
    if (r < 0.82) return executed(i, 'issue-emplacement', lot, src, emplaced, q, mf);
    if (r < 0.85 && (held.get(`${emplaced.key}|${lot}`) ?? 0) >= 1)
      return executed(i, 'return', lot, emplaced, src, 1, mf);
    if (r < 0.98)
      return executed(
        i,
        'consume-training',
        lot,
        src,
        {
          key: accountKey.consumed('FI'),
          kind: 'consumed-in-training',
          state: 'FI',
          facilityId: null,
          locationId: null,
          ref: null,
          basis: null,
        },
        q,
        null,
      );
    const id = newId();
    return executed(
      i,
      'destroy',
      lot,
      src,
      {
        key: accountKey.destroyed(id),
        kind: 'destroyed',
        state: 'FI',
        facilityId: null,
        locationId: null,
        ref: id,
        basis: 'art4',
      },
      q,
      null,
    );
  };

  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i += BATCH) {
    const drafts: EventDraft[] = [];
    for (let j = i; j < Math.min(n, i + BATCH); j++) drafts.push(next(j));
    await store.transaction(async (tx) => {
      for (const e of await tx.append(drafts, isoInstant(new Date()))) await projectEvent(app.modules, e, tx);
    });
    process.stderr.write(`\r${BENCH}: ${i + drafts.length}/${n}`);
  }
  const ingestS = Number(process.hrtime.bigint() - t0) / 1e9;
  process.stderr.write('\n');
  out({
    bench: BENCH,
    metric: 'bulk-ingest',
    value: Math.round(n / ingestS),
    unit: 'movements/s',
    movements: n,
    lots: LOTS,
    facilities: FACILITIES,
    seconds: Math.round(ingestS),
    path: 'store.transaction(append + projectEvent), batches of 20k',
  });

  // Balance lookup: one getDoc per (account, lot).
  const keys = Array.from({ length: 2000 }, () => {
    const lot = Math.floor(rnd() * LOTS);
    return [accountKey.storage(facilities[lot % FACILITIES] as string, 'L1'), lots[lot] as string] as const;
  });
  const per: number[] = [];
  for (const [acc, lot] of keys) {
    const t = process.hrtime.bigint();
    sink.value = await balanceOf(app.store, acc, lot);
    per.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  per.sort((a, b) => a - b);
  out({
    bench: BENCH,
    metric: 'balance-lookup-median',
    value: Number(median(per).toFixed(4)),
    unit: 'ms',
    lookups: per.length,
  });
  out({
    bench: BENCH,
    metric: 'balance-lookup-p99',
    value: Number((per[Math.floor(per.length * 0.99)] ?? 0).toFixed(4)),
    unit: 'ms',
  });

  // Statement as of mid-year (bisecting each balance line's day history).
  const balanceDocs = await store.countDocs({ collection: 'stock.balances' });
  const lotDocs = await store.countDocs({ collection: 'stock.lot-history' });
  const times = await timeIt(
    async () => {
      const r = await stockStatement(app.store, SYSTEM_ACTOR, { asOf: new Date(T0 + YEAR / 2) });
      sink.value = r.ok ? r.value.formB.length : 0;
    },
    3,
    1,
  );
  out({
    bench: BENCH,
    metric: 'statement-as-of-min',
    value: Math.round(times[0] ?? 0),
    unit: 'ms',
    balanceLines: balanceDocs,
    lotHistoryDocs: lotDocs,
  });
  out({
    bench: BENCH,
    metric: 'statement-as-of-median',
    value: Math.round(median(times)),
    unit: 'ms',
    balanceLines: balanceDocs,
    lotHistoryDocs: lotDocs,
  });

  // Full pipeline for comparison: propose → approve → execute, 300 movements.
  const officer = await userActor(app, 'bench-officer', 'stock-officer');
  const approver = await userActor(app, 'bench-approver', 'approver');
  ids.length = 0;
  const m = 300;
  const tp = process.hrtime.bigint();
  for (let i = 0; i < m; i++) {
    const lot = lots[i] as string;
    const from = { facilityId: facilities[i % FACILITIES], locationId: 'L1' };
    const to = { facilityId: facilities[i % FACILITIES], locationId: 'L2' };
    const p = await app.execute(
      {
        type: 'stock.movement.propose',
        effectiveAt: '2026-05-31',
        payload: { kind: 'internal-transfer', lotId: lot, quantity: 1, from, to },
      },
      officer,
    );
    if (!p.ok) throw new Error(JSON.stringify(p.errors));
    const movementId = p.value.result['movementId'] as string;
    await app.execute({ type: 'stock.movement.approve', payload: { movementId } }, approver);
    const x = await app.execute(
      { type: 'stock.movement.execute', effectiveAt: '2026-05-31', payload: { movementId } },
      officer,
    );
    if (!x.ok) throw new Error(JSON.stringify(x.errors));
  }
  const pipeS = Number(process.hrtime.bigint() - tp) / 1e9;
  out({
    bench: BENCH,
    metric: 'pipeline-ingest',
    value: Math.round(m / pipeS),
    unit: 'movements/s',
    movements: m,
    commandsPerMovement: 3,
    ledgerSize: await store.treeSize(),
  });
  return {
    'bulk-ingest': n / ingestS,
    'balance-lookup-median': median(per),
    'statement-as-of-median': median(times),
    'pipeline-ingest': m / pipeS,
  };
}

async function userActor(app: Cairn, name: string, role: 'stock-officer' | 'approver') {
  await app.execute(
    { type: 'user.add', payload: { name, roles: [role], password: 'bench password long' } },
    SYSTEM_ACTOR,
  );
  return app.actorByName(name);
}
