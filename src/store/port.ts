/**
 * The store port (design.md §3): one async interface, a SQLite and a PostgreSQL adapter, one
 * contract suite (contract.testkit.ts). The ledger is the database; projection documents are
 * derived from it in the same transaction as each append and can always be rebuilt by replay.
 */
import type { JsonObject, JsonValue } from '../core/index.js';
import type { EventDraft, LedgerEvent, NodeRef } from '../ledger/index.js';

/** A GeoJSON geometry in WGS 84 (lon, lat), as stored. */
export interface StoredGeometry {
  readonly type: string;
  readonly coordinates?: unknown;
  readonly geometries?: readonly StoredGeometry[];
}

/** One projection row: a JSON document in a collection, with an optional geometry. */
export interface Doc {
  readonly collection: string;
  readonly id: string;
  readonly data: JsonObject;
  readonly geometry?: StoredGeometry | null;
  /** seq of the last event that wrote this document (the basis of strong ETags). */
  readonly version: number;
}

export type Scalar = string | number | boolean | null;

/**
 * A filter over documents, pushed down into SQL by each adapter. `field` is a dotted path into
 * `data` (`status`, `location.region`); the pseudo-fields `id` and `version` address the row.
 *
 * One semantics, identical in the in-memory evaluator (expr.ts `evaluate`, used by MemoryDocs and
 * for SQLite's spatial filters), SQLite (sqlite/sql.ts) and PostgreSQL (postgres/sql.ts); the
 * random-input test filters.property.test.ts holds all three to it.
 *
 * - **Field values.** `id` is the row's id (a string), `version` its version (a number). Any other
 *   path descends only through JSON objects' own members: a path through an array, a scalar or
 *   an absent member (`tags.length`, `name.x`, `constructor`) is *missing*.
 * - **Three truth values** (SQL's): true, false and unknown. `and`/`or` are Kleene's (false wins
 *   an `and`, true wins an `or`; otherwise unknown wins over the neutral value); `not` of unknown
 *   is unknown, so `not(x <> v)` is exactly `x = v` and `not(x < v)` is `x >= v`. A document
 *   matches only when the whole filter is true: unknown at the top collapses to false. An empty
 *   `and` is true, an empty `or` false.
 * - **Comparisons** (`= <> < <= > >=`) are true or false only between values of the same JSON
 *   type: numbers numerically, strings by Unicode code point (case- and accent-sensitive, no
 *   locale), booleans with false < true. Against a missing value, a JSON null, another type or an
 *   object/array they are unknown: a number never equals its string (`2` vs `'2'`), `true` never
 *   equals `1`, and `<>` does not hold across types either. A `null` operand makes every
 *   comparison unknown (`= null` too, as in SQL): test for null with `isNull`.
 * - **`in`** is the `or` of `=` over its values (so a `null` among them only adds unknown); an
 *   empty list is false. **`between`** is `field >= low and field <= high`.
 * - **`isNull`** is true when the field is missing or JSON null, false otherwise (never unknown);
 *   `id` and `version` are never null.
 * - **`like`** holds for string values only (any other value, missing or null is unknown: no
 *   coercion of numbers or booleans to text). `%` matches any run of characters, `_` exactly one
 *   character (code point), `\` makes the next character literal, and a trailing lone `\` is a
 *   literal backslash. Case-sensitive unless `caseInsensitive`, which compares the Unicode
 *   lower-case mappings of value and pattern (JavaScript `toLowerCase`, ICU `lower` in PostgreSQL).
 * - **Spatial operators** relate the document's geometry (first) to the given one; a document
 *   without a geometry is unknown.
 * - **Order** (`DocQuery.orderBy`): one total order over field values — missing and null first,
 *   then numbers (numerically), then strings (code point), then booleans (false, true), then
 *   objects and arrays (all equal to one another). `desc` reverses that order; ties are always
 *   broken by `id` ascending (code point), which is also the order without `orderBy`.
 */
