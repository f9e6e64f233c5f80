/** Treaty registry lookups: one getDoc per state. */
import type { DocReader } from '../store/index.js';
import { boundByOttawa, readinessOf, statusOf, withdrawalEffect } from './dates.js';
import { TREATY_STATES, type OttawaStatus, type Readiness, type TreatyState, type WithdrawalEffect } from './types.js';

/** A state from the registry by ISO 3166-1 alpha-2 code. */
export async function getTreatyState(docs: DocReader, code: string): Promise<TreatyState | undefined> {
  const d = await docs.getDoc(TREATY_STATES, code.toUpperCase());
  return d === undefined ? undefined : (d.data as unknown as TreatyState);
}

/** Every registered state, by code. */
export async function listTreatyStates(docs: DocReader): Promise<TreatyState[]> {
  const all = await docs.findDocs({ collection: TREATY_STATES, orderBy: { field: 'id' } });
  return all.map((d) => d.data as unknown as TreatyState);
}

/** The state's readiness (peace, crisis, armed conflict) at an instant; undefined when unknown. */
export async function readinessAt(docs: DocReader, stateCode: string, at: Date): Promise<Readiness | undefined> {
  const s = await getTreatyState(docs, stateCode);
  return s === undefined ? undefined : readinessOf(s, at);
}

/** The state's APMBC status at an instant; undefined when the state is not registered. */
export async function ottawaStatusAt(docs: DocReader, stateCode: string, at: Date): Promise<OttawaStatus | undefined> {
  const s = await getTreatyState(docs, stateCode);
  return s === undefined ? undefined : statusOf(s, at);
}

/** True when the registry records the state as party to CCW Amended Protocol II. */
export async function apiiParty(docs: DocReader, stateCode: string): Promise<boolean> {
  return (await getTreatyState(docs, stateCode))?.apiiParty ?? false;
}

/** The computed withdrawal of a state (Art 20(3)). */
export async function withdrawalOf(docs: DocReader, stateCode: string): Promise<WithdrawalEffect | undefined> {
  const s = await getTreatyState(docs, stateCode);
  return s === undefined ? undefined : withdrawalEffect(s);
}

/** True when the APMBC prohibitions bind the state at `at`. */
export async function boundAt(docs: DocReader, stateCode: string, at: Date): Promise<boolean> {
  return boundByOttawa(await ottawaStatusAt(docs, stateCode, at));
}
