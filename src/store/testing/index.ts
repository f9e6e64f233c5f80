/**
 * Test stores. Domain tests call `makeTestStore()`; the environment picks the adapter:
 * CAIRN_TEST_STORE=postgres (with CAIRN_TEST_PG_URL) runs them against PostgreSQL, otherwise
 * an in-memory SQLite database. Excluded from the build.
 */
import { SqliteStore } from '../sqlite/index.js';
import { makePostgresTestStore } from '../postgres/testing/index.js';
import type { Store } from '../port.js';
import type { SpatialPredicate } from '../expr.js';

export type TestStoreFactory = (spatial?: SpatialPredicate) => Promise<Store>;

/** Other adapters register a factory here (store/postgres/testing). */
export const testStoreFactories: Partial<Record<'postgres', TestStoreFactory>> = {};
// PostGIS evaluates spatial filters itself, so the JS predicate is not needed there.
testStoreFactories.postgres = () => makePostgresTestStore();

/** Which adapter this test run uses. */
export function testStoreKind(): 'sqlite' | 'postgres' {
  return process.env['CAIRN_TEST_STORE'] === 'postgres' ? 'postgres' : 'sqlite';
}

/** A fresh, migrated, empty store for one test. */
export async function makeTestStore(spatial?: SpatialPredicate): Promise<Store> {
  if (testStoreKind() === 'postgres') {
    const f = testStoreFactories.postgres;
    if (f === undefined)
      throw new Error('CAIRN_TEST_STORE=postgres but no PostgreSQL test factory is registered');
    return f(spatial);
  }
  const s = new SqliteStore(':memory:', spatial === undefined ? {} : { spatial });
  await s.migrate();
  return s;
}
