/**
 * The CCW Amended Protocol II Article 13(4) annual report for one state and one calendar year
 * (law-and-standards §2.6; sub-paragraphs (a)–(c) verified, (d)–(f) from memory, as the brief says).
 * Minefield records are classified: the report carries their counts by status only, never contents.
 */
import type { Actor } from '../../access/index.js';
import { ok, type Result } from '../../core/index.js';
import type { DocReader } from '../../store/index.js';
import type { CoveringTree, Period } from './basis.js';
import {
  NO_INFORMATION,
  headerOf,
  treatyFacts,
  withheld,
  type ReportHeader,
  type ReportRequest,
} from './article7.js';
import type { AreaFigure, MinefieldAccess, PartStatus } from './scope.js';
import type { TypeFacts } from './stock-forms.js';

interface Part {
  readonly status: PartStatus;
  readonly notes: readonly string[];
}

export interface HeldType extends Omit<TypeFacts, 'formH'> {
  readonly quantity: number;
  /** Plain observations against APII technical requirements; the compliance engine judges. */
  readonly observations: readonly string[];
}

export interface CcwArticle13Report extends ReportHeader {
  readonly report: 'ccw-apii-article-13';
  readonly apii: { readonly party: boolean | null; readonly sourceUrl: string | null };
  /** 13(4)(a): dissemination of information on the Protocol to armed forces and civilians. */
  readonly dissemination: Part & {
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
  };
  /** 13(4)(b): mine clearance and rehabilitation programmes. */
  readonly clearance: Part & {
    readonly released: Readonly<Record<'cancelled' | 'reduced' | 'cleared' | 'total', AreaFigure>>;
    readonly devicesByCategory: Readonly<Record<string, number>>;
    readonly hazardsByStatus: Readonly<Record<string, number>>;
    readonly remainingArea: AreaFigure;
  };
  /** 13(4)(c): steps to meet the Protocol's technical requirements (types held). */
  readonly technical: Part & { readonly types: readonly HeldType[] };
  /** 13(4)(d): legislation related to the Protocol. */
  readonly legislation: Part;
  /** 13(4)(e): international exchange of technical information, cooperation and assistance. */
  readonly exchange: Part;
  /** The state's minefield records, counted by status only (APII Art 9 records are classified). */
  readonly minefieldRecords: Part & {
    readonly access: MinefieldAccess;
    readonly total: number | null;
    readonly byStatus: Readonly<Record<string, number>> | null;
  };
}

/** Observations of a type held against APII technical requirements (Technical Annex 2 and 3). */
function observe(t: Omit<TypeFacts, 'formH'>): string[] {
  const out: string[] = [];
  const ap = t.category === 'AP' || t.ottawaStatus === 'banned-ap';
  // APII TA 2(a): AP mines must be detectable (8 g of iron in one coherent mass).
  if (ap && !t.detectable)
    out.push('AP type not detectable (APII Art 4, TA 2(a)); a TA 2(c) deferral may apply');
  // APII Art 6(2), TA 3(a): remotely delivered AP mines must self-destruct and self-deactivate.
  if (ap && t.remotelyDelivered && !(t.selfDestruct && t.selfDeactivation))
    out.push(
      'remotely delivered AP type without both self-destruction and self-deactivation (APII Art 6(2), TA 3)',
    );
  return out;
}

/** The APII Art 13(4) report of `req.state` for `req.year`. Refused unless the actor holds `report.read`. */
export async function ccwArticle13Report(
  docs: DocReader,
  actor: Actor,
  req: ReportRequest,
  period: Period,
  tree: CoveringTree,
): Promise<Result<CcwArticle13Report>> {
  const facts = await treatyFacts(docs, actor, req, period, tree);
  if (!facts.ok) return facts;
  const { access, stock, field, registry } = facts.value;
  const limits: string[] = [
    'Figures are computed from the records in this Cairn instance only; what was never recorded here is not reported.',
  ];
  if (!access.landRelease)
    limits.push(
      `Land-release figures include only records public to everyone (${actor.name} lacks landrelease.read).`,
    );
  if (field.unattributed > 0)
    limits.push(
      `${field.unattributed} land-release record(s) carry no region and no link to a state's hazard or minefield record; they are left out.`,
    );
  if (registry !== undefined && !registry.apiiParty)
    limits.push('The treaty registry does not record the state as party to CCW Amended Protocol II.');
  const header = await headerOf(docs, actor, req, period, tree, limits);
  const mf = field.minefields;
  return ok({
    report: 'ccw-apii-article-13',
    ...header,
    apii: { party: registry?.apiiParty ?? null, sourceUrl: registry?.apiiSourceUrl ?? null },
    dissemination: {
      status: 'computed',
      notes: [
        'Risk education sessions for civilians held in the period, with the audience by sex and age.',
        `Dissemination to armed forces: ${NO_INFORMATION}.`,
      ],
      riskEducation: field.eore,
    },
    clearance: {
      status: 'computed',
      notes: [
        'Land released in the period (IMAS 07.11: cancelled, reduced, cleared; m²), devices found in the period, and hazardous areas at the period end.',
      ],
      released: field.released,
      devicesByCategory: field.devicesByCategory,
      hazardsByStatus: field.hazardsByStatus,
      remainingArea: field.remainingArea,
    },
    technical:
      stock === undefined
        ? { status: 'withheld', notes: withheld('stock.read'), types: [] }
        : {
            status: 'computed',
            notes: [
              'Types held at the period end with their detectability, self-destruction and self-deactivation (APII Art 4–6, Technical Annex 2–3).',
            ],
            types: stock.typesHeld.map(({ formH: _h, ...t }) => ({ ...t, observations: observe(t) })),
          },
    legislation: {
      status: 'no-information-recorded',
      notes: [`Legislation related to the Protocol: ${NO_INFORMATION}.`],
    },
    exchange: {
      status: 'no-information-recorded',
      notes: [
        `Measures on international technical information exchange, cooperation on clearance and assistance: ${NO_INFORMATION}.`,
      ],
    },
    minefieldRecords: {
      status: mf.byStatus === null ? 'withheld' : 'computed',
      notes:
        mf.byStatus === null
          ? withheld('minefield.count or minefield.read')
          : [
              'Minefield records (APII Art 9, Technical Annex 1) counted by status at the period end; contents are classified and never part of this report.',
              ...(mf.total === null
                ? ['Counts cover only the records this actor is cleared for (no minefield.count).']
                : []),
            ],
      access: mf.access,
      total: mf.total,
      byStatus: mf.byStatus,
    },
  });
}
