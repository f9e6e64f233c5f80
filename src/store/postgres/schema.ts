/**
 * The PostgreSQL schema: PostGIS, the numbered migrations (one migrator at a time per database,
 * under an advisory lock) and the check a store makes before it serves.
 */
import { CairnError } from '../../core/index.js';
import type { MigrationReport } from '../port.js';
import type { Exec } from './docs.js';
import type { Target } from './errors.js';
import { POSTGRES_MIGRATIONS, POSTGRES_SCHEMA_VERSION } from './migrations.js';

const MIGRATE_LOCK = 0x6361_6972_6e;

async function schemaVersion(exec: Exec): Promise<number> {
  const t = await exec<{ n: number }>(
    "SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'schema_migrations'",
  );
  if (t[0]?.n !== 1) return 0;
  const r = await exec<{ v: number }>('SELECT COALESCE(MAX(version), 0)::int AS v FROM schema_migrations');
  return r[0]?.v ?? 0;
}

async function ensurePostgis(exec: Exec, t: Target): Promise<void> {
  if ((await exec("SELECT 1 FROM pg_extension WHERE extname = 'postgis'")).length > 0) return;
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

/** Bring the schema to POSTGRES_SCHEMA_VERSION in a transaction on `exec` (PostGIS first). */
export async function migrateSchema(exec: Exec, t: Target): Promise<MigrationReport> {
  // One migration at a time per database (concurrent migrators, or tests sharing a server).
  await exec('SELECT pg_advisory_xact_lock($1::bigint)', [MIGRATE_LOCK]);
  await ensurePostgis(exec, t);
  await exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at text NOT NULL)',
  );
  const from = await schemaVersion(exec);
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
}

/** Refuse a database without PostGIS or whose schema is not this Cairn's version. */
export async function checkSchema(exec: Exec, t: Target): Promise<void> {
  if ((await exec("SELECT 1 FROM pg_extension WHERE extname = 'postgis'")).length === 0) {
    throw new CairnError(
      'STORE_EXTENSION_MISSING',
      `PostGIS is not enabled in database "${t.database}" on ${t.host}:${t.port}; run cairn migrate (as a user allowed to CREATE EXTENSION postgis)`,
    );
  }
  const v = await schemaVersion(exec);
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
