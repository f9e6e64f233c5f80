/**
 * The PostgreSQL adapter against a real server (CAIRN_TEST_PG_URL). Without a URL these tests
 * are skipped with the reason; with CAIRN_TEST_PG_REQUIRED=1 (CI) a missing URL fails.
 */
import { describe, it } from 'vitest';
import { runStoreContract } from '../contract.testkit.js';
import { PG_SKIP_REASON, makePostgresTestStore, testPgRequired, testPgUrl } from './testing/index.js';

const url = testPgUrl();

if (url === undefined) {
  if (testPgRequired()) {
    describe('postgres adapter', () => {
      it('has a PostgreSQL server to test against (CAIRN_TEST_PG_REQUIRED=1)', () => {
        throw new Error(`CAIRN_TEST_PG_REQUIRED=1 but ${PG_SKIP_REASON}`);
      });
    });
  } else {
    describe.skip(`postgres adapter — skipped: ${PG_SKIP_REASON}`, () => {
      it('runs the store contract', () => undefined);
    });
  }
} else {
  runStoreContract('postgres (PostGIS, own schema)', () => makePostgresTestStore());
}
