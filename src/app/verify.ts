/**
 * `cairn verify` (design.md §2): recompute every leaf hash and the root from the stored events,
 * check every payload against its event schema (after upcasting), the stored Merkle nodes, every
 * checkpoint's signature and its consistency with the one before, and rebuild the projections in a scratch store to compare with the live ones.
 */
import { availableParallelism } from 'node:os';
import { canonicalJson } from '../core/index.js';
import {
  readNodeRange,
  sealCommitment,
  type Doc,
  type NodeHash,
  type SpatialPredicate,
  type Store,
} from '../store/index.js';
import { consistencyProof, openCheckpoint, verifyConsistency, type Verifier } from '../ledger/index.js';
import { compareNodes, type NodeFailure } from './verify-entries.js';
import { parallelEntries, serialEntries, type EntryPhase, type PhaseOptions } from './verify-phases.js';
import { EntryPool } from './verify-pool.js';
import type { DomainModule } from '../command/index.js';

export type VerifyCheck = 'events' | 'payloads' | 'tree' | 'checkpoints' | 'projections' | 'sealed';

export interface VerifyFailure {
  readonly check: VerifyCheck;
  readonly message: string;
}

export interface VerifyReport {
  readonly ok: boolean;
  readonly size: number;
  readonly root: string;
  readonly checkpoints: number;
  readonly documents: number;
  /** Sealed records checked against their commitments in the ledger (erased ones not counted). */
  readonly sealed?: number;
  readonly failures: readonly VerifyFailure[];
}

export interface VerifyOptions {
  readonly spatial?: SpatialPredicate;
  /** Skip the projection rebuild (ledger-only verification). */
  readonly skipProjections?: boolean;
  readonly onProgress?: (phase: string, done: number, total: number) => void;
  /** Stop listing failures of one kind after this many (the count is still reported). */
  readonly maxFailuresPerCheck?: number;
  /**
   * Worker threads for the per-entry checks; 0 checks on this thread. By default one per CPU
   * (at most 4) from WORKER_THRESHOLD entries, below which starting them costs more than it saves.
   */
  readonly workers?: number;
  /** Entries per read and per worker task: a power of two (default 8,192). */
  readonly batchSize?: number;
}

/**
 * Entries per read and per worker task: a power of two, so each batch is a whole subtree whose
 * interior nodes a worker computes and compares (MemoryTree.pushSubtrees).
 */
const BATCH = 8192;
export const WORKER_THRESHOLD = 50_000;

/** Meta flag set by a ledger import whose file left sealed personal data out (a shared copy). */
export const SEALED_WITHHELD_META = 'sealed.withheld';

function docText(d: Doc): string {
  return canonicalJson({
    collection: d.collection,
    id: d.id,
    version: d.version,
    data: d.data,
    geometry: d.geometry ?? null,
  });
}

