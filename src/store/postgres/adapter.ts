/**
 * PostgreSQL + PostGIS adapter of the store port (design.md §3).
 *
 * Appends are serialised across processes by a transaction-scoped advisory lock taken first in
 * every write transaction; under READ COMMITTED each later statement then sees every append
 * committed before the lock was granted, so seq is total and gap-free. The Merkle frontier is
 * read from the database inside the lock (no cache that another process could make stale).
 * Within one process, write transactions also queue, so a transaction never waits for a pool
 * connection held by a sibling that waits for the lock.
 */
import pg from 'pg';
import type { Pool, PoolClient, QueryResultRow } from 'pg';
import { CairnError, deepFreeze, type JsonObject } from '../../core/index.js';
import type { NodeRef } from '../../ledger/index.js';
import { rowToCredential, type CredentialRow } from '../credential-row.js';
import type {
  Credential,
  SealedData,
  Doc,
  DocExtent,
  DocQuery,
  Expr,
  MigrationReport,
  NodeHash,
  ParallelReadSpec,
  Store,
  StoredCheckpoint,
  StoredEntry,
  VectorTileOptions,
  WriteTx,
} from '../port.js';
import {
  DOC_COLS,
  countDocs,
  deleteDoc,
  docExtent,
  findDocs,
  getDoc,
  putDoc,
  rowToDoc,
  treeSize,
  type DocRow,
  type Exec,
} from './docs.js';
import { ENTRIES_SQL, NODES_SQL, entriesOf, nodesOf, schemaOption, types } from './entry-reader.js';
import { describeTarget, isConnectionLost, mapPgError, type Target } from './errors.js';
import { fetchNodes, ledgerAppender } from './ledger-append.js';
import { checkSchema, migrateSchema } from './schema.js';
import { tileSql } from './tiles.js';

export interface PostgresStoreOptions {
  /** postgres://USER:PASSWORD@HOST:PORT/DATABASE (libpq `options=` and `sslmode=` work too). */
  readonly url: string;
  /** Schema holding Cairn's tables (search_path becomes `schema, public`); default: the server's. */
  readonly schema?: string;
  /** Most connections this process opens (default 8). */
  readonly poolSize?: number;
  /** application_name shown in pg_stat_activity (default "cairn"). */
  readonly applicationName?: string;
  /** Give up connecting after this long (default 10 s). */
  readonly connectTimeoutMs?: number;
}

