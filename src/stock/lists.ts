/**
 * Stock read models for lists (issue #13 §2): each query takes a reader, the actor and its
 * parameters, applies need-to-know in the store before paging (so totals never count hidden rows),
 * pages in the store in a stable order, and joins what a screen needs — type, lot and place
 * names, who proposed, and whether *this* actor may approve (the two-person rule, computed once
 * here rather than in every client).
 */
import { andExpr, can, readFilter, type Actor, type ReadRule } from '../access/index.js';
import { err, ok, problem, type Result } from '../core/index.js';
import { findPage, type DocReader, type Expr, type Page, type PageRequest } from '../store/index.js';
import { USERS } from '../users/index.js';
import { balancesAsOf } from './statement.js';
import type { Collection } from '../command/index.js';
import { stockDocs } from './collections.js';
import type { Account, Discrepancy, Facility, Movement, MovementStatus, StockCheck } from './types.js';

/** Who reads stock: `stock.read` and a clearance reaching restricted (stock rows carry no label). */
export const STOCK_READ: ReadRule = { permission: 'stock.read', defaultClassification: 'restricted' };

function forbidden<T>(actor: Actor): Result<T> {
  return err([problem('AUTH_FORBIDDEN', '', `${actor.name} may not read stock (needs stock.read)`)]);
}

/** Documents of a collection by id, for joins (one query for the whole page). */
async function byIds<T>(docs: DocReader, c: Collection<T>, ids: Iterable<string>): Promise<Map<string, T>> {
  const values = [...new Set(ids)];
  if (values.length === 0) return new Map();
  const found = await c.find(docs, { where: { op: 'in', field: 'id', values } });
  return new Map(found.map((d) => [d.id, d.data]));
}

/** User names by id, for showing who proposed, counted or submitted. */
export async function userNames(docs: DocReader, ids: Iterable<string>): Promise<Map<string, string>> {
  const values = [...new Set(ids)];
  if (values.length === 0) return new Map();
  const users = await docs.findDocs({ collection: USERS, where: { op: 'in', field: 'id', values } });
  const out = new Map<string, string>();
  for (const u of users) {
    const name = u.data['name'];
    if (typeof name === 'string') out.set(u.id, name);
  }
  return out;
}

/** An account as people read it: facility name and location for storage, else its key. */
function accountLabel(a: Account, facilities: ReadonlyMap<string, Facility>): string {
  if (a.kind === 'storage' && a.facilityId !== null)
    return `${facilities.get(a.facilityId)?.name ?? a.facilityId} · ${a.locationId ?? ''}`;
  return a.key;
}

// ── movements awaiting a second person ─────────────────────────────────────

/** A movement in the approval queue, with names and what this actor may do with it. */
export interface QueuedMovement extends Movement {
  readonly proposer: { readonly id: string; readonly name: string | null };
  readonly designation: string | null;
  readonly lotNumber: string | null;
  readonly fromLabel: string;
  readonly toLabel: string;
  /** The actor proposed it (and so may not approve it). */
  readonly ownProposal: boolean;
  /** Two-person rule (design.md §5; IATG 09.10): someone other than the proposer approves. */
  readonly mayApprove: boolean;
  readonly mayExecute: boolean;
}

export interface MovementQueueQuery extends PageRequest {
  /** Default: both states that wait for a person (proposed, approved). */
  readonly status?: readonly MovementStatus[];
}

/**
 * Movements waiting for approval or execution, oldest effective date first, one page.
 * @example const r = await movementQueue(app.store, approver, { limit: 20, offset: 0 }); // r.value.items[0]?.mayApprove
 */
export async function movementQueue(
  docs: DocReader,
  actor: Actor,
  q: MovementQueueQuery,
): Promise<Result<Page<QueuedMovement>>> {
  if (!can(actor, STOCK_READ.permission)) return forbidden(actor);
  const status: Expr = { op: 'in', field: 'status', values: q.status ?? ['proposed', 'approved'] };
  const page = await findPage(docs, {
    collection: stockDocs.movements.name,
    where: andExpr(readFilter(actor, STOCK_READ), status),
    orderBy: { field: 'effectiveAt' },
    limit: q.limit,
    offset: q.offset,
  });
  const movements = page.docs.map((d) => stockDocs.movements.typed(d).data);
  const [names, types, lots, facilities] = await Promise.all([
    userNames(
      docs,
      movements.map((m) => m.proposedBy),
    ),
    byIds(
      docs,
      stockDocs.types,
      movements.map((m) => m.typeId),
    ),
    byIds(
      docs,
      stockDocs.lots,
      movements.map((m) => m.lotId),
    ),
    byIds(
      docs,
      stockDocs.facilities,
      movements.flatMap((m) => [m.fromAccount.facilityId, m.toAccount.facilityId]).filter((f) => f !== null),
    ),
  ]);
  const items = movements.map((m): QueuedMovement => {
    const own = m.proposedBy === actor.id;
    return {
      ...m,
      proposer: { id: m.proposedBy, name: names.get(m.proposedBy) ?? null },
      designation: types.get(m.typeId)?.designation ?? null,
      lotNumber: lots.get(m.lotId)?.lotNumber ?? null,
      fromLabel: accountLabel(m.fromAccount, facilities),
      toLabel: accountLabel(m.toAccount, facilities),
      ownProposal: own,
      mayApprove: m.status === 'proposed' && !own && can(actor, 'stock.approve'),
      mayExecute: m.status === 'approved' && can(actor, 'stock.propose'),
    };
  });
  return ok({ items, total: page.numberMatched });
}

// ── stock checks ───────────────────────────────────────────────────────────

