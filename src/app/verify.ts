/**
 * `cairn verify` (design.md §2): recompute every leaf hash and the root from the stored events,
 * check the stored Merkle nodes, every checkpoint's signature and its consistency with the one
 * before, and rebuild the projections in a scratch store to compare with the live ones.
 */
import { availableParallelism } from 'node:os';
import { canonicalJson } from '../core/index.js';
import { HASH_SIZE, MemoryTree, consistencyProof, openCheckpoint, verifyConsistency, type Verifier } from '../ledger/index.js';
import { MemoryDocs, readNodeRange, sealCommitment, type Doc, type NodeHash, type SpatialPredicate, type Store } from '../store/index.js';
import { batchEvents, checkEntries, packEntries, type EntryBatch, type EntryCheck } from './verify-entries.js';
import { EntryPool } from './verify-pool.js';
import type { DomainModule } from '../command/index.js';
import { projectEvent } from './pipeline.js';

export type VerifyCheck = 'events' | 'tree' | 'checkpoints' | 'projections' | 'sealed';

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
  /** Entries per read and per worker task (default 10,000). */
  readonly batchSize?: number;
}

const BATCH = 10_000;
export const WORKER_THRESHOLD = 50_000;

/** Meta flag set by a ledger import whose file left sealed personal data out (a shared copy). */
export const SEALED_WITHHELD_META = 'sealed.withheld';

