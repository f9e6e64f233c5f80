/**
 * The stock side of the treaty reports: Ottawa Article 7 Forms B, D, F, G (Art 4 part) and H, and
 * the CCW APII Art 13(4)(c) list of types held. Forms B, D and G come from the stock statement
 * (src/stock statement.ts) — computed at the period end and, for G, also at the end of the previous
 * year, the difference being what was destroyed in the period. Nothing is recounted here.
 */
import type { Actor } from '../../access/index.js';
import { ok, type Result } from '../../core/index.js';
import {
  STOCK_COLLECTIONS,
  balancesAsOf,
  stockStatement,
  type FormH,
  type Lot,
  type MineType,
  type Movement,
  type StockStatement,
} from '../../stock/index.js';
import type { DocReader } from '../../store/index.js';
import type { CoveringTree, Period } from './basis.js';

export interface LotRow {
  readonly designation: string;
  readonly lotNumber: string;
  readonly quantity: number;
}

export interface RetainedRow extends LotRow {
  /** Art 3(1): the institution authorised to retain. */
  readonly institution: string;
}

export interface DestroyedRow extends LotRow {
  /** Where the figure comes from: a stock destruction, or devices destroyed in place by land release. */
  readonly source: 'stock-destruction' | 'land-release-in-place';
}

export interface ProgrammeRow {
  readonly basis: string;
  readonly method: string;
  readonly site: string;
  readonly quantity: number;
  readonly destructions: number;
  readonly certificates: readonly string[];
}

export interface TypeFacts {
  readonly typeId: string;
  readonly designation: string;
  readonly category: string;
  readonly ottawaStatus: string;
  readonly detectable: boolean;
  readonly selfDestruct: boolean;
  readonly selfDestructPeriodDays: number | null;
  readonly selfDeactivation: boolean;
  readonly selfDeactivationPeriodDays: number | null;
  readonly remotelyDelivered: boolean;
  readonly formH: FormH;
}

/** Everything the treaty reports take from stock for one state and period. */
export interface StockFacts {
  readonly formB: readonly LotRow[];
  readonly formD: readonly RetainedRow[];
  /** Retained AP mines consumed in training in the period (revised Form D, actual use). */
  readonly formDUsed: readonly LotRow[];
  readonly programmes: readonly ProgrammeRow[];
  readonly destroyedArt4: readonly DestroyedRow[];
  readonly destroyedArt5: readonly DestroyedRow[];
  /** AP mines destroyed on another recorded basis (surplus, unserviceable). */
  readonly destroyedOther: ReadonlyArray<DestroyedRow & { readonly basis: string }>;
  /** AP types owned or possessed at the period end (Forms B and D), with their Form H facts. */
  readonly apTypesHeld: readonly TypeFacts[];
  /** Every type held at the period end, AP or not, with the quantity (APII Art 13(4)(c)). */
  readonly typesHeld: ReadonlyArray<TypeFacts & { readonly quantity: number }>;
  /** Command-detonated-only types held (ICBL asks for these under Form J). */
  readonly commandDetonatedHeld: readonly { readonly designation: string; readonly quantity: number }[];
  readonly catalogue: ReadonlyMap<string, MineType>;
}

async function all<T>(docs: DocReader, collection: string): Promise<T[]> {
  return (await docs.findDocs({ collection })).map((d) => d.data as unknown as T);
}

const byLot = (a: LotRow, b: LotRow): number =>
  a.designation.localeCompare(b.designation) || a.lotNumber.localeCompare(b.lotNumber);

function facts(t: MineType): TypeFacts {
  return {
    typeId: t.id,
    designation: t.designation,
    category: t.category,
    ottawaStatus: t.ottawaStatus,
    detectable: t.detectable,
    selfDestruct: t.selfDestruct,
    selfDestructPeriodDays: t.selfDestructPeriodDays,
    selfDeactivation: t.selfDeactivation,
    selfDeactivationPeriodDays: t.selfDeactivationPeriodDays,
    remotelyDelivered: t.remotelyDelivered,
    formH: t.formH,
  };
}

/** The last instant of the day before the period starts. */
function dayBefore(period: Period): Date {
  return new Date(`${period.year - 1}-12-31T23:59:59.999Z`);
}

/**
 * The stock facts of `state` for `period`. Refused (AUTH_FORBIDDEN) unless the actor may read
 * stock, exactly as the stock statement is.
 */
