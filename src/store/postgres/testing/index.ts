/**
 * PostgreSQL test stores: each one lives in a fresh schema of the database named by
 * CAIRN_TEST_PG_URL and drops it on close. Excluded from the build.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { PostgresStore, type PostgresStoreOptions } from '../index.js';

/** The server tests run against, or undefined when none is configured. */
export function testPgUrl(): string | undefined {
  const url = process.env['CAIRN_TEST_PG_URL'];
  return url === undefined || url === '' ? undefined : url;
}

/** True when CI demands the PostgreSQL tests run (a missing URL is then a failure, not a skip). */
export function testPgRequired(): boolean {
  return process.env['CAIRN_TEST_PG_REQUIRED'] === '1';
}

/** Why PostgreSQL tests are skipped here, or undefined when they run. */
export const PG_SKIP_REASON =
  'CAIRN_TEST_PG_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/cairn_test); PostgreSQL tests need a real server with PostGIS';

let admin: pg.Pool | undefined;
function adminPool(url: string): pg.Pool {
  if (admin === undefined) {
    admin = new pg.Pool({ connectionString: url, max: 2, allowExitOnIdle: true });
    // One listener for the pool's life (adding one per call leaked listeners).
    admin.on('error', () => undefined);
  }
  return admin;
}

/** Create an empty schema with a unique name and return it. */
export async function createTestSchema(url: string): Promise<string> {
  const schema = `t_${process.pid}_${randomBytes(6).toString('hex')}`;
  await adminPool(url).query(`CREATE SCHEMA ${schema}`);
  return schema;
}

/** Drop a schema made by createTestSchema. */
export async function dropTestSchema(url: string, schema: string): Promise<void> {
  await adminPool(url).query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
}

/** A URL whose connections use `schema` (for code that only takes a URL, such as the CLI). */
export function urlWithSchema(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema},public`);
  return u.toString();
}

class SchemaScopedStore extends PostgresStore {
  readonly #url: string;
  readonly #schema: string;
  constructor(options: PostgresStoreOptions & { readonly schema: string }) {
    super(options);
    this.#url = options.url;
    this.#schema = options.schema;
  }
  override async close(): Promise<void> {
    await super.close();
    await dropTestSchema(this.#url, this.#schema);
  }
}

/** A fresh, migrated, empty PostgreSQL store in its own schema; closing it drops the schema. */
export async function makePostgresTestStore(
  extra: Omit<PostgresStoreOptions, 'url' | 'schema'> = {},
): Promise<PostgresStore> {
  const url = testPgUrl();
  if (url === undefined) throw new Error(`CAIRN_TEST_STORE=postgres but ${PG_SKIP_REASON}`);
  const schema = await createTestSchema(url);
  const s = new SchemaScopedStore({ url, schema, poolSize: 4, ...extra });
  try {
    await s.migrate();
  } catch (e) {
    await s.close();
    throw e;
  }
  return s;
}