function docText(d: Doc): string {
  return canonicalJson({ collection: d.collection, id: d.id, version: d.version, data: d.data, geometry: d.geometry ?? null });
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
  const tree = new MemoryTree();
  const scratch = opts.skipProjections === true ? undefined : new MemoryDocs(opts.spatial);
  const seals = new Map<string, { commitment: string; seq: number }>();
  const erased = new Set<string>();

  // 1. Events: place, bytes, leaf hashes. A changed byte changes the leaf; a deleted, inserted
  //    or reordered event breaks the seq sequence or the roots the checkpoints signed. The
  //    per-entry checks (verify-entries.ts) run in worker threads for a large ledger, while this
  //    thread reads the next batch and builds the tree; results are taken in order, so the
  //    report is the same as a serial run's.
  const workers = opts.workers ?? (size >= WORKER_THRESHOLD ? Math.min(4, availableParallelism()) : 0);
  const pool = workers > 0 ? await EntryPool.start(workers) : undefined;
  const consume = async (batch: EntryBatch, check: EntryCheck, readFailures: readonly string[]): Promise<void> => {
    for (const m of readFailures) fail('events', m);
    for (const m of check.failures) fail('events', m);
    for (let i = 0; i < check.leaves.length; i += HASH_SIZE) tree.push(check.leaves.subarray(i, i + HASH_SIZE));
    for (const r of check.seals) seals.set(r.sealedId, { commitment: r.commitment, seq: r.seq });
    for (const id of check.erased) erased.add(id);
    if (scratch !== undefined) for (const e of check.events ?? batchEvents(batch)) await projectEvent(modules, e, scratch);
    opts.onProgress?.('events', batch.position + batch.seqs.length, size);
  };
  const inFlight: { readonly reply: Promise<{ batch: EntryBatch; check: EntryCheck }>; readonly readFailures: readonly string[] }[] = [];
  try {
    let position = 0;
    const step = opts.batchSize ?? BATCH;
    for (let from = 0; from < size; from += step) {
      const to = Math.min(size, from + step);
      const entries = await store.readEntries(from, to);
      const readFailures = entries.length === to - from ? [] : [`entries ${from}..${to - 1}: expected ${to - from} rows, found ${entries.length}`];
      const batch = packEntries(position, entries);
      position += entries.length;
      if (pool === undefined) {
        await consume(batch, checkEntries(batch, scratch !== undefined), readFailures);
        continue;
      }
      const reply = pool.check(batch);
      // Observed here too, so a worker failure while an earlier reply is awaited is not an
      // unhandled rejection; the await below still receives it.
      reply.catch(() => undefined);
      inFlight.push({ reply, readFailures });
      while (inFlight.length > 2 * workers) {
        const f = inFlight.shift();
        if (f !== undefined) {
          const r = await f.reply;
          await consume(r.batch, r.check, f.readFailures);
        }
      }
    }
    for (let f = inFlight.shift(); f !== undefined; f = inFlight.shift()) {
      const r = await f.reply;
      await consume(r.batch, r.check, f.readFailures);
    }
  } finally {
    // Settle replies still in flight after a failure, so none is left rejected unobserved.
    await Promise.allSettled(inFlight.map((f) => f.reply));
    await pool?.close();
  }

  // Rows missing from the middle (already reported) leave fewer leaves than `size`: everything
  // below is checked against the tree actually recomputed from the rows that exist.
  const leaves = tree.size;

  // 2. Stored Merkle nodes must equal the recomputed ones, since proofs are served from them.
  //    Read level by level in index ranges (one query per batch, not one per node).
  //    A store whose level-0 nodes are the entries' own leaf hashes (already compared above)
  //    has nothing more to show at level 0.
  for (let level = store.leafNodesAreEntryHashes === true ? 1 : 0; 2 ** level <= leaves; level++) {
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
      let k = 0;
      for (let i = from; i < to; i++) {
        const stored = nodes[k];
        if (stored?.index !== i) {
          fail('tree', `stored Merkle node ${level}:${i} is missing`);
          continue;
        }
        k += 1;
        if (!stored.hash.equals(tree.source(level, i))) fail('tree', `stored Merkle node ${level}:${i} differs from the recomputed one`);
      }
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
    if (c.size !== cp.size || !Buffer.from(c.root).equals(cp.root)) fail('checkpoints', `checkpoint at size ${cp.size}: the signed text and the stored size/root differ`);
    if (c.size > leaves) {
      fail('checkpoints', `checkpoint at size ${c.size} is beyond the ledger size ${leaves} (events were deleted)`);
      continue;
    }
    if (!Buffer.from(tree.root(c.size)).equals(Buffer.from(c.root))) {
      fail('checkpoints', `checkpoint at size ${c.size}: its signed root does not match the recomputed tree (history was changed)`);
      continue;
    }
    if (prev !== undefined && prev.size > 0 && c.size > 0) {
      const proof = consistencyProof(prev.size, c.size, tree.source);
      if (!verifyConsistency(prev.size, c.size, prev.root, c.root, proof)) fail('checkpoints', `checkpoint ${c.size} is not consistent with checkpoint ${prev.size}`);
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
        fail('projections', `${live.collection}/${live.id} exists in the live projection but not in a replay of the ledger`);
        continue;
      }
      if (docText(exp.value) !== docText(live)) fail('projections', `${live.collection}/${live.id} differs from a replay of the ledger (edited behind the ledger's back)`);
      exp = expected.next();
    }
    for (; !exp.done; exp = expected.next()) fail('projections', `${exp.value.collection}/${exp.value.id} is missing from the live projection`);
  }

  // 5. Sealed personal data: each record must still match the commitment its event carries. A
  //    missing record is fine only after an erasure event, or in a copy imported without them.
  let sealed = 0;
  const withheld = seals.size > 0 && (await store.getMeta(SEALED_WITHHELD_META)) === 'true';
  for (const [id, { commitment, seq }] of seals) {
    const rec = await store.getSealed(id);
    if (rec === undefined) {
      if (!erased.has(id) && !withheld) fail('sealed', `sealed record ${id} (event ${seq}) is missing and no erasure event records its removal`);
      continue;
    }
    sealed += 1;
    if (sealCommitment(rec.salt, rec.data) !== commitment) fail('sealed', `sealed record ${id} does not match the commitment in event ${seq} (altered outside the ledger)`);
  }

  return { ok: failures.length === 0, size, root, checkpoints: cps.length, documents, sealed, failures };
}
