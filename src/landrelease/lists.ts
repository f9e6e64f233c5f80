/**
 * Land-release read models for lists (issue #13 §2): need-to-know runs in the store before paging,
 * so a page and its total hold only what the actor may see; the review queue says, per report,
 * who submitted it and whether *this* actor may decide it (IMSMA holding area: a reviewer other
 * than the submitter decides, LANDRELEASE_SELF_REVIEW).
 */
import { andExpr, can, readFilter, type Actor, type ReadRule } from '../access/index.js';
import { err, ok, problem, type JsonObject, type Result } from '../core/index.js';
import { userNames } from '../stock/index.js';
import {
  findPage,
  type DocReader,
  type Expr,
  type Page,
  type PageRequest,
  type StoredGeometry,
} from '../store/index.js';
import {
  HAZARDS,
  LR_SUBMISSIONS,
  type HazardStatus,
  type SubmissionKind,
  type SubmissionStatus,
} from './types.js';
import { lrDocs, type SubmissionRecord } from './documents.js';

/** Land-release rows: `landrelease.read`, unlabelled rows count as secret; the public sees released warnings. */
export const HAZARD_READ: ReadRule = {
  permission: 'landrelease.read',
  defaultClassification: 'secret',
  publicFilter: { op: '=', field: 'publicWarning', value: true },
};
/** Workbench submissions: as land-release rows, never public. */
const SUBMISSION_READ: ReadRule = { permission: 'landrelease.read', defaultClassification: 'secret' };

/** A document of a feature collection as lists serve it. */
export interface FeatureRow {
  readonly id: string;
  readonly version: number;
  readonly data: JsonObject;
  readonly geometry: StoredGeometry | null;
}

export interface HazardQuery extends PageRequest {
  readonly status?: readonly HazardStatus[];
}

/**
 * Hazardous areas the actor may see, by human id (the public: those released for public warning).
 * @example const r = await hazardList(app.store, ANONYMOUS_ACTOR, { limit: 50, offset: 0 });
 */
export async function hazardList(
  docs: DocReader,
  actor: Actor,
  q: HazardQuery,
): Promise<Result<Page<FeatureRow>>> {
  const status: Expr[] = q.status === undefined ? [] : [{ op: 'in', field: 'status', values: q.status }];
  const page = await findPage(docs, {
    collection: HAZARDS,
    where: andExpr(readFilter(actor, HAZARD_READ), ...status),
    orderBy: { field: 'humanId' },
    limit: q.limit,
    offset: q.offset,
  });
  return ok({
    items: page.docs.map((d) => ({
      id: d.id,
      version: d.version,
      data: d.data,
      geometry: d.geometry ?? null,
    })),
    total: page.numberMatched,
  });
}

/** A report on the review workbench, with its submitter's name and what this actor may do. */
export interface QueuedSubmission extends SubmissionRecord {
  readonly submittedByName: string | null;
  /** The actor submitted it (and so may not review it). */
  readonly ownSubmission: boolean;
  readonly mayReview: boolean;
}

export interface SubmissionQuery extends PageRequest {
  /** Default: waiting for review (`submitted`). */
  readonly status?: readonly SubmissionStatus[];
  readonly kind?: readonly SubmissionKind[];
}

/** The review workbench queue, oldest first: for those who submit or review field reports. */
export async function submissionQueue(
  docs: DocReader,
  actor: Actor,
  q: SubmissionQuery,
): Promise<Result<Page<QueuedSubmission>>> {
  if (!can(actor, 'landrelease.submit') && !can(actor, 'landrelease.review')) {
    return err([
      problem(
        'AUTH_FORBIDDEN',
        '',
        `${actor.name} may not see the review queue (needs landrelease.submit or landrelease.review)`,
      ),
    ]);
  }
  const filters: Expr[] = [
    { op: 'in', field: 'status', values: q.status ?? ['submitted'] },
    ...(q.kind === undefined ? [] : [{ op: 'in', field: 'kind', values: q.kind } as const]),
  ];
  const page = await findPage(docs, {
    collection: LR_SUBMISSIONS,
    where: andExpr(readFilter(actor, SUBMISSION_READ), ...filters),
    orderBy: { field: 'submittedAt' },
    limit: q.limit,
    offset: q.offset,
  });
  const subs = page.docs.map((d) => lrDocs.submissions.typed(d).data);
  const names = await userNames(
    docs,
    subs.map((s) => s.submittedBy),
  );
  const items = subs.map((s): QueuedSubmission => {
    const own = s.submittedBy === actor.id;
    return {
      ...s,
      submittedByName: names.get(s.submittedBy) ?? null,
      ownSubmission: own,
      mayReview: s.status === 'submitted' && !own && can(actor, 'landrelease.review'),
    };
  });
  return ok({ items, total: page.numberMatched });
}
