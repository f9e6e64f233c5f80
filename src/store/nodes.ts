/** Adapter-independent helpers over the Merkle nodes a store keeps. */
import type { NodeRef } from '../ledger/index.js';
import type { NodeHash, Store } from './port.js';

/**
 * The stored nodes of `level` with index in [from, to), in index order: the adapter's batched
 * range read when it has one, otherwise `getNodes` (which throws when a node is missing).
 */
export async function readNodeRange(
  store: Store,
  level: number,
  from: number,
  to: number,
): Promise<NodeHash[]> {
  if (store.readNodeRange !== undefined) return store.readNodeRange(level, from, to);
  const refs: NodeRef[] = [];
  for (let i = from; i < to; i++) refs.push({ level, index: i });
  const nodes = await store.getNodes(refs);
  return refs.flatMap((r) => {
    const hash = nodes.get(`${r.level}:${r.index}`);
    return hash === undefined ? [] : [{ index: r.index, hash }];
  });
}
