/**
 * Minefield record vocabulary (CCW Amended Protocol II Art 5, 9, 10 and Technical Annex 1, 4;
 * domain brief §9.4). Only the fields APII requires for clearance and civilian protection are kept:
 * nothing here designs, aims or plans the placement of mines.
 */
import type { Classification } from '../access/index.js';
import type { PolygonGeometry, Position } from '../geo/index.js';

/** Collection of the record documents (perimeter as the document geometry). */
export const MINEFIELDS = 'minefields';
/** Collection of reference points (point geometry), one document per point. */
export const REFERENCE_POINTS = 'reference-points';

/** The states Cairn serves; each stays bound by APII after leaving the APMBC (brief §2.7). */
export const STATES = ['FI', 'EE', 'LV', 'LT', 'PL', 'UA'] as const;
export type StateCode = (typeof STATES)[number];

/** Record types (brief §9.4). A pre-planned record starts as an intention report. */
export const RECORD_TYPES = ['hand-emplaced', 'remotely-delivered', 'booby-trap-area'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

/** Status lifecycle, in order (issue #5 §2; APII 5(2)(b), 5(3), Art 10). */
export const STATUSES = [
  'intention-reported',
  'laying',
  'laid-recorded',
  'marked-fenced-monitored',
  'changed',
  'handed-over-to-other-force',
  'control-lost',
  'clearance-in-progress',
  'cleared',
  'closed',
] as const;
export type MinefieldStatus = (typeof STATUSES)[number];

/** STANAG 2036-style minefield reports. */
export const REPORT_TYPES = [
  'intention',
  'initiation',
  'completion',
  'change',
  'transfer',
  'loss-of-control',
  'clearance-complete',
] as const;
export type ReportType = (typeof REPORT_TYPES)[number];

export const FIX_METHODS = ['gps', 'resection', 'survey'] as const;
export const EMPLACING_METHODS = [
  'hand',
  'mechanical',
  'remote-ground',
  'remote-air',
  'remote-artillery',
] as const;
export type EmplacingMethod = (typeof EMPLACING_METHODS)[number];

/** APII Art 9(2) recipients of released information. */
export const RECIPIENT_KINDS = [
  'un-secretary-general',
  'adverse-party',
  'clearance-operator',
  'national-mac',
] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];
/** Releasing to these hands the record over to mine action (APII Art 9(2), Art 10). */
export const MINE_ACTION_RECIPIENTS: readonly RecipientKind[] = ['clearance-operator', 'national-mac'];

/** Parts of a record that a release may cover. */
export const RECORD_PARTS = [
  'identity',
  'reference-points',
  'perimeter',
  'contents',
  'rows',
  'mine-positions',
  'marking',
  'reports',
] as const;
export type RecordPart = (typeof RECORD_PARTS)[number];

