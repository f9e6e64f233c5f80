/** Forward-only SQLite schema migrations. Never edit a shipped step; add a new one. */
export const SQLITE_MIGRATIONS: readonly { readonly version: number; readonly sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      -- The ledger: canonical event bytes in seq order, with their RFC 9162 leaf hashes.
      CREATE TABLE events (
        seq INTEGER PRIMARY KEY,
        type TEXT NOT NULL,
        effective_at TEXT NOT NULL,
        bytes BLOB NOT NULL,
        leaf_hash BLOB NOT NULL
      );
      CREATE INDEX events_type ON events(type);
      -- Complete subtree hashes: (level, index) covers leaves [index·2^level, (index+1)·2^level).
      CREATE TABLE merkle_nodes (
        level INTEGER NOT NULL, idx INTEGER NOT NULL, hash BLOB NOT NULL,
        PRIMARY KEY (level, idx)
      ) WITHOUT ROWID;
      CREATE TABLE checkpoints (
        size INTEGER PRIMARY KEY, root BLOB NOT NULL, text TEXT NOT NULL, created_at TEXT NOT NULL
      );
      -- Projections: JSON documents derived from the ledger.
      CREATE TABLE docs (
        rid INTEGER PRIMARY KEY,
        collection TEXT NOT NULL,
        id TEXT NOT NULL,
        version INTEGER NOT NULL,
        data TEXT NOT NULL,
        geometry TEXT,
        UNIQUE (collection, id)
      );
      CREATE VIRTUAL TABLE docs_bbox USING rtree(rid, minx, maxx, miny, maxy);
      -- Secrets never enter the ledger (password hashes, token digests).
      CREATE TABLE credentials (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        secret TEXT NOT NULL,
        label TEXT,
        created_at TEXT NOT NULL,
        revoked_at TEXT
      );
      CREATE INDEX credentials_user ON credentials(user_id, kind);
      CREATE INDEX credentials_secret ON credentials(kind, secret);
    `,
  },
  {
    version: 2,
    sql: `
      -- Sealed personal data (victims): the ledger holds only sha256(salt || canonical JSON).
      -- Erasure deletes the row; the commitment in the ledger stays.
      CREATE TABLE sealed (
        id TEXT PRIMARY KEY,
        data TEXT NOT NULL,
        salt TEXT NOT NULL
      );
    `,
  },
  {
    version: 3,
    sql: `
      -- Nothing reads events by type (projections replay in seq order; reports read documents),
      -- and the index cost a third B-tree insert on every append.
      DROP INDEX IF EXISTS events_type;
    `,
  },
  {
    version: 4,
    sql: `
      -- Exact (double) boxes beside the R*Tree's 32-bit ones, which are rounded outward: bbox
      -- queries decide on these, and collection extents aggregate them without reading documents.
      ALTER TABLE docs ADD COLUMN minx REAL;
      ALTER TABLE docs ADD COLUMN miny REAL;
      ALTER TABLE docs ADD COLUMN maxx REAL;
      ALTER TABLE docs ADD COLUMN maxy REAL;
      -- Positions are the number arrays under coordinates: x at index 0, y at index 1 (a GeoJSON
      -- bbox member is not a position and is left out, as geometryBBox leaves it out).
      UPDATE docs SET
        minx = (SELECT min(value) FROM json_tree(docs.geometry) WHERE key = 0 AND type IN ('integer', 'real') AND fullkey LIKE '%coordinates%' AND fullkey NOT LIKE '%bbox%'),
        maxx = (SELECT max(value) FROM json_tree(docs.geometry) WHERE key = 0 AND type IN ('integer', 'real') AND fullkey LIKE '%coordinates%' AND fullkey NOT LIKE '%bbox%'),
        miny = (SELECT min(value) FROM json_tree(docs.geometry) WHERE key = 1 AND type IN ('integer', 'real') AND fullkey LIKE '%coordinates%' AND fullkey NOT LIKE '%bbox%'),
        maxy = (SELECT max(value) FROM json_tree(docs.geometry) WHERE key = 1 AND type IN ('integer', 'real') AND fullkey LIKE '%coordinates%' AND fullkey NOT LIKE '%bbox%')
      WHERE geometry IS NOT NULL;
    `,
  },
];

export const SQLITE_SCHEMA_VERSION = SQLITE_MIGRATIONS.length;