export type Expr =
  | { readonly op: 'and' | 'or'; readonly args: readonly Expr[] }
  | { readonly op: 'not'; readonly arg: Expr }
  | { readonly op: '=' | '<>' | '<' | '<=' | '>' | '>='; readonly field: string; readonly value: Scalar }
  | {
      readonly op: 'like';
      readonly field: string;
      readonly pattern: string;
      readonly caseInsensitive?: boolean;
    }
  | { readonly op: 'in'; readonly field: string; readonly values: readonly Scalar[] }
  | { readonly op: 'between'; readonly field: string; readonly low: Scalar; readonly high: Scalar }
  | { readonly op: 'isNull'; readonly field: string }
  | {
      readonly op:
        | 's_intersects'
        | 's_disjoint'
        | 's_within'
        | 's_contains'
        | 's_equals'
        | 's_touches'
        | 's_crosses'
        | 's_overlaps';
      readonly geometry: StoredGeometry;
    };

export type BBox = readonly [minLon: number, minLat: number, maxLon: number, maxLat: number];

export interface DocQuery {
  readonly collection: string;
  readonly where?: Expr;
  /** Only documents whose geometry's bbox intersects this box (exact predicates go in `where`). */
  readonly bbox?: BBox;
  readonly orderBy?: { readonly field: string; readonly desc?: boolean };
  readonly limit?: number;
  readonly offset?: number;
}

/** A page of documents and how many match the query in all. */
export interface DocPage {
  readonly docs: Doc[];
  readonly numberMatched: number;
}

/** The extent of the documents of a query (`Store.extent`). */
export interface DocExtent {
  /** [minLon, minLat, maxLon, maxLat] of their geometries, exactly; absent when none has one. */
  readonly bbox?: BBox;
  /** The least and greatest string value of the asked field (code-point order); absent when none has one. */
  readonly range?: readonly [string, string];
}

/** Read access to projection documents. */
export interface DocReader {
  getDoc(collection: string, id: string): Promise<Doc | undefined>;
  findDocs(query: DocQuery): Promise<Doc[]>;
  countDocs(query: DocQuery): Promise<number>;
}

/** Write access to projection documents (used by projectors inside a transaction, and by replay). */
export interface DocWriter extends DocReader {
  /** Insert or replace a document. `version` is set by the caller (the event's seq). */
  putDoc(doc: Doc): Promise<void>;
  deleteDoc(collection: string, id: string): Promise<void>;
}

/** A secret that must never enter the ledger: password hashes and API token digests. */
export interface Credential {
  readonly id: string;
  readonly userId: string;
  /** 'password' or 'token'. */
  readonly kind: string;
  /** scrypt hash (password) or SHA-256 hex (token); never the secret itself. */
  readonly secret: string;
  readonly label?: string;
  readonly createdAt: string;
  readonly revokedAt?: string;
}

/**
 * Personal data that must not sit in the permanent ledger (victims' names, ages, injuries): kept
 * in a protected side table, while the event carries only `{ sealedId, commitment }` with
 * `commitment = sha256hex(salt ‖ canonicalJson(data))` (see store/sealed.ts). Erasing a record
 * deletes the row and leaves the commitment in the ledger, so the hash chain never breaks.
 */
export interface SealedData {
  readonly data: JsonObject;
  /** Random hex salt: without it the commitment cannot be tested against guessed data. */
  readonly salt: string;
}

/** An event as stored: its canonical bytes and leaf hash, exactly as appended. */
export interface StoredEntry {
  readonly seq: number;
  readonly bytes: Buffer;
  readonly leafHash: Buffer;
}

/** One stored Merkle node of a known level. */
export interface NodeHash {
  readonly index: number;
  readonly hash: Buffer;
}

