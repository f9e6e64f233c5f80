/**
 * verify with workers that open their own PostgreSQL connections (`PostgresStore.parallelReader`):
 * the same report as a serial run on a clean ledger and on rows altered behind the ledger's back.
 * Without CAIRN_TEST_PG_URL these tests are skipped with the reason; CI requires them.
 */
import pg from 'pg';
import { expect, it } from 'vitest';
import type { PostgresStore } from '../store/postgres/index.js';
import { makePostgresTestStore } from '../store/postgres/testing/index.js';
import { describeWithPostgres } from '../store/postgres/testing/describe.js';
import type { Cairn } from './cairn.js';
import { expectCleanParallel, fillLedger, inlineAndParallel } from './verify.testkit.js';

/** A fresh ledger with a checkpoint in its own schema, altered by `tamper` (plain SQL). */
async function ledger(tamper?: string): Promise<{ app: Cairn; store: PostgresStore }> {
  const store = await makePostgresTestStore();
  const app = await fillLedger(store);
  if (tamper !== undefined) {
    const { url, schema } = store.parallelReader().args as { url: string; schema: string };
    const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema},public` });
    await client.connect();
    try {
      await client.query(tamper);
    } finally {
      await client.end();
    }
  }
  return { app, store };
}

describeWithPostgres('verify with workers holding their own PostgreSQL connections', () => {
  it('reports a clean ledger as clean, reading nothing on this thread, as a serial run does', async () => {
    const { app, store } = await ledger();
    await expectCleanParallel(app, store);
    await app.close();
  });

  const cases: readonly [string, string, RegExp][] = [
    [
      'altered entry bytes',
      "UPDATE events SET bytes = convert_to(replace(convert_from(bytes, 'UTF8'), '\"n\":9', '\"n\":90'), 'UTF8') WHERE seq = 9",
      /entry 9: stored leaf hash does not match/,
    ],
    [
      'an altered leaf node (level 0 is stored as a node here)',
      "UPDATE merkle_nodes SET hash = decode(repeat('00', 32), 'hex') WHERE level = 0 AND idx = 5",
      /stored Merkle node 0:5 differs/,
    ],
    [
      'a deleted node above the batches',
      'DELETE FROM merkle_nodes WHERE level = 4 AND idx = 2',
      /stored Merkle node 4:2 is missing/,
    ],
    ['a deleted event', 'DELETE FROM events WHERE seq = 15', /expected 8 rows, found 7/],
  ];
  for (const [name, tamper, expected] of cases) {
    it(`reports ${name} exactly as a serial run does`, async () => {
      const { app, store } = await ledger(tamper);
      const { inline, parallel } = await inlineAndParallel(app, store);
      expect(inline.ok).toBe(false);
      expect(inline.failures.map((f) => f.message).join('\n')).toMatch(expected);
      expect(parallel).toEqual(inline);
      await app.close();
    });
  }
});
