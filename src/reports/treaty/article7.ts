/**
 * The Ottawa Convention (APMBC) Article 7 transparency report, Forms A–J, for one state and one
 * calendar year (law-and-standards §1.2, §9.7). Pure: a function of a DocReader (the replays of
 * basis.ts), the actor and the covering tree. Form letters follow Art 7(1)(a)–(i); Form J is the
 * voluntary "other relevant matters".
 */
import { can, type Actor } from '../../access/index.js';
import { err, ok, problem, type Result } from '../../core/index.js';
import { getTreatyState, statusOf, type OttawaStatus } from '../../treaty/index.js';
import { STOCK_COLLECTIONS, type MineType } from '../../stock/index.js';
import type { DocReader } from '../../store/index.js';
import { reproducibility, type CoveringTree, type Period } from './basis.js';
import {
  fieldFacts,
  type CasualtyLine,
  type HazardLine,
  type MarkingLine,
  type MinefieldAreaLine,
} from './field-forms.js';
import { accessOf, areaFigure, type AreaFigure, type MinefieldAccess, type PartStatus } from './scope.js';
import {
  stockFacts,
  type DestroyedRow,
  type LotRow,
  type ProgrammeRow,
  type RetainedRow,
  type StockFacts,
  type TypeFacts,
} from './stock-forms.js';

export const NO_INFORMATION = 'no information recorded';

/** What every treaty report body starts with. */
export interface ReportHeader {
  readonly state: { readonly code: string; readonly name: string | null };
  readonly period: Period;
  /** The covering tree the figures were computed from (basis.ts). */
  readonly checkpoint: CoveringTree;
  readonly reproducibility: string;
  /** Who the report was computed for: parts the actor may not read are withheld. */
  readonly computedFor: string;
  readonly limits: readonly string[];
}

interface FormBase {
  readonly status: PartStatus;
  readonly notes: readonly string[];
}

export interface Article7Report extends ReportHeader {
  readonly report: 'apmbc-article-7';
  /** The state's APMBC status at the period end (treaty registry). */
  readonly ottawaStatus: OttawaStatus | 'not-registered';
  readonly formA: FormBase & {
    readonly instruments: ReadonlyArray<{
      readonly kind: string;
      readonly date: string;
      readonly sourceUrl: string;
    }>;
  };
  readonly formB: FormBase & { readonly rows: readonly LotRow[]; readonly total: number };
  readonly formC: FormBase & {
    readonly hazards: readonly HazardLine[];
    readonly remainingArea: AreaFigure;
    readonly minefieldAccess: MinefieldAccess;
    readonly minefields: readonly MinefieldAreaLine[];
    /** Every minefield record of the state, counted (roles with `minefield.count`), else null. */
    readonly minefieldRecordCount: number | null;
  };
  readonly formD: FormBase & {
    readonly rows: readonly RetainedRow[];
    readonly total: number;
    readonly used: readonly LotRow[];
  };
  readonly formE: FormBase;
  readonly formF: FormBase & { readonly programmes: readonly ProgrammeRow[] };
  readonly formG: FormBase & {
    readonly art4: readonly DestroyedRow[];
    readonly art5: readonly DestroyedRow[];
    readonly other: ReadonlyArray<DestroyedRow & { readonly basis: string }>;
    readonly totalArt4: number;
    readonly totalArt5: number;
  };
  readonly formH: FormBase & { readonly types: readonly TypeFacts[] };
  readonly formI: FormBase & {
    readonly riskEducation: {
      readonly sessions: number;
      readonly audience: {
        readonly women: number;
        readonly men: number;
        readonly girls: number;
        readonly boys: number;
      };
      readonly byType: Readonly<Record<string, number>>;
    };
    readonly publicWarnings: number;
    readonly minefieldAccess: MinefieldAccess;
    readonly markings: readonly MarkingLine[];
    /** Minefield records by status (counts only). */
    readonly minefieldsByStatus: Readonly<Record<string, number>> | null;
  };
  readonly formJ: FormBase & {
    readonly accidents: number;
    readonly casualties: readonly CasualtyLine[];
    readonly commandDetonatedHeld: readonly { readonly designation: string; readonly quantity: number }[];
  };
}

export interface ReportRequest {
  readonly state: string;
  readonly year: number;
}

/** Validate a request: a two-letter state and a plausible year; every problem with its path. */
export function checkRequest(req: ReportRequest): Result<ReportRequest> {
  const problems = [];
  if (!/^[A-Z]{2}$/.test(req.state))
    problems.push(
      problem(
        'VALIDATION_FORMAT',
        'state',
        `a state is an ISO 3166-1 alpha-2 code such as FI, got "${req.state}"`,
        { value: req.state },
      ),
    );
  // The APMBC was opened for signature in December 1997; no report can cover an earlier year.
  if (!Number.isInteger(req.year) || req.year < 1997 || req.year > 9998)
    problems.push(
      problem(
        'VALIDATION_RANGE',
        'year',
        `a reporting year is a whole year from 1997, got ${String(req.year)}`,
        { value: req.year },
      ),
    );
  return problems.length > 0 ? err(problems) : ok(req);
}

