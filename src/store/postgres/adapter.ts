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
import {
  appendNodes,
  eventBytes,
  leafHash,
  placeDraft,
  type EventDraft,
  type LedgerEvent,
  type NodeRef,
} from '../../ledger/index.js';
import { geometryBBox } from '../bbox.js';
import { extentFromRow, type ExtentRow } from '../extent.js';
import { isValidField } from '../expr.js';
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
  StoredGeometry,
  VectorTileOptions,
  WriteTx,
} from '../port.js';
import { rowToCredential, type CredentialRow } from '../credential-row.js';
import { describeTarget, isConnectionLost, mapPgError, type Target } from './errors.js';
import { postgisGeoJson } from './geometry.js';
import { POSTGRES_MIGRATIONS, POSTGRES_SCHEMA_VERSION } from './migrations.js';
import { Params, exprToSql, orderSql } from './sql.js';
import { tileSql } from './tiles.js';
import { ENTRIES_SQL, NODES_SQL, entriesOf, nodesOf, schemaOption, types } from './entry-reader.js';

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

/** Advisory lock keys: (class, hashtext(current_schema())) for appends, one key for migrations. */
const APPEND_LOCK = 0x6361_6972; // "cair"
const MIGRATE_LOCK = 0x6361_6972_6e;
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

interface DocRow {
  collection: string;
  id: string;
  version: number;
  data: JsonObject;
  geojson: StoredGeometry | null;
}
const DOC_COLS = 'd.collection, d.id, d.version, d.data, d.geojson';

function rowToDoc(r: DocRow): Doc {
  return deepFreeze({
    collection: r.collection,
    id: r.id,
    version: r.version,
    data: r.data,
    ...(r.geojson === null ? {} : { geometry: r.geojson }),
  });
}

type Exec = <R extends QueryResultRow>(
  sql: string,
  params?: readonly unknown[],
  name?: string,
) => Promise<R[]>;

/** The (level, idx) keys of the right edge of a tree of `size` leaves. */
function frontierRefs(size: number): NodeRef[] {
  const refs: NodeRef[] = [];
  for (let level = 0, n = size; n > 0; level += 1, n = Math.floor(n / 2)) {
    if (n % 2 === 1) refs.push({ level, index: n - 1 });
  }
  return refs;
}

