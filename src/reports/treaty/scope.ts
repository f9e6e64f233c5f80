/**
 * Who sees which part of a treaty report, and which records belong to the reporting state.
 *
 * - Stock parts need `stock.read` (as the stock statement does); land-release parts show only the
 *   records the actor may read (landrelease `readDocs`); minefield records are classified: their
 *   contents only for actors cleared for them (minefields `listMinefields`), otherwise counts only
 *   where a role grants `minefield.count` (minefields `countMinefields`), otherwise nothing.
 * - Land-release records carry an ISO 3166 region (`FI`, `UA-14`); a record without one belongs to
 *   the state of the hazard or minefield record it is linked to. Records that cannot be attributed
 *   to any state are left out and counted in the report's limits.
 */
import { can, type Actor } from '../../access/index.js';
import { areaDisplay, type SquareMetres } from '../../geo/index.js';
import { HAZARDS } from '../../landrelease/index.js';
import { MINEFIELDS, countMinefields, listMinefields, type MinefieldRecord } from '../../minefields/index.js';
import type { Doc, DocReader } from '../../store/index.js';

/** How a part of the report stands for this actor. */
export type PartStatus = 'computed' | 'no-information-recorded' | 'withheld';

/** What the actor may learn of minefield records. */
export type MinefieldAccess = 'records' | 'count-only' | 'withheld';

export interface Access {
  readonly stock: boolean;
  readonly landRelease: boolean;
  readonly minefields: MinefieldAccess;
}

/** The actor's access to the parts of a treaty report. */
export function accessOf(actor: Actor): Access {
  return {
    stock: can(actor, 'stock.read'),
    landRelease: can(actor, 'landrelease.read'),
    minefields: can(actor, 'minefield.read')
      ? 'records'
      : can(actor, 'minefield.count')
        ? 'count-only'
        : 'withheld',
  };
}

/** The state (ISO 3166-1 alpha-2) of a region code such as `UA-14`, or undefined. */
export function stateOfRegion(region: unknown): string | undefined {
  return typeof region === 'string' && /^[A-Z]{2}(-|$)/.test(region) ? region.slice(0, 2) : undefined;
}

/**
 * Attribution of land-release records to states. Reads every hazard and minefield record without
 * an access check, but only to learn which state each belongs to; nothing of them is output.
 */
export class Attribution {
  readonly #hazardState: ReadonlyMap<string, string | undefined>;
  readonly #minefieldState: ReadonlyMap<string, string>;

  private constructor(
    hazardState: ReadonlyMap<string, string | undefined>,
    minefieldState: ReadonlyMap<string, string>,
  ) {
    this.#hazardState = hazardState;
    this.#minefieldState = minefieldState;
  }

  static async load(docs: DocReader): Promise<Attribution> {
    const minefieldState = new Map<string, string>();
    for (const d of await docs.findDocs({ collection: MINEFIELDS }))
      minefieldState.set(d.id, d.data['state'] as string);
    const hazardState = new Map<string, string | undefined>();
    for (const d of await docs.findDocs({ collection: HAZARDS })) {
      const linked = (d.data['minefieldIds'] as readonly string[] | undefined) ?? [];
      hazardState.set(
        d.id,
        stateOfRegion(d.data['region']) ??
          linked.map((id) => minefieldState.get(id)).find((s) => s !== undefined),
      );
    }
    return new Attribution(hazardState, minefieldState);
  }

  /** The state of a land-release document: its region, else its hazard(s), else its minefield record. */
  stateOf(d: Doc): string | undefined {
    const own = stateOfRegion(d.data['region']);
    if (own !== undefined) return own;
    if (d.collection === HAZARDS) return this.#hazardState.get(d.id);
    const hazardIds = [
      d.data['hazardId'],
      ...((d.data['hazardIds'] as readonly unknown[] | undefined) ?? []),
    ].filter((x): x is string => typeof x === 'string');
    for (const h of hazardIds) {
      const s = this.#hazardState.get(h);
      if (s !== undefined) return s;
    }
    const mf = d.data['minefieldId'];
    return typeof mf === 'string' ? this.#minefieldState.get(mf) : undefined;
  }
}

/** Split documents into those of `state` and the number that belong to no state. */
export function ofState(
  docs: readonly Doc[],
  attribution: Attribution,
  state: string,
): { readonly mine: Doc[]; readonly unattributed: number } {
  const mine: Doc[] = [];
  let unattributed = 0;
  for (const d of docs) {
    const s = attribution.stateOf(d);
    if (s === state) mine.push(d);
    else if (s === undefined) unattributed += 1;
  }
  return { mine, unattributed };
}

/** An area in m² with its display in m², ha and km² (storage is m² only; design.md §4). */
export interface AreaFigure {
  readonly m2: number;
  readonly display: { readonly m2: string; readonly ha: string; readonly km2: string };
}

export function areaFigure(m2: number): AreaFigure {
  const rounded = Math.round(m2 * 100) / 100;
  return { m2: rounded, display: areaDisplay(rounded as SquareMetres) };
}

/** Minefield records of a state as far as the actor may know them. */
export interface MinefieldView {
  readonly access: MinefieldAccess;
  /** Records the actor is cleared for (empty unless access is 'records'). */
  readonly records: readonly MinefieldRecord[];
  /** Every record of the state, counted, where a role grants `minefield.count`; else null. */
  readonly total: number | null;
  /** Records counted by status (all of the state's records with `minefield.count`, else the visible ones). */
  readonly byStatus: Readonly<Record<string, number>> | null;
}

/** The state's minefield records as this actor may see them (need-to-know, via the minefields door). */
export async function minefieldView(docs: DocReader, actor: Actor, state: string): Promise<MinefieldView> {
  const access = accessOf(actor).minefields;
  const records =
    access === 'records' ? (await listMinefields(docs, actor)).filter((r) => r.state === state) : [];
  const counted = await countMinefields(docs, actor);
  let byStatus: Record<string, number> | null = null;
  let total: number | null = null;
  if (counted.ok) {
    // Counts only: the documents are read here and nothing of them but their status leaves.
    const all = await docs.findDocs({
      collection: MINEFIELDS,
      where: { op: '=', field: 'state', value: state },
    });
    total = all.length;
    byStatus = tally(all.map((d) => d.data['status'] as string));
  } else if (access === 'records') byStatus = tally(records.map((r) => r.status));
  return { access, records, total, byStatus };
}

/** Count occurrences, keys sorted. */
export function tally(keys: readonly string[]): Record<string, number> {
  const m: Record<string, number> = {};
  for (const k of [...keys].sort()) m[k] = (m[k] ?? 0) + 1;
  return m;
}
