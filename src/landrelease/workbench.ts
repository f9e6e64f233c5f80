/**
 * The review workbench (IMSMA NG holding area, field-users §1.4): field reports arrive as
 * submitted with automatic QA notes; a reviewer other than the submitter approves one into the
 * official dataset, or rejects it with a reason. A correction is a new version that names the one
 * it corrects; nothing is un-approved and every version stays visible.
 */
import { z } from 'zod';
import { err, newId, ok, problem, type JsonObject, type Problem, type Result } from '../core/index.js';
import { defineCommand, type Decision, type NewEvent, type ResultEvent } from '../command/index.js';
import type { DocReader } from '../store/index.js';
import { accountReleases } from './areas.js';
import { earlierReleasesOf, evaluate, officialOf, perimeterOf, type Evaluation } from './evaluate.js';
import { submitPayload, type SubmitPayload } from './schemas.js';
import { lrDocs, type SubmissionRecord } from './documents.js';
import { HAZARDS } from './types.js';
import { sealAccidentReport } from './victims.js';
import { landReleaseEvents, type LandReleasePayload } from './events.js';

/** A workbench document by id. */
export function getSubmission(docs: DocReader, id: string): Promise<SubmissionRecord | undefined> {
  return lrDocs.submissions.data(docs, id);
}

/** The next human id for a hazard: HA-0001, HA-0002, … */
export async function nextHazardHumanId(docs: DocReader): Promise<string> {
  const n = await docs.countDocs({ collection: HAZARDS });
  return `HA-${String(n + 1).padStart(4, '0')}`;
}

const submit = defineCommand({
  type: 'landrelease.submit',
  permission: 'landrelease.submit',
  schema: submitPayload,
  async decide(p, ctx): Promise<Result<Decision>> {
    const problems: Problem[] = [];
    let version = 1;
    let officialId: string | null = null;
    if (p.corrects !== undefined) {
      const prev = await getSubmission(ctx.docs, p.corrects);
      if (prev === undefined)
        problems.push(
          problem('LANDRELEASE_SUBMISSION_UNKNOWN', 'payload.corrects', `no submission ${p.corrects}`),
        );
      else if (prev.kind !== p.kind)
        problems.push(
          problem(
            'CONFLICT',
            'payload.kind',
            `a ${prev.kind} report cannot be corrected by a ${p.kind} report`,
          ),
        );
      else if (prev.status === 'superseded')
        problems.push(
          problem(
            'CONFLICT',
            'payload.corrects',
            `submission ${p.corrects} was already corrected; correct its latest version`,
          ),
        );
      else {
        version = prev.version + 1;
        officialId = prev.officialId;
      }
    }
    const ev = await evaluate(ctx.docs, p, p.kind === 'activity' ? (officialId ?? undefined) : undefined);
    problems.push(...ev.problems);
    if (problems.length > 0) return err(problems);
    const submissionId = newId();
    // Victims' personal data is sealed here, at the boundary: the ledger keeps commitments only.
    const sealing = p.kind === 'accident' ? sealAccidentReport(p.report) : undefined;
    return ok({
      events: [
        landReleaseEvents.event('landrelease.submitted', {
          submissionId,
          kind: p.kind,
          version,
          corrects: p.corrects ?? null,
          officialId,
          report: sealing?.report ?? p.report,
          qaNotes: ev.notes,
        }),
      ],
      ...(sealing === undefined ? {} : { sealed: sealing.sealed }),
      result: { submissionId, version, qaNotes: ev.notes as unknown as JsonObject[] },
    });
  },
  // A field retry with the same client id answers with this result again (issue #6 §8).
  resultOf(events) {
    const p = payloadOf(events, 'landrelease.submitted');
    return {
      submissionId: p['submissionId'] ?? null,
      version: p['version'] ?? null,
      qaNotes: p['qaNotes'] ?? [],
    };
  },
});

/** The payload of a command's first event of this type (empty when it has none). */
function payloadOf(events: readonly ResultEvent[], type: string): JsonObject {
  return events.find((e) => e.type === type)?.payload ?? {};
}

