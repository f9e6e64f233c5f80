/**
 * verify's first phase (verify.ts step 1): read every entry, run the per-entry checks, rebuild
 * the Merkle tree and, unless skipped, replay the projections into a scratch store. Two ways,
 * with the same outcome:
 * - `serialEntries`: this thread reads each batch; the checks run here or in the worker pool;
 * - `parallelEntries`: each worker reads whole batches through its own connection (when the
 *   store offers one), checks them, computes the interior nodes of the batch's subtree and
 *   compares the stored nodes inside it, so this thread only assembles the results.
 * Failures are collected (capped, in the order a serial run finds them) for the caller to report.
 */
import { MemoryTree } from '../ledger/index.js';
import { MemoryDocs, type SpatialPredicate, type Store } from '../store/index.js';
import { EventRegistry, type DomainModule } from '../command/index.js';
import { projectEvent } from './pipeline.js';
import {
  batchEvents,
  checkEntries,
  packEntries,
  type EntryBatch,
  type EntryCheck,
  type NodeFailure,
  type RangeCheck,
} from './verify-entries.js';
import type { EntryPool } from './verify-pool.js';

export interface EntryPhase {
  readonly tree: MemoryTree;
  readonly scratch: MemoryDocs | undefined;
  readonly seals: Map<string, { readonly commitment: string; readonly seq: number }>;
  readonly erased: Set<string>;
  /** 'events' failures in entry order (the first `max + 1`: enough to list `max` and say there are more). */
  readonly eventFailures: readonly string[];
  /** 'payloads' failures in entry order, capped like eventFailures. */
  readonly payloadFailures: readonly string[];
  /** 'tree' failures found here, level by level, each level capped like eventFailures. */
  readonly nodeFailures: readonly string[];
  /** The lowest level whose stored nodes the caller still has to compare. */
  readonly firstUncheckedLevel: number;
}

export interface PhaseOptions {
  readonly modules: readonly DomainModule[];
  readonly spatial?: SpatialPredicate;
  readonly skipProjections?: boolean;
  readonly onProgress?: (phase: string, done: number, total: number) => void;
  readonly batchSize: number;
  readonly maxFailures: number;
  /** Worker tasks kept in flight per worker. */
  readonly depth?: number;
}

/** Collects one phase's results; `consume` takes each batch's check in entry order. */
class Phase {
  readonly tree = new MemoryTree();
  readonly scratch: MemoryDocs | undefined;
  readonly seals = new Map<string, { readonly commitment: string; readonly seq: number }>();
  readonly erased = new Set<string>();
  readonly eventFailures: string[] = [];
  readonly payloadFailures: string[] = [];
  /** The registry events are checked against (the worker threads use the domain one with the same openness). */
  readonly events: EventRegistry;
  readonly #nodeFailures = new Map<number, string[]>();

  constructor(
    readonly size: number,
    readonly opts: PhaseOptions,
  ) {
    this.scratch = opts.skipProjections === true ? undefined : new MemoryDocs(opts.spatial);
    this.events = EventRegistry.of(opts.modules);
  }

  eventFailure(m: string): void {
    if (this.eventFailures.length <= this.opts.maxFailures) this.eventFailures.push(m);
  }

  nodeFailure(f: NodeFailure): void {
    let list = this.#nodeFailures.get(f.level);
    if (list === undefined) this.#nodeFailures.set(f.level, (list = []));
    if (list.length <= this.opts.maxFailures) list.push(f.message);
  }

  async consume(batch: EntryBatch | undefined, check: EntryCheck, done: number): Promise<void> {
    for (const m of check.failures) this.eventFailure(m);
    for (const m of check.payloadFailures)
      if (this.payloadFailures.length <= this.opts.maxFailures) this.payloadFailures.push(m);
    this.tree.pushSubtrees(check.leaves, check.interior);
    for (const r of check.seals) this.seals.set(r.sealedId, { commitment: r.commitment, seq: r.seq });
    for (const id of check.erased) this.erased.add(id);
    if (this.scratch !== undefined) {
      const events = check.events ?? (batch === undefined ? [] : batchEvents(batch));
      for (const e of events) await projectEvent(this.opts.modules, e, this.scratch);
    }
    this.opts.onProgress?.('events', done, this.size);
  }

