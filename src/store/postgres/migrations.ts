/**
 * Forward-only PostgreSQL schema migrations. Never edit a shipped step; add a new one.
 * Tables live in the connection's current schema; PostGIS lives where it was installed
 * (normally `public`, which must be on the search_path).
 */
export const POSTGRES_MIGRATIONS: readonly { readonly version: number; readonly sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE meta (key text PRIMARY KEY, value text NOT NULL);
      -- The ledger: canonical event bytes in seq order, with their RFC 9162 leaf hashes.
      CREATE TABLE events (
        seq bigint PRIMARY KEY CHECK (seq >= 0),
        type text NOT NULL,
        effective_at text NOT NULL,
        bytes bytea NOT NULL,
        leaf_hash bytea NOT NULL
      );
      CREATE INDEX events_type ON events (type);
      -- Complete subtree hashes: (level, idx) covers leaves [idx·2^level, (idx+1)·2^level).
      CREATE TABLE merkle_nodes (
        level integer NOT NULL, idx bigint NOT NULL, hash bytea NOT NULL,
        PRIMARY KEY (level, idx)
      );
      CREATE TABLE checkpoints (
        size bigint PRIMARY KEY, root bytea NOT NULL, text text NOT NULL, created_at text NOT NULL
      );
      -- Projections: JSON documents derived from the ledger. Keys compare by code point
      -- (COLLATE "C") so ordering equals the SQLite adapter's BINARY collation.
      CREATE TABLE docs (
        collection text COLLATE "C" NOT NULL,
        id text COLLATE "C" NOT NULL,
        version bigint NOT NULL,
        data jsonb NOT NULL,
        -- The GeoJSON exactly as written (returned to readers) and its PostGIS form (queried).
        geojson jsonb,
        geom geometry(Geometry, 4326),
        -- Exact double-precision bbox: the GiST index narrows by float4 boxes, these decide.
        minx double precision, miny double precision, maxx double precision, maxy double precision,
        PRIMARY KEY (collection, id)
      );
      CREATE INDEX docs_geom ON docs USING gist (geom);
      -- Secrets never enter the ledger (password hashes, token digests).
      CREATE TABLE credentials (
        id text PRIMARY KEY,
        user_id text NOT NULL,
        kind text NOT NULL,
        secret text NOT NULL,
        label text,
        created_at text NOT NULL,
        revoked_at text
      );
      CREATE INDEX credentials_user ON credentials (user_id, kind);
      CREATE INDEX credentials_secret ON credentials (kind, secret);
    `,
  },
  {
    version: 2,
    sql: `
      -- Sealed personal data (victims): the ledger holds only sha256(salt || canonical JSON).
      -- Erasure deletes the row; the commitment in the ledger stays. Text, not jsonb: kept as written.
      CREATE TABLE sealed (
        id text PRIMARY KEY,
        data text NOT NULL,
        salt text NOT NULL
      );
    `,
  },
  {
    version: 3,
    sql: `
      -- Nothing reads events by type (projections replay in seq order; reports read documents),
      -- and the index cost a third B-tree insert on every append (as in SQLite migration 3).
      DROP INDEX IF EXISTS events_type;
    `,
  },
];

export const POSTGRES_SCHEMA_VERSION = POSTGRES_MIGRATIONS.length;
