/**
 * The stock projector: folds stock events into catalogue documents, movement documents, account
 * and balance documents (with a compact per-day history for as-of statements), facility NEQ and
 * the per-minefield emplacement tally. Deterministic: replay equals live.
 */
import { roundKg } from './movements.js';
import { assertNever } from '../core/index.js';
import type { ProjectContext } from '../command/index.js';
import type { DocWriter } from '../store/index.js';
import { applyDelta, epochDayOf } from './history.js';
import type { StockEvent } from './events.js';
import { balanceId, type Account, type Balance, type Discrepancy, type Movement } from './types.js';
import { stockDocs } from './collections.js';

async function moveBalance(
  docs: DocWriter,
  seq: number,
  account: Account,
  lotId: string,
  typeId: string,
  delta: number,
): Promise<void> {
  const id = balanceId(account.key, lotId);
  const prev = await stockDocs.balances.data(docs, id);
  const { key, ...facts } = account;
  const b: Balance = prev ?? { account: key, ...facts, lotId, typeId, qty: 0 };
  await stockDocs.balances.put(docs, id, seq, { ...b, qty: b.qty + delta });
  // An account first seen with this lot may be new: one lookup only then.
  if (prev === undefined && (await stockDocs.accounts.get(docs, key)) === undefined)
    await stockDocs.accounts.put(docs, key, seq, account);
}

/** Both legs of a movement in the lot's history document: one read and one write. */
async function moveHistory(
  docs: DocWriter,
  seq: number,
  lotId: string,
  typeId: string,
  legs: ReadonlyArray<readonly [Account, number]>,
  day: number,
): Promise<void> {
  const prev = await stockDocs.lotHistory.data(docs, lotId);
  const lines = { ...(prev?.lines ?? {}) };
  for (const [{ key, ...facts }, delta] of legs) {
    const cur = lines[key] ?? { ...facts, qty: 0, h: '' };
    lines[key] = { ...cur, qty: cur.qty + delta, h: applyDelta(cur.h, day, delta) };
  }
  await stockDocs.lotHistory.put(docs, lotId, seq, { lotId, typeId, lines });
}

type Executed = Extract<StockEvent, { type: 'stock.movement-executed' }>;
type Proposed = Extract<StockEvent, { type: 'stock.movement-proposed' }>;

async function executed(docs: DocWriter, e: Executed): Promise<void> {
  const p = e.payload;
  const { movementId: id, from, to, lotId, typeId, quantity: qty } = p;
  const day = epochDayOf(p.executedAt);
  await moveBalance(docs, e.seq, from, lotId, typeId, -qty);
  await moveBalance(docs, e.seq, to, lotId, typeId, qty);
  await moveHistory(
    docs,
    e.seq,
    lotId,
    typeId,
    [
      [from, -qty],
      [to, qty],
    ],
    day,
  );
  const neq = p.neqKgPerItem * qty;
  const hd = p.hazardDivision;
  for (const [acc, sign] of [
    [from, -1],
    [to, 1],
  ] as const) {
    if (acc.facilityId === null || from.facilityId === to.facilityId) continue;
    await stockDocs.facilities.update(docs, acc.facilityId, e.seq, (f) => ({
      ...f,
      neqHeldKg: { ...f.neqHeldKg, [hd]: roundKg((f.neqHeldKg[hd] ?? 0) + sign * neq) },
    }));
  }
  const mf = p.minefieldId;
  if (mf !== null && (p.kind === 'issue-emplacement' || p.kind === 'return')) {
    const lines = [...((await stockDocs.emplacement.data(docs, mf))?.lines ?? [])];
    const i = lines.findIndex((l) => l.lotId === lotId);
    const cur = lines[i] ?? { typeId, lotId, issued: 0, returned: 0 };
    const next =
      p.kind === 'return' ? { ...cur, returned: cur.returned + qty } : { ...cur, issued: cur.issued + qty };
    if (i < 0) lines.push(next);
    else lines[i] = next;
    await stockDocs.emplacement.put(docs, mf, e.seq, { minefieldId: mf, lines });
  }
  const base = (await stockDocs.movements.data(docs, id)) ?? movementDoc(e, 'executed');
  await stockDocs.movements.put(docs, id, e.seq, {
    ...base,
    status: 'executed',
    executedBy: e.actor,
    executedAt: p.executedAt,
    approvedBy: base.approvedBy ?? p.approvedBy,
  });
}

