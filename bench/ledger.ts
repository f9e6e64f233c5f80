/**
 * `npm run bench -- ledger`: the ledger spine's figures (issue #2, item 9), on a real SQLite file
 * in a temp directory (WAL, synchronous=FULL, as in production), with full hashing: every append
 * canonicalises the event (RFC 8785), hashes its leaf and writes the Merkle nodes it completes.
 *
 * - append.single: one event per transaction, so one durable commit (fsync) per event;
 * - append.batch1000: 1,000 events per transaction, building a 1,000,000-event ledger;
 * - verify: `app.verify()` over that ledger, ledger-only (3 runs) and with the projection rebuild
 *   (2 runs): median and min wall time, CPU per run; the per-entry checks run in one worker
 *   thread per CPU (src/app/verify-pool.ts);
 * - inclusion: `app.ledger.inclusion(i, 1M)` for random i (store reads + proof), median and p99.
 *
 * Targets (issue #2): ≥ 50,000 events/s batched; verify 1M in ≤ 10 s; a proof ≤ 1 ms.
 * CAIRN_BENCH_EVENTS overrides the ledger size (default 1,000,000) for a quick run.
 *
 * Each figure also carries `cpu_s` (this process's user+system CPU time for the measured work)
 * and `load1` (the 1-minute load average when it finished): on a shared machine the wall-clock
 * figure depends on the neighbours, and CPU time shows what the work itself cost.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Cairn, domainModules } from '../src/app/index.js';
import { auditEvents } from '../src/audit/index.js';
import type { DomainModule } from '../src/command/index.js';
import { isoInstant, systemClock } from '../src/core/index.js';
import { generateSigningKeyPem, leafHash, loadSigner, type EventDraft } from '../src/ledger/index.js';
import { SqliteStore } from '../src/store/sqlite/index.js';
import { emit, median, seededRandom, sink, timeIt } from './emit.js';

const BENCH = 'ledger';
const TOTAL = Number(process.env['CAIRN_BENCH_EVENTS'] ?? 1_000_000);
const BATCH = 1000;

/**
 * The synthetic events are real `audit.read-recorded` events (SYNTHETIC DEMO DATA): a declared
 * domain type, so verify checks every payload against its schema, on the main thread and in the
 * workers, as it does a production ledger. They are declared here by the audit module's own event
 * set on a module that projects nothing, standing in for the audit module, so the projection
 * rebuild stays the empty domain projections it was before.
 */
const unprojectedAudit: DomainModule = {
  name: 'audit',
  commands: [],
  events: auditEvents,
  project: () => Promise.resolve(),
};
const modules = [...domainModules.filter((m) => m.name !== 'audit'), unprojectedAudit];

/** A synthetic read of one movement record, about 330 canonical bytes as an event. */
function draft(i: number, random: () => number): EventDraft {
  const lot = `LOT-${String(i % 9973).padStart(5, '0')}`;
  return {
    type: 'audit.read-recorded',
    schemaVersion: 1,
    effectiveAt: '2026-01-01T00:00:00.000Z',
    actor: '00000000-0000-4000-8000-000000000001',
    payload: {
      collection: 'movements',
      records: [{ id: `MV-${i}-${lot}-q${Math.floor(random() * 500)}`, classification: 'restricted' }],
      route: `/api/stock/movements?from=DEPOT-${Math.floor(random() * 40)}&to=DEPOT-${Math.floor(random() * 40)}&note=SYNTHETIC`,
    },
    refs: i > 0 ? [i - 1] : [],
  };
}

/** CPU seconds (user + system) since `from`, a `process.cpuUsage()` reading. */
function cpuSince(from: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(from);
  return Number(((d.user + d.system) / 1e6).toFixed(2));
}
const load1 = (): number => Number((loadavg()[0] ?? 0).toFixed(1));

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}

/**
 * A fixed reference workload (JSON.parse + SHA-256 of one 330-byte event, 100,000 times), run
 * before and after the figures: its ratio between two runs scales the figures of a loaded or
 * slower machine to a quieter one.
 */
