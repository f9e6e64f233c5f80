/**
 * Minefield commands: create (optionally by an intention report), amend, file a report, change
 * status, record marking, inspections and repairs, release or withhold information. Each is
 * refused with every problem found, and nothing is written on refusal.
 */
import {
  compact,
  defineCommand,
  type Decision,
  type DecideContext,
  type NewEvent,
} from '../command/index.js';
import { err, isoInstant, newId, ok, problem, type Problem, type Result } from '../core/index.js';
import { minefieldEvents, type Amendment } from './events.js';
import { resolveFields, notFuture } from './fields.js';
import { checkTransition, FINAL_STATUSES, missingTa1, REPORT_STATUS } from './lifecycle.js';
import { checkSign } from './marking.js';
import { findMinefield, readMinefield } from './records.js';
import {
  amendSchema,
  createSchema,
  inspectionSchema,
  markingSchema,
  releaseSchema,
  repairSchema,
  reportSchema,
  transitionSchema,
  withholdSchema,
} from './schema.js';
import {
  HANDED_TO_MINE_ACTION,
  MINE_ACTION_RECIPIENTS,
  MINEFIELDS,
  type MinefieldRecord,
  type MinefieldStatus,
} from './types.js';
import { applyFields } from './project.js';

/** A visible, still-open record, or NOT_FOUND / MINEFIELD_CLOSED. */
async function openRecord(ctx: DecideContext, ref: string): Promise<Result<MinefieldRecord>> {
  const r = await readMinefield(ctx.docs, ctx.actor, ref, 'payload.minefieldId');
  if (!r.ok) return r;
  if (FINAL_STATUSES.includes(r.value.status)) {
    return err([
      problem('MINEFIELD_CLOSED', 'payload.minefieldId', `record ${r.value.humanId} is ${r.value.status}`, {
        status: r.value.status,
      }),
    ]);
  }
  return r;
}

async function mintHumanId(ctx: DecideContext, state: string): Promise<string> {
  const year = ctx.effectiveAt.getUTCFullYear();
  const prefix = `${state}-MF-${year}-`;
  const n = await ctx.docs.countDocs({
    collection: MINEFIELDS,
    where: { op: 'like', field: 'humanId', pattern: `${prefix}%` },
  });
  return `${prefix}${String(n + 1).padStart(4, '0')}`;
}

const statusEvent = (
  r: MinefieldRecord,
  to: MinefieldStatus,
  extra: { readonly reportId?: string; readonly reason?: string; readonly receivingForce?: string } = {},
): NewEvent =>
  minefieldEvents.event('minefield.status-changed', { minefieldId: r.id, from: r.status, to, ...extra });

const create = defineCommand({
  type: 'minefield.create',
  permission: 'minefield.record',
  schema: createSchema,
  async decide(p, ctx): Promise<Result<Decision>> {
    const { fields, problems } = await resolveFields(p, undefined, ctx.docs, ctx.now);
    if (p.humanId !== undefined) {
      if (!p.humanId.startsWith(`${p.state}-`))
        problems.push(
          problem('VALIDATION_FORMAT', 'payload.humanId', `the human id must start with ${p.state}-`, {
            value: p.humanId,
          }),
        );
      if ((await findMinefield(ctx.docs, p.humanId)) !== undefined) {
        problems.push(
          problem('VALIDATION_DUPLICATE', 'payload.humanId', `a record ${p.humanId} already exists`, {
            value: p.humanId,
          }),
        );
      }
    }
    if (p.intention !== undefined) notFuture(p.intention.dtg, 'payload.intention.dtg', ctx.now, problems);
    if (problems.length > 0) return err(problems);
    const minefieldId = newId();
    const humanId = p.humanId ?? (await mintHumanId(ctx, p.state));
    const status: MinefieldStatus = p.intention === undefined ? 'laying' : 'intention-reported';
    const events: NewEvent[] = [
      minefieldEvents.event('minefield.recorded', {
        minefieldId,
        humanId,
        state: p.state,
        classification: p.classification,
        recordType: p.recordType,
        status,
        ...fields,
        unit: p.unit,
        copiesHeldAt: p.copiesHeldAt ?? [],
      }),
    ];
    if (p.intention !== undefined) {
      events.push(
        minefieldEvents.event('minefield.report-filed', {
          minefieldId,
          reportId: newId(),
          reportType: 'intention',
          ...p.intention,
        }),
      );
    }
    return ok({ events, result: { minefieldId, humanId, status } });
  },
});

