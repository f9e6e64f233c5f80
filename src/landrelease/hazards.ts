/**
 * Official-dataset commands that are not field reports: hazard status changes (IMSMA
 * Open → Worked On → Closed, MDR handed over), public warning, assistance referrals (IMAS 10.60),
 * and the reaction that opens a CHA when a minefield record is handed to mine action.
 */
import { z } from 'zod';
import { can } from '../access/index.js';
import { err, newId, ok, problem, type Result } from '../core/index.js';
import { defineCommand, type Decision, type NewEvent, type ReactContext } from '../command/index.js';
import { geodesicArea } from '../geo/index.js';
import type { LedgerEvent } from '../ledger/index.js';
import { checkAreal } from './areas.js';
import { referralPayload, statusPayload } from './schemas.js';
import { minefieldEvents } from '../minefields/index.js';
import { landReleaseEvents } from './events.js';
import { lrDocs } from './documents.js';
import { HAZARD_TRANSITIONS, VICTIMS } from './types.js';
import { nextHazardHumanId } from './workbench.js';

const changeStatus = defineCommand({
  type: 'landrelease.hazard.status',
  permission: 'landrelease.review',
  // Each change carries the date it happened in the world and a reason.
  effectiveAt: 'required',
  schema: statusPayload,
  async decide(p, ctx): Promise<Result<Decision>> {
    const h = await lrDocs.hazards.data(ctx.docs, p.hazardId);
    if (h === undefined)
      return err([
        problem('LANDRELEASE_HAZARD_UNKNOWN', 'payload.hazardId', `no hazardous area ${p.hazardId}`),
      ]);
    if (!HAZARD_TRANSITIONS[h.status].includes(p.status)) {
      return err([
        problem(
          'INVALID_TRANSITION',
          'payload.status',
          `a hazardous area cannot go from ${h.status} to ${p.status}`,
          { from: h.status, to: p.status },
        ),
      ]);
    }
    return ok({
      events: [
        landReleaseEvents.event('landrelease.hazard-status-changed', {
          hazardId: h.id,
          from: h.status,
          to: p.status,
          reason: p.reason,
        }),
      ],
    });
  },
});

/** APII Art 3(11) and APMBC Art 5(2): warning civilians of a hazard makes it public. */
const publishWarning = defineCommand({
  type: 'landrelease.hazard.publish-warning',
  permission: 'landrelease.review',
  schema: z.object({ hazardId: z.string().min(1), reason: z.string().trim().min(1).max(2000) }).strict(),
  async decide(p, ctx): Promise<Result<Decision>> {
    const h = await lrDocs.hazards.data(ctx.docs, p.hazardId);
    if (h === undefined)
      return err([
        problem('LANDRELEASE_HAZARD_UNKNOWN', 'payload.hazardId', `no hazardous area ${p.hazardId}`),
      ]);
    if (h.publicWarning)
      return err([
        problem('CONFLICT', 'payload.hazardId', 'the hazard is already released for public warning'),
      ]);
    return ok({
      events: [
        landReleaseEvents.event('landrelease.hazard-warning-published', {
          hazardId: p.hazardId,
          reason: p.reason,
        }),
      ],
    });
  },
});

const refer = defineCommand({
  type: 'landrelease.assistance.refer',
  permission: 'landrelease.review',
  schema: referralPayload,
  async decide(p, ctx): Promise<Result<Decision>> {
    if (!can(ctx.actor, 'victim.read'))
      return err([problem('AUTH_FORBIDDEN', '', 'referring a victim needs the victim-data permission')]);
    if ((await ctx.docs.getDoc(VICTIMS, p.victimId)) === undefined)
      return err([problem('LANDRELEASE_VICTIM_UNKNOWN', 'payload.victimId', `no victim ${p.victimId}`)]);
    const referralId = newId();
    return ok({
      events: [
        landReleaseEvents.event('landrelease.assistance-referred', {
          referralId,
          victimId: p.victimId,
          type: p.type,
          provider: p.provider,
          note: p.note ?? null,
        }),
      ],
      result: { referralId },
    });
  },
});

export const hazardCommands = [changeStatus, publishWarning, refer] as const;

/** The event the minefields module emits when a record is handed to mine action. */
export const MINEFIELD_HANDED = 'minefield.handed-to-mine-action';

/**
 * A minefield record handed to mine action becomes a CHA linked to it: the record is direct
 * evidence of contamination ("mine/ERW records, high reliability", IMSMA direct evidence).
 */
export async function react(event: LedgerEvent, ctx: ReactContext): Promise<readonly NewEvent[]> {
  const e = minefieldEvents.typed(event);
  if (e?.type !== 'minefield.handed-to-mine-action') return [];
  const { minefieldId, humanId, recipient } = e.payload;
  const linked = await lrDocs.hazards.find(ctx.docs);
  if (linked.some(({ data: h }) => h.minefieldIds.includes(minefieldId) && h.status !== 'closed')) return [];
  const g = checkAreal(e.payload.perimeter, 'perimeter');
  if (!g.ok) return [];
  const area = geodesicArea(g.value.geometry);
  return [
    landReleaseEvents.event('landrelease.hazard-recorded', {
      submissionId: null,
      version: 1,
      hazardId: newId(),
      humanId: await nextHazardHumanId(ctx.docs),
      name: `CHA from minefield record ${humanId}`,
      kind: 'cha',
      evidence: { kind: 'direct', items: ['mine/ERW records (high reliability)'] },
      devices: { suspected: [], confirmed: ['ap-mine'] },
      perimeter: g.value.geometry,
      landUse: [],
      blockages: [],
      minefieldIds: [minefieldId],
      classification: 'restricted',
      hazardAreaM2: area,
      releasedAreaM2: 0,
      remainingAreaM2: area,
      recipient,
    }),
  ];
}
