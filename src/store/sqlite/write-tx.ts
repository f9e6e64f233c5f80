/**
 * The SQLite adapter's write transaction (the port's `WriteTx`): ledger appends with their Merkle
 * nodes, projection documents with their R*Tree boxes, credentials and sealed records, on the
 * writer connection inside the adapter's BEGIN IMMEDIATE … COMMIT.
 */
import type { Statement } from 'better-sqlite3';
import { CairnError, type JsonObject } from '../../core/index.js';
import {
  Frontier,
  eventBytesAndLeaf,
  placeDraft,
  type EventDraft,
  type LedgerEvent,
} from '../../ledger/index.js';
import { geometryBBox } from '../bbox.js';
import type { Credential, Doc, DocQuery, WriteTx } from '../port.js';
import { guard, ROWS, Rows, settle } from './connection.js';

/** What one write transaction changes besides the database: the tree's right edge. */
export interface TxState {
  frontier: Frontier | undefined;
}

/** What the write transaction reads through the adapter (its statement cache and read helpers). */
export interface TxContext {
  readonly file: string;
  readonly stmt: (sql: string) => Statement;
  /** The ledger's size as this connection sees it. */
  readonly size: () => number;
  readonly node: (level: number, index: number) => Buffer;
  readonly getDoc: (collection: string, id: string) => Doc | undefined;
  readonly query: (q: DocQuery, count: boolean) => Doc[] | number;
}

/** The write transaction on the writer connection; `state` carries the tree's right edge to the commit. */
export function writeTx(state: TxState, ctx: TxContext): WriteTx {
  const { file, stmt, size, node, getDoc, query } = ctx;
  const insEvent = stmt(
    'INSERT INTO events(seq, type, effective_at, bytes, leaf_hash) VALUES (?, ?, ?, ?, ?)',
  );
  const insNode = stmt('INSERT INTO merkle_nodes(level, idx, hash) VALUES (?, ?, ?)');
  const insEvents = stmt(
    `INSERT INTO events(seq, type, effective_at, bytes, leaf_hash) VALUES ${Array<string>(ROWS).fill('(?, ?, ?, ?, ?)').join(', ')}`,
  );
  const insNodes = stmt(
    `INSERT INTO merkle_nodes(level, idx, hash) VALUES ${Array<string>(ROWS).fill('(?, ?, ?)').join(', ')}`,
  );
  const putDoc = stmt(
    'INSERT INTO docs(collection, id, version, data, geometry, minx, miny, maxx, maxy) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(collection, id) DO UPDATE SET version = excluded.version, data = excluded.data, geometry = excluded.geometry, minx = excluded.minx, miny = excluded.miny, maxx = excluded.maxx, maxy = excluded.maxy RETURNING rid',
  );
  const delBox = stmt('DELETE FROM docs_bbox WHERE rid = ?');
  const insBox = stmt('INSERT INTO docs_bbox(rid, minx, maxx, miny, maxy) VALUES (?, ?, ?, ?, ?)');
  const ridOf = stmt('SELECT rid FROM docs WHERE collection = ? AND id = ?');
  const delDoc = stmt('DELETE FROM docs WHERE rid = ?');
  /** Store events whose seq and recordedAt are already set (by append, or verbatim by import). */
  const appendEvents = (events: readonly LedgerEvent[]): void => {
    let n = size();
    let frontier = state.frontier;
    // Another process may have appended since this connection last did: its edge is stale.
    if (frontier?.size !== n) state.frontier = frontier = Frontier.load(n, node);
    // Rows go in by multi-row INSERTs of ROWS rows (fewer statement executions); the rest one by one.
    const eventRows = new Rows(ROWS, 5, insEvents, insEvent);
    const nodeRows = new Rows(ROWS, 3, insNodes, insNode);
    // Level 0 is the event's own leaf_hash column (see the adapter's #node): only interior nodes go here.
    const onNode = (level: number, index: number, hash: Buffer): void => {
      nodeRows.add(level, index, hash);
    };
    for (const event of events) {
      if (event.seq !== n)
        throw new CairnError(
          'LEDGER_IMPORT_INVALID',
          `event seq ${event.seq} does not follow the ledger size ${n}`,
        );
      const { bytes, leaf } = eventBytesAndLeaf(event);
      eventRows.add(n, event.type, event.effectiveAt, bytes, leaf);
      frontier.append(leaf, onNode);
      n += 1;
    }
    eventRows.flush();
    nodeRows.flush();
  };
  return {
    getDoc: (c, id) => settle(() => guard(file, () => getDoc(c, id))),
    findDocs: (q) => settle(() => guard(file, () => query(q, false) as Doc[])),
    countDocs: (q) => settle(() => guard(file, () => query(q, true) as number)),
    treeSize: () => settle(() => guard(file, size)),
    append: (drafts: readonly EventDraft[], recordedAt: string) =>
      settle(() =>
        guard(file, () => {
          const n = size();
          const events = drafts.map((d, i) => placeDraft(d, n + i, recordedAt));
          appendEvents(events);
          return events;
        }),
      ),
    appendVerbatim: (events: readonly LedgerEvent[]) => settle(() => guard(file, () => appendEvents(events))),
    putDoc: (doc: Doc) =>
      settle(() =>
        guard(file, () => {
          const geom = doc.geometry ?? null;
          const b = geometryBBox(geom);
          const { rid } = putDoc.get(
            doc.collection,
            doc.id,
            doc.version,
            JSON.stringify(doc.data),
            geom === null ? null : JSON.stringify(geom),
            b?.[0] ?? null,
            b?.[1] ?? null,
            b?.[2] ?? null,
            b?.[3] ?? null,
          ) as { rid: number };
          delBox.run(rid);
          if (b !== undefined) insBox.run(rid, b[0], b[2], b[1], b[3]);
        }),
      ),
    deleteDoc: (collection: string, id: string) =>
      settle(() =>
        guard(file, () => {
          const r = ridOf.get(collection, id) as { rid: number } | undefined;
          if (r === undefined) return;
          delBox.run(r.rid);
          delDoc.run(r.rid);
        }),
      ),
    putCredential: (c: Credential) =>
      settle(() =>
        guard(file, () => {
          stmt(
            'INSERT OR REPLACE INTO credentials(id, user_id, kind, secret, label, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
          ).run(c.id, c.userId, c.kind, c.secret, c.label ?? null, c.createdAt, c.revokedAt ?? null);
        }),
      ),
    revokeCredential: (id: string, at: string) =>
      settle(() =>
        guard(file, () => {
          stmt('UPDATE credentials SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(at, id);
        }),
      ),
    putSealed: (id: string, data: JsonObject, salt: string) =>
      settle(() =>
        guard(file, () => {
          if (stmt('SELECT 1 FROM sealed WHERE id = ?').get(id) !== undefined)
            throw new CairnError('CONFLICT', `sealed record ${id} already exists`);
          stmt('INSERT INTO sealed(id, data, salt) VALUES (?, ?, ?)').run(id, JSON.stringify(data), salt);
        }),
      ),
    eraseSealed: (id: string) =>
      settle(() =>
        guard(file, () => {
          stmt('DELETE FROM sealed WHERE id = ?').run(id);
        }),
      ),
  };
}