const amend = defineCommand({
  type: 'minefield.amend',
  permission: 'minefield.record',
  schema: amendSchema,
  async decide(p, ctx): Promise<Result<Decision>> {
    const r = await openRecord(ctx, p.minefieldId);
    if (!r.ok) return r;
    const { minefieldId: _ref, classification, ...rest } = p;
    const { fields, problems } = await resolveFields(rest, r.value, ctx.docs, ctx.now);
    if (problems.length > 0) return err(problems);
    const all: Amendment = classification === undefined ? fields : { ...fields, classification };
    if (Object.keys(all).length === 0)
      return err([problem('VALIDATION_REQUIRED', 'payload', 'give at least one field to amend')]);
    // Once laid-recorded, an amendment may not leave a TA 1 field missing.
    if (!['intention-reported', 'laying'].includes(r.value.status)) {
      const after = missingTa1(applyFields(r.value, all));
      if (after.length > 0) return err(after.map((x) => ({ ...x, path: `payload.${x.path}` })));
    }
    return ok({
      events: [minefieldEvents.event('minefield.amended', { minefieldId: r.value.id, fields: all })],
    });
  },
});

/** Check a status change; problems get `payload.` paths. */
function transition(
  r: MinefieldRecord,
  to: MinefieldStatus,
  facts: { reason?: string | undefined; receivingForce?: string | undefined },
): Problem[] {
  return checkTransition(r, to, facts).map((x) => ({ ...x, path: `payload.${x.path}` }));
}

const report = defineCommand({
  type: 'minefield.report.file',
  permission: 'minefield.record',
  schema: reportSchema,
  async decide(p, ctx): Promise<Result<Decision>> {
    const r = await openRecord(ctx, p.minefieldId);
    if (!r.ok) return r;
    const problems: Problem[] = [];
    notFuture(p.dtg, 'payload.dtg', ctx.now, problems);
    if (p.reportType === 'intention') {
      problems.push(
        problem(
          'INVALID_TRANSITION',
          'payload.reportType',
          'an intention report creates a record: use minefield.create with intention',
        ),
      );
      return err(problems);
    }
    const to = REPORT_STATUS[p.reportType];
    problems.push(...transition(r.value, to, p));
    if (problems.length > 0) return err(problems);
    const reportId = newId();
    const { minefieldId: _ref, reason, receivingForce, ...body } = p;
    return ok({
      events: [
        minefieldEvents.event('minefield.report-filed', { minefieldId: r.value.id, reportId, ...body }),
        statusEvent(r.value, to, compact({ reportId, reason, receivingForce })),
      ],
      result: { reportId, status: to },
    });
  },
});

const setStatus = defineCommand({
  type: 'minefield.status.change',
  permission: 'minefield.record',
  schema: transitionSchema,
  async decide(p, ctx): Promise<Result<Decision>> {
    const r = await readMinefield(ctx.docs, ctx.actor, p.minefieldId, 'payload.minefieldId');
    if (!r.ok) return r;
    const problems = transition(r.value, p.to, p);
    if (problems.length > 0) return err(problems);
    return ok({
      events: [statusEvent(r.value, p.to, compact({ reason: p.reason, receivingForce: p.receivingForce }))],
      result: { status: p.to },
    });
  },
});

const marking = defineCommand({
  type: 'minefield.marking.record',
  permission: 'minefield.record',
  schema: markingSchema,
  async decide(p, ctx): Promise<Result<Decision>> {
    const r = await openRecord(ctx, p.minefieldId);
    if (!r.ok) return r;
    const problems = checkSign(p.sign, r.value.state).map((x) => ({ ...x, path: `payload.${x.path}` }));
    notFuture(p.installedAt, 'payload.installedAt', ctx.now, problems);
    if (problems.length > 0) return err(problems);
    const markingId = newId();
    const { minefieldId: _ref, ...body } = p;
    return ok({
      events: [
        minefieldEvents.event('minefield.marking-recorded', {
          minefieldId: r.value.id,
          markingId,
          ...body,
          sign: compact(body.sign),
          monitoring: compact(body.monitoring),
          installedAt: isoInstant(new Date(p.installedAt)),
        }),
      ],
      result: { markingId },
    });
  },
});

const inspection = defineCommand({
  type: 'minefield.inspection.record',
  permission: 'minefield.record',
  schema: inspectionSchema,
  async decide(p, ctx): Promise<Result<Decision>> {
    const r = await openRecord(ctx, p.minefieldId);
    if (!r.ok) return r;
    const problems: Problem[] = [];
    notFuture(p.inspectedAt, 'payload.inspectedAt', ctx.now, problems);
    if (r.value.markings.length === 0)
      problems.push(
        problem('MINEFIELD_MARKING_MISSING', 'payload.minefieldId', 'there is no marking to inspect yet'),
      );
    if (problems.length > 0) return err(problems);
    const inspectionId = newId();
    const findings = p.findings.map((f, i) => ({
      findingId: `${inspectionId}:${i + 1}`,
      kind: f.kind,
      note: f.note,
      photos: f.photos,
    }));
    return ok({
      events: [
        minefieldEvents.event('minefield.inspection-recorded', {
          minefieldId: r.value.id,
          inspectionId,
          inspectedAt: isoInstant(new Date(p.inspectedAt)),
          inspector: p.inspector,
          findings,
        }),
      ],
      result: { inspectionId, findingIds: findings.map((f) => f.findingId) },
    });
  },
});

