/**
 * stock: lot-level accounts of mines from production to destruction — the catalogue of types,
 * lots, organisations, facilities; double-entry movements with a two-person lifecycle; stock
 * checks and discrepancies; as-of balances and the stock statement (APMBC Forms B, D, G).
 */
export {
  getMineType,
  getLot,
  getOrganisation,
  getFacility,
  getMovement,
  getAccount,
  getDiscrepancy,
  balanceOf,
  emplacementByMinefield,
} from './queries.js';
export type { Emplacement, EmplacementLine } from './types.js';
export {
  COLLECTIONS as STOCK_COLLECTIONS,
  accountKey,
  balanceId,
  CATEGORIES,
  OTTAWA_STATUSES,
  HAZARD_DIVISIONS,
  CONDITIONS,
  ORG_KINDS,
  MOVEMENT_KINDS,
} from './types.js';
export type {
  Account,
  AccountKind,
  Balance,
  Category,
  Condition,
  Discrepancy,
  Facility,
  FormH,
  HazardDivision,
  Lot,
  MineType,
  Movement,
  MovementKind,
  MovementStatus,
  Organisation,
  OttawaStatus,
  StockCheck,
  StorageLocation,
} from './types.js';
export { stockEvents } from './events.js';
export type { StockEvent } from './events.js';
export { stockModule } from './module.js';
export { stockRules } from './rules.js';
export { balancesAsOf, balanceAt, stockStatement } from './statement.js';
export type {
  BalanceLine,
  BalanceQuery,
  StockStatement,
  StatementRow,
  FormRow,
  StatementOptions,
} from './statement.js';
export {
  movementQueue,
  stockChecks,
  balanceSummary,
  userNames,
  STOCK_READ,
  BALANCE_GROUPS,
} from './lists.js';
export type {
  QueuedMovement,
  MovementQueueQuery,
  CheckRow,
  CheckQuery,
  BalanceSummaryRow,
  BalanceSummaryQuery,
  BalanceGroup,
} from './lists.js';
