/**
 * The stock module's events: one strict schema per type, at its current version.
 * `stock.movement-executed` is at version 2: version 1 called the per-item net explosive
 * quantity `neqKg`, which read as the movement's total; version 2 names it `neqKgPerItem`.
 */
import { z } from 'zod';
import {
  calendarDateSchema,
  defineEvents,
  eventDef,
  geometryJson,
  instantSchema,
  type EventsOf,
} from '../command/index.js';
import type { JsonObject } from '../core/index.js';
import { stateCode, uuid, yearMonth } from './schemas.js';
import {
  ACCOUNT_KINDS,
  CATEGORIES,
  CONDITIONS,
  HAZARD_DIVISIONS,
  MOVEMENT_KINDS,
  ORG_KINDS,
  OTTAWA_STATUSES,
} from './types.js';

const nullableDays = z.number().int().positive().nullable();
const storageLocation = z.strictObject({
  id: z.string().min(1),
  building: z.string().min(1),
  bay: z.string().min(1),
});

/** An account as a movement carries it: its key and the facts the balance lines keep. */
const account = z.strictObject({
  key: z.string().min(1),
  kind: z.enum(ACCOUNT_KINDS),
  state: z.string().nullable(),
  facilityId: uuid.nullable(),
  locationId: z.string().nullable(),
  ref: z.string().nullable(),
  basis: z.string().nullable(),
});

/** What every stage of a movement names: the lot, the quantity and the two accounts. */
const movementFacts = {
  movementId: uuid,
  kind: z.enum(MOVEMENT_KINDS),
  lotId: uuid,
  typeId: uuid,
  quantity: z.number().int().positive(),
  state: z.string().min(1),
  minefieldId: z.string().min(1).nullable(),
  from: account,
  to: account,
  details: z.record(z.string(), z.string()),
};

const executedV2 = z.strictObject({
  ...movementFacts,
  hazardDivision: z.enum(HAZARD_DIVISIONS),
  /** Net explosive quantity of one item (kg): the movement moves `quantity` times this. */
  neqKgPerItem: z.number().nonnegative(),
  /** User id of the approver; null for a movement that needs no approval. */
  approvedBy: z.string().min(1).nullable(),
  executedAt: instantSchema,
});

/** v1 → v2: `neqKg` (per item) renamed `neqKgPerItem`; nothing else changed. */
function executedV1toV2(p: JsonObject): JsonObject {
  const { neqKg, ...rest } = p;
  return { ...rest, neqKgPerItem: neqKg ?? null };
}

export const stockEvents = defineEvents('stock.', [
  eventDef(
    'stock.type-added',
    z.strictObject({
      id: uuid,
      designation: z.string().min(1),
      category: z.enum(CATEGORIES),
      ottawaStatus: z.enum(OTTAWA_STATUSES),
      detectable: z.boolean(),
      selfDestruct: z.boolean(),
      selfDestructPeriodDays: nullableDays,
      selfDeactivation: z.boolean(),
      selfDeactivationPeriodDays: nullableDays,
      remotelyDelivered: z.boolean(),
      hazardDivision: z.enum(HAZARD_DIVISIONS),
      compatibilityGroup: z.string().length(1),
      neqKg: z.number().positive(),
      formH: z.strictObject({
        dimensions: z.string(),
        fuzing: z.string(),
        explosiveContent: z.string(),
        metalContent: z.string(),
        photoRefs: z.array(z.string()),
        clearanceNotes: z.string(),
      }),
    }),
  ),
  eventDef(
    'stock.org-added',
    z.strictObject({ id: uuid, name: z.string().min(1), kind: z.enum(ORG_KINDS), country: stateCode }),
  ),
  eventDef(
    'stock.lot-added',
    z.strictObject({
      id: uuid,
      typeId: uuid,
      lotNumber: z.string().min(1),
      manufacturerId: uuid,
      countryOfOrigin: stateCode,
      productionMonth: yearMonth,
      serialRange: z.strictObject({ from: z.string().min(1), to: z.string().min(1) }).nullable(),
      condition: z.enum(CONDITIONS),
      recalled: z.boolean(),
    }),
  ),
  eventDef(
    'stock.lot-condition-set',
    z.strictObject({ lotId: uuid, condition: z.enum(CONDITIONS), note: z.string() }),
  ),
  eventDef(
    'stock.lot-recall-set',
    z.strictObject({ lotId: uuid, recalled: z.boolean(), reason: z.string().min(1) }),
  ),
  eventDef(
    'stock.facility-added',
    z.strictObject({
      id: uuid,
      name: z.string().min(1),
      operatorId: uuid,
      state: stateCode,
      location: geometryJson,
      licenceRef: z.string().min(1),
      neqLimitsKg: z.partialRecord(z.enum(HAZARD_DIVISIONS), z.number().nonnegative()),
      securityLevel: z.union([z.literal(1), z.literal(2), z.literal(3)]),
      twoPersonRule: z.boolean(),
      lastInspection: calendarDateSchema.nullable(),
      inspectionIntervalDays: z.number().int().positive(),
      locations: z.array(storageLocation).min(1),
    }),
  ),
  eventDef('stock.facility-location-added', z.strictObject({ facilityId: uuid, location: storageLocation })),
  /** IATG 06.70: `date` is the inspection's day (the command's effectiveAt). */
  eventDef(
    'stock.facility-inspected',
    z.strictObject({
      facilityId: uuid,
      findings: z.string(),
      reference: z.string(),
      date: calendarDateSchema,
    }),
  ),
  eventDef('stock.movement-proposed', z.strictObject(movementFacts)),
  eventDef('stock.movement-approved', z.strictObject({ movementId: uuid, proposedBy: z.string().min(1) })),
  eventDef('stock.movement-rejected', z.strictObject({ movementId: uuid, reason: z.string().min(1) })),
  eventDef('stock.movement-cancelled', z.strictObject({ movementId: uuid, reason: z.string().min(1) })),
  eventDef('stock.movement-executed', executedV2, [executedV1toV2]),
  eventDef(
    'stock.check-recorded',
    z.strictObject({
      checkId: uuid,
      facilityId: uuid,
      /** User ids of the two counters. */
      counters: z.tuple([z.string().min(1), z.string().min(1)]),
      lines: z.array(
        z.strictObject({
          locationId: z.string().min(1),
          lotId: uuid,
          expected: z.number().int(),
          counted: z.number().int().nonnegative(),
        }),
      ),
    }),
  ),
  eventDef(
    'stock.discrepancy-opened',
    z.strictObject({
      discrepancyId: uuid,
      checkId: uuid,
      facilityId: uuid,
      locationId: z.string().min(1),
      lotId: uuid,
      expected: z.number().int(),
      counted: z.number().int().nonnegative(),
    }),
  ),
  eventDef('stock.discrepancy-investigating', z.strictObject({ discrepancyId: uuid, note: z.string() })),
  eventDef(
    'stock.discrepancy-resolved',
    z.strictObject({
      discrepancyId: uuid,
      outcome: z.enum(['resolved-explained', 'loss-reported']),
      explanation: z.string().min(1),
      adjustmentMovementId: uuid.nullable(),
    }),
  ),
]);

export type StockEvent = EventsOf<typeof stockEvents>;
