/**
 * Land-release vocabulary and the shapes of the projected documents (IMSMA Land, Activity,
 * Accident, Victim, Assistance, Education activity; GICHD Minimum Data Requirements).
 * Areas are square metres and nothing else (IMSMA Activity warning: never mix km², ha and m²).
 */
import type { Classification } from '../access/index.js';

// Collections (the HTTP layer exposes the spatial ones as OGC API Features).
export const HAZARDS = 'hazards';
export const RELEASES = 'releases';
export const ACTIVITIES = 'activities';
export const DEVICES = 'devices';
export const ACCIDENTS = 'accidents';
/** Victims' personal data: never exposed as a feature collection; read only with victim.read. */
export const VICTIMS = 'victims';
export const EORE_SESSIONS = 'eore-sessions';
/** The review workbench (IMSMA NG holding area). */
export const LR_SUBMISSIONS = 'landrelease-submissions';

/** IMSMA Land classes (law-and-standards §4.2). */
export const HAZARD_KINDS = ['indication', 'sha', 'cha', 'ammunition-storage', 'eod-spot-task'] as const;
export type HazardKind = (typeof HAZARD_KINDS)[number];

/** Evidence of contamination (IMSMA v6 field). */
export const EVIDENCE_KINDS = ['direct', 'indirect', 'none', 'not-specified'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** IMSMA land status lifecycle, extended with the MDR's "handed over". */
export const HAZARD_STATUSES = ['open', 'worked-on', 'closed', 'handed-over'] as const;
export type HazardStatus = (typeof HAZARD_STATUSES)[number];

/** Allowed status changes. Closed and handed-over are final: a correction is a new record. */
export const HAZARD_TRANSITIONS: Readonly<Record<HazardStatus, readonly HazardStatus[]>> = {
  // An SHA may be cancelled outright by non-technical survey (IMAS 07.11): open → closed.
  open: ['worked-on', 'closed'],
  // A handover certificate follows work on the ground (IMAS 08.30).
  'worked-on': ['closed', 'handed-over'],
  closed: [],
  'handed-over': [],
};

export const DEVICE_CATEGORIES = ['ap-mine', 'at-mine', 'uxo', 'ied', 'submunition', 'other'] as const;
export type DeviceCategory = (typeof DEVICE_CATEGORIES)[number];

export const PRIORITIES = ['high', 'medium', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const ACTIVITY_TYPES = ['nts', 'ts', 'clearance', 'bac', 'eod'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export const ACTIVITY_STATUSES = ['planned', 'ongoing', 'completed', 'suspended', 'aborted'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

export const ASSETS = ['manual', 'mechanical', 'dogs', 'detector', 'visual', 'other'] as const;
export type Asset = (typeof ASSETS)[number];

/** IMAS 07.11 output categories. */
export const RELEASE_METHODS = ['cancelled', 'reduced', 'cleared'] as const;
export type ReleaseMethod = (typeof RELEASE_METHODS)[number];

export const DEVICE_CONDITIONS = ['intact', 'damaged', 'deteriorated', 'unknown'] as const;
export const DISPOSALS = ['destroyed-in-place', 'removed'] as const;
export type Disposal = (typeof DISPOSALS)[number];

/** IMSMA Accident classes. */
export const ACCIDENT_KINDS = [
  'demining',
  'mine',
  'cluster',
  'ied',
  'stored-ammunition',
  'uxo',
  'other',
] as const;
export type AccidentKind = (typeof ACCIDENT_KINDS)[number];

export const SEXES = ['female', 'male', 'unknown'] as const;
export type Sex = (typeof SEXES)[number];
/** Age groups for sex- and age-disaggregated data (SADD). */
export const AGE_GROUPS = ['child', 'adult', 'unknown'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];

export const ASSISTANCE_TYPES = ['medical', 'rehabilitation', 'psychosocial', 'economic'] as const;

export const SUBMISSION_KINDS = ['hazard', 'activity', 'accident', 'eore'] as const;
export type SubmissionKind = (typeof SUBMISSION_KINDS)[number];
export const SUBMISSION_STATUSES = ['submitted', 'approved', 'rejected', 'superseded'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

/** Beneficiaries or audience, by sex and age (women, men, girls, boys). */
export interface Sadd {
  readonly women: number;
  readonly men: number;
  readonly girls: number;
  readonly boys: number;
}

export interface StatusChange {
  readonly status: HazardStatus;
  /** When it changed in the world (effectiveAt of the event). */
  readonly date: string;
  readonly reason: string;
  readonly seq: number;
}

/** Fields every land-release document carries for access filtering. */
export interface Classified {
  readonly classification: Classification;
  readonly region?: string;
}

export interface HazardRecord extends Classified {
  readonly id: string;
  readonly humanId: string;
  readonly name: string;
  readonly kind: HazardKind;
  readonly evidence: { readonly kind: EvidenceKind; readonly items: readonly string[] };
  readonly devices: {
    readonly suspected: readonly DeviceCategory[];
    readonly confirmed: readonly DeviceCategory[];
  };
  readonly benchmark: readonly [number, number] | null;
  readonly estimatedAreaM2: number | null;
  /** Geodesic area of the perimeter. */
  readonly hazardAreaM2: number;
  readonly releasedAreaM2: number;
  /** Hazard minus the union of released areas, geodesic. */
  readonly remainingAreaM2: number;
  readonly landUse: readonly string[];
  readonly blockages: readonly string[];
  readonly beneficiaries: Sadd | null;
  readonly priority: Priority | null;
  readonly minefieldIds: readonly string[];
  readonly status: HazardStatus;
  readonly statusHistory: readonly StatusChange[];
  readonly publicWarning: boolean;
  readonly createdAt: string;
}

/** A hazard document: the record, each version's provenance, and the public warning once released. */
export interface HazardDoc extends HazardRecord {
  readonly version?: number;
  readonly versions?: readonly object[];
  readonly publicWarningSince?: string;
  readonly publicWarningReason?: string;
}

/** What a release and a device found share: the activity that recorded them, and when. */
interface ActivityOutput extends Classified {
  readonly id: string;
  readonly activityId: string;
  /** Null for imported summaries, which carry figures without a hazard. */
  readonly hazardId: string | null;
  readonly organisation: string;
  /** YYYY-MM-DD, and its month YYYY-MM for totals. */
  readonly date: string;
  readonly month: string;
  /** False once a corrected version of the activity superseded it. */
  readonly current: boolean;
  readonly supersededBy?: string;
  readonly version: number;
}

export interface ReleaseRecord extends ActivityOutput {
  readonly method: ReleaseMethod;
  /** Area counted as released: inside the hazard and not released before (m²). */
  readonly areaM2: number;
  readonly withAsset: boolean | null;
  readonly criteria: string | null;
  /** Released by survey or clearance on the ground, or figures from an imported summary. */
  readonly source: 'survey' | 'import';
}

export interface DeviceRecord extends ActivityOutput {
  readonly typeId: string | null;
  /** Category of the catalogue type ('AP' | 'AT' | 'other'), or null when unidentified. */
  readonly typeCategory: string | null;
  readonly category: DeviceCategory;
  readonly lotId: string | null;
  readonly condition: string;
  readonly depthCm: number | null;
  readonly disposal: Disposal | null;
  /** 1 for a located device; imported summaries carry counts. */
  readonly count: number;
}
