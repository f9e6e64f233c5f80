/**
 * Catalogue commands: mine types (Form H identification facts only), lots, organisations,
 * facilities and their storage locations (law-and-standards §9.1–9.2).
 */
import { z } from 'zod';
import {
  err,
  isoInstant,
  newId,
  ok,
  problem,
  type JsonObject,
  type Problem,
  type Result,
} from '../core/index.js';
import { calendarDateSchema, defineCommand, type Decision, type NewEvent } from '../command/index.js';
import { stockEvents } from './events.js';
import { validateGeometry } from '../geo/index.js';
import type { DocReader } from '../store/index.js';
import { getFacility, getLot, getMineType, getOrganisation } from './queries.js';
import { stateCode, text, uuid, yearMonth } from './schemas.js';
import {
  CATEGORIES,
  COLLECTIONS,
  CONDITIONS,
  HAZARD_DIVISIONS,
  ORG_KINDS,
  OTTAWA_STATUSES,
} from './types.js';

const one = (event: NewEvent, result?: JsonObject): Result<Decision> =>
  ok({ events: [event], ...(result === undefined ? {} : { result }) });

const period = z.number().int().positive().max(36500).nullable().default(null);

const addType = defineCommand({
  type: 'stock.type.add',
  permission: 'catalogue.manage',
  schema: z
    .object({
      designation: text(100),
      category: z.enum(CATEGORIES),
      ottawaStatus: z.enum(OTTAWA_STATUSES),
      detectable: z.boolean(),
      selfDestruct: z.boolean(),
      selfDestructPeriodDays: period,
      selfDeactivation: z.boolean(),
      selfDeactivationPeriodDays: period,
      remotelyDelivered: z.boolean(),
      hazardDivision: z.enum(HAZARD_DIVISIONS),
      compatibilityGroup: z
        .string()
        .regex(/^[A-HJKLNS]$/, 'a compatibility group is one of A–H, J, K, L, N, S'),
      neqKg: z.number().positive().max(10_000),
      formH: z
        .object({
          dimensions: z.string().max(500).default(''),
          fuzing: z.string().max(500).default(''),
          explosiveContent: z.string().max(500).default(''),
          metalContent: z.string().max(500).default(''),
          photoRefs: z.array(z.string().max(500)).max(50).default([]),
          clearanceNotes: z.string().max(2000).default(''),
        })
        .strict()
        .default({
          dimensions: '',
          fuzing: '',
          explosiveContent: '',
          metalContent: '',
          photoRefs: [],
          clearanceNotes: '',
        }),
    })
    .strict(),
  async decide(p, ctx) {
    const problems: Problem[] = [];
    const dup = await ctx.docs.findDocs({
      collection: COLLECTIONS.types,
      where: { op: '=', field: 'designation', value: p.designation },
      limit: 1,
    });
    if (dup.length > 0)
      problems.push(
        problem(
          'VALIDATION_DUPLICATE',
          'payload.designation',
          `a mine type "${p.designation}" already exists`,
        ),
      );
    if (p.selfDestruct !== (p.selfDestructPeriodDays !== null)) {
      problems.push(
        problem(
          'VALIDATION_REQUIRED',
          'payload.selfDestructPeriodDays',
          'a self-destruct period is given exactly when the type self-destructs',
        ),
      );
    }
    if (p.selfDeactivation !== (p.selfDeactivationPeriodDays !== null)) {
      problems.push(
        problem(
          'VALIDATION_REQUIRED',
          'payload.selfDeactivationPeriodDays',
          'a self-deactivation period is given exactly when the type self-deactivates',
        ),
      );
    }
    if (p.category !== 'AP' && p.ottawaStatus === 'banned-ap') {
      problems.push(
        problem(
          'VALIDATION_ENUM',
          'payload.ottawaStatus',
          'only an AP type can have the Ottawa status banned-ap',
        ),
      );
    }
    if (problems.length > 0) return err(problems);
    const id = newId();
    return one(stockEvents.event('stock.type-added', { id, ...p }), { typeId: id });
  },
});

