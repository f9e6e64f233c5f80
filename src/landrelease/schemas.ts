/**
 * Boundary schemas of the land-release commands. Field reports follow the GICHD Minimum Data
 * Requirements: what the MDR requires is required here; what it recommends is optional and its
 * absence becomes a QA note on the workbench rather than a refusal.
 */
import { z } from 'zod';
import { CLASSIFICATIONS } from '../access/index.js';
import { calendarDateSchema } from '../command/index.js';
import {
  ACCIDENT_KINDS,
  ACTIVITY_STATUSES,
  ACTIVITY_TYPES,
  AGE_GROUPS,
  ASSETS,
  ASSISTANCE_TYPES,
  DEVICE_CATEGORIES,
  DEVICE_CONDITIONS,
  DISPOSALS,
  EVIDENCE_KINDS,
  HAZARD_KINDS,
  HAZARD_STATUSES,
  PRIORITIES,
  RELEASE_METHODS,
  SEXES,
} from './types.js';

export const isoDate = calendarDateSchema;
const count = z.number().int().min(0, 'a count cannot be negative');
const text = z.string().trim().min(1).max(2000);
const id = z.string().min(1).max(128);
/** [lon, lat] in WGS 84. */
export const lonLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
/** GeoJSON geometry, validated by geo.validateGeometry in decide (every problem, with paths). */
const geometry = z.unknown();
const classification = z.enum(CLASSIFICATIONS);
const region = z
  .string()
  .regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, 'a region is an ISO 3166 code such as CO or UA-14');

/**
 * A photo kept outside the ledger (POST /api/attachments), referenced by the SHA-256 of its bytes:
 * the ledger commits to the hash, so a photo cannot be swapped after the report is recorded.
 */
export const attachmentRef = z
  .object({
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 is 64 lower-case hex digits'),
    mediaType: z.enum(['image/jpeg', 'image/png', 'image/webp']),
    bytes: z
      .number()
      .int()
      .min(1)
      .max(10 * 1024 * 1024, 'an attachment is at most 10 MiB'),
  })
  .strict();
export type AttachmentRef = z.infer<typeof attachmentRef>;

/**
 * Where a point of the report came from: a device position fix (Geolocation API) with its
 * horizontal accuracy, so a reviewer can tell a GPS point of ±4 m from one typed from a map.
 */
export const positionFix = z
  .object({
    /** What the fix filled, e.g. "perimeter[0]" or "perimeter.reference". */
    field: z.string().min(1).max(200),
    point: lonLat,
    accuracyM: z.number().min(0, 'an accuracy cannot be negative').max(100_000),
    source: z.enum(['device-gps']),
    capturedAt: z.string().min(1).max(40),
  })
  .strict();
export type PositionFix = z.infer<typeof positionFix>;

/** Photos and device positions of a field report (optional: older reports have neither). */
const fieldEvidence = {
  attachments: z.array(attachmentRef).max(20, 'at most 20 photos a report').optional(),
  positions: z.array(positionFix).max(200).optional(),
};

export const sadd = z.object({ women: count, men: count, girls: count, boys: count }).strict();

export const hazardReport = z
  .object({
    name: text,
    kind: z.enum(HAZARD_KINDS),
    evidence: z.object({ kind: z.enum(EVIDENCE_KINDS), items: z.array(text).default([]) }).strict(),
    devices: z
      .object({
        suspected: z.array(z.enum(DEVICE_CATEGORIES)).default([]),
        confirmed: z.array(z.enum(DEVICE_CATEGORIES)).default([]),
      })
      .strict()
      .default({ suspected: [], confirmed: [] }),
    perimeter: geometry,
    benchmark: lonLat.optional(),
    estimatedAreaM2: z.number().min(0, 'an area cannot be negative').optional(),
    landUse: z.array(text).default([]),
    blockages: z.array(text).default([]),
    beneficiaries: sadd.optional(),
    priority: z.enum(PRIORITIES).optional(),
    minefieldIds: z.array(id).default([]),
    classification: classification.default('restricted'),
    region: region.optional(),
    ...fieldEvidence,
  })
  .strict();
