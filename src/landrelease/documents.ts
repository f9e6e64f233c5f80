/**
 * The land-release projection collections, each with the type of its documents' data: the
 * projector writes through them and every reader reads through them, so a renamed field breaks
 * the build rather than a report. Types derived from an event payload follow its schema.
 */
import { collection } from '../command/index.js';
import type { LandReleaseEvent } from './events.js';
import type { Casualty } from './victims.js';
import {
  ACCIDENTS,
  DEVICES,
  EORE_SESSIONS,
  HAZARDS,
  LR_SUBMISSIONS,
  RELEASES,
  type DeviceRecord,
  type HazardDoc,
  type ReleaseRecord,
  type SubmissionKind,
  type SubmissionStatus,
} from './types.js';

/** The payload of a land-release event as the projector receives it (its schema's output). */
type Projected<T extends LandReleaseEvent['type']> = Extract<LandReleaseEvent, { type: T }>['payload'];

type Submitted = Projected<'landrelease.submitted'>;
/** A workbench document. */
export interface SubmissionRecord {
  readonly id: string;
  readonly kind: SubmissionKind;
  readonly version: number;
  readonly status: SubmissionStatus;
  /** The report as submitted (an accident's victims sealed): its kind's schema checked it then. */
  readonly report: Submitted['report'];
  readonly qaNotes: Submitted['qaNotes'];
  readonly submittedBy: string;
  readonly submittedAt: string;
  readonly corrects: string | null;
  readonly supersededBy: string | null;
  /** The official record this submission creates or corrects (known once approved, or inherited). */
  readonly officialId: string | null;
  readonly reviewedBy: string | null;
  readonly reason: string | null;
  readonly history: readonly {
    readonly action: string;
    readonly by: string;
    readonly at: string;
    readonly seq: number;
    readonly reason?: string;
    /** The submission that corrected this one. */
    readonly correction?: string;
  }[];
  readonly classification: string;
}

type AccidentPayload = Projected<'landrelease.accident-recorded'>;
/** An accident: its report without victims or location (the geometry), and casualty counts. */
export type AccidentDoc = Omit<
  AccidentPayload,
  'victims' | 'casualties' | 'location' | 'accidentId' | 'hazardId' | 'minefieldId' | 'region'
> & {
  readonly id: string;
  readonly hazardId: string | null;
  readonly minefieldId: string | null;
  readonly region: string | null;
  readonly month: string;
  /** Counts by outcome, sex and age group: never personal data. */
  readonly casualties: readonly Casualty[];
  readonly victimCount: number;
};

type EorePayload = Projected<'landrelease.eore-recorded'>;
/** A risk-education session: its report without location (the geometry). */
export type EoreDoc = Omit<EorePayload, 'location' | 'sessionId' | 'region'> & {
  readonly id: string;
  readonly region: string | null;
  readonly month: string;
};

export const lrDocs = {
  hazards: collection<HazardDoc>(HAZARDS),
  releases: collection<ReleaseRecord>(RELEASES),
  devices: collection<DeviceRecord>(DEVICES),
  accidents: collection<AccidentDoc>(ACCIDENTS),
  eoreSessions: collection<EoreDoc>(EORE_SESSIONS),
  submissions: collection<SubmissionRecord>(LR_SUBMISSIONS),
} as const;