function calibrate(random: () => number): void {
  const text = JSON.stringify(draft(1, random));
  const t = process.hrtime.bigint();
  for (let i = 0; i < 100_000; i++) {
    sink.value = JSON.parse(text);
    sink.value = leafHash(Buffer.from(text));
  }
  emit({
    bench: BENCH,
    metric: 'calibration.parse-and-hash',
    value: Number((Number(process.hrtime.bigint() - t) / 1e3 / 100_000).toFixed(2)),
    unit: 'µs/op',
    load1: load1(),
  });
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cairn-bench-ledger-'));
  const random = seededRandom(2026);
  const signer = loadSigner('bench.example/ledger', generateSigningKeyPem());
  if (!signer.ok) throw new Error('bench key');
  calibrate(random);
  try {
    // ── single event per transaction (its own ledger, so the 1M build below starts empty) ──
    const single = new SqliteStore(join(dir, 'single.db'));
    await single.migrate();
    let n = 0;
    const one = async (): Promise<void> => {
      const now = isoInstant(new Date());
      sink.value = await single.transaction((tx) => tx.append([draft(n++, random)], now));
    };
    const reps = 5;
    const perRep = 200;
    const c1 = process.cpuUsage();
    const times = await timeIt(
      async () => {
        for (let i = 0; i < perRep; i++) await one();
      },
      reps,
      1,
    );
    await single.close();
    emit({
      bench: BENCH,
      metric: 'append.single.throughput',
      value: Math.round((perRep / median(times)) * 1000),
      unit: 'events/s',
      min_ms_per_event: (times[0] ?? 0) / perRep,
      reps,
      events_per_rep: perRep,
      cpu_s: cpuSince(c1),
      load1: load1(),
    });

    // ── 1,000 events per transaction, building the 1M ledger ──
    const store = new SqliteStore(join(dir, 'ledger.db'));
    await store.migrate();
    const batchMs: number[] = [];
    const c2 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < TOTAL; i += BATCH) {
      const b0 = process.hrtime.bigint();
      const drafts = Array.from({ length: Math.min(BATCH, TOTAL - i) }, (_, k) => draft(i + k, random));
      const now = isoInstant(new Date());
      sink.value = await store.transaction((tx) => tx.append(drafts, now));
      batchMs.push(Number(process.hrtime.bigint() - b0) / 1e6);
    }
    const buildS = Number(process.hrtime.bigint() - t0) / 1e9;
    batchMs.sort((a, b) => a - b);
    emit({
      bench: BENCH,
      metric: 'append.batch1000.throughput',
      value: Math.round(TOTAL / buildS),
      unit: 'events/s',
      events: TOTAL,
      median_batch_ms: median(batchMs),
      min_batch_ms: batchMs[0],
      p99_batch_ms: percentile(batchMs, 0.99),
      cpu_s: cpuSince(c2),
      load1: load1(),
    });

    const app = new Cairn({
      store,
      signer: signer.value,
      clock: systemClock,
      modules,
    });
    await app.ledger.checkpoint();

    // ── verify (repeated: median and min wall time, CPU of each run) ──
    for (const [metric, skipProjections, reps] of [
      ['verify.ledger-only', true, 3],
      ['verify.with-projections', false, 2],
    ] as const) {
      const secs: number[] = [];
      const cpus: number[] = [];
      let report: Awaited<ReturnType<typeof app.verify>> | undefined;
      for (let r = 0; r < reps; r++) {
        const c = process.cpuUsage();
        const t = process.hrtime.bigint();
        report = await app.verify({ skipProjections });
        secs.push(Number(process.hrtime.bigint() - t) / 1e9);
        cpus.push(cpuSince(c));
        if (!report.ok) throw new Error(`verify failed: ${report.failures.map((f) => f.message).join('; ')}`);
      }
      const med = median(secs);
      emit({
        bench: BENCH,
        metric: `${metric}.seconds`,
        value: Number(med.toFixed(2)),
        unit: 's',
        min_s: Number(Math.min(...secs).toFixed(2)),
        runs_s: secs.map((x) => Number(x.toFixed(2))),
        cpu_s: cpus,
        events: report?.size,
        documents: report?.documents,
        workers: availableParallelism(),
        load1: load1(),
      });
      emit({
        bench: BENCH,
        metric: `${metric}.throughput`,
        value: Math.round((report?.size ?? 0) / med),
        unit: 'events/s',
      });
    }

    // ── inclusion proofs at 1M leaves ──
    const size = await app.ledger.size();
    const samples = 2000;
    for (let i = 0; i < 200; i++) sink.value = await app.ledger.inclusion(Math.floor(random() * size), size);
    const lat: number[] = [];
    const c3 = process.cpuUsage();
    for (let i = 0; i < samples; i++) {
      const index = Math.floor(random() * size);
      const t = process.hrtime.bigint();
      sink.value = await app.ledger.inclusion(index, size);
      lat.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    lat.sort((a, b) => a - b);
    const cpuPerProof = Number(((cpuSince(c3) * 1000) / samples).toFixed(4));
    emit({
      bench: BENCH,
      metric: 'inclusion.latency.median',
      value: Number(median(lat).toFixed(4)),
      unit: 'ms',
      size,
      samples,
      cpu_ms_per_proof: cpuPerProof,
      load1: load1(),
    });
    emit({
      bench: BENCH,
      metric: 'inclusion.latency.p99',
      value: Number(percentile(lat, 0.99).toFixed(4)),
      unit: 'ms',
      size,
      samples,
    });
    calibrate(random);
    await app.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