const repair = defineCommand({
  type: 'minefield.repair.record',
  permission: 'minefield.record',
  schema: repairSchema,
  async decide(p, ctx): Promise<Result<Decision>> {
    const r = await openRecord(ctx, p.minefieldId);
    if (!r.ok) return r;
    const problems: Problem[] = [];
    notFuture(p.repairedAt, 'payload.repairedAt', ctx.now, problems);
    const open = new Map(
      r.value.inspections.flatMap((i) =>
        i.findings.filter((f) => f.repairedAt === undefined).map((f) => [f.findingId, i] as const),
      ),
    );
    p.findingIds.forEach((id, i) => {
      const insp = open.get(id);
      if (insp === undefined)
        problems.push(
          problem('MINEFIELD_FINDING_UNKNOWN', `payload.findingIds[${i}]`, `no open finding "${id}"`, {
            value: id,
          }),
        );
      else if (new Date(p.repairedAt).getTime() < new Date(insp.inspectedAt).getTime()) {
        problems.push(
          problem(
            'VALIDATION_DATE_ORDER',
            'payload.repairedAt',
            `the repair predates the inspection that found ${id}`,
            { value: p.repairedAt },
          ),
        );
      }
    });
    if (problems.length > 0) return err(problems);
    return ok({
      events: [
        minefieldEvents.event('minefield.repair-recorded', {
          minefieldId: r.value.id,
          repairId: newId(),
          findingIds: p.findingIds,
          repairedAt: isoInstant(new Date(p.repairedAt)),
          note: p.note,
        }),
      ],
    });
  },
});

/** APII Art 9(2): a release is an event; to a mine action recipient it hands the record over (Art 10). */
const release = defineCommand({
  type: 'minefield.release',
  permission: 'minefield.release',
  schema: releaseSchema,
  async decide(p, ctx): Promise<Result<Decision>> {
    const r = await readMinefield(ctx.docs, ctx.actor, p.minefieldId, 'payload.minefieldId');
    if (!r.ok) return r;
    const problems: Problem[] = [];
    notFuture(p.releasedAt, 'payload.releasedAt', ctx.now, problems);
    if (problems.length > 0) return err(problems);
    const rec = r.value;
    const releaseId = newId();
    const parts = [...new Set(p.parts)];
    const events: NewEvent[] = [
      minefieldEvents.event('minefield.released', {
        minefieldId: rec.id,
        releaseId,
        recipient: p.recipient,
        parts,
        legalBasis: p.legalBasis,
        releasedAt: isoInstant(new Date(p.releasedAt)),
      }),
    ];
    const perimeter = rec.perimeter;
    const handover =
      MINE_ACTION_RECIPIENTS.includes(p.recipient.kind) &&
      parts.includes('perimeter') &&
      perimeter !== undefined &&
      rec.handedToMineAction === undefined;
    if (handover) {
      events.push(
        minefieldEvents.event(HANDED_TO_MINE_ACTION, {
          minefieldId: rec.id,
          humanId: rec.humanId,
          state: rec.state,
          recipient: p.recipient.name,
          recipientKind: p.recipient.kind,
          perimeter: perimeter.polygon,
          releaseId,
          handedAt: isoInstant(new Date(p.releasedAt)),
        }),
      );
    }
    return ok({ events, result: { releaseId, handedToMineAction: handover } });
  },
});

/** APII Art 9(2): release may be withheld on security grounds, reciprocally; the decision is recorded. */
const withhold = defineCommand({
  type: 'minefield.withhold',
  permission: 'minefield.release',
  schema: withholdSchema,
  async decide(p, ctx): Promise<Result<Decision>> {
    const r = await readMinefield(ctx.docs, ctx.actor, p.minefieldId, 'payload.minefieldId');
    if (!r.ok) return r;
    const problems: Problem[] = [];
    notFuture(p.decidedAt, 'payload.decidedAt', ctx.now, problems);
    if (problems.length > 0) return err(problems);
    const withholdingId = newId();
    return ok({
      events: [
        minefieldEvents.event('minefield.withheld', {
          minefieldId: r.value.id,
          withholdingId,
          recipient: p.recipient,
          reason: p.reason,
          legalBasis: p.legalBasis,
          decidedAt: isoInstant(new Date(p.decidedAt)),
        }),
      ],
      result: { withholdingId },
    });
  },
});

export const minefieldCommands = [
  create,
  amend,
  report,
  setStatus,
  marking,
  inspection,
  repair,
  release,
  withhold,
];
