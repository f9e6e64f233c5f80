/**
 * The stock projector: folds stock events into catalogue documents, movement documents, account
 * and balance documents (with a compact per-day history for as-of statements), facility NEQ and
 * the per-minefield emplacement tally. Deterministic: replay equals live.
 */
import { roundKg } from './movements.js';
import type { JsonObject } from '../core/index.js';
import type { LedgerEvent } from '../ledger/index.js';
import type { ProjectContext } from '../command/index.js';
import type { DocWriter, StoredGeometry } from '../store/index.js';
import { applyDelta, epochDayOf } from './history.js';
import { COLLECTIONS, balanceId, type Account, type Balance, type Discrepancy, type Facility, type HazardDivision, type LotHistory, type Movement } from './types.js';
import type { EmplacementLine } from './queries.js';

type P = Readonly<Record<string, unknown>>;

async function put(docs: DocWriter, collection: string, id: string, seq: number, data: unknown, geometry?: JsonObject): Promise<void> {
  await docs.putDoc({ collection, id, version: seq, data: data as JsonObject, ...(geometry === undefined ? {} : { geometry: geometry as unknown as StoredGeometry }) });
}

async function update<T>(docs: DocWriter, collection: string, id: string, seq: number, f: (t: T) => T): Promise<void> {
  const d = await docs.getDoc(collection, id);
  if (d === undefined) return;
  await docs.putDoc({ ...d, version: seq, data: f(d.data as unknown as T) as unknown as JsonObject });
}

async function moveBalance(docs: DocWriter, seq: number, account: Account, lotId: string, typeId: string, delta: number): Promise<void> {
  const id = balanceId(account.key, lotId);
  const prev = (await docs.getDoc(COLLECTIONS.balances, id))?.data as unknown as Balance | undefined;
  const { key, ...facts } = account;
  const b: Balance = prev ?? { account: key, ...facts, lotId, typeId, qty: 0 };
  await put(docs, COLLECTIONS.balances, id, seq, { ...b, qty: b.qty + delta });
  // An account first seen with this lot may be new: one lookup only then.
  if (prev === undefined && (await docs.getDoc(COLLECTIONS.accounts, key)) === undefined) await put(docs, COLLECTIONS.accounts, key, seq, account);
}

/** Both legs of a movement in the lot's history document: one read and one write. */
async function moveHistory(docs: DocWriter, seq: number, lotId: string, typeId: string, legs: ReadonlyArray<readonly [Account, number]>, day: number): Promise<void> {
  const prev = (await docs.getDoc(COLLECTIONS.lotHistory, lotId))?.data as unknown as LotHistory | undefined;
  const lines = { ...(prev?.lines ?? {}) };
  for (const [{ key, ...facts }, delta] of legs) {
    const cur = lines[key] ?? { ...facts, qty: 0, h: '' };
    lines[key] = { ...cur, qty: cur.qty + delta, h: applyDelta(cur.h, day, delta) };
  }
  await put(docs, COLLECTIONS.lotHistory, lotId, seq, { lotId, typeId, lines });
}

async function executed(docs: DocWriter, e: LedgerEvent, p: P): Promise<void> {
  const id = p['movementId'] as string;
  const from = p['from'] as Account;
  const to = p['to'] as Account;
  const lotId = p['lotId'] as string;
  const typeId = p['typeId'] as string;
  const qty = p['quantity'] as number;
  const day = epochDayOf(p['executedAt'] as string);
  await moveBalance(docs, e.seq, from, lotId, typeId, -qty);
  await moveBalance(docs, e.seq, to, lotId, typeId, qty);
  await moveHistory(docs, e.seq, lotId, typeId, [[from, -qty], [to, qty]], day);
  const neq = (p['neqKg'] as number) * qty;
  const hd = p['hazardDivision'] as HazardDivision;
  for (const [acc, sign] of [[from, -1], [to, 1]] as const) {
    if (acc.facilityId === null || from.facilityId === to.facilityId) continue;
    await update<Facility>(docs, COLLECTIONS.facilities, acc.facilityId, e.seq, (f) => ({ ...f, neqHeldKg: { ...f.neqHeldKg, [hd]: roundKg((f.neqHeldKg[hd] ?? 0) + sign * neq) } }));
  }
  const mf = p['minefieldId'] as string | null;
  if (mf !== null && (p['kind'] === 'issue-emplacement' || p['kind'] === 'return')) {
    const doc = await docs.getDoc(COLLECTIONS.emplacement, mf);
    const lines = [...((doc?.data['lines'] as unknown as EmplacementLine[] | undefined) ?? [])];
    const i = lines.findIndex((l) => l.lotId === lotId);
    const cur = lines[i] ?? { typeId, lotId, issued: 0, returned: 0 };
    const next = p['kind'] === 'return' ? { ...cur, returned: cur.returned + qty } : { ...cur, issued: cur.issued + qty };
    if (i < 0) lines.push(next);
    else lines[i] = next;
    await put(docs, COLLECTIONS.emplacement, mf, e.seq, { minefieldId: mf, lines });
  }
  const prev = await docs.getDoc(COLLECTIONS.movements, id);
  const base = prev === undefined ? movementDoc(e, p, 'executed') : (prev.data as unknown as Movement);
  await put(docs, COLLECTIONS.movements, id, e.seq, { ...base, status: 'executed', executedBy: e.actor, executedAt: p['executedAt'] as string, approvedBy: base.approvedBy ?? (p['approvedBy'] as string | null) });
}

