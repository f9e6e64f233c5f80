/** Treaty registry lookups: one getDoc per state. */
import { can, type Actor } from '../access/index.js';
import { err, ok, problem, type Result } from '../core/index.js';
import { findPage, type DocReader, type Page, type PageRequest } from '../store/index.js';
import { boundByOttawa, readinessOf, statusOf, withdrawalEffect } from './dates.js';
import { treatyDocs } from './collections.js';
import type { OttawaStatus, Readiness, TreatyState, WithdrawalEffect } from './types.js';

/** A state from the registry by ISO 3166-1 alpha-2 code. */
export async function getTreatyState(docs: DocReader, code: string): Promise<TreatyState | undefined> {
  return treatyDocs.data(docs, code.toUpperCase());
}

/** Every registered state, by code. */
export async function listTreatyStates(docs: DocReader): Promise<TreatyState[]> {
  const all = await treatyDocs.find(docs, { orderBy: { field: 'id' } });
  return all.map((d) => d.data);
}

/** The state's readiness (peace, crisis, armed conflict) at an instant; undefined when unknown. */
export async function readinessAt(
  docs: DocReader,
  stateCode: string,
  at: Date,
): Promise<Readiness | undefined> {
  const s = await getTreatyState(docs, stateCode);
  return s === undefined ? undefined : readinessOf(s, at);
}

/** The state's APMBC status at an instant; undefined when the state is not registered. */
export async function ottawaStatusAt(
  docs: DocReader,
  stateCode: string,
  at: Date,
): Promise<OttawaStatus | undefined> {
  const s = await getTreatyState(docs, stateCode);
  return s === undefined ? undefined : statusOf(s, at);
}

/** True when the registry records the state as party to CCW Amended Protocol II. */
export async function apiiParty(docs: DocReader, stateCode: string): Promise<boolean> {
  return (await getTreatyState(docs, stateCode))?.apiiParty ?? false;
}

/** The computed withdrawal of a state (Art 20(3)). */
export async function withdrawalOf(
  docs: DocReader,
  stateCode: string,
): Promise<WithdrawalEffect | undefined> {
  const s = await getTreatyState(docs, stateCode);
  return s === undefined ? undefined : withdrawalEffect(s);
}

/** True when the APMBC prohibitions bind the state at `at`. */
export async function boundAt(docs: DocReader, stateCode: string, at: Date): Promise<boolean> {
  return boundByOttawa(await ottawaStatusAt(docs, stateCode, at));
}

/** Registered states by code, one page (the registry is public treaty law: `treaty.read` suffices). */
export async function treatyStatePage(
  docs: DocReader,
  actor: Actor,
  q: PageRequest,
): Promise<Result<Page<TreatyState>>> {
  if (!can(actor, 'treaty.read'))
    return err([
      problem('AUTH_FORBIDDEN', '', `${actor.name} may not read the treaty registry (needs treaty.read)`),
    ]);
  const page = await findPage(docs, {
    collection: treatyDocs.name,
    orderBy: { field: 'id' },
    limit: q.limit,
    offset: q.offset,
  });
  return ok({ items: page.docs.map((d) => treatyDocs.typed(d).data), total: page.numberMatched });
}