export type HazardReport = z.infer<typeof hazardReport>;

export const releaseOutput = z
  .object({
    method: z.enum(RELEASE_METHODS),
    geometry,
    /** IMSMA distinguishes reduction with and without a technical asset. */
    withAsset: z.boolean().optional(),
    criteria: text.optional(),
  })
  .strict();

export const deviceFound = z
  .object({
    location: lonLat,
    category: z.enum(DEVICE_CATEGORIES),
    typeId: id.optional(),
    lotId: id.optional(),
    condition: z.enum(DEVICE_CONDITIONS).default('unknown'),
    depthCm: z.number().min(0, 'a depth cannot be negative').optional(),
    disposal: z.enum(DISPOSALS).optional(),
    count: count.default(1),
  })
  .strict();

export const activityReport = z
  .object({
    hazardId: id,
    type: z.enum(ACTIVITY_TYPES),
    organisation: id,
    assets: z.array(z.enum(ASSETS)).default([]),
    depthCm: z.number().min(0, 'a depth cannot be negative').optional(),
    startDate: isoDate,
    endDate: isoDate.optional(),
    hours: z.number().min(0, 'hours cannot be negative').optional(),
    status: z.enum(ACTIVITY_STATUSES),
    notChecked: z
      .object({ areaM2: z.number().min(0, 'an area cannot be negative'), reason: text })
      .strict()
      .optional(),
    outputs: z.array(releaseOutput).default([]),
    devices: z.array(deviceFound).default([]),
    ...fieldEvidence,
  })
  .strict();
export type ActivityReport = z.infer<typeof activityReport>;

export const victim = z
  .object({
    sex: z.enum(SEXES),
    ageGroup: z.enum(AGE_GROUPS),
    age: count.optional(),
    name: text.optional(),
    occupation: text.optional(),
    activityAtTime: text.optional(),
    outcome: z.enum(['killed', 'injured']),
    injuries: z.array(text).default([]),
    consent: z.boolean().default(false),
  })
  .strict();

export const accidentReport = z
  .object({
    kind: z.enum(ACCIDENT_KINDS),
    date: isoDate,
    location: lonLat,
    hazardId: id.optional(),
    minefieldId: id.optional(),
    device: z
      .object({ category: z.enum(DEVICE_CATEGORIES), typeId: id.optional() })
      .strict()
      .optional(),
    cause: text.optional(),
    activation: text.optional(),
    ordnanceMoved: z.boolean().optional(),
    areaMarked: z.boolean().optional(),
    description: text,
    victims: z.array(victim).default([]),
    classification: classification.default('restricted'),
    region: region.optional(),
  })
  .strict();
export type AccidentReport = z.infer<typeof accidentReport>;

export const eoreReport = z
  .object({
    date: isoDate,
    location: lonLat,
    organisation: id,
    type: text.default('community session'),
    audience: sadd,
    hazardIds: z.array(id).default([]),
    materials: z.array(text).default([]),
    classification: classification.default('public'),
    region: region.optional(),
  })
  .strict();
export type EoreReport = z.infer<typeof eoreReport>;

const corrects = id.optional();
export const submitPayload = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('hazard'), report: hazardReport, corrects }).strict(),
  z.object({ kind: z.literal('activity'), report: activityReport, corrects }).strict(),
  z.object({ kind: z.literal('accident'), report: accidentReport, corrects }).strict(),
  z.object({ kind: z.literal('eore'), report: eoreReport, corrects }).strict(),
]);
export type SubmitPayload = z.infer<typeof submitPayload>;

export const statusPayload = z
  .object({ hazardId: id, status: z.enum(HAZARD_STATUSES), reason: text })
  .strict();
export const referralPayload = z
  .object({ victimId: id, type: z.enum(ASSISTANCE_TYPES), provider: text, note: text.optional() })
  .strict();