export const FINDING_KINDS = [
  'sign-missing',
  'sign-defaced',
  'sign-concealed',
  'fence-breach',
  'other',
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/** The event a land-release module reacts to by opening a CHA linked to the record. */
export const HANDED_TO_MINE_ACTION = 'minefield.handed-to-mine-action';

/** A point as entered, kept as evidence, with its WGS 84 position. */
export interface RecordedPoint {
  readonly position: Position;
  /** Either coordinate text in a named format, or a bearing and distance from a reference point. */
  readonly original:
    | { readonly kind: 'coordinate'; readonly text: string; readonly format: string; readonly crs: string }
    | {
        readonly kind: 'bearing';
        readonly from: string;
        readonly bearing: string;
        readonly distanceM: number;
        readonly grid?: string;
      };
}

export interface ReferencePoint {
  readonly label: string;
  readonly point: RecordedPoint;
  /** Description of the permanent landmark (TA 1(a)(i)). */
  readonly landmark: string;
  /** Bearing and distance from the reference point to the landmark, where measured. */
  readonly toLandmark?: { readonly bearing: string; readonly distanceM: number };
  readonly fixedBy: (typeof FIX_METHODS)[number];
  readonly accuracyM: number;
}

export type LifeTime =
  | { readonly kind: 'indefinite' }
  | { readonly kind: 'self-destruct'; readonly hours: number }
  | { readonly kind: 'self-deactivation'; readonly hours: number };

export type AntiHandling = { readonly present: false } | { readonly present: true; readonly type: string };

/** One contents line (TA 1(a)(iii), TA 1(b)). */
export interface ContentsLine {
  readonly typeId: string;
  readonly lotId?: string;
  readonly number: number;
  readonly emplacingMethod: EmplacingMethod;
  readonly fuzeType: string;
  readonly lifeTime: LifeTime;
  readonly antiHandling: AntiHandling;
}

export interface Perimeter {
  readonly polygon: PolygonGeometry;
  /** Turning points as entered (absent when a polygon was given directly). */
  readonly turningPoints?: readonly RecordedPoint[];
  readonly areaM2: number;
  readonly perimeterM: number;
}

export interface RowLine {
  readonly label: string;
  readonly points: readonly RecordedPoint[];
}

export interface MinePosition {
  readonly label: string;
  readonly point: RecordedPoint;
  readonly typeId?: string;
  /** For booby-traps: the operating mechanism (TA 1(a)(iii)). */
  readonly mechanism?: string;
}

export interface FiledReport {
  readonly reportId: string;
  readonly reportType: ReportType;
  readonly dtg: string;
  readonly originator: string;
  readonly recipient: string;
  readonly summary: string;
  readonly seq: number;
}

export interface SignSpec {
  readonly shape: 'triangle' | 'square';
  /** Triangle: base width; square: side. */
  readonly widthCm: number;
  /** Triangle only: height. */
  readonly heightCm?: number | undefined;
  readonly colour: string;
  readonly border: { readonly colour: string; readonly reflective: boolean };
  readonly words: readonly { readonly language: string; readonly text: string }[];
  readonly symbol?: string | undefined;
}

export interface Marking {
  readonly markingId: string;
  readonly sign: SignSpec;
  readonly signSpacingM: number;
  readonly fenceType: string;
  readonly monitoring: {
    readonly arrangement: string;
    readonly unit?: string;
    readonly patrolIntervalHours: number;
  };
  readonly installedAt: string;
  readonly seq: number;
}

export interface Finding {
  readonly findingId: string;
  readonly kind: FindingKind;
  readonly note: string;
  readonly photos: readonly string[];
  readonly repairedAt?: string;
}

export interface Inspection {
  readonly inspectionId: string;
  readonly inspectedAt: string;
  readonly inspector: string;
  readonly findings: readonly Finding[];
  readonly seq: number;
}

export interface Release {
  readonly releaseId: string;
  readonly recipient: { readonly kind: RecipientKind; readonly name: string };
  readonly parts: readonly RecordPart[];
  readonly legalBasis: string;
  readonly releasedAt: string;
  readonly seq: number;
}

export interface Withholding {
  readonly withholdingId: string;
  readonly recipient: { readonly kind: RecipientKind; readonly name: string };
  readonly reason: string;
  readonly legalBasis: string;
  readonly decidedAt: string;
  readonly seq: number;
}

/** The projected record document's data. */
export interface MinefieldRecord {
  readonly id: string;
  readonly humanId: string;
  readonly state: StateCode;
  readonly unit: string;
  readonly classification: Classification;
  readonly region?: string;
  /** Command levels holding copies (TA 1(c)). */
  readonly copiesHeldAt: readonly string[];
  readonly recordType: RecordType;
  readonly status: MinefieldStatus;
  readonly statusHistory: readonly {
    readonly status: MinefieldStatus;
    readonly at: string;
    readonly seq: number;
    readonly reason?: string;
  }[];
  readonly referencePoints: readonly ReferencePoint[];
  readonly perimeter?: Perimeter;
  readonly rows: readonly RowLine[];
  readonly minePositions: readonly MinePosition[];
  /** Why individual or row positions are not recorded (TA 1(a)(iii) "whenever feasible"). */
  readonly positionsNotFeasible?: string;
  readonly contents: readonly ContentsLine[];
  readonly layingStart?: string;
  readonly layingEnd?: string;
  readonly reports: readonly FiledReport[];
  readonly markings: readonly Marking[];
  readonly inspections: readonly Inspection[];
  readonly releases: readonly Release[];
  readonly withholdings: readonly Withholding[];
  readonly handedToMineAction?: {
    readonly at: string;
    readonly recipient: { readonly kind: RecipientKind; readonly name: string };
  };
  readonly receivingForce?: string;
  readonly controlLostReason?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}