/** The mine type catalogue (reference data, read for designations and Form H). */
export async function catalogueOf(docs: DocReader): Promise<ReadonlyMap<string, MineType>> {
  const types = (await docs.findDocs({ collection: STOCK_COLLECTIONS.types })).map(
    (d) => d.data as unknown as MineType,
  );
  return new Map(types.map((t) => [t.id, t]));
}

export function withheld(permission: string): readonly string[] {
  return [`withheld: needs ${permission}`];
}

const sum = (rows: ReadonlyArray<{ readonly quantity: number }>): number =>
  rows.reduce((s, r) => s + r.quantity, 0);

/** The common header, with the state's name from the registry. */
export async function headerOf(
  docs: DocReader,
  actor: Actor,
  req: ReportRequest,
  period: Period,
  tree: CoveringTree,
  limits: readonly string[],
): Promise<ReportHeader> {
  const s = await getTreatyState(docs, req.state);
  return {
    state: { code: req.state, name: s?.name ?? null },
    period,
    checkpoint: tree,
    reproducibility: reproducibility(period, tree),
    computedFor: actor.name,
    limits,
  };
}

/** What both treaty reports are computed from, as the reader may see it. */
export interface TreatyFacts {
  readonly access: ReturnType<typeof accessOf>;
  readonly catalogue: ReadonlyMap<string, MineType>;
  /** Undefined when the reader may not read stock (the parts built on it are withheld). */
  readonly stock: StockFacts | undefined;
  readonly field: Awaited<ReturnType<typeof fieldFacts>>;
  readonly registry: Awaited<ReturnType<typeof getTreatyState>>;
}

/**
 * Refuse a reader without `report.read` and a malformed request; otherwise gather the facts of
 * `req.state` as of the period end that the Article 7 and the CCW Article 13 reports share.
 */
export async function treatyFacts(
  docs: DocReader,
  actor: Actor,
  req: ReportRequest,
  period: Period,
  tree: CoveringTree,
): Promise<Result<TreatyFacts>> {
  if (!can(actor, 'report.read'))
    return err([
      problem('AUTH_FORBIDDEN', '', `${actor.name} may not read treaty reports (needs report.read)`),
    ]);
  const checked = checkRequest(req);
  if (!checked.ok) return checked;
  const access = accessOf(actor);
  const catalogue = await catalogueOf(docs);
  const stock = access.stock
    ? await stockFacts(docs, actor, req.state, period, tree).then((r) => (r.ok ? r.value : undefined))
    : undefined;
  const field = await fieldFacts(docs, actor, req.state, period, catalogue);
  const registry = await getTreatyState(docs, req.state);
  return ok({ access, catalogue, stock, field, registry });
}

/**
 * The Article 7 report of `req.state` for `req.year`, from documents replayed as of the period end.
 * Refused unless the actor holds `report.read`. Parts the actor may not read are marked withheld.
 */