export async function verifyStore(
  store: Store,
  verifier: Verifier,
  modules: readonly DomainModule[],
  opts: VerifyOptions = {},
): Promise<VerifyReport> {
  const failures: VerifyFailure[] = [];
  const counts = new Map<VerifyCheck, number>();
  const max = opts.maxFailuresPerCheck ?? 20;
  const fail = (check: VerifyCheck, message: string): void => {
    const n = (counts.get(check) ?? 0) + 1;
    counts.set(check, n);
    if (n <= max) failures.push({ check, message });
    else if (n === max + 1) failures.push({ check, message: `… more ${check} failures not listed` });
  };

  const size = await store.treeSize();
  const workers = opts.workers ?? (size >= WORKER_THRESHOLD ? Math.min(4, availableParallelism()) : 0);
  const spec = workers > 0 ? store.parallelReader?.() : undefined;
  const pool = workers > 0 ? await EntryPool.start(workers, spec) : undefined;
  let phase: EntryPhase | undefined;
  try {
    // 1. Events: place, bytes, leaf hashes. A changed byte changes the leaf; a deleted, inserted
    //    or reordered event breaks the seq sequence or the roots the checkpoints signed. Where
    //    the store lets workers open their own connections, each worker reads and checks whole
    //    batches (and the stored nodes inside them); otherwise this thread reads and the workers
    //    check. A ledger with missing rows is then checked again on the plain path, so the
    //    report is always the same as a serial run's.
    const phaseOpts: PhaseOptions = {
      ...opts,
      modules,
      batchSize: opts.batchSize ?? BATCH,
      maxFailures: max,
    };
    // A worker that cannot read (a corrupt file, a lost connection) sends the serial path in,
    // which reports the store's own error in its own words.
    if (pool?.reading === true)
      phase = await parallelEntries(store, pool, size, phaseOpts).catch(() => undefined);
    phase ??= await serialEntries(store, pool?.healthy === true ? pool : undefined, size, phaseOpts);
  } finally {
    await pool?.close();
  }
  const { tree, scratch, seals, erased } = phase;
  for (const m of phase.eventFailures) fail('events', m);
  for (const m of phase.payloadFailures) fail('payloads', m);
  for (const m of phase.nodeFailures) fail('tree', m);

  // Rows missing from the middle (already reported) leave fewer leaves than `size`: everything
  // below is checked against the tree actually recomputed from the rows that exist.
  const leaves = tree.size;

  // 2. Stored Merkle nodes must equal the recomputed ones, since proofs are served from them.
  //    Read level by level in index ranges (one query per batch, not one per node), from the
  //    first level the entry phase did not already compare. A store whose level-0 nodes are the
  //    entries' own leaf hashes (already compared above) has nothing more to show at level 0.
  for (let level = phase.firstUncheckedLevel; 2 ** level <= leaves; level++) {
    const count = Math.floor(leaves / 2 ** level);
    for (let from = 0; from < count; from += BATCH) {
      const to = Math.min(count, from + BATCH);
      let nodes: NodeHash[];
      try {
        nodes = await readNodeRange(store, level, from, to);
      } catch (e) {
        fail('tree', `level ${level}: ${e instanceof Error ? e.message : String(e)}`);
        continue;
      }
      const out: NodeFailure[] = [];
      compareNodes(level, from, to, (i) => tree.source(level, i), nodes, out);
      for (const f of out) fail('tree', f.message);
    }
  }
  const root = Buffer.from(tree.root()).toString('hex');

  // 3. Checkpoints: signature by the instance key, root equal to the recomputed tree at that
  //    size, and each consistent with the one before (the log only grew).
  const cps = await store.listCheckpoints();
  let prev: { size: number; root: Uint8Array } | undefined;
  for (const cp of cps) {
    const opened = openCheckpoint(cp.text, verifier);
    if (!opened.ok) {
      fail('checkpoints', `checkpoint at size ${cp.size}: ${opened.errors.map((e) => e.message).join('; ')}`);
      continue;
    }
    const c = opened.value;
    if (c.size !== cp.size || !Buffer.from(c.root).equals(cp.root))
      fail('checkpoints', `checkpoint at size ${cp.size}: the signed text and the stored size/root differ`);
    if (c.size > leaves) {
      fail(
        'checkpoints',
        `checkpoint at size ${c.size} is beyond the ledger size ${leaves} (events were deleted)`,
      );
      continue;
    }
    if (!Buffer.from(tree.root(c.size)).equals(Buffer.from(c.root))) {
      fail(
        'checkpoints',
        `checkpoint at size ${c.size}: its signed root does not match the recomputed tree (history was changed)`,
      );
      continue;
    }
    if (prev !== undefined && prev.size > 0 && c.size > 0) {
      const proof = consistencyProof(prev.size, c.size, tree.source);
      if (!verifyConsistency(prev.size, c.size, prev.root, c.root, proof))
        fail('checkpoints', `checkpoint ${c.size} is not consistent with checkpoint ${prev.size}`);
    }
    prev = { size: c.size, root: c.root };
  }

  // 4. Projections: the live documents must equal a replay into a scratch store.
  let documents = 0;
  if (scratch !== undefined) {
    const expected = scratch.all()[Symbol.iterator]();
    let exp = expected.next();
    const key = (d: Doc) => `${d.collection}\u0000${d.id}`;
    for await (const live of store.allDocs()) {
      documents += 1;
      while (!exp.done && key(exp.value) < key(live)) {
        fail('projections', `${exp.value.collection}/${exp.value.id} is missing from the live projection`);
        exp = expected.next();
      }
      if (exp.done || key(exp.value) > key(live)) {
        fail(
          'projections',
          `${live.collection}/${live.id} exists in the live projection but not in a replay of the ledger`,
        );
        continue;
      }
      if (docText(exp.value) !== docText(live))
        fail(
          'projections',
          `${live.collection}/${live.id} differs from a replay of the ledger (edited behind the ledger's back)`,
        );
      exp = expected.next();
    }
    for (; !exp.done; exp = expected.next())
      fail('projections', `${exp.value.collection}/${exp.value.id} is missing from the live projection`);
  }

  // 5. Sealed personal data: each record must still match the commitment its event carries. A
  //    missing record is fine only after an erasure event, or in a copy imported without them.
  let sealed = 0;
  const withheld = seals.size > 0 && (await store.getMeta(SEALED_WITHHELD_META)) === 'true';
  for (const [id, { commitment, seq }] of seals) {
    const rec = await store.getSealed(id);
    if (rec === undefined) {
      if (!erased.has(id) && !withheld)
        fail(
          'sealed',
          `sealed record ${id} (event ${seq}) is missing and no erasure event records its removal`,
        );
      continue;
    }
    sealed += 1;
    if (sealCommitment(rec.salt, rec.data) !== commitment)
      fail(
        'sealed',
        `sealed record ${id} does not match the commitment in event ${seq} (altered outside the ledger)`,
      );
  }

  return { ok: failures.length === 0, size, root, checkpoints: cps.length, documents, sealed, failures };
}
