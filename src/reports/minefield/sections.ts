/**
 * What the record sheet says, once, for every format: the headings, the tables (columns and the
 * cells of each row) and the sentences between them. The HTML and PDF renderers lay these out;
 * neither decides what a section holds, so the two formats of one sheet always show the same facts.
 */
import type { MinefieldSheet } from './sheet.js';

export type Cell = string | number;

/** One table of the sheet: its columns and rows (empty: nothing recorded). */
export interface SheetTable {
  readonly head: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
}

export const HEADINGS = {
  map: 'Sketch map: perimeter, reference points and bearings',
  referencePoints: 'Reference points (APII TA 1(a)(i))',
  contents: 'Contents (APII TA 1(a)(iii))',
  reconciliation: 'Reconciliation with stock issues',
  marking: 'Marking, fencing and monitoring (APII Art 5(2)(a), TA 4)',
  reports: 'Minefield reports',
  releases: 'Releases and withholdings (APII Art 9(2))',
  checkpoint: 'Ledger checkpoint',
} as const;

/** The tables of the sheet, in the order they appear. */
export interface SheetTables {
  readonly fields: SheetTable;
  readonly referencePoints: SheetTable;
  readonly contents: SheetTable;
  readonly reconciliation: SheetTable;
  readonly inspections: SheetTable;
  readonly reports: SheetTable;
  readonly releases: SheetTable;
  readonly withholdings: SheetTable;
}

export function sheetTables(s: MinefieldSheet): SheetTables {
  const r = s.record;
  return {
    fields: {
      head: ['Field', 'Value'],
      rows: [
        ['State', r.state],
        ['Responsible unit', r.unit],
        ['Record type', r.recordType],
        ['Status', r.status],
        ['Laying start', r.layingStart ?? '—'],
        ['Laying end', r.layingEnd ?? '—'],
        ['Copies held at (TA 1(c))', r.copiesHeldAt.join('; ') || '—'],
        [
          'Area',
          s.perimeter === null ? '—' : `${s.perimeter.areaM2} m², perimeter ${s.perimeter.perimeterM} m`,
        ],
      ],
    },
    referencePoints: {
      head: ['Label', 'Entered', 'CRS', 'Landmark', 'To landmark', 'Fixed by', 'Accuracy m', 'To perimeter'],
      rows: s.referencePoints.map((p) => [
        p.label,
        p.entered,
        p.crs,
        p.landmark,
        p.toLandmark ?? '—',
        p.fixedBy,
        p.accuracyM,
        p.toPerimeter === null
          ? '—'
          : `${p.toPerimeter.trueBearingDeg}° true (${p.toPerimeter.mils} mil), ${p.toPerimeter.distanceM} m`,
      ]),
    },
    contents: {
      head: ['#', 'Type', 'Cat.', 'Lot', 'Number', 'Emplacing', 'Fuze', 'Life time', 'Anti-handling'],
      rows: s.contents.map((c) => [
        c.line,
        c.type,
        c.category,
        c.lot,
        c.number,
        c.emplacingMethod,
        c.fuzeType,
        c.lifeTime,
        c.antiHandling,
      ]),
    },
    reconciliation: {
      head: ['Type', 'Lot', 'Issued', 'Returned', 'Recorded', 'Difference'],
      rows: s.reconciliation.map((l) => [l.typeId, l.lotId, l.issued, l.returned, l.recorded, l.difference]),
    },
    inspections: {
      head: ['Inspected', 'Inspector', 'Findings'],
      rows: s.marking.inspections.map((i) => [i.date, i.inspector, i.findings.join('; ') || 'no defects']),
    },
    reports: {
      head: ['Type', 'DTG', 'Originator', 'Recipient', 'Summary'],
      rows: s.reports.map((x) => [x.type, x.dtg, x.originator, x.recipient, x.summary]),
    },
    releases: {
      head: ['Released', 'Recipient', 'Parts', 'Legal basis'],
      rows: s.releases.map((x) => [x.date, x.recipient, x.parts, x.legalBasis]),
    },
    withholdings: {
      head: ['Withheld', 'Recipient', 'Reason'],
      rows: s.withholdings.map((x) => [x.date, x.recipient, x.reason]),
    },
  };
}

/** The marking paragraph: its status, and the latest marking's sign, fence and monitoring. */
export function markingText(s: MinefieldSheet): string {
  const m = s.marking.latest;
  const status = `Marking status: ${s.marking.status}`;
  if (m === null) return `${status}.`;
  const words = m.sign.words.map((w) => `${w.language}: ${w.text}`).join(', ');
  return (
    `${status}. Sign: ${m.sign.shape} ${m.sign.widthCm} cm, ${m.sign.colour}, ${m.sign.border.colour} border; ` +
    `words ${words}. Spacing ${m.signSpacingM} m. Fence: ${m.fenceType}. Monitoring: ` +
    `${m.monitoring.arrangement}, patrol every ${m.monitoring.patrolIntervalHours} h. Installed ${m.installedAt}.`
  );
}

export const totalText = (s: MinefieldSheet): string => `Total mines: ${s.totalMines}`;

export const checkpointText = (s: MinefieldSheet): string =>
  `Computed from log ${s.checkpoint.origin} at tree size ${s.checkpoint.size}; root ${s.checkpoint.rootHex}`;

export const generatedText = (s: MinefieldSheet): string => `Generated ${s.generatedAt}`;
