/**
 * As-of balances and the stock statement, with tables shaped like APMBC Article 7 Forms B
 * (stockpiled AP mines: type, quantity, lot), D (retained under Art 3, with the authorised
 * institutions) and G (destroyed, by type, Art 4 separate from Art 5). Computed by bisecting
 * each balance line's per-day history, so a statement costs one read of the balance lines.
 */
import { can, type Actor } from '../access/index.js';
import { err, ok, problem, type Result } from '../core/index.js';
import type { Collection } from '../command/index.js';
import type { DocReader } from '../store/index.js';
import { stockDocs } from './collections.js';
import { qtyAtDay } from './history.js';
import { epochDay, type Account, type AccountKind } from './types.js';

export interface BalanceLine {
  readonly account: Account;
  readonly lotId: string;
  readonly typeId: string;
  readonly qty: number;
}

async function all<T>(docs: DocReader, c: Collection<T>): Promise<T[]> {
  return (await c.find(docs)).map((d) => d.data);
}

/**
 * Every non-zero (account, lot) balance at the end of the UTC day of `at` (now when omitted),
 * optionally only for some account kinds. Reads one history document per lot.
 */
export async function balancesAsOf(
  docs: DocReader,
  at?: Date,
  kinds?: readonly AccountKind[],
): Promise<BalanceLine[]> {
  const day = at === undefined ? undefined : epochDay(at);
  const want = kinds === undefined ? undefined : new Set<string>(kinds);
  const out: BalanceLine[] = [];
  for (const { data: lh } of await stockDocs.lotHistory.find(docs)) {
    for (const [key, l] of Object.entries(lh.lines)) {
      if (want !== undefined && !want.has(l.kind)) continue;
      const qty = day === undefined ? l.qty : qtyAtDay(l.h, day);
      if (qty === 0) continue;
      const account: Account = {
        key,
        kind: l.kind,
        state: l.state,
        facilityId: l.facilityId,
        locationId: l.locationId,
        ref: l.ref,
        basis: l.basis,
      };
      out.push({ account, lotId: lh.lotId, typeId: lh.typeId, qty });
    }
  }
  return out;
}

export interface BalanceQuery {
  readonly account?: string;
  readonly lotId?: string;
  readonly typeId?: string;
  readonly state?: string;
}

function denied(actor: Actor): Result<never> {
  return err([problem('AUTH_FORBIDDEN', '', `${actor.name} may not read stock (needs stock.read)`)]);
}

/**
 * The balance of an account, lot, type or state — any combination — at the end of a day.
 * Only holding accounts (storage, in transit, retained) count unless an account is named.
 */
export async function balanceAt(
  docs: DocReader,
  actor: Actor,
  q: BalanceQuery,
  at?: Date,
): Promise<Result<number>> {
  if (!can(actor, 'stock.read')) return denied(actor);
  let sum = 0;
  for (const l of await balancesAsOf(docs, at, q.account === undefined ? HELD_KINDS : undefined)) {
    if (q.account !== undefined ? l.account.key !== q.account : !HELD.has(l.account.kind)) continue;
    if (q.lotId !== undefined && l.lotId !== q.lotId) continue;
    if (q.typeId !== undefined && l.typeId !== q.typeId) continue;
    if (q.state !== undefined && l.account.state !== q.state) continue;
    sum += l.qty;
  }
  return ok(sum);
}

const HELD_KINDS: readonly AccountKind[] = ['storage', 'in-transit', 'retained'];
const HELD = new Set<string>(HELD_KINDS);

export interface StatementRow {
  readonly state: string;
  readonly facility: string;
  readonly account: string;
  readonly designation: string;
  readonly category: string;
  readonly ottawaStatus: string;
  readonly lotNumber: string;
  readonly quantity: number;
}

export interface FormRow {
  readonly state: string;
  readonly designation: string;
  readonly lotNumber: string;
  readonly quantity: number;
  /** Form D: the authorised institution; Form G: the destruction basis (art4 | art5 | …). */
  readonly note: string;
}

export interface StockStatement {
  readonly title: string;
  /** The statement covers movements effective up to the end of this UTC day. */
  readonly asOf: string;
  readonly checkpoint: { readonly origin: string; readonly size: number; readonly root: string } | null;
  readonly byState: ReadonlyArray<{ readonly state: string; readonly quantity: number }>;
  readonly byType: ReadonlyArray<{
    readonly state: string;
    readonly designation: string;
    readonly category: string;
    readonly ottawaStatus: string;
    readonly quantity: number;
  }>;
  /** Every holding line: by state, facility (or account), type and lot. */
  readonly holdings: readonly StatementRow[];
  readonly formB: readonly FormRow[];
  readonly formD: readonly FormRow[];
  readonly formG: readonly FormRow[];
}