const addOrg = defineCommand({
  type: 'stock.org.add',
  permission: 'catalogue.manage',
  schema: z.object({ name: text(200), kind: z.enum(ORG_KINDS), country: stateCode }).strict(),
  decide(p) {
    const id = newId();
    return one(stockEvents.event('stock.org-added', { id, ...p }), { orgId: id });
  },
});

async function lotProblems(
  docs: DocReader,
  p: { typeId: string; manufacturerId: string; lotNumber: string },
): Promise<Problem[]> {
  const problems: Problem[] = [];
  if ((await getMineType(docs, p.typeId)) === undefined)
    problems.push(problem('STOCK_TYPE_UNKNOWN', 'payload.typeId', `no mine type ${p.typeId}`));
  const m = await getOrganisation(docs, p.manufacturerId);
  if (m === undefined)
    problems.push(
      problem('STOCK_ORG_UNKNOWN', 'payload.manufacturerId', `no organisation ${p.manufacturerId}`),
    );
  else if (m.kind !== 'manufacturer')
    problems.push(problem('VALIDATION_ENUM', 'payload.manufacturerId', `${m.name} is not a manufacturer`));
  // A lot number is unique per type and manufacturer (IATG 03.20 lotting).
  const dup = await docs.findDocs({
    collection: COLLECTIONS.lots,
    where: {
      op: 'and',
      args: [
        { op: '=', field: 'typeId', value: p.typeId },
        { op: '=', field: 'manufacturerId', value: p.manufacturerId },
        { op: '=', field: 'lotNumber', value: p.lotNumber },
      ],
    },
    limit: 1,
  });
  if (dup.length > 0)
    problems.push(
      problem(
        'VALIDATION_DUPLICATE',
        'payload.lotNumber',
        `lot ${p.lotNumber} already exists for this type and manufacturer`,
      ),
    );
  return problems;
}

const addLot = defineCommand({
  type: 'stock.lot.add',
  permission: 'catalogue.manage',
  schema: z
    .object({
      typeId: uuid,
      lotNumber: z
        .string()
        .regex(/^[A-Za-z0-9][A-Za-z0-9./_-]{0,63}$/, 'a lot number is 1–64 letters, digits or . / _ -'),
      manufacturerId: uuid,
      countryOfOrigin: stateCode,
      productionMonth: yearMonth,
      serialRange: z
        .object({ from: text(64), to: text(64) })
        .strict()
        .nullable()
        .default(null),
      condition: z.enum(CONDITIONS).default('serviceable'),
    })
    .strict(),
  async decide(p, ctx) {
    const problems = await lotProblems(ctx.docs, p);
    if (p.productionMonth > isoInstant(ctx.now).slice(0, 7))
      problems.push(
        problem('VALIDATION_DATE_FUTURE', 'payload.productionMonth', 'the production month is in the future'),
      );
    if (problems.length > 0) return err(problems);
    const id = newId();
    return one(stockEvents.event('stock.lot-added', { id, ...p, recalled: false }), { lotId: id });
  },
});

const setCondition = defineCommand({
  type: 'stock.lot.condition.set',
  permission: 'catalogue.manage',
  schema: z
    .object({ lotId: uuid, condition: z.enum(CONDITIONS), note: z.string().max(1000).default('') })
    .strict(),
  async decide(p, ctx) {
    if ((await getLot(ctx.docs, p.lotId)) === undefined)
      return err([problem('STOCK_LOT_UNKNOWN', 'payload.lotId', `no lot ${p.lotId}`)]);
    return one(stockEvents.event('stock.lot-condition-set', p));
  },
});

const recall = defineCommand({
  type: 'stock.lot.recall',
  permission: 'catalogue.manage',
  schema: z.object({ lotId: uuid, recalled: z.boolean().default(true), reason: text(1000) }).strict(),
  async decide(p, ctx) {
    const lot = await getLot(ctx.docs, p.lotId);
    if (lot === undefined) return err([problem('STOCK_LOT_UNKNOWN', 'payload.lotId', `no lot ${p.lotId}`)]);
    if (lot.recalled === p.recalled)
      return err([
        problem(
          'CONFLICT',
          'payload.recalled',
          `lot ${lot.lotNumber} is already ${p.recalled ? 'recalled' : 'not recalled'}`,
        ),
      ]);
    return one(stockEvents.event('stock.lot-recall-set', p));
  },
});

