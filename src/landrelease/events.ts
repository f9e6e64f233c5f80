/**
 * The land-release module's events: one strict schema per type, at its current version. The
 * official records carry the field report as the workbench validated it (schemas.ts) with the
 * ids minted and the areas computed in `decide`, so replay never re-runs geometry.
 */
import { z } from 'zod';
import { CLASSIFICATIONS } from '../access/index.js';
import {
  arealGeometryJson,
  defineEvents,
  eventDef,
  type EventsOf,
  type PayloadOf,
} from '../command/index.js';
import { activityReport, eoreReport, hazardReport, isoDate, lonLat, victim } from './schemas.js';
import {
  ACCIDENT_KINDS,
  ACTIVITY_TYPES,
  AGE_GROUPS,
  ASSISTANCE_TYPES,
  DEVICE_CATEGORIES,
  DEVICE_CONDITIONS,
  DISPOSALS,
  HAZARD_STATUSES,
  RELEASE_METHODS,
  SEXES,
  SUBMISSION_KINDS,
} from './types.js';

const id = z.string().min(1);
const text = z.string().min(1);
const area = z.number().nonnegative();
/** The workbench submission an official record came from, and its version; null when recorded directly. */
const common = { submissionId: id.nullable(), version: z.number().int().positive() };
/** The hazard's area accounts after the event (ISO 8601 areas in m², geodesic). */
const areas = { hazardAreaM2: area, releasedAreaM2: area, remainingAreaM2: area };

/** A QA note from the workbench: a problem with a severity. */
const qaNote = z.strictObject({
  code: z.string().min(1),
  path: z.string(),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).exactOptional(),
  severity: z.enum(['blocking', 'warning']),
});

/** Victims as the ledger keeps them: sealed references and counts, never personal data. */
const victimRef = z.strictObject({
  victimId: id,
  sealedId: id,
  commitment: z.string().regex(/^[0-9a-f]{64}$/),
});
const casualty = z.strictObject({
  outcome: z.enum(['killed', 'injured']),
  sex: z.enum(SEXES),
  ageGroup: z.enum(AGE_GROUPS),
  count: z.number().int().positive(),
});
const sealedAccident = z.strictObject({
  kind: z.enum(ACCIDENT_KINDS),
  date: isoDate,
  location: lonLat,
  hazardId: id.exactOptional(),
  minefieldId: id.exactOptional(),
  device: z.strictObject({ category: z.enum(DEVICE_CATEGORIES), typeId: id.exactOptional() }).exactOptional(),
  cause: text.exactOptional(),
  activation: text.exactOptional(),
  ordnanceMoved: z.boolean().exactOptional(),
  areaMarked: z.boolean().exactOptional(),
  description: text,
  // Accidents recorded before victims were sealed carry the victims themselves and no counts
  // (the projector derives them); every later one carries references and counts only.
  victims: z.array(z.union([victimRef, victim])),
  casualties: z.array(casualty).exactOptional(),
  classification: z.enum(CLASSIFICATIONS),
  region: z.string().exactOptional(),
});

const release = z.strictObject({
  releaseId: id,
  method: z.enum(RELEASE_METHODS),
  geometry: arealGeometryJson,
  areaM2: area,
  withAsset: z.boolean().nullable(),
  criteria: text.nullable(),
});
const device = z.strictObject({
  deviceId: id,
  location: lonLat,
  category: z.enum(DEVICE_CATEGORIES),
  typeCategory: z.string().nullable(),
  typeId: id.nullable(),
  lotId: id.nullable(),
  condition: z.enum(DEVICE_CONDITIONS),
  depthCm: z.number().nonnegative().nullable(),
  disposal: z.enum(DISPOSALS).nullable(),
  count: z.number().int().nonnegative(),
});

/** A row of a programme's monthly summary: import.ts's `importRow`, with the ids resolved. */
const summaryRow = z.strictObject({
  line: z.number().int().min(2),
  year: z.number().int(),
  month: z.number().int().min(1).max(12),
  organisation: text,
  place: z.strictObject({ code: z.string(), name: z.string(), parent: z.string() }),
  programme: z.string().nullable(),
  areas: z.partialRecord(z.enum(RELEASE_METHODS), area),
  devices: z.partialRecord(z.enum(DEVICE_CATEGORIES), z.number().int().nonnegative()),
  activities: z.partialRecord(z.enum(ACTIVITY_TYPES), z.number().int().nonnegative()),
  organisationId: id,
  activityId: id,
});

export const landReleaseEvents = defineEvents('landrelease.', [
  /** A field report on the workbench; an accident's victims are already sealed (victims.ts). */
  eventDef(
    'landrelease.submitted',
    z.strictObject({
      submissionId: id,
      kind: z.enum(SUBMISSION_KINDS),
      version: z.number().int().positive(),
      corrects: id.nullable(),
      officialId: id.nullable(),
      // The report as its kind's schema validated it at submission (schemas.ts `submitPayload`).
      report: z.record(z.string(), z.unknown()),
      qaNotes: z.array(qaNote).readonly(),
    }),
  ),
  eventDef(
    'landrelease.submission-approved',
    z.strictObject({ submissionId: id, officialId: id, note: z.string().nullable() }),
  ),
  eventDef('landrelease.submission-rejected', z.strictObject({ submissionId: id, reason: text })),
  eventDef(
    'landrelease.hazard-recorded',
    hazardReport.extend({
      ...common,
      hazardId: id,
      humanId: text,
      perimeter: arealGeometryJson,
      ...areas,
      /** Set on a CHA opened from a minefield record handed to mine action: who received it. */
      recipient: z.string().nullable().exactOptional(),
    }),
  ),
  eventDef(
    'landrelease.hazard-status-changed',
    z.strictObject({
      hazardId: id,
      from: z.enum(HAZARD_STATUSES),
      to: z.enum(HAZARD_STATUSES),
      reason: text,
    }),
  ),
  eventDef('landrelease.hazard-warning-published', z.strictObject({ hazardId: id, reason: text })),
  eventDef(
    'landrelease.activity-recorded',
    activityReport.omit({ outputs: true, devices: true }).extend({
      ...common,
      activityId: id,
      outputs: z.null(),
      ...areas,
      hazardClassification: z.enum(CLASSIFICATIONS),
      hazardStatus: z.enum(HAZARD_STATUSES),
      publicWarning: z.boolean(),
      releases: z.array(release),
      devices: z.array(device),
    }),
  ),
  eventDef('landrelease.accident-recorded', sealedAccident.extend({ ...common, accidentId: id })),
  eventDef('landrelease.eore-recorded', eoreReport.extend({ ...common, sessionId: id })),
  eventDef(
    'landrelease.victim-data-erased',
    z.strictObject({ victimId: id, erasedSealedIds: z.array(id).min(1), reason: text }),
  ),
  eventDef(
    'landrelease.assistance-referred',
    z.strictObject({
      referralId: id,
      victimId: id,
      type: z.enum(ASSISTANCE_TYPES),
      provider: text,
      note: text.nullable(),
    }),
  ),
  eventDef(
    'landrelease.summary-imported',
    z.strictObject({
      profile: text,
      source: z.strictObject({ name: text, sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
      region: z.string().regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/),
      rows: z.array(summaryRow).min(1),
    }),
  ),
]);

export type LandReleaseEvent = EventsOf<typeof landReleaseEvents>;
/** The payload of a land-release event type, as a decide function builds it. */
export type LandReleasePayload<T extends LandReleaseEvent['type']> = PayloadOf<
  (typeof landReleaseEvents.defs)[number],
  T
>;
