/** Replay: rebuild projections from the ledger alone (verify, as-of queries, migration). */
import { parseEventBytes, type LedgerEvent } from '../ledger/index.js';
import { MemoryDocs, type SpatialPredicate, type Store } from '../store/index.js';
import type { DomainModule } from '../command/index.js';
import { projectEvent } from './pipeline.js';

const BATCH = 5000;

export interface ReplayOptions {
  /** Replay only the first `toSize` events. */
  readonly toSize?: number;
  /** Replay only events effective at or before this instant (as-of a date). */
  readonly asOf?: Date;
  readonly spatial?: SpatialPredicate;
  readonly onProgress?: (done: number, total: number) => void;
}

/** Stream every event in seq order, in batches. */
export async function* readEvents(store: Store, from = 0, to?: number): AsyncIterable<LedgerEvent> {
  const end = to ?? (await store.treeSize());
  for (let i = from; i < end; i += BATCH) {
    for (const e of await store.readEntries(i, Math.min(end, i + BATCH))) yield parseEventBytes(e.bytes);
  }
}

/** Rebuild all projections into an in-memory scratch store. */
export async function replay(
  store: Store,
  modules: readonly DomainModule[],
  opts: ReplayOptions = {},
): Promise<MemoryDocs> {
  const docs = new MemoryDocs(opts.spatial);
  const total = opts.toSize ?? (await store.treeSize());
  const asOf = opts.asOf?.getTime();
  let done = 0;
  for await (const e of readEvents(store, 0, total)) {
    if (asOf === undefined || new Date(e.effectiveAt).getTime() <= asOf) await projectEvent(modules, e, docs);
    done += 1;
    if (opts.onProgress && done % BATCH === 0) opts.onProgress(done, total);
  }
  return docs;
}