export async function stockFacts(
  docs: DocReader,
  actor: Actor,
  state: string,
  period: Period,
  tree: CoveringTree,
): Promise<Result<StockFacts>> {
  const end = new Date(period.end);
  const atEnd = await stockStatement(docs, actor, { asOf: end, checkpoint: tree });
  if (!atEnd.ok) return atEnd;
  const atStart = await stockStatement(docs, actor, { asOf: dayBefore(period), checkpoint: tree });
  if (!atStart.ok) return atStart;
  const [types, lots, movements] = await Promise.all([
    all<MineType>(docs, STOCK_COLLECTIONS.types),
    all<Lot>(docs, STOCK_COLLECTIONS.lots),
    all<Movement>(docs, STOCK_COLLECTIONS.movements),
  ]);
  const catalogue = new Map(types.map((t) => [t.id, t]));
  const byDesignation = new Map(types.map((t) => [t.designation, t]));
  const lotNumber = new Map(lots.map((l) => [l.id, l.lotNumber]));
  const s = atEnd.value;
  const mine = <R extends { readonly state: string }>(rows: readonly R[]): R[] =>
    rows.filter((r) => r.state === state);

  const formB = mine(s.formB)
    .map((r) => ({ designation: r.designation, lotNumber: r.lotNumber, quantity: r.quantity }))
    .sort(byLot);
  const formD = mine(s.formD)
    .map((r) => ({
      designation: r.designation,
      lotNumber: r.lotNumber,
      quantity: r.quantity,
      institution: r.note,
    }))
    .sort(byLot);
  const destroyed = destroyedInPeriod(atStart.value, s, state);

  // Revised Form D (actual use): retained mines consumed in training during the period.
  const consumed = new Map<string, number>();
  const addConsumed = async (at: Date, sign: number) => {
    for (const l of await balancesAsOf(docs, at)) {
      if (
        l.account.kind !== 'consumed-in-training' ||
        l.account.state !== state ||
        catalogue.get(l.typeId)?.ottawaStatus !== 'banned-ap'
      )
        continue;
      const k = `${l.typeId}|${l.lotId}`;
      consumed.set(k, (consumed.get(k) ?? 0) + sign * l.qty);
    }
  };
  await addConsumed(end, 1);
  await addConsumed(dayBefore(period), -1);
  const formDUsed = [...consumed.entries()]
    .filter(([, q]) => q !== 0)
    .map(([k, quantity]) => {
      const [typeId, lotId] = k.split('|') as [string, string];
      return {
        designation: catalogue.get(typeId)?.designation ?? typeId,
        lotNumber: lotNumber.get(lotId) ?? lotId,
        quantity,
      };
    })
    .sort(byLot);

  // Form F: executed destructions of AP mines in the period, by basis, method and site.
  const from = new Date(`${period.from}T00:00:00.000Z`).getTime();
  const progs = new Map<
    string,
    {
      basis: string;
      method: string;
      site: string;
      quantity: number;
      destructions: number;
      certificates: string[];
    }
  >();
  for (const m of movements) {
    const at = m.executedAt === null ? Number.NaN : new Date(m.executedAt).getTime();
    if (
      m.kind !== 'destroy' ||
      m.status !== 'executed' ||
      m.state !== state ||
      !(at >= from && at <= end.getTime())
    )
      continue;
    if (catalogue.get(m.typeId)?.ottawaStatus !== 'banned-ap') continue;
    const basis = m.details['basis'] ?? '';
    const method = m.details['method'] ?? '';
    const site = m.details['site'] ?? '';
    const k = `${basis}|${method}|${site}`;
    const p = progs.get(k) ?? { basis, method, site, quantity: 0, destructions: 0, certificates: [] };
    p.quantity += m.quantity;
    p.destructions += 1;
    if (m.details['certificate'] !== undefined) p.certificates.push(m.details['certificate']);
    progs.set(k, p);
  }
  const programmes = [...progs.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, p]) => ({ ...p, certificates: [...p.certificates].sort() }));

  const heldAp = new Set([...formB, ...formD].map((r) => r.designation));
  const apTypesHeld = [...heldAp].sort().flatMap((d) => {
    const t = byDesignation.get(d);
    return t === undefined ? [] : [facts(t)];
  });
  const typesHeld = mine(s.byType).flatMap((r) => {
    const t = byDesignation.get(r.designation);
    return t === undefined ? [] : [{ ...facts(t), quantity: r.quantity }];
  });
  const commandDetonatedHeld = mine(s.byType)
    .filter((r) => r.ottawaStatus === 'command-detonated-only')
    .map((r) => ({ designation: r.designation, quantity: r.quantity }));
  return ok({
    formB,
    formD,
    formDUsed,
    programmes,
    destroyedArt4: destroyed.filter((r) => r.basis === 'art4').map(({ basis: _b, ...r }) => r),
    destroyedArt5: destroyed.filter((r) => r.basis === 'art5').map(({ basis: _b, ...r }) => r),
    destroyedOther: destroyed.filter((r) => r.basis !== 'art4' && r.basis !== 'art5'),
    apTypesHeld,
    typesHeld,
    commandDetonatedHeld,
    catalogue,
  });
}

/** Form G rows: the statement's cumulative destruction at the end less that at the start. */
function destroyedInPeriod(
  start: StockStatement,
  end: StockStatement,
  state: string,
): Array<DestroyedRow & { readonly basis: string }> {
  const key = (r: { designation: string; lotNumber: string; note: string }) =>
    `${r.note}|${r.designation}|${r.lotNumber}`;
  const before = new Map(start.formG.filter((r) => r.state === state).map((r) => [key(r), r.quantity]));
  return end.formG
    .filter((r) => r.state === state)
    .map((r) => ({
      designation: r.designation,
      lotNumber: r.lotNumber,
      quantity: r.quantity - (before.get(key(r)) ?? 0),
      basis: r.note,
      source: 'stock-destruction' as const,
    }))
    .filter((r) => r.quantity !== 0)
    .sort((a, b) => a.basis.localeCompare(b.basis) || byLot(a, b));
}