  result(firstUncheckedLevel: number): EntryPhase {
    const levels = [...this.#nodeFailures.keys()].sort((a, b) => a - b);
    return {
      tree: this.tree,
      scratch: this.scratch,
      seals: this.seals,
      erased: this.erased,
      eventFailures: this.eventFailures,
      payloadFailures: this.payloadFailures,
      nodeFailures: levels.flatMap((l) => this.#nodeFailures.get(l) ?? []),
      firstUncheckedLevel,
    };
  }
}

/** Run `task` for each batch start with at most `window` in flight, consuming results in order. */
async function pipelined<T>(
  size: number,
  step: number,
  window: number,
  task: (from: number, to: number) => Promise<T>,
  consume: (r: T, from: number, to: number) => Promise<boolean>,
): Promise<boolean> {
  const inFlight: { readonly from: number; readonly to: number; readonly reply: Promise<T> }[] = [];
  try {
    for (let from = 0; from < size || inFlight.length > 0;) {
      if (from < size && inFlight.length < window) {
        const to = Math.min(size, from + step);
        const reply = task(from, to);
        // Observed here too, so a failure while an earlier reply is awaited is not an
        // unhandled rejection; the await below still receives it.
        reply.catch(() => undefined);
        inFlight.push({ from, to, reply });
        from = to;
        continue;
      }
      const f = inFlight.shift();
      if (f !== undefined && !(await consume(await f.reply, f.from, f.to))) return false;
    }
    return true;
  } finally {
    // Settle replies still in flight after a failure or an early stop.
    await Promise.allSettled(inFlight.map((f) => f.reply));
  }
}

/** This thread reads; the pool (if any) or this thread checks. */
export async function serialEntries(
  store: Store,
  pool: EntryPool | undefined,
  size: number,
  opts: PhaseOptions,
): Promise<EntryPhase> {
  const phase = new Phase(size, opts);
  const keepEvents = phase.scratch !== undefined;
  let position = 0;
  // Reads run one after another (positions follow the rows actually read, so a missing row
  // shifts what comes after it); checks overlap them.
  let reads: Promise<unknown> = Promise.resolve();
  const window = pool === undefined ? 1 : (opts.depth ?? 2) * 2;
  await pipelined(
    size,
    opts.batchSize,
    window,
    async (from, to) => {
      const read = reads.then(async () => {
        const entries = await store.readEntries(from, to);
        const readFailure =
          entries.length === to - from
            ? undefined
            : `entries ${from}..${to - 1}: expected ${to - from} rows, found ${entries.length}`;
        const batch = packEntries(position, entries);
        position += entries.length;
        return { batch, readFailure };
      });
      reads = read.catch(() => undefined);
      const { batch, readFailure } = await read;
      const r =
        pool === undefined
          ? { batch, check: checkEntries(batch, keepEvents, phase.events) }
          : await pool.check(batch, phase.events.open);
      return { ...r, readFailure };
    },
    async (r) => {
      if (r.readFailure !== undefined) phase.eventFailure(r.readFailure);
      await phase.consume(r.batch, r.check, r.batch.position + r.batch.seqs.length);
      return true;
    },
  );
  return phase.result(store.leafNodesAreEntryHashes === true ? 1 : 0);
}

/**
 * Each worker reads and checks whole batches. Undefined when the ledger has missing rows (the
 * caller then runs serialEntries, whose positions follow the rows actually there) or when the
 * batch size is not a power of two (batches must be whole subtrees).
 */
export async function parallelEntries(
  store: Store,
  pool: EntryPool,
  size: number,
  opts: PhaseOptions,
): Promise<EntryPhase | undefined> {
  const levels = Math.log2(opts.batchSize);
  if (!Number.isInteger(levels)) return undefined;
  const phase = new Phase(size, opts);
  const firstLevel = store.leafNodesAreEntryHashes === true ? 1 : 0;
  const complete = await pipelined<RangeCheck>(
    size,
    opts.batchSize,
    (opts.depth ?? 2) * 2,
    (from, to) => pool.checkRange(from, to, firstLevel, phase.scratch !== undefined, phase.events.open),
    async (r, from, to) => {
      if (r.count !== to - from || r.check === undefined) return false;
      for (const f of r.nodeFailures ?? []) phase.nodeFailure(f);
      await phase.consume(r.batch, r.check, to);
      return true;
    },
  );
  // Every node of levels ≤ log2(batch) lies inside one batch, so the workers compared them all.
  return complete ? phase.result(Math.max(firstLevel, levels + 1)) : undefined;
}