async function fetchNodes(exec: Exec, refs: readonly NodeRef[]): Promise<Map<string, Buffer>> {
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

  async #schemaVersion(exec: Exec): Promise<number> {
    const t = await exec<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'schema_migrations'",
    );
    if (t[0]?.n !== 1) return 0;
    const r = await exec<{ v: number }>('SELECT COALESCE(MAX(version), 0)::int AS v FROM schema_migrations');
    return r[0]?.v ?? 0;
  }

  async #ensurePostgis(exec: Exec): Promise<void> {
    if ((await exec("SELECT 1 FROM pg_extension WHERE extname = 'postgis'")).length > 0) return;
    const t = this.#target;
    if ((await exec("SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'")).length === 0) {
      const v = await exec<{ v: string }>(
        "SELECT current_setting('server_version_num')::int / 10000 || '' AS v",
      );
      throw new CairnError(
        'STORE_EXTENSION_MISSING',
        `PostGIS is not installed on the PostgreSQL server at ${t.host}:${t.port}; install it (apt-get install postgresql-${v[0]?.v ?? 'NN'}-postgis-3) and run cairn migrate again`,
      );
    }
    try {
      await exec('CREATE EXTENSION IF NOT EXISTS postgis SCHEMA public');
    } catch (e) {
      if ((e as { code?: unknown }).code === '42501') {
        throw new CairnError(
          'STORE_EXTENSION_MISSING',
          `user "${t.user}" may not create the PostGIS extension in database "${t.database}"; ask a superuser to run CREATE EXTENSION postgis there, then run cairn migrate again`,
        );
      }
      throw e;
    }
  }

  async migrate(): Promise<MigrationReport> {
    return this.#inTransaction(async (exec) => {
      // One migration at a time per database (concurrent migrators, or tests sharing a server).
      await exec('SELECT pg_advisory_xact_lock($1::bigint)', [MIGRATE_LOCK]);
      await this.#ensurePostgis(exec);
      await exec(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at text NOT NULL)',
      );
      const from = await this.#schemaVersion(exec);
      if (from > POSTGRES_SCHEMA_VERSION) {
        throw new CairnError(
          'STORE_SCHEMA_NEWER',
          `database schema ${from} is newer than this Cairn (${POSTGRES_SCHEMA_VERSION}); upgrade Cairn`,
        );
      }
      const applied: number[] = [];
      for (const m of POSTGRES_MIGRATIONS) {
        if (m.version <= from) continue;
        await exec(m.sql);
        await exec('INSERT INTO schema_migrations(version, applied_at) VALUES ($1, $2)', [
          m.version,
          new Date().toISOString(),
        ]);
        applied.push(m.version);
      }
      return { from, to: POSTGRES_SCHEMA_VERSION, applied };
    });
  }

  async checkSchema(): Promise<void> {
    const t = this.#target;
    if ((await this.#exec("SELECT 1 FROM pg_extension WHERE extname = 'postgis'")).length === 0) {
      throw new CairnError(
        'STORE_EXTENSION_MISSING',
        `PostGIS is not enabled in database "${t.database}" on ${t.host}:${t.port}; run cairn migrate (as a user allowed to CREATE EXTENSION postgis)`,
      );
    }
    const v = await this.#schemaVersion(this.#exec);
    if (v === 0)
      throw new CairnError(
        'STORE_SCHEMA_OLD',
        `database "${t.database}" has no Cairn schema; run cairn migrate (or cairn init)`,
      );
    if (v < POSTGRES_SCHEMA_VERSION)
      throw new CairnError(
        'STORE_SCHEMA_OLD',
        `database schema ${v} is older than ${POSTGRES_SCHEMA_VERSION}; run cairn migrate`,
      );
    if (v > POSTGRES_SCHEMA_VERSION)
      throw new CairnError(
        'STORE_SCHEMA_NEWER',
        `database schema ${v} is newer than this Cairn (${POSTGRES_SCHEMA_VERSION}); upgrade Cairn`,
      );
  }

  // ── reads ──────────────────────────────────────────────────────────────────
  static async #getDoc(exec: Exec, collection: string, id: string): Promise<Doc | undefined> {
    const rows = await exec<DocRow>(
      `SELECT ${DOC_COLS} FROM docs d WHERE d.collection = $1 AND d.id = $2`,
      [collection, id],
      'cairn_get_doc',
    );
    const r = rows[0];
    return r === undefined ? undefined : rowToDoc(r);
  }

  static #where(q: DocQuery, p: Params): string {
    const where = [`d.collection = ${p.add(q.collection)}::text`];
    if (q.bbox !== undefined) {
      const [x0, y0, x1, y1] = q.bbox.map((v) => `${p.add(v)}::float8`) as [string, string, string, string];
      // && uses the GiST index (float4 boxes, rounded outward); the double columns decide exactly.
      where.push(
        `d.geom && ST_MakeEnvelope(${x0}, ${y0}, ${x1}, ${y1}, 4326)`,
        `d.maxx >= ${x0} AND d.minx <= ${x1} AND d.maxy >= ${y0} AND d.miny <= ${y1}`,
      );
    }
    if (q.where !== undefined) where.push(exprToSql(q.where, p));
    return where.join(' AND ');
  }

  static async #findDocs(exec: Exec, q: DocQuery): Promise<Doc[]> {
    const p = new Params();
    const where = PostgresStore.#where(q, p);
    const order = q.orderBy === undefined ? 'd.id' : orderSql(q.orderBy.field, q.orderBy.desc === true, p);
    const limit = q.limit === undefined ? 'ALL' : `${p.add(q.limit)}::bigint`;
    const offset = `${p.add(q.offset ?? 0)}::bigint`;
    const rows = await exec<DocRow>(
      `SELECT ${DOC_COLS} FROM docs d WHERE ${where} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`,
      p.values,
    );
    return rows.map(rowToDoc);
  }

  static async #countDocs(exec: Exec, q: DocQuery): Promise<number> {
    const p = new Params();
    const rows = await exec<{ n: number }>(
      `SELECT count(*) AS n FROM docs d WHERE ${PostgresStore.#where(q, p)}`,
      p.values,
    );
    return rows[0]?.n ?? 0;
  }

  static async #extent(exec: Exec, q: DocQuery, field: string | undefined): Promise<DocExtent> {
    if (field !== undefined && (!isValidField(field) || field.includes('.')))
      throw new CairnError('VALIDATION_FORMAT', `extent: "${field}" is not a top-level field name`);
    const p = new Params();
    const where = PostgresStore.#where(q, p);
    // The double box columns are exact (the GiST index's float4 boxes are rounded outward);
    // strings compare in code-point order ("C"), as JavaScript and SQLite compare them.
    const f = field === undefined ? undefined : p.add(field);
    const range =
      f === undefined
        ? 'NULL::text AS lo, NULL::text AS hi'
        : `min((d.data ->> ${f}::text) COLLATE "C") FILTER (WHERE jsonb_typeof(d.data -> ${f}::text) = 'string') AS lo, max((d.data ->> ${f}::text) COLLATE "C") FILTER (WHERE jsonb_typeof(d.data -> ${f}::text) = 'string') AS hi`;
    const rows = await exec<ExtentRow>(
      `SELECT min(d.minx) AS x0, min(d.miny) AS y0, max(d.maxx) AS x1, max(d.maxy) AS y1, ${range} FROM docs d WHERE ${where}`,
      p.values,
    );
    return extentFromRow(rows[0]);
  }

  static async #size(exec: Exec): Promise<number> {
    const rows = await exec<{ n: number }>(
      'SELECT COALESCE(MAX(seq) + 1, 0) AS n FROM events',
      [],
      'cairn_tree_size',
    );
    return rows[0]?.n ?? 0;
  }

  getDoc(collection: string, id: string): Promise<Doc | undefined> {
    return PostgresStore.#getDoc(this.#exec, collection, id);
  }
  findDocs(query: DocQuery): Promise<Doc[]> {
    return PostgresStore.#findDocs(this.#exec, query);
  }
  countDocs(query: DocQuery): Promise<number> {
    return PostgresStore.#countDocs(this.#exec, query);
  }
  extent(query: DocQuery, field?: string): Promise<DocExtent> {
    return PostgresStore.#extent(this.#exec, query, field);
  }
  treeSize(): Promise<number> {
    return PostgresStore.#size(this.#exec);
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
    // Right edge of the tree as of this transaction: read once under the lock, then kept here.
    let size = -1;
    let frontier: Map<string, Buffer> | undefined;
    const appendEvents = async (events: readonly LedgerEvent[]): Promise<void> => {
      if (size < 0) size = await PostgresStore.#size(exec);
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
      getDoc: (c, id) => PostgresStore.#getDoc(exec, c, id),
      findDocs: (q) => PostgresStore.#findDocs(exec, q),
      countDocs: (q) => PostgresStore.#countDocs(exec, q),
      treeSize: async () => (size >= 0 ? size : PostgresStore.#size(exec)),
      append: async (drafts: readonly EventDraft[], recordedAt: string) => {
        if (size < 0) size = await PostgresStore.#size(exec);
        const events = drafts.map((d, i) => placeDraft(d, size + i, recordedAt));
        await appendEvents(events);
        return events;
      },
      appendVerbatim: (events: readonly LedgerEvent[]) => appendEvents(events),
      putDoc: async (doc: Doc) => {
        const geom = doc.geometry ?? null;
        const b = geometryBBox(geom);
        await exec(
          `INSERT INTO docs(collection, id, version, data, geojson, geom, minx, miny, maxx, maxy)
           VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, ST_SetSRID(ST_GeomFromGeoJSON($6::text), 4326), $7, $8, $9, $10)
           ON CONFLICT (collection, id) DO UPDATE SET version = excluded.version, data = excluded.data, geojson = excluded.geojson,
             geom = excluded.geom, minx = excluded.minx, miny = excluded.miny, maxx = excluded.maxx, maxy = excluded.maxy`,
          [
            doc.collection,
            doc.id,
            doc.version,
            JSON.stringify(doc.data),
            geom === null ? null : JSON.stringify(geom),
            postgisGeoJson(geom),
            b?.[0] ?? null,
            b?.[1] ?? null,
            b?.[2] ?? null,
            b?.[3] ?? null,
          ],
          'cairn_put_doc',
        );
      },
      deleteDoc: async (collection: string, id: string) => {
        await exec(
          'DELETE FROM docs WHERE collection = $1 AND id = $2',
          [collection, id],
          'cairn_delete_doc',
        );
      },
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
