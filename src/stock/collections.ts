/** The stock module's projection collections, each with the type of its documents' data. */
import { collection } from '../command/index.js';
import {
  COLLECTIONS,
  type Account,
  type Balance,
  type Discrepancy,
  type Emplacement,
  type Facility,
  type Lot,
  type LotHistory,
  type MineType,
  type Movement,
  type Organisation,
  type StockCheck,
} from './types.js';

export const stockDocs = {
  types: collection<MineType>(COLLECTIONS.types),
  lots: collection<Lot>(COLLECTIONS.lots),
  orgs: collection<Organisation>(COLLECTIONS.orgs),
  facilities: collection<Facility>(COLLECTIONS.facilities),
  accounts: collection<Account>(COLLECTIONS.accounts),
  balances: collection<Balance>(COLLECTIONS.balances),
  movements: collection<Movement>(COLLECTIONS.movements),
  checks: collection<StockCheck>(COLLECTIONS.checks),
  discrepancies: collection<Discrepancy>(COLLECTIONS.discrepancies),
  emplacement: collection<Emplacement>(COLLECTIONS.emplacement),
  lotHistory: collection<LotHistory>(COLLECTIONS.lotHistory),
} as const;
