/**
 * Direct entry of a hazardous area by a reviewer (`landrelease.hazard.record`). Field reports
 * normally reach the official dataset through the workbench (submit, then another person
 * approves). An IM officer who holds `landrelease.review` may also record or correct a hazard
 * directly — the IMSMA "direct entry" by information management staff, and what OGC API
 * Features Part 4 edits from a GIS map onto (src/http). The same QA runs as at submission and
 * approval: schema, geometry, and every blocking note refuses the command; warnings come back
 * in the result. The event is the same `landrelease.hazard-recorded` the workbench writes, with
 * `submissionId: null` and the actor recorded by the pipeline, so the ledger shows who entered
 * it without a second pair of eyes.
 */
import { z } from 'zod';
import { err, newId, ok, problem, type JsonObject, type Result } from '../core/index.js';
import { defineCommand, type Decision } from '../command/index.js';
import { accountReleases } from './areas.js';
import { earlierReleasesOf, evaluate, perimeterOf } from './evaluate.js';
import { hazardReport } from './schemas.js';
import { lrDocs } from './documents.js';
import type { HazardDoc } from './types.js';
import { landReleaseEvents } from './events.js';
import { nextHazardHumanId } from './workbench.js';

/** `hazardId` absent: a new hazard; present: a corrected version of that hazard's record. */
export const recordHazardPayload = z
  .object({ hazardId: z.string().min(1).optional(), report: hazardReport })
  .strict();

const recordHazard = defineCommand({
  type: 'landrelease.hazard.record',
  permission: 'landrelease.review',
  schema: recordHazardPayload,
  async decide(p, ctx): Promise<Result<Decision>> {
    let prev: HazardDoc | undefined;
    if (p.hazardId !== undefined) {
      prev = await lrDocs.hazards.data(ctx.docs, p.hazardId);
      if (prev === undefined)
        return err([
          problem('LANDRELEASE_HAZARD_UNKNOWN', 'payload.hazardId', `no hazardous area ${p.hazardId}`),
        ]);
      // A closed or handed-over hazard's record stands as it was closed (IMAS 08.10 hand-over).
      if (prev.status === 'closed' || prev.status === 'handed-over') {
        return err([
          problem(
            'LANDRELEASE_HAZARD_CLOSED',
            'payload.hazardId',
            `hazardous area ${prev.humanId} is ${prev.status}`,
          ),
        ]);
      }
    }
    const ev = await evaluate(ctx.docs, { kind: 'hazard', report: p.report });
    const blocking = ev.notes
      .filter((n) => n.severity === 'blocking')
      .map(({ severity: _s, ...prob }) => prob);
    if (ev.problems.length > 0 || blocking.length > 0) return err([...ev.problems, ...blocking]);
    const hazardId = p.hazardId ?? newId();
    const perimeter = perimeterOf(ev);
    const account = accountReleases(
      perimeter,
      prev === undefined ? [] : await earlierReleasesOf(ctx.docs, hazardId, undefined),
      [],
    );
    const humanId = prev?.humanId ?? (await nextHazardHumanId(ctx.docs));
    return ok({
      events: [
        landReleaseEvents.event('landrelease.hazard-recorded', {
          submissionId: null,
          version: (prev?.version ?? 0) + 1,
          hazardId,
          humanId,
          ...p.report,
          perimeter,
          hazardAreaM2: account.hazardAreaM2,
          releasedAreaM2: account.releasedAreaM2,
          remainingAreaM2: account.remainingAreaM2,
        }),
      ],
      result: { hazardId, humanId, qaNotes: ev.notes as unknown as JsonObject[] },
    });
  },
});

export const directCommands = [recordHazard] as const;
