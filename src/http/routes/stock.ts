/**
 * Stock queries the UI needs: balances grouped by type, facility and lot (as of a date), the
 * queue of movements awaiting approval or execution with their proposer (the two-person rule:
 * a proposer cannot approve their own), and stock checks with their discrepancies.
 */
import type { Hono } from 'hono';
import { can } from '../../access/index.js';
import { isoInstant, type JsonObject } from '../../core/index.js';
import { STOCK_COLLECTIONS, balancesAsOf, type Discrepancy, type Facility, type Lot, type MineType, type Movement, type StockCheck } from '../../stock/index.js';
import { USERS } from '../../users/index.js';
import type { DocReader } from '../../store/index.js';
import { requirePermission } from '../auth.js';
import type { HttpDeps, HttpEnv } from '../env.js';
import { strictQuery } from '../params.js';
import { dateParam, enumParam, pageOf } from './paging.js';

const GROUPS = ['type', 'facility', 'lot', 'state'] as const;
type Group = (typeof GROUPS)[number];
/** Accounts that hold stock (APMBC Art 7(1)(b) stockpiles, and Art 3 retained). */
const HELD = ['storage', 'in-transit', 'retained'] as const;

async function byId<T>(docs: DocReader, collection: string): Promise<Map<string, T>> {
  return new Map((await docs.findDocs({ collection })).map((d) => [d.id, d.data as unknown as T]));
}

/** User names by id, for showing who proposed or counted. */
export async function userNames(docs: DocReader, ids: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const id of new Set(ids)) {
    const d = await docs.getDoc(USERS, id);
    if (d !== undefined && typeof d.data['name'] === 'string') out.set(id, d.data['name']);
  }
  return out;
}

export function stockRoutes(http: Hono<HttpEnv>, deps: HttpDeps): void {
  const { app } = deps;

  http.get('/api/stock/balances', async (c) => {
    const q = strictQuery(c, ['by', 'asOf', 'limit', 'offset']);
    requirePermission(c, 'stock.read');
    const by: Group[] = enumParam(q, 'by', GROUPS) ?? ['type', 'facility', 'lot'];
    const asOf = q.has('asOf') ? dateParam(q, 'asOf', '') : undefined;
    const [lines, types, lots, facilities] = await Promise.all([
      balancesAsOf(app.store, asOf === undefined ? undefined : new Date(`${asOf}T00:00:00Z`), HELD),
      byId<MineType>(app.store, STOCK_COLLECTIONS.types),
      byId<Lot>(app.store, STOCK_COLLECTIONS.lots),
      byId<Facility>(app.store, STOCK_COLLECTIONS.facilities),
    ]);
    const groups = new Map<string, { row: Record<string, string | number | null>; quantity: number }>();
    for (const l of lines) {
      const row: Record<string, string | number | null> = {};
      if (by.includes('state')) row['state'] = l.account.state;
      if (by.includes('type')) Object.assign(row, { typeId: l.typeId, designation: types.get(l.typeId)?.designation ?? null, category: types.get(l.typeId)?.category ?? null });
      if (by.includes('facility')) Object.assign(row, { facilityId: l.account.facilityId, facility: l.account.facilityId === null ? l.account.kind : (facilities.get(l.account.facilityId)?.name ?? null) });
      if (by.includes('lot')) Object.assign(row, { lotId: l.lotId, lotNumber: lots.get(l.lotId)?.lotNumber ?? null });
      const key = JSON.stringify(row);
      const g = groups.get(key);
      if (g === undefined) groups.set(key, { row, quantity: l.qty });
      else g.quantity += l.qty;
    }
    const rows = [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, g]) => ({ ...g.row, quantity: g.quantity }));
    return c.json({ asOf: asOf ?? isoInstant(app.clock.now()).slice(0, 10), by, ...pageOf(c, q, rows) });
  });

  http.get('/api/stock/movements/pending', async (c) => {
    const q = strictQuery(c, ['limit', 'offset']);
    const actor = requirePermission(c, 'stock.read');
    const docs = await app.store.findDocs({ collection: STOCK_COLLECTIONS.movements, where: { op: 'in', field: 'status', values: ['proposed', 'approved'] }, orderBy: { field: 'effectiveAt' } });
    const movements = docs.map((d) => d.data as unknown as Movement);
    const names = await userNames(app.store, movements.map((m) => m.proposedBy));
    const rows = movements.map((m) => {
      const own = m.proposedBy === actor.id;
      return {
        ...(m as unknown as JsonObject),
        proposer: { id: m.proposedBy, name: names.get(m.proposedBy) ?? null },
        ownProposal: own,
        // Two-person rule (design.md §5): only someone other than the proposer approves.
        mayApprove: m.status === 'proposed' && !own && can(actor, 'stock.approve'),
        mayExecute: m.status === 'approved' && can(actor, 'stock.propose'),
      };
    });
    return c.json(pageOf(c, q, rows));
  });

  http.get('/api/stock/checks', async (c) => {
    const q = strictQuery(c, ['facility', 'limit', 'offset']);
    requirePermission(c, 'stock.read');
    const facility = q.get('facility');
    const [checks, discrepancies] = await Promise.all([
      app.store.findDocs({ collection: STOCK_COLLECTIONS.checks, ...(facility === undefined ? {} : { where: { op: '=', field: 'facilityId', value: facility } }), orderBy: { field: 'countedAt', desc: true } }),
      app.store.findDocs({ collection: STOCK_COLLECTIONS.discrepancies }),
    ]);
    const byCheck = new Map<string, Discrepancy[]>();
    for (const d of discrepancies) {
      const x = d.data as unknown as Discrepancy;
      byCheck.set(x.checkId, [...(byCheck.get(x.checkId) ?? []), x]);
    }
    const list = checks.map((d) => d.data as unknown as StockCheck);
    const names = await userNames(app.store, list.flatMap((k) => [...k.counters]));
    const rows = list.map((k) => ({
      ...(k as unknown as JsonObject),
      counterNames: k.counters.map((id) => names.get(id) ?? null),
      discrepancies: (byCheck.get(k.id) ?? []) as unknown as JsonObject[],
    }));
    return c.json(pageOf(c, q, rows));
  });
}