export interface CheckRow extends StockCheck {
  readonly facilityName: string | null;
  readonly counterNames: readonly (string | null)[];
  readonly discrepancies: readonly Discrepancy[];
}

export interface CheckQuery extends PageRequest {
  readonly facilityId?: string;
}

/** Stock checks, newest first, with their counters' names and the discrepancies each opened. */
export async function stockChecks(
  docs: DocReader,
  actor: Actor,
  q: CheckQuery,
): Promise<Result<Page<CheckRow>>> {
  if (!can(actor, STOCK_READ.permission)) return forbidden(actor);
  const facility: Expr[] =
    q.facilityId === undefined ? [] : [{ op: '=', field: 'facilityId', value: q.facilityId }];
  const page = await findPage(docs, {
    collection: stockDocs.checks.name,
    where: andExpr(readFilter(actor, STOCK_READ), ...facility),
    orderBy: { field: 'countedAt', desc: true },
    limit: q.limit,
    offset: q.offset,
  });
  const checks = page.docs.map((d) => stockDocs.checks.typed(d).data);
  const ids = checks.map((k) => k.id);
  const [names, facilities, found] = await Promise.all([
    userNames(
      docs,
      checks.flatMap((k) => [...k.counters]),
    ),
    byIds(
      docs,
      stockDocs.facilities,
      checks.map((k) => k.facilityId),
    ),
    ids.length === 0
      ? Promise.resolve([])
      : stockDocs.discrepancies.find(docs, {
          where: { op: 'in', field: 'checkId', values: ids },
          orderBy: { field: 'openedAt' },
        }),
  ]);
  const byCheck = new Map<string, Discrepancy[]>();
  for (const { data: x } of found) {
    byCheck.set(x.checkId, [...(byCheck.get(x.checkId) ?? []), x]);
  }
  const items = checks.map((k) => ({
    ...k,
    facilityName: facilities.get(k.facilityId)?.name ?? null,
    counterNames: k.counters.map((id) => names.get(id) ?? null),
    discrepancies: byCheck.get(k.id) ?? [],
  }));
  return ok({ items, total: page.numberMatched });
}

// ── balances ───────────────────────────────────────────────────────────────

export const BALANCE_GROUPS = ['type', 'facility', 'location', 'lot', 'state'] as const;
export type BalanceGroup = (typeof BALANCE_GROUPS)[number];
/** Accounts that hold stock (APMBC Art 7(1)(b) stockpiles, and Art 3 retained). */
const HELD = ['storage', 'in-transit', 'retained'] as const;

/** One line of held stock grouped by the asked keys; only the asked keys' fields are present. */
export interface BalanceSummaryRow {
  readonly state?: string | null;
  readonly typeId?: string;
  readonly designation?: string | null;
  readonly category?: string | null;
  readonly facilityId?: string | null;
  readonly facility?: string | null;
  readonly locationId?: string | null;
  readonly lotId?: string;
  readonly lotNumber?: string | null;
  readonly quantity: number;
}

export interface BalanceSummaryQuery extends PageRequest {
  readonly by: readonly BalanceGroup[];
  /** End of this day (UTC) is excluded: balances at 00:00 of `asOf`; absent: now. */
  readonly asOf?: Date;
}

/**
 * Held stock grouped by any of type, facility, location, lot and state, in the order of the
 * group's key. A group-by is an aggregate the store does not page, so the grouped rows (one per
 * group, never one per document) are paged here.
 */
export async function balanceSummary(
  docs: DocReader,
  actor: Actor,
  q: BalanceSummaryQuery,
): Promise<Result<Page<BalanceSummaryRow>>> {
  if (!can(actor, STOCK_READ.permission)) return forbidden(actor);
  const lines = await balancesAsOf(docs, q.asOf, HELD);
  const [types, lots, facilities] = await Promise.all([
    byIds(
      docs,
      stockDocs.types,
      lines.map((l) => l.typeId),
    ),
    byIds(
      docs,
      stockDocs.lots,
      lines.map((l) => l.lotId),
    ),
    byIds(
      docs,
      stockDocs.facilities,
      lines.flatMap((l) => (l.account.facilityId === null ? [] : [l.account.facilityId])),
    ),
  ]);
  const by = new Set(q.by);
  const groups = new Map<string, { row: Omit<BalanceSummaryRow, 'quantity'>; quantity: number }>();
  for (const l of lines) {
    const a = l.account;
    const row: Omit<BalanceSummaryRow, 'quantity'> = {
      ...(by.has('state') ? { state: a.state } : {}),
      ...(by.has('type')
        ? {
            typeId: l.typeId,
            designation: types.get(l.typeId)?.designation ?? null,
            category: types.get(l.typeId)?.category ?? null,
          }
        : {}),
      ...(by.has('facility')
        ? {
            facilityId: a.facilityId,
            facility: a.facilityId === null ? a.kind : (facilities.get(a.facilityId)?.name ?? null),
          }
        : {}),
      ...(by.has('location') ? { locationId: a.locationId } : {}),
      ...(by.has('lot') ? { lotId: l.lotId, lotNumber: lots.get(l.lotId)?.lotNumber ?? null } : {}),
    };
    const key = JSON.stringify(row);
    const g = groups.get(key);
    if (g === undefined) groups.set(key, { row, quantity: l.qty });
    else g.quantity += l.qty;
  }
  // Groups that hold nothing (every line moved out) are not held stock.
  const rows = [...groups.entries()]
    .filter(([, g]) => g.quantity !== 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, g]) => ({ ...g.row, quantity: g.quantity }));
  return ok({ items: rows.slice(q.offset, q.offset + q.limit), total: rows.length });
}
