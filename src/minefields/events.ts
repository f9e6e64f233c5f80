/**
 * The minefields module's events: one strict schema per type, at its current version. The
 * record fields are stored as resolved in `decide` (fields.ts): WGS 84 positions with the
 * original entry kept as evidence (APII TA 1).
 */
import { z } from 'zod';
import { CLASSIFICATIONS } from '../access/index.js';
import { defineEvents, eventDef, instantSchema, type EventsOf } from '../command/index.js';
import {
  EMPLACING_METHODS,
  FINDING_KINDS,
  FIX_METHODS,
  HANDED_TO_MINE_ACTION,
  RECIPIENT_KINDS,
  RECORD_PARTS,
  RECORD_TYPES,
  REPORT_TYPES,
  STATES,
  STATUSES,
} from './types.js';

const id = z.string().min(1);
const text = z.string().min(1);
const position = z.tuple([z.number(), z.number()]).readonly();
const polygon = z.strictObject({
  type: z.literal('Polygon'),
  coordinates: z.array(z.array(position).readonly()).readonly(),
});

const recordedPoint = z.strictObject({
  position,
  original: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('coordinate'), text, format: text, crs: text }),
    z.strictObject({
      kind: z.literal('bearing'),
      from: text,
      bearing: text,
      distanceM: z.number().nonnegative(),
      grid: text.exactOptional(),
    }),
  ]),
});

const referencePoint = z.strictObject({
  label: text,
  point: recordedPoint,
  landmark: text,
  toLandmark: z.strictObject({ bearing: text, distanceM: z.number().nonnegative() }).exactOptional(),
  fixedBy: z.enum(FIX_METHODS),
  accuracyM: z.number().nonnegative(),
});

const contentsLine = z.strictObject({
  typeId: text,
  lotId: text.exactOptional(),
  number: z.number().int().positive(),
  emplacingMethod: z.enum(EMPLACING_METHODS),
  fuzeType: text,
  lifeTime: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('indefinite') }),
    z.strictObject({ kind: z.literal('self-destruct'), hours: z.number().positive() }),
    z.strictObject({ kind: z.literal('self-deactivation'), hours: z.number().positive() }),
  ]),
  antiHandling: z.discriminatedUnion('present', [
    z.strictObject({ present: z.literal(false) }),
    z.strictObject({ present: z.literal(true), type: text }),
  ]),
});

/** The record fields `minefield.recorded` and `minefield.amended` carry, each present only when given. */
const recordFields = {
  unit: text.exactOptional(),
  copiesHeldAt: z.array(text).exactOptional(),
  region: z
    .string()
    .regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/)
    .exactOptional(),
  positionsNotFeasible: text.exactOptional(),
  referencePoints: z.array(referencePoint).exactOptional(),
  perimeter: z
    .strictObject({
      polygon,
      turningPoints: z.array(recordedPoint).exactOptional(),
      areaM2: z.number().nonnegative(),
      perimeterM: z.number().nonnegative(),
    })
    .exactOptional(),
  rows: z.array(z.strictObject({ label: text, points: z.array(recordedPoint) })).exactOptional(),
  minePositions: z
    .array(
      z.strictObject({
        label: text,
        point: recordedPoint,
        typeId: text.exactOptional(),
        mechanism: text.exactOptional(),
      }),
    )
    .exactOptional(),
  contents: z.array(contentsLine).exactOptional(),
  layingStart: instantSchema.exactOptional(),
  layingEnd: instantSchema.exactOptional(),
};

/** Stored record fields, as `resolveFields` produces them. */
export const recordFieldsSchema = z.strictObject(recordFields);
export type RecordFields = z.output<typeof recordFieldsSchema>;
/** An amendment: the fields given, and possibly a new classification. */
export const amendmentSchema = z.strictObject({
  ...recordFields,
  classification: z.enum(CLASSIFICATIONS).exactOptional(),
});
export type Amendment = z.output<typeof amendmentSchema>;

