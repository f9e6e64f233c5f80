/**
 * verify with workers that open their own PostgreSQL connections (`PostgresStore.parallelReader`):
 * the same report as a serial run on a clean ledger and on rows altered behind the ledger's back.
 * Without CAIRN_TEST_PG_URL these tests are skipped with the reason; CI requires them.
 */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../core/index.js';
import { generateSigningKeyPem, loadSigner, type EventDraft } from '../ledger/index.js';
import type { Store } from '../store/index.js';
import type { PostgresStore } from '../store/postgres/index.js';
import { PG_SKIP_REASON, makePostgresTestStore, testPgRequired, testPgUrl } from '../store/postgres/testing/index.js';
import { Cairn } from './cairn.js';
import { domainModules } from './modules.js';
import { verifyStore, type VerifyReport } from './verify.js';

const EVENTS = 100;
const draft = (i: number): EventDraft => ({
  type: 'test.synthetic-recorded',
  schemaVersion: 1,
  effectiveAt: '2026-01-01T00:00:00.000Z',
  actor: '00000000-0000-4000-8000-000000000001',
  payload: { note: 'SYNTHETIC TEST DATA', n: i },
  refs: [],
});

/** A fresh ledger of EVENTS events with a checkpoint in its own schema, altered by `tamper` (plain SQL). */
async function ledger(tamper?: string): Promise<{ app: Cairn; store: PostgresStore }> {
  const store = await makePostgresTestStore();
  const loaded = loadSigner('cairn/test', generateSigningKeyPem());
  if (!loaded.ok) throw new Error('test key');
  const app = new Cairn({ store, signer: loaded.value, clock: fixedClock('2026-06-01T12:00:00Z', 1000), modules: domainModules });
  await store.transaction((tx) => tx.append(Array.from({ length: EVENTS }, (_, i) => draft(i)), '2026-06-01T12:00:00.000Z'));
  await app.ledger.checkpoint();
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

/** Inline and parallel reports, and how often the parallel run read entries on this thread. */
async function both(app: Cairn, store: Store): Promise<{ inline: VerifyReport; parallel: VerifyReport; mainReads: number }> {
  const inline = await verifyStore(store, app.verifier(), app.modules, { batchSize: 8, workers: 0 });
  let mainReads = 0;
  const counting = new Proxy(store, {
    get(target, prop) {
      if (prop === 'readEntries') {
        return (from: number, to: number) => {
          mainReads += 1;
          return target.readEntries(from, to);
        };
      }
      const v: unknown = Reflect.get(target, prop, target);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  const parallel = await verifyStore(counting, app.verifier(), app.modules, { batchSize: 8, workers: 2 });
  return { inline, parallel, mainReads };
}

const url = testPgUrl();
if (url === undefined) {
  if (testPgRequired()) {
    describe('verify with PostgreSQL workers', () => {
      it('has a PostgreSQL server to test against (CAIRN_TEST_PG_REQUIRED=1)', () => {
        throw new Error(`CAIRN_TEST_PG_REQUIRED=1 but ${PG_SKIP_REASON}`);
      });
    });
  } else {
    describe.skip(`verify with PostgreSQL workers — skipped: ${PG_SKIP_REASON}`, () => {
      it('reports as a serial run does', () => undefined);
    });
  }
} else {
  describe('verify with workers holding their own PostgreSQL connections', () => {
    it('reports a clean ledger as clean, reading nothing on this thread, as a serial run does', async () => {
      const { app, store } = await ledger();
      const { inline, parallel, mainReads } = await both(app, store);
      expect(inline.ok).toBe(true);
      expect(inline.size).toBe(EVENTS);
      expect(parallel).toEqual(inline);
      expect(mainReads).toBe(0);
      await app.close();
    });

    const cases: readonly [string, string, RegExp][] = [
      ['altered entry bytes', "UPDATE events SET bytes = convert_to(replace(convert_from(bytes, 'UTF8'), '\"n\":9', '\"n\":90'), 'UTF8') WHERE seq = 9", /entry 9: stored leaf hash does not match/],
      ['an altered leaf node (level 0 is stored as a node here)', "UPDATE merkle_nodes SET hash = decode(repeat('00', 32), 'hex') WHERE level = 0 AND idx = 5", /stored Merkle node 0:5 differs/],
      ['a deleted node above the batches', 'DELETE FROM merkle_nodes WHERE level = 4 AND idx = 2', /stored Merkle node 4:2 is missing/],
      ['a deleted event', 'DELETE FROM events WHERE seq = 15', /expected 8 rows, found 7/],
    ];
    for (const [name, tamper, expected] of cases) {
      it(`reports ${name} exactly as a serial run does`, async () => {
        const { app, store } = await ledger(tamper);
        const { inline, parallel } = await both(app, store);
        expect(inline.ok).toBe(false);
        expect(inline.failures.map((f) => f.message).join('\n')).toMatch(expected);
        expect(parallel).toEqual(inline);
        await app.close();
      });
    }
  });
}