/**
 * How a worker thread opens its own read connection to this store, so that verify can read
 * entries and nodes on several cores at once. `module` is the URL of an ES module exporting
 * `openEntryReader(args): EntryReader | Promise<EntryReader>` (kept in the adapter, so the app
 * never names an adapter).
 */
export interface ParallelReadSpec {
  readonly module: string;
  readonly args: JsonObject;
}

/** A read connection opened in a worker thread from a ParallelReadSpec. */
export interface EntryReader {
  /** Entries [from, to) in seq order, as `Store.readEntries`. */
  readEntries(from: number, to: number): Promise<StoredEntry[]>;
  /** Stored nodes of one level with index in [from, to), as `Store.readNodeRange`. */
  readNodeRange(level: number, from: number, to: number): Promise<NodeHash[]>;
  close(): Promise<void>;
}

export interface StoredCheckpoint {
  readonly size: number;
  readonly root: Buffer;
  readonly text: string;
  readonly createdAt: string;
}

/** What a write transaction may do: append to the ledger, write projections and credentials. */
export interface WriteTx extends DocWriter {
  /** Current ledger size inside this transaction. */
  treeSize(): Promise<number>;
  /**
   * Append events in order: assigns `seq` and `recordedAt`, stores canonical bytes, writes the
   * new Merkle nodes. Returns the frozen events as stored.
   */
  append(drafts: readonly EventDraft[], recordedAt: string): Promise<LedgerEvent[]>;
  /**
   * Append events exactly as another ledger recorded them (`cairn ledger import`): each event's
   * `seq` must equal the current tree size, and its `recordedAt` is kept, so the canonical bytes,
   * leaf hashes and root equal the source's. Throws LEDGER_IMPORT_INVALID on a gap.
   * Optional for backwards compatibility; both shipped adapters implement it.
   */
  appendVerbatim?(events: readonly LedgerEvent[]): Promise<void>;
  putCredential(c: Credential): Promise<void>;
  revokeCredential(id: string, at: string): Promise<void>;
  /** Write a sealed record; an id already sealed is refused (CONFLICT): a commitment names one datum. */
  putSealed(id: string, data: JsonObject, salt: string): Promise<void>;
  /** Erase a sealed record (its commitment stays in the ledger); an unknown id is a no-op. */
  eraseSealed(id: string): Promise<void>;
}

export interface MigrationReport {
  readonly from: number;
  readonly to: number;
  readonly applied: readonly number[];
}

