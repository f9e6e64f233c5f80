/**
 * One guard for every test block that needs a real PostgreSQL server (kept apart from
 * testing/index.ts, which the benchmarks import outside vitest). Excluded from the build.
 */
import { describe, it } from 'vitest';
import { PG_SKIP_REASON, testPgRequired, testPgUrl } from './index.js';

/**
 * `describe(title, () => body(url))` with the server named by CAIRN_TEST_PG_URL. Without one the
 * block fails when CI demands PostgreSQL (CAIRN_TEST_PG_REQUIRED=1), and is otherwise skipped
 * with the reason in its title.
 */
export function describeWithPostgres(title: string, body: (url: string) => void): void {
  const url = testPgUrl();
  if (url !== undefined) {
    describe(title, () => {
      body(url);
    });
  } else if (testPgRequired()) {
    describe(title, () => {
      it('has a PostgreSQL server to test against (CAIRN_TEST_PG_REQUIRED=1)', () => {
        throw new Error(`CAIRN_TEST_PG_REQUIRED=1 but ${PG_SKIP_REASON}`);
      });
    });
  } else {
    describe.skip(`${title} — skipped: ${PG_SKIP_REASON}`, () => {
      it('needs a PostgreSQL server', () => undefined);
    });
  }
}