async function officialEvents(
  docs: DocReader,
  sub: SubmissionRecord,
  officialId: string,
  payload: SubmitPayload,
  ev: Evaluation,
  isNew: boolean,
): Promise<NewEvent[]> {
  const common = { submissionId: sub.id, version: sub.version };
  switch (payload.kind) {
    case 'hazard': {
      const r = payload.report;
      const perimeter = perimeterOf(ev);
      const prev = isNew ? undefined : await lrDocs.hazards.data(docs, officialId);
      const account = accountReleases(
        perimeter,
        isNew ? [] : await earlierReleasesOf(docs, officialId, undefined),
        [],
      );
      return [
        landReleaseEvents.event('landrelease.hazard-recorded', {
          ...common,
          hazardId: officialId,
          humanId: prev?.humanId ?? (await nextHazardHumanId(docs)),
          ...r,
          perimeter,
          hazardAreaM2: account.hazardAreaM2,
          releasedAreaM2: account.releasedAreaM2,
          remainingAreaM2: account.remainingAreaM2,
        }),
      ];
    }
    case 'activity': {
      const r = payload.report;
      // evaluate() computed the official part of an activity (areas, releases, devices); the
      // pipeline checks the whole payload against the event's schema before it is appended.
      const { computed } = officialOf(ev, 'activity');
      const { outputs: _o, devices: _d, ...facts } = r;
      const out: NewEvent[] = [
        landReleaseEvents.event('landrelease.activity-recorded', {
          ...common,
          activityId: officialId,
          ...facts,
          outputs: null,
          ...computed,
        }),
      ];
      if (computed.hazardStatus === 'open') {
        out.push(
          landReleaseEvents.event('landrelease.hazard-status-changed', {
            hazardId: r.hazardId,
            from: 'open',
            to: 'worked-on',
            reason: `${r.type} activity approved (submission ${sub.id})`,
          }),
        );
      }
      return out;
    }
    case 'accident':
      // The stored report is already sealed: victim references, commitments and counts only.
      // The submission document keeps the sealed report its submitted event carried.
      return [
        landReleaseEvents.event('landrelease.accident-recorded', {
          ...common,
          accidentId: officialId,
          ...(sub.report as unknown as Omit<
            LandReleasePayload<'landrelease.accident-recorded'>,
            keyof typeof common | 'accidentId'
          >),
        }),
      ];
    case 'eore':
      return [
        landReleaseEvents.event('landrelease.eore-recorded', {
          ...common,
          sessionId: officialId,
          ...payload.report,
        }),
      ];
  }
}

/**
 * The submission a reviewer decides on: it exists, still awaits review, and another user submitted
 * it (the two-person rule: no one approves or rejects their own report).
 */
async function pendingReview(
  docs: DocReader,
  reviewerId: string,
  submissionId: string,
  verb: 'approve' | 'review',
): Promise<Result<SubmissionRecord>> {
  const sub = await getSubmission(docs, submissionId);
  if (sub === undefined)
    return err([
      problem('LANDRELEASE_SUBMISSION_UNKNOWN', 'payload.submissionId', `no submission ${submissionId}`),
    ]);
  if (sub.status !== 'submitted')
    return err([
      problem(
        'LANDRELEASE_SUBMISSION_NOT_PENDING',
        'payload.submissionId',
        `submission ${sub.id} is ${sub.status}`,
      ),
    ]);
  if (sub.submittedBy === reviewerId)
    return err([
      problem('LANDRELEASE_SELF_REVIEW', 'payload.submissionId', `you cannot ${verb} your own submission`),
    ]);
  return ok(sub);
}

const approve = defineCommand({
  type: 'landrelease.review.approve',
  permission: 'landrelease.review',
  schema: z.object({ submissionId: z.string().min(1), note: z.string().max(2000).optional() }).strict(),
  async decide(p, ctx): Promise<Result<Decision>> {
    const pending = await pendingReview(ctx.docs, ctx.actor.id, p.submissionId, 'approve');
    if (!pending.ok) return pending;
    const sub = pending.value;
    // An accident report on the workbench holds sealed victim references, not victims: QA of the
    // personal fields ran at submission; here only the non-personal fields are re-checked.
    const report = sub.kind === 'accident' ? { ...sub.report, victims: [] } : sub.report;
    const payload = { kind: sub.kind, report } as unknown as SubmitPayload;
    const isNew = sub.officialId === null;
    const officialId = sub.officialId ?? newId();
    // Re-check against the state now: another approval may have released the same land meanwhile.
    const ev = await evaluate(ctx.docs, payload, sub.kind === 'activity' && !isNew ? officialId : undefined);
    const blocking = ev.notes
      .filter((n) => n.severity === 'blocking')
      .map(({ severity: _s, ...prob }) => prob);
    if (ev.problems.length > 0 || blocking.length > 0) return err([...ev.problems, ...blocking]);
    const events: NewEvent[] = [
      landReleaseEvents.event('landrelease.submission-approved', {
        submissionId: sub.id,
        officialId,
        note: p.note ?? null,
      }),
      ...(await officialEvents(ctx.docs, sub, officialId, payload, ev, isNew)),
    ];
    return ok({ events, result: { submissionId: sub.id, officialId, version: sub.version } });
  },
  resultOf(events) {
    const approved = payloadOf(events, 'landrelease.submission-approved');
    // The official record's event (the one after the approval) carries the submission's version.
    return {
      submissionId: approved['submissionId'] ?? null,
      officialId: approved['officialId'] ?? null,
      version: events[1]?.payload['version'] ?? null,
    };
  },
});

const reject = defineCommand({
  type: 'landrelease.review.reject',
  permission: 'landrelease.review',
  schema: z.object({ submissionId: z.string().min(1), reason: z.string().trim().min(1).max(2000) }).strict(),
  async decide(p, ctx): Promise<Result<Decision>> {
    const pending = await pendingReview(ctx.docs, ctx.actor.id, p.submissionId, 'review');
    if (!pending.ok) return pending;
    const sub = pending.value;
    return ok({
      events: [
        landReleaseEvents.event('landrelease.submission-rejected', {
          submissionId: sub.id,
          reason: p.reason,
        }),
      ],
      result: { submissionId: sub.id },
    });
  },
  resultOf: (events) => ({
    submissionId: payloadOf(events, 'landrelease.submission-rejected')['submissionId'] ?? null,
  }),
});

export const workbenchCommands = [submit, approve, reject] as const;