function movementDoc(e: LedgerEvent, p: P, status: Movement['status']): Movement {
  const from = p['from'] as Account;
  const to = p['to'] as Account;
  return {
    id: p['movementId'] as string,
    kind: p['kind'] as Movement['kind'],
    status,
    from: from.key,
    to: to.key,
    fromAccount: from,
    toAccount: to,
    lotId: p['lotId'] as string,
    typeId: p['typeId'] as string,
    quantity: p['quantity'] as number,
    state: p['state'] as string,
    minefieldId: p['minefieldId'] as string | null,
    details: p['details'] as Record<string, string>,
    proposedBy: e.actor,
    approvedBy: null,
    executedBy: null,
    decidedBy: null,
    effectiveAt: e.effectiveAt,
    executedAt: null,
  };
}

/** Apply one event to the stock projections (events of other modules are ignored). */
export async function projectStock(e: LedgerEvent, { docs }: ProjectContext): Promise<void> {
  if (!e.type.startsWith('stock.')) return;
  const p = e.payload as P;
  switch (e.type) {
    case 'stock.type-added':
      return put(docs, COLLECTIONS.types, p['id'] as string, e.seq, p);
    case 'stock.org-added':
      return put(docs, COLLECTIONS.orgs, p['id'] as string, e.seq, p);
    case 'stock.lot-added':
      return put(docs, COLLECTIONS.lots, p['id'] as string, e.seq, p);
    case 'stock.lot-condition-set':
      return update<JsonObject>(docs, COLLECTIONS.lots, p['lotId'] as string, e.seq, (l) => ({ ...l, condition: p['condition'] as string }));
    case 'stock.lot-recall-set':
      return update<JsonObject>(docs, COLLECTIONS.lots, p['lotId'] as string, e.seq, (l) => ({ ...l, recalled: p['recalled'] as boolean }));
    case 'stock.facility-added': {
      const { location, ...rest } = p;
      return put(docs, COLLECTIONS.facilities, p['id'] as string, e.seq, { ...rest, neqHeldKg: {} }, location as JsonObject);
    }
    case 'stock.facility-location-added':
      return update<Facility>(docs, COLLECTIONS.facilities, p['facilityId'] as string, e.seq, (f) => ({ ...f, locations: [...f.locations, p['location'] as Facility['locations'][number]] }));
    case 'stock.facility-inspected': {
      const date = p['date'] as string;
      return update<Facility>(docs, COLLECTIONS.facilities, p['facilityId'] as string, e.seq, (f) => ({ ...f, lastInspection: f.lastInspection !== null && f.lastInspection > date ? f.lastInspection : date }));
    }
    case 'stock.movement-proposed':
      return put(docs, COLLECTIONS.movements, p['movementId'] as string, e.seq, movementDoc(e, p, 'proposed'));
    case 'stock.movement-approved':
      return update<Movement>(docs, COLLECTIONS.movements, p['movementId'] as string, e.seq, (m) => ({ ...m, status: 'approved', approvedBy: e.actor }));
    case 'stock.movement-rejected':
      return update<Movement>(docs, COLLECTIONS.movements, p['movementId'] as string, e.seq, (m) => ({ ...m, status: 'rejected', decidedBy: e.actor }));
    case 'stock.movement-cancelled':
      return update<Movement>(docs, COLLECTIONS.movements, p['movementId'] as string, e.seq, (m) => ({ ...m, status: 'cancelled', decidedBy: e.actor }));
    case 'stock.movement-executed':
      return executed(docs, e, p);
    case 'stock.check-recorded':
      return put(docs, COLLECTIONS.checks, p['checkId'] as string, e.seq, { id: p['checkId'], facilityId: p['facilityId'], counters: p['counters'], lines: p['lines'], countedAt: e.effectiveAt });
    case 'stock.discrepancy-opened': {
      const d: Discrepancy = {
        id: p['discrepancyId'] as string,
        checkId: p['checkId'] as string,
        facilityId: p['facilityId'] as string,
        locationId: p['locationId'] as string,
        lotId: p['lotId'] as string,
        expected: p['expected'] as number,
        counted: p['counted'] as number,
        status: 'open',
        openedAt: e.effectiveAt,
        closedAt: null,
        note: '',
      };
      return put(docs, COLLECTIONS.discrepancies, d.id, e.seq, d);
    }
    case 'stock.discrepancy-investigating':
      return update<Discrepancy>(docs, COLLECTIONS.discrepancies, p['discrepancyId'] as string, e.seq, (d) => ({ ...d, status: 'investigating', note: p['note'] as string }));
    case 'stock.discrepancy-resolved':
      return update<Discrepancy>(docs, COLLECTIONS.discrepancies, p['discrepancyId'] as string, e.seq, (d) => ({
        ...d,
        status: p['outcome'] as Discrepancy['status'],
        closedAt: e.effectiveAt,
        note: p['explanation'] as string,
      }));
    default:
      return;
  }
}