export interface StatementOptions {
  readonly asOf: Date;
  readonly checkpoint?: { readonly origin: string; readonly size: number; readonly root: string };
}

/** Code-unit order: stable across locales and much cheaper than localeCompare on 100k rows. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sumBy<K extends string, R>(
  rows: readonly R[],
  key: (r: R) => string,
  make: (r: R, q: number) => R & Record<K, unknown>,
  qty: (r: R) => number,
): R[] {
  const m = new Map<string, { row: R; q: number }>();
  for (const r of rows) {
    const k = key(r);
    const cur = m.get(k);
    if (cur === undefined) m.set(k, { row: r, q: qty(r) });
    else cur.q += qty(r);
  }
  return [...m.entries()].sort((a, b) => cmp(a[0], b[0])).map(([, v]) => make(v.row, v.q));
}

/** The stock statement as of a date. Refused unless the actor may read stock. */
export async function stockStatement(
  docs: DocReader,
  actor: Actor,
  opts: StatementOptions,
): Promise<Result<StockStatement>> {
  if (!can(actor, 'stock.read')) return denied(actor);
  const [lines, lots, types, facilities, orgs] = await Promise.all([
    balancesAsOf(docs, opts.asOf, [...HELD_KINDS, 'destroyed']),
    all(docs, stockDocs.lots),
    all(docs, stockDocs.types),
    all(docs, stockDocs.facilities),
    all(docs, stockDocs.orgs),
  ]);
  const lot = new Map(lots.map((l) => [l.id, l]));
  const type = new Map(types.map((t) => [t.id, t]));
  const fac = new Map(facilities.map((f) => [f.id, f]));
  const org = new Map(orgs.map((o) => [o.id, o]));
  const rows: Array<StatementRow & { kind: string; ref: string; basis: string }> = lines.map((l) => {
    const t = type.get(l.typeId);
    const a = l.account;
    const f = a.facilityId === null ? undefined : fac.get(a.facilityId);
    return {
      state: a.state ?? '',
      facility: f === undefined ? '' : `${f.name} ${a.locationId ?? ''}`.trim(),
      account: a.key,
      designation: t?.designation ?? l.typeId,
      category: t?.category ?? '',
      ottawaStatus: t?.ottawaStatus ?? '',
      lotNumber: lot.get(l.lotId)?.lotNumber ?? l.lotId,
      quantity: l.qty,
      kind: a.kind,
      ref: a.ref ?? '',
      basis: a.basis ?? '',
    };
  });
  const order = (a: StatementRow, b: StatementRow) =>
    cmp(a.state, b.state) ||
    cmp(a.facility, b.facility) ||
    cmp(a.account, b.account) ||
    cmp(a.designation, b.designation) ||
    cmp(a.lotNumber, b.lotNumber);
  const held = rows.filter((r) => HELD.has(r.kind));
  const ap = (r: { ottawaStatus: string }) => r.ottawaStatus === 'banned-ap';
  const form = (rs: typeof rows, note: (r: (typeof rows)[number]) => string): FormRow[] =>
    sumBy(
      rs,
      (r) => `${r.state}|${r.designation}|${r.lotNumber}|${note(r)}`,
      (r, q) => ({ ...r, quantity: q }),
      (r) => r.quantity,
    ).map((r) => ({
      state: r.state,
      designation: r.designation,
      lotNumber: r.lotNumber,
      quantity: r.quantity,
      note: note(r),
    }));
  return ok({
    title: 'Stock statement',
    asOf: opts.asOf.toISOString().slice(0, 10),
    checkpoint: opts.checkpoint ?? null,
    byState: sumBy(
      held,
      (r) => r.state,
      (r, q) => ({ ...r, quantity: q }),
      (r) => r.quantity,
    ).map((r) => ({ state: r.state, quantity: r.quantity })),
    byType: sumBy(
      held,
      (r) => `${r.state}|${r.designation}`,
      (r, q) => ({ ...r, quantity: q }),
      (r) => r.quantity,
    ).map((r) => ({
      state: r.state,
      designation: r.designation,
      category: r.category,
      ottawaStatus: r.ottawaStatus,
      quantity: r.quantity,
    })),
    holdings: held.map(({ kind: _k, ref: _r, basis: _b, ...r }) => r).sort(order),
    // Form B: AP mines stockpiled (storage and in transit); retained mines go to Form D.
    formB: form(
      held.filter((r) => ap(r) && r.kind !== 'retained'),
      () => '',
    ),
    formD: form(
      held.filter((r) => ap(r) && r.kind === 'retained'),
      (r) => org.get(r.ref)?.name ?? r.ref,
    ),
    formG: form(
      rows.filter((r) => ap(r) && r.kind === 'destroyed'),
      (r) => r.basis,
    ),
  });
}
