/**
 * Appending to the ledger in a PostgreSQL write transaction: events and the Merkle nodes they add.
 * The right edge of the tree (the frontier) is read from the database once, under the append lock
 * the transaction took first, and kept for the rest of the transaction (no cache across
 * transactions that another process could make stale).
 */
import { CairnError } from '../../core/index.js';
import {
  appendNodes,
  eventBytes,
  leafHash,
  placeDraft,
  type EventDraft,
  type LedgerEvent,
  type NodeRef,
} from '../../ledger/index.js';
import type { WriteTx } from '../port.js';
import { treeSize, type Exec } from './docs.js';

/** The (level, idx) keys of the right edge of a tree of `size` leaves. */
function frontierRefs(size: number): NodeRef[] {
  const refs: NodeRef[] = [];
  for (let level = 0, n = size; n > 0; level += 1, n = Math.floor(n / 2)) {
    if (n % 2 === 1) refs.push({ level, index: n - 1 });
  }
  return refs;
}

/** The Merkle nodes at these keys; a missing one is corruption. */
export async function fetchNodes(exec: Exec, refs: readonly NodeRef[]): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  if (refs.length === 0) return out;
  const rows = await exec<{ level: number; idx: number; hash: Buffer }>(
    'SELECT m.level, m.idx, m.hash FROM merkle_nodes m JOIN unnest($1::int[], $2::bigint[]) AS r(level, idx) ON m.level = r.level AND m.idx = r.idx',
    [refs.map((r) => r.level), refs.map((r) => r.index)],
  );
  for (const r of rows) out.set(`${r.level}:${r.idx}`, r.hash);
  for (const r of refs) {
    if (!out.has(`${r.level}:${r.index}`))
      throw new CairnError('DATA_DIR_CORRUPT', `merkle node ${r.level}:${r.index} is missing`);
  }
  return out;
}

/** The ledger appends of one write transaction on `exec` (which holds the append lock). */
export function ledgerAppender(exec: Exec): Pick<WriteTx, 'treeSize' | 'append' | 'appendVerbatim'> {
  // Right edge of the tree as of this transaction: read once under the lock, then kept here.
  let size = -1;
  let frontier: Map<string, Buffer> | undefined;
  const appendEvents = async (events: readonly LedgerEvent[]): Promise<void> => {
    if (size < 0) size = await treeSize(exec);
    frontier ??= await fetchNodes(exec, frontierRefs(size));
    const edge = frontier;
    const get = (level: number, index: number): Buffer => {
      const h = edge.get(`${level}:${index}`);
      if (h === undefined)
        throw new CairnError('DATA_DIR_CORRUPT', `merkle node ${level}:${index} is missing`);
      return h;
    };
    const ev = {
      seq: [] as number[],
      type: [] as string[],
      eff: [] as string[],
      bytes: [] as Buffer[],
      leaf: [] as Buffer[],
    };
    const nodes = { level: [] as number[], idx: [] as number[], hash: [] as Buffer[] };
    for (const e of events) {
      if (e.seq !== size)
        throw new CairnError(
          'LEDGER_IMPORT_INVALID',
          `event seq ${e.seq} does not follow the ledger size ${size}`,
        );
      const bytes = eventBytes(e);
      const leaf = leafHash(bytes);
      ev.seq.push(size);
      ev.type.push(e.type);
      ev.eff.push(e.effectiveAt);
      ev.bytes.push(bytes);
      ev.leaf.push(leaf);
      for (const n of appendNodes(size, leaf, get)) {
        const h = Buffer.from(n.hash);
        nodes.level.push(n.level);
        nodes.idx.push(n.index);
        nodes.hash.push(h);
        edge.set(`${n.level}:${n.index}`, h);
      }
      size += 1;
      const keep = new Set(frontierRefs(size).map((r) => `${r.level}:${r.index}`));
      for (const k of edge.keys()) if (!keep.has(k)) edge.delete(k);
    }
    await exec(
      'INSERT INTO events(seq, type, effective_at, bytes, leaf_hash) SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bytea[], $5::bytea[])',
      [ev.seq, ev.type, ev.eff, ev.bytes, ev.leaf],
      'cairn_insert_events',
    );
    await exec(
      'INSERT INTO merkle_nodes(level, idx, hash) SELECT * FROM unnest($1::int[], $2::bigint[], $3::bytea[])',
      [nodes.level, nodes.idx, nodes.hash],
      'cairn_insert_nodes',
    );
  };
  return {
    treeSize: async () => (size >= 0 ? size : treeSize(exec)),
    append: async (drafts: readonly EventDraft[], recordedAt: string) => {
      if (size < 0) size = await treeSize(exec);
      const events = drafts.map((d, i) => placeDraft(d, size + i, recordedAt));
      await appendEvents(events);
      return events;
    },
    appendVerbatim: (events: readonly LedgerEvent[]) => appendEvents(events),
  };
}
