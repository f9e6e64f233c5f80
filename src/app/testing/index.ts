/**
 * A whole application for tests: a fresh test store (see store/testing), a fixed clock that
 * advances one second per reading, a fresh signing key and every domain module.
 * Excluded from the build.
 */
import { SYSTEM_ACTOR, type Actor, type Role } from '../../access/index.js';
import { CairnError, fixedClock, type Clock } from '../../core/index.js';
import { generateSigningKeyPem, loadSigner } from '../../ledger/index.js';
import { makeTestStore } from '../../store/testing/index.js';
import type { SpatialPredicate } from '../../store/index.js';
import { actorOf, findUserByName } from '../../users/index.js';
import { Cairn } from '../cairn.js';
import { domainModules } from '../modules.js';
import { geoSpatialPredicate } from '../spatial.js';

export interface TestAppOptions {
  readonly clock?: Clock;
  readonly now?: string;
  readonly spatial?: SpatialPredicate;
}

/** A new app over an empty store. Remember to `await app.close()`. */
export async function makeTestApp(opts: TestAppOptions = {}): Promise<Cairn> {
  const spatial = opts.spatial ?? geoSpatialPredicate;
  const store = await makeTestStore(spatial);
  const signer = loadSigner('cairn/test', generateSigningKeyPem());
  if (!signer.ok) throw new Error('test key');
  const clock = opts.clock ?? fixedClock(opts.now ?? '2026-06-01T12:00:00Z', 1000);
  const app = new Cairn({ store, signer: signer.value, clock, modules: domainModules, spatial });
  await store.setMeta('origin', 'cairn/test');
  return app;
}

/** Add a user with the given roles and return the actor. */
export async function addTestUser(
  app: Cairn,
  name: string,
  roles: readonly Role[],
  extra: Record<string, unknown> = {},
): Promise<Actor> {
  const r = await app.execute(
    { type: 'user.add', payload: { name, roles, password: 'correct horse battery', ...extra } },
    SYSTEM_ACTOR,
  );
  if (!r.ok) throw new CairnError(r.errors[0]?.code ?? 'INTERNAL', r.errors.map((e) => e.message).join('; '));
  const u = await findUserByName(app.store, name);
  if (u === undefined) throw new Error('user not projected');
  return actorOf(u);
}
