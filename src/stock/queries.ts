/** Read-side lookups over stock projections. Each single-record lookup is one getDoc. */
import type { DocReader } from '../store/index.js';
import {
  COLLECTIONS,
  balanceId,
  type Account,
  type Balance,
  type Discrepancy,
  type Facility,
  type Lot,
  type MineType,
  type Movement,
  type Organisation,
} from './types.js';

async function read<T>(docs: DocReader, collection: string, id: string): Promise<T | undefined> {
  const d = await docs.getDoc(collection, id);
  return d === undefined ? undefined : (d.data as unknown as T);
}

/** A mine type from the catalogue. */
export function getMineType(docs: DocReader, id: string): Promise<MineType | undefined> {
  return read<MineType>(docs, COLLECTIONS.types, id);
}

/** A lot. */
export function getLot(docs: DocReader, id: string): Promise<Lot | undefined> {
  return read<Lot>(docs, COLLECTIONS.lots, id);
}

/** An organisation (manufacturer, operator, authorised institution …). */
export function getOrganisation(docs: DocReader, id: string): Promise<Organisation | undefined> {
  return read<Organisation>(docs, COLLECTIONS.orgs, id);
}

export function getFacility(docs: DocReader, id: string): Promise<Facility | undefined> {
  return read<Facility>(docs, COLLECTIONS.facilities, id);
}

export function getMovement(docs: DocReader, id: string): Promise<Movement | undefined> {
  return read<Movement>(docs, COLLECTIONS.movements, id);
}

export function getAccount(docs: DocReader, key: string): Promise<Account | undefined> {
  return read<Account>(docs, COLLECTIONS.accounts, key);
}

export function getDiscrepancy(docs: DocReader, id: string): Promise<Discrepancy | undefined> {
  return read<Discrepancy>(docs, COLLECTIONS.discrepancies, id);
}

/** Current balance of one lot in one account (0 when never touched): one getDoc. */
export async function balanceOf(docs: DocReader, account: string, lotId: string): Promise<number> {
  const b = await read<Balance>(docs, COLLECTIONS.balances, balanceId(account, lotId));
  return b?.qty ?? 0;
}

export interface EmplacementLine {
  readonly typeId: string;
  readonly lotId: string;
  readonly issued: number;
  readonly returned: number;
}

/**
 * What was issued to, and returned from, a minefield record, per lot (executed movements only):
 * the stock side of reconciling mines laid against the minefield record.
 */
export async function emplacementByMinefield(
  docs: DocReader,
  minefieldId: string,
): Promise<ReadonlyArray<EmplacementLine>> {
  const d = await docs.getDoc(COLLECTIONS.emplacement, minefieldId);
  if (d === undefined) return [];
  return (d.data['lines'] as unknown as EmplacementLine[]).map((l) => ({ ...l }));
}
