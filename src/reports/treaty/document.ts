/**
 * One printable model for both treaty reports — title, facts, sections with notes and tables — so
 * CSV, HTML and PDF render the same content. Figures come from the report body unchanged.
 */
import type { Article7Report } from './article7.js';
import type { CcwArticle13Report } from './ccw.js';
import type { TreatyReport } from './compute.js';
import type { ReportHeader } from './article7.js';
import type { AreaFigure, PartStatus } from './scope.js';
import type { Cell, DocSection, DocTable, ReportDocument } from '../kit/index.js';

export type { Cell, DocSection, DocTable, ReportDocument } from '../kit/index.js';

const SUBJECT = 'Treaty report computed from the Cairn ledger';

const area = (a: AreaFigure): string => `${a.display.m2} (${a.display.ha}; ${a.display.km2})`;
const point = (p: readonly [number, number] | null): string =>
  p === null ? 'not recorded' : `${p[1].toFixed(5)}, ${p[0].toFixed(5)}`;
const yesNo = (b: boolean): string => (b ? 'yes' : 'no');
const counts = (m: Readonly<Record<string, number>> | null): Cell[][] =>
  m === null ? [] : Object.entries(m).map(([k, v]) => [k, v]);

function headerFacts(h: ReportHeader, digest: string): Array<readonly [string, Cell]> {
  return [
    ['State', `${h.state.name ?? h.state.code} (${h.state.code})`],
    ['Reporting period', `${h.period.from} – ${h.period.to}`],
    ['Computed from', `${h.checkpoint.origin} tree size ${h.checkpoint.size}, root ${h.checkpoint.root}`],
    ['Digest (SHA-256 of the canonical report body)', digest],
    ['Computed for', h.computedFor],
    ['Reproducibility', h.reproducibility],
  ];
}

function attestationLines(r: TreatyReport<unknown>): string[] {
  const a = r.attestation;
  return [
    a.note,
    `Signed checkpoint (size ${a.signedCheckpoint.size}, root ${a.signedCheckpoint.root}):`,
    ...a.signedCheckpoint.text.trimEnd().split('\n'),
    ...(a.consistencyProof.length > 0 ? ['Consistency proof:', ...a.consistencyProof] : []),
  ];
}

function limitsSection(h: ReportHeader): DocSection {
  return {
    id: 'limits',
    title: 'Limits of this report',
    legalBasis: '',
    status: 'computed',
    notes: h.limits,
    facts: [],
    tables: [],
  };
}

/** One part of a treaty report: its legal basis, whether it has anything to report, facts and tables. */
function section(
  id: string,
  title: string,
  legalBasis: string,
  part: { readonly status: PartStatus; readonly notes: readonly string[] },
  facts: Array<readonly [string, Cell]>,
  tables: DocTable[],
): DocSection {
  return { id, title, legalBasis, status: part.status, notes: part.notes, facts, tables };
}

