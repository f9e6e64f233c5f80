/**
 * treaty: the registry of states (ISO 3166), APMBC instruments with the computed Art 20
 * withdrawal date, Ukraine's "suspension", APII participation, and readiness over time.
 */
export { treatyEvents } from './events.js';
export type { TreatyEvent } from './events.js';
export { treatyModule } from './module.js';
export {
  getTreatyState,
  listTreatyStates,
  readinessAt,
  ottawaStatusAt,
  apiiParty,
  withdrawalOf,
  boundAt,
  treatyStatePage,
} from './queries.js';
export {
  addMonths,
  art4Deadline,
  art20Effect,
  boundByOttawa,
  entryIntoForce,
  readinessOf,
  statusOf,
  withdrawalEffect,
  dateText,
} from './dates.js';
export { TREATY_SEED, treatySeedCommands } from './seed.js';
export { TREATY_STATES, INSTRUMENT_KINDS, READINESS } from './types.js';
export type {
  Instrument,
  InstrumentKind,
  OttawaStatus,
  Readiness,
  ReadinessPeriod,
  TreatyState,
  WithdrawalEffect,
} from './types.js';
