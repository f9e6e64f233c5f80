/**
 * Boundary schemas of the minefield commands. Zod infers the input types; `resolve.ts` turns the
 * entered points into WGS 84 positions while keeping the original entry as evidence.
 */
import { z } from 'zod';
import { CLASSIFICATIONS } from '../access/index.js';
import { instantSchema } from '../command/index.js';
import {
  EMPLACING_METHODS,
  FINDING_KINDS,
  FIX_METHODS,
  RECIPIENT_KINDS,
  RECORD_PARTS,
  RECORD_TYPES,
  REPORT_TYPES,
  STATES,
  STATUSES,
} from './types.js';

const text = (max = 500) => z.string().trim().min(1).max(max);
const label = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9 ._/-]{0,31}$/, 'a label is 1–32 letters, digits, spaces or . _ / -');
const instant = instantSchema;
const region = z
  .string()
  .regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, 'a region is an ISO 3166 code such as FI or UA-14');

/** A point: coordinate text in a named format, or a bearing and distance from a reference point. */
export const pointInput = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('coordinate'),
      text: text(100),
      format: z.string().min(2).max(20).default('dd'),
    })
    .strict(),
  z
    .object({
      kind: z.literal('bearing'),
      from: label,
      bearing: text(30),
      distanceM: z.number().nonnegative().max(50_000),
      grid: z.string().min(3).max(20).optional(),
    })
    .strict(),
]);
export type PointInput = z.infer<typeof pointInput>;

export const referencePointInput = z
  .object({
    label,
    coordinate: z.object({ text: text(100), format: z.string().min(2).max(20).default('dd') }).strict(),
    landmark: text(300),
    toLandmark: z
      .object({ bearing: text(30), distanceM: z.number().nonnegative().max(50_000) })
      .strict()
      .optional(),
    fixedBy: z.enum(FIX_METHODS),
    accuracyM: z.number().nonnegative().max(10_000),
  })
  .strict();
export type ReferencePointInput = z.infer<typeof referencePointInput>;

export const perimeterInput = z.union([
  z
    .object({
      turningPoints: z.array(pointInput).min(3, 'a perimeter has at least 3 turning points').max(500),
    })
    .strict(),
  z.object({ polygon: z.unknown() }).strict(),
]);
export type PerimeterInput = z.infer<typeof perimeterInput>;

const lifeTime = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('indefinite') }).strict(),
  z.object({ kind: z.literal('self-destruct'), hours: z.number().positive().max(100_000) }).strict(),
  z.object({ kind: z.literal('self-deactivation'), hours: z.number().positive().max(100_000) }).strict(),
]);
const antiHandling = z.discriminatedUnion('present', [
  z.object({ present: z.literal(false) }).strict(),
  z.object({ present: z.literal(true), type: text(200) }).strict(),
]);

export const contentsLineInput = z
  .object({
    typeId: text(100),
    lotId: text(100).optional(),
    number: z.number().int().positive().max(1_000_000),
    emplacingMethod: z.enum(EMPLACING_METHODS),
    fuzeType: text(200),
    lifeTime,
    antiHandling,
  })
  .strict();
export type ContentsLineInput = z.infer<typeof contentsLineInput>;

/** Fields a record may carry; each is optional until the record is declared laid-recorded. */
export const recordFields = {
  unit: text(200).optional(),
  copiesHeldAt: z.array(text(200)).max(20).optional(),
  region: region.optional(),
  referencePoints: z.array(referencePointInput).max(50).optional(),
  perimeter: perimeterInput.optional(),
  rows: z
    .array(z.object({ label, points: z.array(pointInput).min(2).max(500) }).strict())
    .max(500)
    .optional(),
  minePositions: z
    .array(
      z
        .object({ label, point: pointInput, typeId: text(100).optional(), mechanism: text(300).optional() })
        .strict(),
    )
    .max(20_000)
    .optional(),
  positionsNotFeasible: text(500).optional(),
  contents: z.array(contentsLineInput).max(200).optional(),
  layingStart: instant.optional(),
  layingEnd: instant.optional(),
};

