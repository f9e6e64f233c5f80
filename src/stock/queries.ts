/** Read-side lookups over stock projections. Each single-record lookup is one getDoc. */
import type { DocReader } from '../store/index.js';
import { stockDocs } from './collections.js';
import {
  balanceId,
  type Account,
  type Discrepancy,
  type EmplacementLine,
  type Facility,
  type Lot,
  type MineType,
  type Movement,
  type Organisation,
} from './types.js';

/** A mine type from the catalogue. */
export function getMineType(docs: DocReader, id: string): Promise<MineType | undefined> {
  return stockDocs.types.data(docs, id);
}

/** A lot. */
export function getLot(docs: DocReader, id: string): Promise<Lot | undefined> {
  return stockDocs.lots.data(docs, id);
}

/** An organisation (manufacturer, operator, authorised institution …). */
export function getOrganisation(docs: DocReader, id: string): Promise<Organisation | undefined> {
  return stockDocs.orgs.data(docs, id);
}

export function getFacility(docs: DocReader, id: string): Promise<Facility | undefined> {
  return stockDocs.facilities.data(docs, id);
}

export function getMovement(docs: DocReader, id: string): Promise<Movement | undefined> {
  return stockDocs.movements.data(docs, id);
}

export function getAccount(docs: DocReader, key: string): Promise<Account | undefined> {
  return stockDocs.accounts.data(docs, key);
}

export function getDiscrepancy(docs: DocReader, id: string): Promise<Discrepancy | undefined> {
  return stockDocs.discrepancies.data(docs, id);
}

/** Current balance of one lot in one account (0 when never touched): one getDoc. */
export async function balanceOf(docs: DocReader, account: string, lotId: string): Promise<number> {
  const b = await stockDocs.balances.data(docs, balanceId(account, lotId));
  return b?.qty ?? 0;
}

/**
 * What was issued to, and returned from, a minefield record, per lot (executed movements only):
 * the stock side of reconciling mines laid against the minefield record.
 */
export async function emplacementByMinefield(
  docs: DocReader,
  minefieldId: string,
): Promise<ReadonlyArray<EmplacementLine>> {
  const d = await stockDocs.emplacement.data(docs, minefieldId);
  return (d?.lines ?? []).map((l) => ({ ...l }));
}