/** The Article 7 report as a printable document. */
export function article7Document(r: TreatyReport<Article7Report>): ReportDocument {
  const b = r.body;
  const s = section;
  return {
    title: `Ottawa Convention Article 7 report — ${b.state.name ?? b.state.code}, ${b.period.year}`,
    facts: [
      ...headerFacts(b, r.digest),
      ['APMBC status at period end', b.ottawaStatus],
      ['Due', `${b.period.due} (APMBC Art 7(2))`],
    ],
    sections: [
      s(
        'A',
        'Form A — National implementation measures',
        'APMBC Art 7(1)(a), Art 9',
        b.formA,
        [],
        [
          {
            caption: 'Treaty instruments (context)',
            columns: ['kind', 'date', 'source'],
            rows: b.formA.instruments.map((i) => [i.kind, i.date, i.sourceUrl]),
          },
        ],
      ),
      s(
        'B',
        'Form B — Stockpiled anti-personnel mines',
        'APMBC Art 7(1)(b)',
        b.formB,
        [['Total', b.formB.total]],
        [
          {
            caption: 'By type and lot',
            columns: ['type', 'lot', 'quantity'],
            rows: b.formB.rows.map((x) => [x.designation, x.lotNumber, x.quantity]),
          },
        ],
      ),
      s(
        'C',
        'Form C — Location of mined areas',
        'APMBC Art 7(1)(c), Art 5(2)',
        b.formC,
        [
          ['Hazardous areas', b.formC.hazards.length],
          ['Remaining area', area(b.formC.remainingArea)],
          ['Minefield records (count)', b.formC.minefieldRecordCount ?? 'withheld'],
        ],
        [
          {
            caption: 'Hazardous areas with AP mines confirmed or suspected',
            columns: [
              'id',
              'name',
              'region',
              'kind',
              'status',
              'location (lat, lon)',
              'hazard area',
              'remaining area',
              'AP mines',
              'emplaced',
            ],
            rows: b.formC.hazards.map((h) => [
              h.humanId,
              h.name,
              h.region ?? '',
              h.kind,
              h.status,
              point(h.location),
              area(h.hazardArea),
              area(h.remainingArea),
              h.apMines,
              h.emplaced,
            ]),
          },
          ...(b.formC.minefieldAccess === 'records'
            ? [
                {
                  caption: 'Minefield records with AP mines in the ground',
                  columns: [
                    'record',
                    'status',
                    'location (lat, lon)',
                    'area',
                    'AP types and number',
                    'emplaced',
                  ],
                  rows: b.formC.minefields.map((m) => [
                    m.humanId,
                    m.status,
                    point(m.location),
                    area(m.area),
                    m.apContents.map((c) => `${c.designation} × ${c.number}`).join('; '),
                    m.emplaced,
                  ]),
                },
              ]
            : []),
        ],
      ),
      s(
        'D',
        'Form D — AP mines retained or transferred (Art 3)',
        'APMBC Art 7(1)(d), Art 3',
        b.formD,
        [['Total retained', b.formD.total]],
        [
          {
            caption: 'Retained, with the authorised institution',
            columns: ['type', 'lot', 'quantity', 'institution'],
            rows: b.formD.rows.map((x) => [x.designation, x.lotNumber, x.quantity, x.institution]),
          },
          {
            caption: 'Used in training during the period',
            columns: ['type', 'lot', 'quantity'],
            rows: b.formD.used.map((x) => [x.designation, x.lotNumber, x.quantity]),
          },
        ],
      ),
      s(
        'E',
        'Form E — Conversion or decommissioning of production facilities',
        'APMBC Art 7(1)(e)',
        b.formE,
        [],
        [],
      ),
      s(
        'F',
        'Form F — Programmes for the destruction of AP mines',
        'APMBC Art 7(1)(f), Art 4, Art 5',
        b.formF,
        [],
        [
          {
            caption: 'Destruction in the period',
            columns: ['basis', 'method', 'site', 'quantity', 'destructions', 'certificates'],
            rows: b.formF.programmes.map((p) => [
              p.basis,
              p.method,
              p.site,
              p.quantity,
              p.destructions,
              p.certificates.join('; '),
            ]),
          },
        ],
      ),
      s(
        'G',
        'Form G — AP mines destroyed in the period',
        'APMBC Art 7(1)(g), Art 4, Art 5',
        b.formG,
        [
          ['Total Art 4', b.formG.totalArt4],
          ['Total Art 5', b.formG.totalArt5],
        ],
        [
          {
            caption: 'Art 4 (stockpiles)',
            columns: ['type', 'lot', 'quantity'],
            rows: b.formG.art4.map((x) => [x.designation, x.lotNumber, x.quantity]),
          },
          {
            caption: 'Art 5 (mined areas)',
            columns: ['type', 'lot', 'quantity', 'source'],
            rows: b.formG.art5.map((x) => [x.designation, x.lotNumber, x.quantity, x.source]),
          },
          {
            caption: 'Other recorded basis',
            columns: ['basis', 'type', 'lot', 'quantity'],
            rows: b.formG.other.map((x) => [x.basis, x.designation, x.lotNumber, x.quantity]),
          },
        ],
      ),
      s(
        'H',
        'Form H — Technical characteristics of each type',
        'APMBC Art 7(1)(h)',
        b.formH,
        [],
        [
          {
            caption: 'AP mine types owned or possessed',
            columns: [
              'type',
              'dimensions',
              'fuzing',
              'explosive content',
              'metal content',
              'detectable',
              'photos',
              'clearance notes',
            ],
            rows: b.formH.types.map((t) => [
              t.designation,
              t.formH.dimensions || 'not recorded',
              t.formH.fuzing || 'not recorded',
              t.formH.explosiveContent || 'not recorded',
              t.formH.metalContent || 'not recorded',
              yesNo(t.detectable),
              t.formH.photoRefs.join('; '),
              t.formH.clearanceNotes,
            ]),
          },
        ],
      ),
      s(
        'I',
        'Form I — Measures to warn the population',
        'APMBC Art 7(1)(i), Art 5(2)',
        b.formI,
        [
          ['Risk education sessions', b.formI.riskEducation.sessions],
          [
            'Reached (women, men, girls, boys)',
            `${b.formI.riskEducation.audience.women}, ${b.formI.riskEducation.audience.men}, ${b.formI.riskEducation.audience.girls}, ${b.formI.riskEducation.audience.boys}`,
          ],
          ['Public warnings in force', b.formI.publicWarnings],
        ],
        [
          {
            caption: 'Risk education by type',
            columns: ['type', 'sessions'],
            rows: counts(b.formI.riskEducation.byType),
          },
          ...(b.formI.minefieldAccess === 'records'
            ? [
                {
                  caption: 'Marking of minefield records',
                  columns: ['record', 'status', 'markings', 'last installed', 'inspections in period'],
                  rows: b.formI.markings.map((m) => [
                    m.humanId,
                    m.status,
                    m.markings,
                    m.lastMarkingInstalled ?? '',
                    m.inspectionsInPeriod,
                  ]),
                },
              ]
            : []),
          {
            caption: 'Minefield records by status (counts)',
            columns: ['status', 'records'],
            rows: counts(b.formI.minefieldsByStatus),
          },
        ],
      ),
      s(
        'J',
        'Form J — Other relevant matters',
        'APMBC Art 7 (voluntary)',
        b.formJ,
        [['Accidents in the period', b.formJ.accidents]],
        [
          {
            caption: 'Casualties by outcome, sex and age group',
            columns: ['outcome', 'sex', 'age group', 'people'],
            rows: b.formJ.casualties.map((c) => [c.outcome, c.sex, c.ageGroup, c.count]),
          },
          {
            caption: 'Command-detonated-only types held',
            columns: ['type', 'quantity'],
            rows: b.formJ.commandDetonatedHeld.map((c) => [c.designation, c.quantity]),
          },
        ],
      ),
      limitsSection(b),
    ],
    attestation: attestationLines(r),
    subject: SUBJECT,
    ledger: b.checkpoint,
  };
}