export const reportFields = {
  dtg: instant,
  originator: text(200),
  recipient: text(200),
  summary: text(2000),
};

export const createSchema = z
  .object({
    humanId: z
      .string()
      .regex(/^[A-Z]{2}-MF-\d{4}-\d{4}$/, 'a human id reads like FI-MF-2026-0001')
      .optional(),
    state: z.enum(STATES),
    classification: z.enum(CLASSIFICATIONS),
    recordType: z.enum(RECORD_TYPES),
    ...recordFields,
    unit: text(200),
    /** The intention report that creates the record (STANAG 2036 report of intention). */
    intention: z.object(reportFields).strict().optional(),
  })
  .strict();
export type CreateInput = z.infer<typeof createSchema>;

const ref = { minefieldId: text(100) };

export const amendSchema = z
  .object({ ...ref, ...recordFields, classification: z.enum(CLASSIFICATIONS).optional() })
  .strict();
export type AmendInput = z.infer<typeof amendSchema>;

export const reportSchema = z
  .object({
    ...ref,
    reportType: z.enum(REPORT_TYPES),
    ...reportFields,
    reason: text(1000).optional(),
    receivingForce: text(200).optional(),
  })
  .strict();
export type ReportInput = z.infer<typeof reportSchema>;

export const transitionSchema = z
  .object({
    ...ref,
    to: z.enum(STATUSES),
    reason: text(1000).optional(),
    receivingForce: text(200).optional(),
  })
  .strict();
export type TransitionInput = z.infer<typeof transitionSchema>;

export const signInput = z
  .object({
    shape: z.enum(['triangle', 'square']),
    widthCm: z.number().positive().max(1000),
    heightCm: z.number().positive().max(1000).optional(),
    colour: text(40),
    border: z.object({ colour: text(40), reflective: z.boolean() }).strict(),
    words: z
      .array(
        z
          .object({ language: z.string().regex(/^[a-z]{2,3}$/, 'an ISO 639 language code'), text: text(60) })
          .strict(),
      )
      .max(10),
    symbol: text(200).optional(),
  })
  .strict();
export type SignInput = z.infer<typeof signInput>;

export const markingSchema = z
  .object({
    ...ref,
    sign: signInput,
    signSpacingM: z.number().positive().max(1000),
    fenceType: text(200),
    monitoring: z
      .object({
        arrangement: text(300),
        unit: text(200).optional(),
        patrolIntervalHours: z
          .number()
          .positive()
          .max(24 * 90),
      })
      .strict(),
    installedAt: instant,
  })
  .strict();
export type MarkingInput = z.infer<typeof markingSchema>;

export const inspectionSchema = z
  .object({
    ...ref,
    inspectedAt: instant,
    inspector: text(200),
    findings: z
      .array(
        z
          .object({
            kind: z.enum(FINDING_KINDS),
            note: z.string().max(1000).default(''),
            photos: z.array(text(300)).max(50).default([]),
          })
          .strict(),
      )
      .max(200)
      .default([]),
  })
  .strict();
export type InspectionInput = z.infer<typeof inspectionSchema>;

export const repairSchema = z
  .object({
    ...ref,
    findingIds: z.array(text(100)).min(1).max(200),
    repairedAt: instant,
    note: z.string().max(1000).default(''),
  })
  .strict();
export type RepairInput = z.infer<typeof repairSchema>;

const recipient = z.object({ kind: z.enum(RECIPIENT_KINDS), name: text(200) }).strict();

export const releaseSchema = z
  .object({
    ...ref,
    recipient,
    parts: z
      .array(z.enum(RECORD_PARTS))
      .min(1)
      .default([...RECORD_PARTS]),
    legalBasis: text(500),
    releasedAt: instant,
  })
  .strict();
export type ReleaseInput = z.infer<typeof releaseSchema>;

export const withholdSchema = z
  .object({
    ...ref,
    recipient,
    reason: text(1000),
    legalBasis: text(500).default('CCW APII Art 9(2) (security, reciprocity)'),
    decidedAt: instant,
  })
  .strict();
export type WithholdInput = z.infer<typeof withholdSchema>;