/** Advisory lock key for appends: (class, hashtext(current_schema())); migrations have their own (schema.ts). */
const APPEND_LOCK = 0x6361_6972; // "cair"
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;
  readonly #pool: Pool;
  readonly #target: Target;
  #queue: Promise<unknown> = Promise.resolve();
  #closed = false;

  readonly #url: string;
  readonly #schema: string | undefined;

  constructor(options: PostgresStoreOptions) {
    this.#target = describeTarget(options.url);
    this.#url = options.url;
    this.#schema = options.schema;
    if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema)) {
      throw new CairnError(
        'USAGE',
        `schema name "${options.schema}" must be lower-case letters, digits and _`,
      );
    }
    this.#pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 8,
      application_name: options.applicationName ?? 'cairn',
      connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
      types,
      ...schemaOption(options.schema),
    });
    // An idle connection that dies (server restart, pg_terminate_backend) is dropped by the
    // pool; without a listener the 'error' event would end the process.
    this.#pool.on('error', () => undefined);
  }

  #map(e: unknown): unknown {
    return mapPgError(e, this.#target);
  }

  /** Run a query on the pool (reads and single writes outside a transaction). */
  readonly #exec: Exec = async <R extends QueryResultRow>(
    sql: string,
    params: readonly unknown[] = [],
    name?: string,
  ) => {
    if (this.#closed) throw new CairnError('STORE_UNAVAILABLE', 'the store is closed');
    try {
      const r = await this.#pool.query<R>(
        name === undefined ? { text: sql, values: [...params] } : { name, text: sql, values: [...params] },
      );
      return r.rows;
    } catch (e) {
      throw this.#map(e);
    }
  };

  #clientExec(client: PoolClient): Exec {
    return async <R extends QueryResultRow>(sql: string, params: readonly unknown[] = [], name?: string) => {
      try {
        const r = await client.query<R>(
          name === undefined ? { text: sql, values: [...params] } : { name, text: sql, values: [...params] },
        );
        return r.rows;
      } catch (e) {
        throw this.#map(e);
      }
    };
  }

  async #connect(): Promise<PoolClient> {
    if (this.#closed) throw new CairnError('STORE_UNAVAILABLE', 'the store is closed');
    try {
      return await this.#pool.connect();
    } catch (e) {
      throw this.#map(e);
    }
  }

  /** Run `fn` in BEGIN … COMMIT on one connection; a lost connection is discarded, not reused. */
  async #inTransaction<T>(fn: (exec: Exec) => Promise<T>): Promise<T> {
    const client = await this.#connect();
    let lost: Error | undefined;
    const onError = (e: Error): void => {
      lost = e;
    };
    client.on('error', onError);
    const exec = this.#clientExec(client);
    try {
      await exec('BEGIN');
      const result = await fn(exec);
      await exec('COMMIT');
      return result;
    } catch (e) {
      try {
        await client.query('ROLLBACK');
      } catch (re) {
        lost ??= re instanceof Error ? re : new Error(String(re));
      }
      if (lost === undefined && isConnectionLost(e)) lost = e instanceof Error ? e : new Error(String(e));
      throw e instanceof CairnError ? e : this.#map(e);
    } finally {
      client.off('error', onError);
      client.release(lost);
    }
  }

  migrate(): Promise<MigrationReport> {
    return this.#inTransaction((exec) => migrateSchema(exec, this.#target));
  }

  checkSchema(): Promise<void> {
    return checkSchema(this.#exec, this.#target);
  }

  // ── reads ──────────────────────────────────────────────────────────────────
  getDoc(collection: string, id: string): Promise<Doc | undefined> {
    return getDoc(this.#exec, collection, id);
  }
  findDocs(query: DocQuery): Promise<Doc[]> {
    return findDocs(this.#exec, query);
  }
  countDocs(query: DocQuery): Promise<number> {
    return countDocs(this.#exec, query);
  }
  extent(query: DocQuery, field?: string): Promise<DocExtent> {
    return docExtent(this.#exec, query, field);
  }
  treeSize(): Promise<number> {
    return treeSize(this.#exec);
  }

  async readEntries(from: number, to: number): Promise<StoredEntry[]> {
    return entriesOf(
      await this.#exec<{ seq: number; bytes: Buffer; leaf_hash: Buffer }>(
        ENTRIES_SQL,
        [from, to],
        'cairn_read_entries',
      ),
    );
  }

  parallelReader(): ParallelReadSpec {
    // The sibling module in the same form as this one (.js when built, .ts when run from source).
    const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
    return {
      module: new URL(`./entry-reader.${ext}`, import.meta.url).href,
      args: { url: this.#url, ...(this.#schema === undefined ? {} : { schema: this.#schema }) },
    };
  }

  getNodes(refs: readonly NodeRef[]): Promise<Map<string, Buffer>> {
    return fetchNodes(this.#exec, refs);
  }

  async readNodeRange(level: number, from: number, to: number): Promise<NodeHash[]> {
    return nodesOf(
      await this.#exec<{ idx: number; hash: Buffer }>(NODES_SQL, [level, from, to], 'cairn_node_range'),
    );
  }

  async putCheckpoint(cp: StoredCheckpoint): Promise<void> {
    await this.#exec(
      'INSERT INTO checkpoints(size, root, text, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (size) DO UPDATE SET root = excluded.root, text = excluded.text, created_at = excluded.created_at',
      [cp.size, cp.root, cp.text, cp.createdAt],
    );
  }
  async listCheckpoints(): Promise<StoredCheckpoint[]> {
    const rows = await this.#exec<{ size: number; root: Buffer; text: string; created_at: string }>(
      'SELECT size, root, text, created_at FROM checkpoints ORDER BY size',
    );
    return rows.map((r) => ({ size: r.size, root: r.root, text: r.text, createdAt: r.created_at }));
  }

  async getCredential(id: string): Promise<Credential | undefined> {
    const r = (await this.#exec<CredentialRow>('SELECT * FROM credentials WHERE id = $1', [id]))[0];
    return r === undefined ? undefined : rowToCredential(r);
  }
  async findCredentials(userId: string, kind?: string): Promise<Credential[]> {
    const rows =
      kind === undefined
        ? await this.#exec<CredentialRow>(
            'SELECT * FROM credentials WHERE user_id = $1 ORDER BY created_at COLLATE "C", id COLLATE "C"',
            [userId],
          )
        : await this.#exec<CredentialRow>(
            'SELECT * FROM credentials WHERE user_id = $1 AND kind = $2 ORDER BY created_at COLLATE "C", id COLLATE "C"',
            [userId, kind],
          );
    return rows.map(rowToCredential);
  }
  async findCredentialBySecret(kind: string, secret: string): Promise<Credential | undefined> {
    const r = (
      await this.#exec<CredentialRow>(
        'SELECT * FROM credentials WHERE kind = $1 AND secret = $2 AND revoked_at IS NULL',
        [kind, secret],
      )
    )[0];
    return r === undefined ? undefined : rowToCredential(r);
  }

  async getSealed(id: string): Promise<SealedData | undefined> {
    const r = (
      await this.#exec<{ data: string; salt: string }>('SELECT data, salt FROM sealed WHERE id = $1', [id])
    )[0];
    return r === undefined
      ? undefined
      : deepFreeze<SealedData>({ data: JSON.parse(r.data) as JsonObject, salt: r.salt });
  }

  async *allDocs(): AsyncIterable<Doc> {
    // Keyset pages, so no cursor stays open across the consumer's awaits.
    let after: [string, string] = ['', ''];
    let first = true;
    for (;;) {
      const rows = await this.#exec<DocRow>(
        `SELECT ${DOC_COLS} FROM docs d WHERE $3::boolean OR (d.collection, d.id) > ($1::text COLLATE "C", $2::text COLLATE "C") ORDER BY d.collection, d.id LIMIT 1000`,
        [after[0], after[1], first],
      );
      first = false;
      for (const r of rows) yield rowToDoc(r);
      const last = rows.at(-1);
      if (last === undefined || rows.length < 1000) return;
      after = [last.collection, last.id];
    }
  }

  async getMeta(key: string): Promise<string | undefined> {
    return (await this.#exec<{ value: string }>('SELECT value FROM meta WHERE key = $1', [key]))[0]?.value;
  }
  async setMeta(key: string, value: string): Promise<void> {
    await this.#exec(
      'INSERT INTO meta(key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      [key, value],
    );
  }

  /** MVT via ST_AsMVT; see `Store.vectorTile`. */
  async vectorTile(
    collection: string,
    z: number,
    x: number,
    y: number,
    where?: Expr,
    options: VectorTileOptions = {},
  ): Promise<Buffer> {
    const q = tileSql(collection, z, x, y, where, options);
    const rows = await this.#exec<{ tile: Buffer | null }>(q.text, q.values);
    return rows[0]?.tile ?? Buffer.alloc(0);
  }

  // ── writes ─────────────────────────────────────────────────────────────────
  transaction<T>(fn: (tx: WriteTx) => Promise<T>): Promise<T> {
    const run = (): Promise<T> =>
      this.#inTransaction(async (exec) => {
        await exec(
          'SELECT pg_advisory_xact_lock($1::int, hashtext(current_schema()))',
          [APPEND_LOCK],
          'cairn_append_lock',
        );
        return fn(this.#tx(exec));
      });
    const p = this.#queue.then(run, run);
    this.#queue = p.catch(() => undefined);
    return p;
  }

  #tx(exec: Exec): WriteTx {
    return {
      getDoc: (c, id) => getDoc(exec, c, id),
      findDocs: (q) => findDocs(exec, q),
      countDocs: (q) => countDocs(exec, q),
      ...ledgerAppender(exec),
      putDoc: (doc: Doc) => putDoc(exec, doc),
      deleteDoc: (collection: string, id: string) => deleteDoc(exec, collection, id),
      putCredential: async (c: Credential) => {
        await exec(
          `INSERT INTO credentials(id, user_id, kind, secret, label, created_at, revoked_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (id) DO UPDATE SET user_id = excluded.user_id, kind = excluded.kind, secret = excluded.secret,
             label = excluded.label, created_at = excluded.created_at, revoked_at = excluded.revoked_at`,
          [c.id, c.userId, c.kind, c.secret, c.label ?? null, c.createdAt, c.revokedAt ?? null],
        );
      },
      revokeCredential: async (id: string, at: string) => {
        await exec('UPDATE credentials SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [at, id]);
      },
      putSealed: async (id: string, data: JsonObject, salt: string) => {
        const r = await exec(
          'INSERT INTO sealed(id, data, salt) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING RETURNING id',
          [id, JSON.stringify(data), salt],
        );
        if (r.length === 0) throw new CairnError('CONFLICT', `sealed record ${id} already exists`);
      },
      eraseSealed: async (id: string) => {
        await exec('DELETE FROM sealed WHERE id = $1', [id]);
      },
    };
  }

  async close(): Promise<void> {
    await this.#queue;
    if (this.#closed) return;
    this.#closed = true;
    await this.#pool.end();
  }
}