function movementDoc(e: Proposed | Executed, status: Movement['status']): Movement {
  const p = e.payload;
  return {
    id: p.movementId,
    kind: p.kind,
    status,
    from: p.from.key,
    to: p.to.key,
    fromAccount: p.from,
    toAccount: p.to,
    lotId: p.lotId,
    typeId: p.typeId,
    quantity: p.quantity,
    state: p.state,
    minefieldId: p.minefieldId,
    details: p.details,
    proposedBy: e.actor,
    approvedBy: null,
    executedBy: null,
    decidedBy: null,
    effectiveAt: e.effectiveAt,
    executedAt: null,
  };
}

/** Apply one stock event to the stock projections. */
export async function projectStock(e: StockEvent, { docs }: ProjectContext): Promise<void> {
  switch (e.type) {
    case 'stock.type-added':
      return stockDocs.types.put(docs, e.payload.id, e.seq, e.payload);
    case 'stock.org-added':
      return stockDocs.orgs.put(docs, e.payload.id, e.seq, e.payload);
    case 'stock.lot-added':
      return stockDocs.lots.put(docs, e.payload.id, e.seq, e.payload);
    case 'stock.lot-condition-set': {
      const { condition } = e.payload;
      return stockDocs.lots.update(docs, e.payload.lotId, e.seq, (l) => ({ ...l, condition }));
    }
    case 'stock.lot-recall-set': {
      const { recalled } = e.payload;
      return stockDocs.lots.update(docs, e.payload.lotId, e.seq, (l) => ({ ...l, recalled }));
    }
    case 'stock.facility-added': {
      const { location, ...rest } = e.payload;
      return stockDocs.facilities.put(docs, rest.id, e.seq, { ...rest, neqHeldKg: {} }, location);
    }
    case 'stock.facility-location-added': {
      const { location } = e.payload;
      return stockDocs.facilities.update(docs, e.payload.facilityId, e.seq, (f) => ({
        ...f,
        locations: [...f.locations, location],
      }));
    }
    case 'stock.facility-inspected': {
      const { date } = e.payload;
      return stockDocs.facilities.update(docs, e.payload.facilityId, e.seq, (f) => ({
        ...f,
        lastInspection: f.lastInspection !== null && f.lastInspection > date ? f.lastInspection : date,
      }));
    }
    case 'stock.movement-proposed':
      return stockDocs.movements.put(docs, e.payload.movementId, e.seq, movementDoc(e, 'proposed'));
    case 'stock.movement-approved':
      return stockDocs.movements.update(docs, e.payload.movementId, e.seq, (m) => ({
        ...m,
        status: 'approved',
        approvedBy: e.actor,
      }));
    case 'stock.movement-rejected':
      return stockDocs.movements.update(docs, e.payload.movementId, e.seq, (m) => ({
        ...m,
        status: 'rejected',
        decidedBy: e.actor,
      }));
    case 'stock.movement-cancelled':
      return stockDocs.movements.update(docs, e.payload.movementId, e.seq, (m) => ({
        ...m,
        status: 'cancelled',
        decidedBy: e.actor,
      }));
    case 'stock.movement-executed':
      return executed(docs, e);
    case 'stock.check-recorded': {
      const p = e.payload;
      return stockDocs.checks.put(docs, p.checkId, e.seq, {
        id: p.checkId,
        facilityId: p.facilityId,
        counters: p.counters,
        lines: p.lines,
        countedAt: e.effectiveAt,
      });
    }
    case 'stock.discrepancy-opened': {
      const p = e.payload;
      const d: Discrepancy = {
        id: p.discrepancyId,
        checkId: p.checkId,
        facilityId: p.facilityId,
        locationId: p.locationId,
        lotId: p.lotId,
        expected: p.expected,
        counted: p.counted,
        status: 'open',
        openedAt: e.effectiveAt,
        closedAt: null,
        note: '',
      };
      return stockDocs.discrepancies.put(docs, d.id, e.seq, d);
    }
    case 'stock.discrepancy-investigating': {
      const { note } = e.payload;
      return stockDocs.discrepancies.update(docs, e.payload.discrepancyId, e.seq, (d) => ({
        ...d,
        status: 'investigating',
        note,
      }));
    }
    case 'stock.discrepancy-resolved': {
      const { outcome, explanation } = e.payload;
      return stockDocs.discrepancies.update(docs, e.payload.discrepancyId, e.seq, (d) => ({
        ...d,
        status: outcome,
        closedAt: e.effectiveAt,
        note: explanation,
      }));
    }
    default:
      return assertNever(e, 'stock event');
  }
}