const recipient = z.strictObject({ kind: z.enum(RECIPIENT_KINDS), name: text });

export const minefieldEvents = defineEvents('minefield.', [
  eventDef(
    'minefield.recorded',
    z.strictObject({
      minefieldId: id,
      humanId: text,
      state: z.enum(STATES),
      classification: z.enum(CLASSIFICATIONS),
      recordType: z.enum(RECORD_TYPES),
      status: z.enum(STATUSES),
      ...recordFields,
      unit: text,
      copiesHeldAt: z.array(text),
    }),
  ),
  eventDef('minefield.amended', z.strictObject({ minefieldId: id, fields: amendmentSchema })),
  /** A STANAG 2036-style report; `dtg` is its date-time group as entered. */
  eventDef(
    'minefield.report-filed',
    z.strictObject({
      minefieldId: id,
      reportId: id,
      reportType: z.enum(REPORT_TYPES),
      dtg: instantSchema,
      originator: text,
      recipient: text,
      summary: text,
    }),
  ),
  eventDef(
    'minefield.status-changed',
    z.strictObject({
      minefieldId: id,
      from: z.enum(STATUSES),
      to: z.enum(STATUSES),
      reportId: id.exactOptional(),
      reason: text.exactOptional(),
      receivingForce: text.exactOptional(),
    }),
  ),
  /** APII TA 4 marking: the sign, its spacing, the fence and the monitoring arrangement. */
  eventDef(
    'minefield.marking-recorded',
    z.strictObject({
      minefieldId: id,
      markingId: id,
      sign: z.strictObject({
        shape: z.enum(['triangle', 'square']),
        widthCm: z.number().positive(),
        heightCm: z.number().positive().exactOptional(),
        colour: text,
        border: z.strictObject({ colour: text, reflective: z.boolean() }),
        words: z.array(z.strictObject({ language: text, text })),
        symbol: text.exactOptional(),
      }),
      signSpacingM: z.number().positive(),
      fenceType: text,
      monitoring: z.strictObject({
        arrangement: text,
        unit: text.exactOptional(),
        patrolIntervalHours: z.number().positive(),
      }),
      installedAt: instantSchema,
    }),
  ),
  eventDef(
    'minefield.inspection-recorded',
    z.strictObject({
      minefieldId: id,
      inspectionId: id,
      inspectedAt: instantSchema,
      inspector: text,
      findings: z.array(
        z.strictObject({
          findingId: id,
          kind: z.enum(FINDING_KINDS),
          note: z.string(),
          photos: z.array(text),
        }),
      ),
    }),
  ),
  eventDef(
    'minefield.repair-recorded',
    z.strictObject({
      minefieldId: id,
      repairId: id,
      findingIds: z.array(id).min(1),
      repairedAt: instantSchema,
      note: z.string(),
    }),
  ),
  /** APII Art 9(2): information released to a recipient. */
  eventDef(
    'minefield.released',
    z.strictObject({
      minefieldId: id,
      releaseId: id,
      recipient,
      parts: z.array(z.enum(RECORD_PARTS)).min(1),
      legalBasis: text,
      releasedAt: instantSchema,
    }),
  ),
  eventDef(
    'minefield.withheld',
    z.strictObject({
      minefieldId: id,
      withholdingId: id,
      recipient,
      reason: text,
      legalBasis: text,
      decidedAt: instantSchema,
    }),
  ),
  /** APII Art 10: the record handed to mine action (landrelease opens a CHA from it). */
  eventDef(
    HANDED_TO_MINE_ACTION,
    z.strictObject({
      minefieldId: id,
      humanId: text,
      state: z.enum(STATES),
      recipient: text,
      recipientKind: z.enum(RECIPIENT_KINDS),
      perimeter: polygon,
      releaseId: id,
      handedAt: instantSchema,
    }),
  ),
]);

export type MinefieldEvent = EventsOf<typeof minefieldEvents>;