export async function article7Report(
  docs: DocReader,
  actor: Actor,
  req: ReportRequest,
  period: Period,
  tree: CoveringTree,
): Promise<Result<Article7Report>> {
  const facts = await treatyFacts(docs, actor, req, period, tree);
  if (!facts.ok) return facts;
  const { access, stock, field, registry } = facts.value;
  const status = registry === undefined ? 'not-registered' : statusOf(registry, new Date(period.end));

  const limits: string[] = [
    'Figures are computed from the records in this Cairn instance only; what was never recorded here is not reported.',
    'Land-release records are dated by their field report (activity end, session, accident date) and counted when approved with an effective date on or before the period end.',
  ];
  if (!access.landRelease)
    limits.push(
      `Land-release figures include only records public to everyone (${actor.name} lacks landrelease.read).`,
    );
  if (field.unattributed > 0)
    limits.push(
      `${field.unattributed} land-release record(s) carry no region and no link to a state's hazard or minefield record; they are left out.`,
    );
  if (status === 'withdrawn' || status === 'not-party') {
    limits.push(
      `At the period end the state's APMBC status is "${status}": Article 7 reporting is no longer legally required; this report is voluntary transparency (law-and-standards §1.2).`,
    );
  }

  const stockNotes = (extra: readonly string[] = []): readonly string[] =>
    stock === undefined ? withheld('stock.read') : extra;
  const stockStatus: PartStatus = stock === undefined ? 'withheld' : 'computed';
  const mfNotes: string[] = [];
  if (field.minefields.access === 'count-only')
    mfNotes.push(
      'Minefield records are classified: counts only (needs minefield.read and clearance for contents).',
    );
  if (field.minefields.access === 'withheld')
    mfNotes.push('Minefield records: withheld (needs minefield.read or minefield.count).');
  if (
    field.minefields.access === 'records' &&
    field.minefields.total !== null &&
    field.minefields.total > field.minefields.records.length
  ) {
    mfNotes.push(
      `${field.minefields.total - field.minefields.records.length} minefield record(s) of the state are beyond ${actor.name}'s clearance or scope and are not shown.`,
    );
  }

  const header = await headerOf(docs, actor, req, period, tree, limits);
  return ok({
    report: 'apmbc-article-7',
    ...header,
    ottawaStatus: status,
    formA: {
      status: 'no-information-recorded',
      notes: [
        `National implementation measures (Art 9): ${NO_INFORMATION}. The treaty instruments below are context, not Art 9 measures.`,
      ],
      instruments: (registry?.instruments ?? []).map((i) => ({
        kind: i.kind,
        date: i.date,
        sourceUrl: i.sourceUrl,
      })),
    },
    formB: {
      status: stockStatus,
      notes: stockNotes([
        'Stockpiled AP mines at the period end (storage and in transit); retained mines are in Form D.',
      ]),
      rows: stock?.formB ?? [],
      total: sum(stock?.formB ?? []),
    },
    formC: {
      status: 'computed',
      notes: [
        'Hazardous areas still open or worked on at the period end, where AP mines are confirmed or suspected; remaining area in m² (ha, km² for display).',
        ...(access.landRelease
          ? []
          : ['Only hazards published as public warnings are visible to this actor.']),
        ...mfNotes,
      ],
      hazards: field.hazards,
      remainingArea: areaFigure(field.hazards.reduce((s, h) => s + h.remainingArea.m2, 0)),
      minefieldAccess: field.minefields.access,
      minefields: field.minefieldAreas,
      minefieldRecordCount: field.minefields.total,
    },
    formD: {
      status: stockStatus,
      notes: stockNotes([
        'AP mines retained under Art 3 at the period end, with the authorised institution; "used" is consumption in training during the period.',
      ]),
      rows: stock?.formD ?? [],
      total: sum(stock?.formD ?? []),
      used: stock?.formDUsed ?? [],
    },
    formE: {
      status: 'no-information-recorded',
      notes: [`Conversion or decommissioning of AP mine production facilities: ${NO_INFORMATION}.`],
    },
    formF: {
      status: stockStatus,
      notes: stockNotes([
        `Destruction of AP mines executed in the period, by basis, method and site. Safety and environmental standards: ${NO_INFORMATION}.`,
      ]),
      programmes: stock?.programmes ?? [],
    },
    formG: {
      status: stockStatus === 'withheld' && field.apDestroyedInPlace.length === 0 ? 'withheld' : 'computed',
      notes: [
        ...stockNotes(),
        'Art 4: stockpile destruction. Art 5: AP mines from mined areas — destroyed through stock with basis art5, and devices destroyed in place by land release.',
        ...(field.apRemoved > 0
          ? [
              `${field.apRemoved} AP mine(s) were removed from mined areas (not destroyed in place); they count here once destroyed through stock.`,
            ]
          : []),
      ],
      art4: stock?.destroyedArt4 ?? [],
      art5: [
        ...(stock?.destroyedArt5 ?? []),
        ...field.apDestroyedInPlace.map((d) => ({
          designation: d.designation,
          lotNumber: '',
          quantity: d.quantity,
          source: 'land-release-in-place' as const,
        })),
      ],
      other: stock?.destroyedOther ?? [],
      totalArt4: sum(stock?.destroyedArt4 ?? []),
      totalArt5: sum(stock?.destroyedArt5 ?? []) + sum(field.apDestroyedInPlace),
    },
    formH: {
      status: stockStatus,
      notes: stockNotes([
        'Technical characteristics of each AP mine type owned or possessed at the period end (Forms B and D), from the mine type catalogue.',
      ]),
      types: stock?.apTypesHeld ?? [],
    },
    formI: {
      status: 'computed',
      notes: [
        'Warning measures: risk education sessions in the period, public warnings in force, and marking of minefield records (APII Art 5(2)(a); APMBC Art 5(2)).',
        ...mfNotes,
      ],
      riskEducation: field.eore,
      publicWarnings: field.publicWarnings,
      minefieldAccess: field.minefields.access,
      markings: field.markings,
      minefieldsByStatus: field.minefields.byStatus,
    },
    formJ: {
      status: 'computed',
      notes: [
        'Victim assistance: casualties of accidents in the period by outcome, sex and age group — counts only, never personal data.',
        ...(stock === undefined
          ? withheld('stock.read').map((w) => `Command-detonated-only types held: ${w}`)
          : []),
        `International cooperation and assistance: ${NO_INFORMATION}.`,
      ],
      accidents: field.accidents,
      casualties: field.casualties,
      commandDetonatedHeld: stock?.commandDetonatedHeld ?? [],
    },
  });
}