export interface Store extends DocReader {
  readonly kind: 'sqlite' | 'postgres';
  /** Run the forward-only migrations. */
  migrate(): Promise<MigrationReport>;
  /** Refuse to work against a schema that is missing, older or newer than this code. */
  checkSchema(): Promise<void>;
  /**
   * Run `fn` in one serialised transaction: everything it writes commits together, or nothing
   * does when it throws. Appends from concurrent processes are totally ordered and gap-free.
   */
  transaction<T>(fn: (tx: WriteTx) => Promise<T>): Promise<T>;
  treeSize(): Promise<number>;
  /** Entries [from, to) in seq order. */
  readEntries(from: number, to: number): Promise<StoredEntry[]>;
  /**
   * True when the level-0 nodes this store serves are the `leafHash` of its entries (one
   * column, as in SQLite), so verify, having checked every entry's leaf hash, skips re-reading them.
   */
  readonly leafNodesAreEntryHashes?: boolean;
  /** Stored Merkle nodes, keyed `level:index`. Every requested node must exist. */
  getNodes(refs: readonly NodeRef[]): Promise<Map<string, Buffer>>;
  /**
   * The stored nodes of one level with index in [from, to), in index order; a missing node is
   * simply absent. Verify reads every node this way, in batches. Optional so an adapter can
   * start without it: `readNodeRange()` in store/nodes.ts falls back to `getNodes`.
   */
  readNodeRange?(level: number, from: number, to: number): Promise<NodeHash[]>;
  /**
   * Optional: how worker threads may open read connections of their own (see ParallelReadSpec);
   * undefined when they cannot (an in-memory database). The reads must see every committed entry.
   */
  parallelReader?(): ParallelReadSpec | undefined;
  putCheckpoint(cp: StoredCheckpoint): Promise<void>;
  listCheckpoints(): Promise<StoredCheckpoint[]>;
  getCredential(id: string): Promise<Credential | undefined>;
  findCredentials(userId: string, kind?: string): Promise<Credential[]>;
  findCredentialBySecret(kind: string, secret: string): Promise<Credential | undefined>;
  /** A sealed record, or undefined when it never existed or was erased. */
  getSealed(id: string): Promise<SealedData | undefined>;
  /** Every projection document, ordered by (collection, id) — for verify's comparison. */
  allDocs(): AsyncIterable<Doc>;
  /** A small key/value area for instance settings (origin, created). */
  getMeta(key: string): Promise<string | undefined>;
  setMeta(key: string, value: string): Promise<void>;
  /**
   * A Mapbox Vector Tile (MVT, protobuf) of one collection's geometries in tile z/x/y (Web
   * Mercator, XYZ scheme). Each feature carries `id`, `version` and the top-level `data` fields
   * named in `options.properties` (none by default: the caller decides what a reader may see).
   * Present only when the adapter renders tiles itself (PostgreSQL: ST_AsMVT); callers fall
   * back to their own tiler when it is undefined. Signature stable; see docs/postgres.md.
   */
  vectorTile?(
    collection: string,
    z: number,
    x: number,
    y: number,
    where?: Expr,
    options?: VectorTileOptions,
  ): Promise<Buffer>;
  /**
   * A narrow read for tilers that cut tiles themselves: only the geometry and the named top-level
   * `data` fields of the rows with a geometry whose box meets `bbox` and that match `where`, in id
   * order — no whole documents. Optional (SQLite: `json_extract`); callers fall back to `findDocs`.
   */
  tileRows?(
    collection: string,
    bbox: BBox,
    where: Expr | undefined,
    properties: readonly string[],
  ): Promise<TileRow[]>;
  /**
   * One page of `findDocs` and the `countDocs` of the same query without limit and offset, read
   * together (SQLite: one pass with a window count instead of two). Optional; `findPage()` in
   * store/nodes.ts falls back to the two calls.
   */
  findPage?(query: DocQuery): Promise<DocPage>;
  /**
   * The extent of the documents matching `query` (limit, offset and order ignored), and the range
   * of the string values of the top-level `field` when one is named, read as one aggregate without
   * loading documents. Optional; `docExtent()` in store/extent.ts falls back to `findDocs`.
   */
  extent?(query: DocQuery, field?: string): Promise<DocExtent>;
  close(): Promise<void>;
}

/** Options of `Store.vectorTile`. */
export interface VectorTileOptions {
  /** Layer name in the tile (default: the collection name). */
  readonly layer?: string;
  /** Top-level `data` fields copied into feature properties (default: none). */
  readonly properties?: readonly string[];
  /** Tile extent in tile units (default 4096). */
  readonly extent?: number;
  /** Clip buffer in tile units (default 64). */
  readonly buffer?: number;
  /**
   * When set, a second layer of this name holds the centres of the areal rows' lon/lat boxes, one
   * per grid cell (`centresCell`): the row with the least id there, with its properties and
   * `count`, the number of areas centred in the cell (for areas too small to survive at low zoom).
   */
  readonly centresLayer?: string;
  /** With `centresLayer`: one point per grid cell of this many tile units, carrying `count` (default 64). */
  readonly centresCell?: number;
}

/** One row of `Store.tileRows`: `properties` holds the requested fields present in `data`. */
export interface TileRow {
  readonly id: string;
  readonly geometry: StoredGeometry;
  readonly properties: Readonly<Record<string, JsonValue>>;
}

/** Options shared by adapters. */
export interface StoreOptions {
  readonly readonly?: boolean;
}