const location = z
  .object({ id: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/), building: text(100), bay: text(100) })
  .strict();

const addFacility = defineCommand({
  type: 'stock.facility.add',
  permission: 'catalogue.manage',
  schema: z
    .object({
      name: text(200),
      operatorId: uuid,
      state: stateCode,
      location: z.unknown(),
      licenceRef: text(200),
      neqLimitsKg: z.partialRecord(z.enum(HAZARD_DIVISIONS), z.number().nonnegative().max(1e9)),
      securityLevel: z.union([z.literal(1), z.literal(2), z.literal(3)]),
      twoPersonRule: z.boolean().default(true),
      lastInspection: calendarDateSchema.nullable().default(null),
      inspectionIntervalDays: z.number().int().positive().max(3650).default(365),
      locations: z.array(location).min(1, 'a facility has at least one storage location').max(1000),
    })
    .strict(),
  async decide(p, ctx) {
    const problems: Problem[] = [];
    const op = await getOrganisation(ctx.docs, p.operatorId);
    if (op === undefined)
      problems.push(problem('STOCK_ORG_UNKNOWN', 'payload.operatorId', `no organisation ${p.operatorId}`));
    const g = validateGeometry(p.location, 'payload.location');
    if (!g.ok) problems.push(...g.errors.filter((i) => i.severity === 'error'));
    const ids = p.locations.map((l) => l.id);
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i)
        problems.push(
          problem(
            'VALIDATION_DUPLICATE',
            `payload.locations[${i}].id`,
            `storage location ${id} is listed twice`,
          ),
        );
    });
    if (p.lastInspection !== null && p.lastInspection > isoInstant(ctx.now).slice(0, 10)) {
      problems.push(
        problem('VALIDATION_DATE_FUTURE', 'payload.lastInspection', 'the last inspection is in the future'),
      );
    }
    if (problems.length > 0 || !g.ok) return err(problems);
    const id = newId();
    return one(stockEvents.event('stock.facility-added', { id, ...p, location: g.value.geometry }), {
      facilityId: id,
    });
  },
});

const addLocation = defineCommand({
  type: 'stock.facility.location.add',
  permission: 'catalogue.manage',
  schema: z.object({ facilityId: uuid, location }).strict(),
  async decide(p, ctx) {
    const f = await getFacility(ctx.docs, p.facilityId);
    if (f === undefined)
      return err([problem('STOCK_FACILITY_UNKNOWN', 'payload.facilityId', `no facility ${p.facilityId}`)]);
    if (f.locations.some((l) => l.id === p.location.id))
      return err([
        problem('VALIDATION_DUPLICATE', 'payload.location.id', `location ${p.location.id} exists`),
      ]);
    return one(stockEvents.event('stock.facility-location-added', p));
  },
});

/** IATG 06.70: an inspection of the facility; its date is the command's effectiveAt. */
const inspect = defineCommand({
  type: 'stock.facility.inspect',
  permission: 'stock.check',
  effectiveAt: 'required',
  schema: z
    .object({
      facilityId: uuid,
      findings: z.string().max(4000).default(''),
      reference: z.string().max(200).default(''),
    })
    .strict(),
  async decide(p, ctx) {
    if ((await getFacility(ctx.docs, p.facilityId)) === undefined)
      return err([problem('STOCK_FACILITY_UNKNOWN', 'payload.facilityId', `no facility ${p.facilityId}`)]);
    return one(
      stockEvents.event('stock.facility-inspected', { ...p, date: isoInstant(ctx.effectiveAt).slice(0, 10) }),
    );
  },
});

export const catalogueCommands = [
  addType,
  addOrg,
  addLot,
  setCondition,
  recall,
  addFacility,
  addLocation,
  inspect,
];
