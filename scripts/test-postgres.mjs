#!/usr/bin/env node
// Second pass of `npm test`: every domain and store test again with PostgreSQL + PostGIS as the
// store, when a server is configured (CAIRN_TEST_PG_URL). CI always configures one.
import { spawnSync } from 'node:child_process';

if (!process.env.CAIRN_TEST_PG_URL) {
  if (process.env.CAIRN_TEST_PG_REQUIRED === '1') {
    console.error('test-postgres: CAIRN_TEST_PG_REQUIRED=1 but CAIRN_TEST_PG_URL is not set');
    process.exit(1);
  }
  console.log(
    'test-postgres: skipped — set CAIRN_TEST_PG_URL=postgres://… to run every store test on PostgreSQL too',
  );
  process.exit(0);
}
console.log('test-postgres: running the domain and store tests with CAIRN_TEST_STORE=postgres');
const r = spawnSync('npx', ['vitest', 'run', 'src'], {
  stdio: 'inherit',
  env: { ...process.env, CAIRN_TEST_STORE: 'postgres' },
});
process.exit(r.status ?? 1);
