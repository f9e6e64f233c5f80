/**
 * The ledger reads of the PostgreSQL adapter, shared by its pool and by verify's worker threads:
 * each worker opens one connection of its own through `openEntryReader` (the module named by
 * `PostgresStore.parallelReader()`), so entries and nodes are read and checked on several cores.
 *
 * This module imports nothing from Cairn but the port's types: a worker loads only it and `pg`.
 */
import pg from 'pg';
import type { EntryReader, NodeHash, StoredEntry } from '../port.js';

const INT8_OID = 20;
/** bigint columns (seq, version, size) hold safe integers; read them as numbers. */
export const types = new pg.TypeOverrides();
types.setTypeParser(INT8_OID, 'text', (v: string) => Number(v));

export const ENTRIES_SQL =
  'SELECT seq, bytes, leaf_hash FROM events WHERE seq >= $1 AND seq < $2 ORDER BY seq';
export const NODES_SQL =
  'SELECT idx, hash FROM merkle_nodes WHERE level = $1 AND idx >= $2 AND idx < $3 ORDER BY idx';

/** Rows of ENTRIES_SQL as entries. */
export function entriesOf(rows: readonly { seq: number; bytes: Buffer; leaf_hash: Buffer }[]): StoredEntry[] {
  return rows.map((r) => ({ seq: r.seq, bytes: r.bytes, leafHash: r.leaf_hash }));
}

/** Rows of NODES_SQL as node hashes. */
export function nodesOf(rows: readonly { idx: number; hash: Buffer }[]): NodeHash[] {
  return rows.map((r) => ({ index: r.idx, hash: r.hash }));
}

/** The search_path option of a connection to Cairn's tables in `schema` (PostGIS stays in public). */
export function schemaOption(schema: string | undefined): { options?: string } {
  return schema === undefined ? {} : { options: `-c search_path=${schema},public` };
}

/** Open one connection for a worker thread. */
export async function openEntryReader(args: {
  readonly url: string;
  readonly schema?: string;
}): Promise<EntryReader> {
  const client = new pg.Client({
    connectionString: args.url,
    application_name: 'cairn verify',
    types,
    ...schemaOption(args.schema),
  });
  // A connection lost mid-read fails the read that is waiting; without a listener the
  // 'error' event would end the worker.
  client.on('error', () => undefined);
  await client.connect();
  return {
    readEntries: async (from, to) =>
      entriesOf(
        (
          await client.query<{ seq: number; bytes: Buffer; leaf_hash: Buffer }>({
            name: 'entries',
            text: ENTRIES_SQL,
            values: [from, to],
          })
        ).rows,
      ),
    readNodeRange: async (level, from, to) =>
      nodesOf(
        (
          await client.query<{ idx: number; hash: Buffer }>({
            name: 'nodes',
            text: NODES_SQL,
            values: [level, from, to],
          })
        ).rows,
      ),
    close: () => client.end(),
  };
}
