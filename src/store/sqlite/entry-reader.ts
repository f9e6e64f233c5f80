/**
 * The ledger reads of the SQLite adapter, shared by its own connections and by verify's worker
 * threads: each worker opens the file read-only through `openEntryReader` (the module named by
 * `SqliteStore.parallelReader()`), so entries and nodes are read on several cores at once.
 * Under WAL a read-only connection sees every committed entry, and entries never change.
 *
 * This module imports nothing from Cairn but the port's types: a worker loads only it.
 */
import Database from 'better-sqlite3';
import type { Statement } from 'better-sqlite3';
import type { EntryReader, NodeHash, StoredEntry } from '../port.js';

export const ENTRIES_SQL = 'SELECT seq, bytes, leaf_hash FROM events WHERE seq >= ? AND seq < ? ORDER BY seq';
/** Level 0 is the leaf hash kept with each event (see SqliteStore#node). */
export const LEAF_NODES_SQL =
  'SELECT seq AS idx, leaf_hash AS hash FROM events WHERE seq >= ? AND seq < ? ORDER BY seq';
export const NODES_SQL =
  'SELECT idx, hash FROM merkle_nodes WHERE level = ? AND idx >= ? AND idx < ? ORDER BY idx';

/** Rows of ENTRIES_SQL run in raw mode ([seq, bytes, leaf_hash]) as entries. */
export function entriesOf(rows: readonly unknown[]): StoredEntry[] {
  return rows.map((r) => {
    const [seq, bytes, leafHash] = r as [number, Buffer, Buffer];
    return { seq, bytes, leafHash };
  });
}

/** Rows of LEAF_NODES_SQL or NODES_SQL run in raw mode ([idx, hash]) as node hashes. */
export function nodesOf(rows: readonly unknown[]): NodeHash[] {
  return rows.map((r) => {
    const [index, hash] = r as [number, Buffer];
    return { index, hash };
  });
}

/** Open `args.file` read-only for a worker thread. */
export function openEntryReader(args: { readonly file: string }): EntryReader {
  const db = new Database(args.file, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 10000');
  const raw = (sql: string): Statement => db.prepare(sql).raw(true);
  const entries = raw(ENTRIES_SQL);
  const leaves = raw(LEAF_NODES_SQL);
  const nodes = raw(NODES_SQL);
  return {
    readEntries: (from, to) => Promise.resolve(entriesOf(entries.all(from, to))),
    readNodeRange: (level, from, to) =>
      Promise.resolve(nodesOf(level === 0 ? leaves.all(from, to) : nodes.all(level, from, to))),
    close: () => {
      db.close();
      return Promise.resolve();
    },
  };
}
