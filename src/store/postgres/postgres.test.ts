/**
 * The PostgreSQL adapter against a real server (CAIRN_TEST_PG_URL). Without a URL these tests
 * are skipped with the reason; with CAIRN_TEST_PG_REQUIRED=1 (CI) a missing URL fails.
 */
import { runStoreContract } from '../contract.testkit.js';
import { makePostgresTestStore } from './testing/index.js';
import { describeWithPostgres } from './testing/describe.js';

describeWithPostgres('postgres adapter', () => {
  runStoreContract('postgres (PostGIS, own schema)', () => makePostgresTestStore());
});
