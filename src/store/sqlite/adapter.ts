/**
 * SQLite adapter of the store port: better-sqlite3 12, WAL with synchronous=FULL, one file.
 *
 * better-sqlite3 is synchronous; the port is async so the PostgreSQL adapter fits the same
 * contract. Write transactions are serialised by an in-process queue and BEGIN IMMEDIATE
 * across processes. Reads outside a transaction use a second connection, which under WAL
 * sees only committed data.
 */
import type { Database as Db, Statement } from 'better-sqlite3';
import { CairnError, deepFreeze, type JsonObject } from '../../core/index.js';
import { Frontier, type NodeRef } from '../../ledger/index.js';
import { ENTRIES_SQL, LEAF_NODES_SQL, NODES_SQL, entriesOf, nodesOf } from './entry-reader.js';
import { evaluate, hasSpatial, isValidField, type SpatialPredicate } from '../expr.js';
import { extentFromRow, extentOfDocs, type ExtentRow } from '../extent.js';
import type {
  Credential,
  Doc,
  NodeHash,
  DocExtent,
  DocPage,
  DocQuery,
  ParallelReadSpec,
  SealedData,
  MigrationReport,
  Store,
  StoredCheckpoint,
  StoredEntry,
  WriteTx,
  BBox,
  Expr,
  TileRow,
} from '../port.js';
import { rowToCredential, type CredentialRow } from '../credential-row.js';
import { SQLITE_MIGRATIONS, SQLITE_SCHEMA_VERSION } from './migrations.js';
import { docsFilter, orderSql } from './sql.js';
import { readTileRows } from './tile-rows.js';
import { guard, openDb, rowToDoc, settle, STATEMENT_CACHE, type DocRow } from './connection.js';
import { writeTx, type TxState } from './write-tx.js';

export interface SqliteStoreOptions {
  /** Exact spatial predicate for s_* filters; without one they are refused. */
  readonly spatial?: SpatialPredicate;
  /** Open without creating the file (a missing file is an error). */
  readonly mustExist?: boolean;
}