/** The APII Article 13(4) report as a printable document. */
export function ccwDocument(r: TreatyReport<CcwArticle13Report>): ReportDocument {
  const b = r.body;
  const sec = section;
  const a = b.dissemination.riskEducation;
  return {
    title: `CCW Amended Protocol II Article 13(4) annual report — ${b.state.name ?? b.state.code}, ${b.period.year}`,
    facts: [
      ...headerFacts(b, r.digest),
      ['APII party (treaty registry)', b.apii.party === null ? 'not registered' : yesNo(b.apii.party)],
    ],
    sections: [
      sec(
        'a',
        '(a) Dissemination of information',
        'CCW APII Art 13(4)(a)',
        b.dissemination,
        [
          ['Risk education sessions', a.sessions],
          [
            'Reached (women, men, girls, boys)',
            `${a.audience.women}, ${a.audience.men}, ${a.audience.girls}, ${a.audience.boys}`,
          ],
        ],
        [{ caption: 'Sessions by type', columns: ['type', 'sessions'], rows: counts(a.byType) }],
      ),
      sec(
        'b',
        '(b) Mine clearance and rehabilitation programmes',
        'CCW APII Art 13(4)(b)',
        b.clearance,
        [
          ['Released, total', area(b.clearance.released.total)],
          ['Cancelled', area(b.clearance.released.cancelled)],
          ['Reduced', area(b.clearance.released.reduced)],
          ['Cleared', area(b.clearance.released.cleared)],
          ['Remaining hazardous area at period end', area(b.clearance.remainingArea)],
        ],
        [
          {
            caption: 'Devices found in the period',
            columns: ['category', 'devices'],
            rows: counts(b.clearance.devicesByCategory),
          },
          {
            caption: 'Hazardous areas by status at period end',
            columns: ['status', 'areas'],
            rows: counts(b.clearance.hazardsByStatus),
          },
        ],
      ),
      sec(
        'c',
        '(c) Technical requirements',
        'CCW APII Art 13(4)(c), Art 4–6, Technical Annex 2–3',
        b.technical,
        [],
        [
          {
            caption: 'Types held at period end',
            columns: [
              'type',
              'category',
              'quantity',
              'detectable',
              'self-destruct',
              'self-deactivation',
              'remotely delivered',
              'observations',
            ],
            rows: b.technical.types.map((t) => [
              t.designation,
              t.category,
              t.quantity,
              yesNo(t.detectable),
              t.selfDestruct
                ? `yes${t.selfDestructPeriodDays === null ? '' : ` (${t.selfDestructPeriodDays} d)`}`
                : 'no',
              t.selfDeactivation
                ? `yes${t.selfDeactivationPeriodDays === null ? '' : ` (${t.selfDeactivationPeriodDays} d)`}`
                : 'no',
              yesNo(t.remotelyDelivered),
              t.observations.join('; '),
            ]),
          },
        ],
      ),
      sec('d', '(d) Legislation', 'CCW APII Art 13(4)(d)', b.legislation, [], []),
      sec(
        'e',
        '(e) International technical information exchange and cooperation',
        'CCW APII Art 13(4)(e)',
        b.exchange,
        [],
        [],
      ),
      sec(
        'minefields',
        'Minefield records status summary',
        'CCW APII Art 9, Technical Annex 1',
        b.minefieldRecords,
        [
          [
            'Records (count)',
            b.minefieldRecords.total ?? (b.minefieldRecords.byStatus === null ? 'withheld' : 'see table'),
          ],
        ],
        [
          {
            caption: 'Records by status (counts only)',
            columns: ['status', 'records'],
            rows: counts(b.minefieldRecords.byStatus),
          },
        ],
      ),
      limitsSection(b),
    ],
    attestation: attestationLines(r),
    subject: SUBJECT,
    ledger: b.checkpoint,
  };
}
