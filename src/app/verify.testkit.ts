/**
 * Shared by the verify tests whose workers read the store themselves (SQLite file, PostgreSQL):
 * a synthetic ledger filler and the inline-versus-parallel comparison. Excluded from the build.
 */
import { expect } from 'vitest';
import type { DomainModule } from '../command/index.js';
import { fixedClock } from '../core/index.js';
import { generateSigningKeyPem, loadSigner, type EventDraft } from '../ledger/index.js';
import type { Store } from '../store/index.js';
import { Cairn } from './cairn.js';
import { domainModules } from './modules.js';
import { verifyStore, type VerifyReport } from './verify.js';

/** Events per test ledger: 12 whole batches of 8 and a last one of 4. */
export const EVENTS = 100;

/**
 * The module the synthetic events belong to: it declares no event set (an untyped test module),
 * so their type, which no domain module declares, passes the registry unchecked.
 */
const synthetic: DomainModule = { name: 'synthetic', commands: [], project: () => Promise.resolve() };

/** A Cairn over `store` holding EVENTS synthetic events and a checkpoint. */
export async function fillLedger(store: Store): Promise<Cairn> {
  const loaded = loadSigner('cairn/test', generateSigningKeyPem());
  if (!loaded.ok) throw new Error('test key');
  const app = new Cairn({
    store,
    signer: loaded.value,
    clock: fixedClock('2026-06-01T12:00:00Z', 1000),
    modules: [...domainModules, synthetic],
  });
  const drafts = Array.from({ length: EVENTS }, (_, i): EventDraft => ({
    type: 'test.synthetic-recorded',
    schemaVersion: 1,
    effectiveAt: '2026-01-01T00:00:00.000Z',
    actor: '00000000-0000-4000-8000-000000000001',
    payload: { note: 'SYNTHETIC TEST DATA', n: i },
    refs: [],
  }));
  await store.transaction((tx) => tx.append(drafts, '2026-06-01T12:00:00.000Z'));
  await app.ledger.checkpoint();
  return app;
}

/**
 * verify inline and with two workers (batches of 8), and how often the parallel run read entries
 * on this thread (0 when the workers read for themselves).
 */
export async function inlineAndParallel(
  app: Cairn,
  store: Store,
): Promise<{ inline: VerifyReport; parallel: VerifyReport; mainReads: number }> {
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

/** A clean ledger verifies clean, with the parallel report equal to the inline one and no entry read on this thread. */
export async function expectCleanParallel(app: Cairn, store: Store): Promise<void> {
  const { inline, parallel, mainReads } = await inlineAndParallel(app, store);
  expect(inline.ok).toBe(true);
  expect(inline.size).toBe(EVENTS);
  expect(parallel).toEqual(inline);
  expect(mainReads).toBe(0);
}