export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  /** Level 0 is read from events.leaf_hash (see #node). */
  readonly leafNodesAreEntryHashes = true;
  readonly #file: string;
  readonly #db: Db;
  readonly #reader: Db;
  readonly #spatial: SpatialPredicate | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  #inTx = false;
  #closed = false;
  /** Right-edge Merkle nodes of the committed tree, so an append reads nothing (undefined: reload). */
  #frontier: Frontier | undefined;
  readonly #stmts = new Map<string, Statement>();

  constructor(file: string, options: SqliteStoreOptions = {}) {
    this.#file = file;
    this.#spatial = options.spatial;
    this.#db = openDb(file, options.mustExist === true, false);
    // An in-memory database cannot be shared between connections; read through the writer.
    this.#reader = file === ':memory:' || file === '' ? this.#db : openDb(file, true, true);
  }

  /**
   * A prepared statement by connection and SQL text, `raw` returning rows as arrays (the bulk
   * reads of verify). Bounded: generated queries vary with the filter's shape; a cleared
   * statement is simply prepared again.
   */
  #stmt(db: Db, sql: string, raw = false): Statement {
    const key = `${db === this.#db ? 'w' : 'r'}${raw ? 'a' : 'o'}${sql}`;
    let s = this.#stmts.get(key);
    if (s === undefined) {
      if (this.#stmts.size >= STATEMENT_CACHE) this.#stmts.clear();
      s = db.prepare(sql);
      if (raw) s.raw(true);
      this.#stmts.set(key, s);
    }
    return s;
  }

  #schemaVersion(db: Db): number {
    const t = db
      .prepare("SELECT name FROM sqlite_master WHERE type='table' AND name='schema_migrations'")
      .get();
    if (t === undefined) return 0;
    const r = db.prepare('SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations').get() as {
      v: number;
    };
    return r.v;
  }

  migrate(): Promise<MigrationReport> {
    return settle(() =>
      guard(this.#file, () => {
        const db = this.#db;
        db.exec(
          'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)',
        );
        const from = this.#schemaVersion(db);
        if (from > SQLITE_SCHEMA_VERSION) {
          throw new CairnError(
            'STORE_SCHEMA_NEWER',
            `database schema ${from} is newer than this Cairn (${SQLITE_SCHEMA_VERSION})`,
          );
        }
        const applied: number[] = [];
        for (const m of SQLITE_MIGRATIONS) {
          if (m.version <= from) continue;
          db.transaction(() => {
            db.exec(m.sql);
            db.prepare('INSERT INTO schema_migrations(version, applied_at) VALUES (?, ?)').run(
              m.version,
              new Date().toISOString(),
            );
          }).immediate();
          applied.push(m.version);
        }
        return { from, to: SQLITE_SCHEMA_VERSION, applied };
      }),
    );
  }

  checkSchema(): Promise<void> {
    return settle(() =>
      guard(this.#file, () => {
        const v = this.#schemaVersion(this.#db);
        if (v === 0)
          throw new CairnError(
            'STORE_SCHEMA_OLD',
            `database ${this.#file} has no Cairn schema; run cairn migrate (or cairn init)`,
          );
        if (v < SQLITE_SCHEMA_VERSION)
          throw new CairnError(
            'STORE_SCHEMA_OLD',
            `database schema ${v} is older than ${SQLITE_SCHEMA_VERSION}; run cairn migrate`,
          );
        if (v > SQLITE_SCHEMA_VERSION)
          throw new CairnError(
            'STORE_SCHEMA_NEWER',
            `database schema ${v} is newer than this Cairn (${SQLITE_SCHEMA_VERSION}); upgrade Cairn`,
          );
      }),
    );
  }

  // ── reads ──────────────────────────────────────────────────────────────────
  #getDoc(db: Db, collection: string, id: string): Doc | undefined {
    const r = this.#stmt(
      db,
      'SELECT collection, id, version, data, geometry FROM docs WHERE collection = ? AND id = ?',
    ).get(collection, id) as DocRow | undefined;
    return r === undefined ? undefined : rowToDoc(r);
  }

  #query(db: Db, q: DocQuery, count: boolean): Doc[] | number {
    return this.#select(db, q, count ? 'count' : 'docs') as Doc[] | number;
  }

  /**
   * The documents, their count, or a page with the total (`COUNT(*) OVER ()`: one pass over
   * the matches instead of a second query).
   */
  #select(db: Db, q: DocQuery, want: 'docs' | 'count' | 'page'): Doc[] | number | DocPage {
    const count = want === 'count';
    const { sqlBase, params, spatial } = docsFilter(q);
    const orderParams: unknown[] = [];
    const order = `ORDER BY ${q.orderBy === undefined ? 'd.id' : orderSql(q.orderBy.field, q.orderBy.desc === true, orderParams)}`;
    const cols = 'd.collection, d.id, d.version, d.data, d.geometry';
    if (!spatial) {
      if (count) return (this.#stmt(db, `SELECT COUNT(*) AS n ${sqlBase}`).get(...params) as { n: number }).n;
      const lim = q.limit ?? -1;
      const off = q.offset ?? 0;
      if (want === 'page') {
        const rows = this.#stmt(
          db,
          `SELECT ${cols}, COUNT(*) OVER () AS matched ${sqlBase} ${order} LIMIT ? OFFSET ?`,
        ).all(...params, ...orderParams, lim, off) as (DocRow & { matched: number })[];
        // Past the last match (or with limit 0) there is no row to carry the total: count it apart.
        const numberMatched =
          rows[0]?.matched ??
          (off > 0 || lim === 0
            ? (this.#stmt(db, `SELECT COUNT(*) AS n ${sqlBase}`).get(...params) as { n: number }).n
            : 0);
        return { docs: rows.map(rowToDoc), numberMatched };
      }
      return (
        this.#stmt(db, `SELECT ${cols} ${sqlBase} ${order} LIMIT ? OFFSET ?`).all(
          ...params,
          ...orderParams,
          lim,
          off,
        ) as DocRow[]
      ).map(rowToDoc);
    }
    // Spatial filter: SQL narrows by collection and bbox, exact predicates run in memory.
    const pred = this.#spatial;
    if (pred === undefined)
      throw new CairnError('INTERNAL', 'this store has no spatial predicate configured');
    const expr = q.where;
    if (expr === undefined) throw new CairnError('INTERNAL', 'a spatial query without a filter');
    const rows = (
      this.#stmt(db, `SELECT ${cols} ${sqlBase} ${order}`).all(...params, ...orderParams) as DocRow[]
    ).map(rowToDoc);
    const hits = rows.filter((d) => evaluate(expr, d, pred));
    if (count) return hits.length;
    const off = q.offset ?? 0;
    const docs = q.limit === undefined ? hits.slice(off) : hits.slice(off, off + q.limit);
    return want === 'page' ? { docs, numberMatched: hits.length } : docs;
  }

  getDoc(collection: string, id: string): Promise<Doc | undefined> {
    return settle(() => guard(this.#file, () => this.#getDoc(this.#reader, collection, id)));
  }
  findDocs(query: DocQuery): Promise<Doc[]> {
    return settle(() => guard(this.#file, () => this.#query(this.#reader, query, false) as Doc[]));
  }
  countDocs(query: DocQuery): Promise<number> {
    return settle(() => guard(this.#file, () => this.#query(this.#reader, query, true) as number));
  }
  /** See `Store.extent`: one aggregate over the exact box columns (in memory for spatial filters). */
  extent(query: DocQuery, field?: string): Promise<DocExtent> {
    return settle(() =>
      guard(this.#file, () => {
        if (field !== undefined && (!isValidField(field) || field.includes('.')))
          throw new CairnError('VALIDATION_FORMAT', `extent: "${field}" is not a top-level field name`);
        const { sqlBase, params, spatial } = docsFilter(query);
        if (spatial)
          return extentOfDocs(
            this.#select(
              this.#reader,
              {
                collection: query.collection,
                ...(query.where === undefined ? {} : { where: query.where }),
                ...(query.bbox === undefined ? {} : { bbox: query.bbox }),
              },
              'docs',
            ) as Doc[],
            field,
          );
        const path = `$.${field ?? ''}`;
        const value = `CASE WHEN json_type(d.data, ?) = 'text' THEN json_extract(d.data, ?) END`;
        const range =
          field === undefined ? 'NULL AS lo, NULL AS hi' : `min(${value}) AS lo, max(${value}) AS hi`;
        const rangeParams = field === undefined ? [] : [path, path, path, path];
        const row = this.#stmt(
          this.#reader,
          `SELECT min(d.minx) AS x0, min(d.miny) AS y0, max(d.maxx) AS x1, max(d.maxy) AS y1, ${range} ${sqlBase}`,
        ).get(...rangeParams, ...params) as ExtentRow | undefined;
        return extentFromRow(row);
      }),
    );
  }
  findPage(query: DocQuery): Promise<DocPage> {
    return settle(() => guard(this.#file, () => this.#select(this.#reader, query, 'page') as DocPage));
  }
  /** See `Store.tileRows` (tile-rows.ts); spatial filters go through the exact in-memory path. */
  tileRows(
    collection: string,
    bbox: BBox,
    where: Expr | undefined,
    properties: readonly string[],
  ): Promise<TileRow[]> {
    if (where === undefined || !hasSpatial(where))
      return settle(() =>
        guard(this.#file, () => readTileRows(this.#reader, collection, bbox, where, properties)),
      );
    return this.findDocs({ collection, bbox, where }).then((docs) =>
      docs.flatMap((d) =>
        !d.geometry
          ? []
          : [
              {
                id: d.id,
                geometry: d.geometry,
                properties: Object.fromEntries(
                  properties.flatMap((k) =>
                    d.data[k] === undefined || d.data[k] === null ? [] : [[k, d.data[k]]],
                  ),
                ),
              },
            ],
      ),
    );
  }

  treeSize(): Promise<number> {
    return settle(() => guard(this.#file, () => this.#size(this.#reader)));
  }
  #size(db: Db): number {
    return (this.#stmt(db, 'SELECT COALESCE(MAX(seq) + 1, 0) AS n FROM events').get() as { n: number }).n;
  }

  readEntries(from: number, to: number): Promise<StoredEntry[]> {
    return settle(() =>
      guard(this.#file, () => entriesOf(this.#stmt(this.#reader, ENTRIES_SQL, true).all(from, to))),
    );
  }

  parallelReader(): ParallelReadSpec | undefined {
    if (this.#reader === this.#db) return undefined; // in memory: no other connection can see it
    // The sibling module in the same form as this one (.js when built, .ts when run from source).
    const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
    return { module: new URL(`./entry-reader.${ext}`, import.meta.url).href, args: { file: this.#file } };
  }

  getNodes(refs: readonly NodeRef[]): Promise<Map<string, Buffer>> {
    return settle(() => guard(this.#file, () => this.#nodes(this.#reader, refs)));
  }
  #nodes(db: Db, refs: readonly NodeRef[]): Map<string, Buffer> {
    const out = new Map<string, Buffer>();
    for (const r of refs) out.set(`${r.level}:${r.index}`, this.#node(db, r.level, r.index));
    return out;
  }
  /**
   * One stored node. Level 0 is the leaf hash kept with each event: schema-1 databases written
   * before this also hold it in merkle_nodes, but it is read (and now written) only in `events`,
   * which halves the B-tree inserts of an append.
   */
  #node(db: Db, level: number, index: number): Buffer {
    const row = (
      level === 0
        ? this.#stmt(db, 'SELECT leaf_hash AS hash FROM events WHERE seq = ?').get(index)
        : this.#stmt(db, 'SELECT hash FROM merkle_nodes WHERE level = ? AND idx = ?').get(level, index)
    ) as { hash: Buffer } | undefined;
    if (row === undefined)
      throw new CairnError('DATA_DIR_CORRUPT', `merkle node ${level}:${index} is missing`);
    return row.hash;
  }

  readNodeRange(level: number, from: number, to: number): Promise<NodeHash[]> {
    return settle(() =>
      guard(this.#file, () =>
        nodesOf(
          level === 0
            ? this.#stmt(this.#reader, LEAF_NODES_SQL, true).all(from, to)
            : this.#stmt(this.#reader, NODES_SQL, true).all(level, from, to),
        ),
      ),
    );
  }

  putCheckpoint(cp: StoredCheckpoint): Promise<void> {
    return this.#serial(() => {
      this.#stmt(
        this.#db,
        'INSERT OR REPLACE INTO checkpoints(size, root, text, created_at) VALUES (?, ?, ?, ?)',
      ).run(cp.size, cp.root, cp.text, cp.createdAt);
    });
  }
  listCheckpoints(): Promise<StoredCheckpoint[]> {
    return settle(() =>
      guard(this.#file, () =>
        (
          this.#stmt(
            this.#reader,
            'SELECT size, root, text, created_at FROM checkpoints ORDER BY size',
          ).all() as { size: number; root: Buffer; text: string; created_at: string }[]
        ).map((r) => ({ size: r.size, root: r.root, text: r.text, createdAt: r.created_at })),
      ),
    );
  }

  getCredential(id: string): Promise<Credential | undefined> {
    const r = this.#stmt(this.#reader, 'SELECT * FROM credentials WHERE id = ?').get(id) as
      CredentialRow | undefined;
    return Promise.resolve(r === undefined ? undefined : rowToCredential(r));
  }
  findCredentials(userId: string, kind?: string): Promise<Credential[]> {
    const rows = (
      kind === undefined
        ? this.#stmt(this.#reader, 'SELECT * FROM credentials WHERE user_id = ? ORDER BY created_at, id').all(
            userId,
          )
        : this.#stmt(
            this.#reader,
            'SELECT * FROM credentials WHERE user_id = ? AND kind = ? ORDER BY created_at, id',
          ).all(userId, kind)
    ) as CredentialRow[];
    return Promise.resolve(rows.map(rowToCredential));
  }
  findCredentialBySecret(kind: string, secret: string): Promise<Credential | undefined> {
    const r = this.#stmt(
      this.#reader,
      'SELECT * FROM credentials WHERE kind = ? AND secret = ? AND revoked_at IS NULL',
    ).get(kind, secret) as CredentialRow | undefined;
    return Promise.resolve(r === undefined ? undefined : rowToCredential(r));
  }

  getSealed(id: string): Promise<SealedData | undefined> {
    return settle(() =>
      guard(this.#file, () => {
        const r = this.#stmt(this.#reader, 'SELECT data, salt FROM sealed WHERE id = ?').get(id) as
          { data: string; salt: string } | undefined;
        return r === undefined
          ? undefined
          : deepFreeze<SealedData>({ data: JSON.parse(r.data) as JsonObject, salt: r.salt });
      }),
    );
  }

  async *allDocs(): AsyncIterable<Doc> {
    // Page through by key so no statement stays open across the consumer's awaits.
    let after: [string, string] = ['', ''];
    for (;;) {
      const rows = await settle(
        () =>
          this.#stmt(
            this.#reader,
            'SELECT collection, id, version, data, geometry FROM docs WHERE (collection, id) > (?, ?) ORDER BY collection, id LIMIT 1000',
          ).all(after[0], after[1]) as DocRow[],
      );
      for (const r of rows) yield rowToDoc(r);
      const last = rows.at(-1);
      if (last === undefined || rows.length < 1000) return;
      after = [last.collection, last.id];
    }
  }

  getMeta(key: string): Promise<string | undefined> {
    const r = guard(this.#file, () =>
      this.#stmt(this.#reader, 'SELECT value FROM meta WHERE key = ?').get(key),
    ) as { value: string } | undefined;
    return Promise.resolve(r?.value);
  }
  setMeta(key: string, value: string): Promise<void> {
    return this.#serial(() => {
      this.#stmt(this.#db, 'INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)').run(key, value);
    });
  }

  // ── writes ─────────────────────────────────────────────────────────────────
  /** Queue a synchronous write outside a caller-visible transaction. */
  #serial(fn: () => void): Promise<void> {
    return this.transaction(() => {
      fn();
      return Promise.resolve();
    });
  }

  transaction<T>(fn: (tx: WriteTx) => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      if (this.#closed) throw new CairnError('STORE_UNAVAILABLE', 'the store is closed');
      if (this.#inTx) throw new Error('nested transaction');
      const db = this.#db;
      guard(this.#file, () => db.exec('BEGIN IMMEDIATE'));
      this.#inTx = true;
      // The transaction appends to a copy; the committed tree's edge changes only on COMMIT.
      const state: TxState = { frontier: this.#frontier?.clone() };
      try {
        const result = await fn(this.#tx(state));
        guard(this.#file, () => db.exec('COMMIT'));
        this.#frontier = state.frontier;
        return result;
      } catch (e) {
        if (db.inTransaction) db.exec('ROLLBACK');
        // Reload the right edge from the database on the next append.
        this.#frontier = undefined;
        throw e;
      } finally {
        this.#inTx = false;
      }
    };
    const p = this.#queue.then(run, run);
    this.#queue = p.catch(() => undefined);
    return p;
  }

  #tx(state: TxState): WriteTx {
    const db = this.#db;
    return writeTx(state, {
      file: this.#file,
      stmt: (sql) => this.#stmt(db, sql),
      size: () => this.#size(db),
      node: (level, index) => this.#node(db, level, index),
      getDoc: (c, id) => this.#getDoc(db, c, id),
      query: (q, count) => this.#query(db, q, count),
    });
  }

  async close(): Promise<void> {
    await this.#queue;
    if (this.#closed) return;
    this.#closed = true;
    if (this.#reader !== this.#db) this.#reader.close();
    this.#db.close();
  }
}
