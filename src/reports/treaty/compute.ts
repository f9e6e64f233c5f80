/**
 * Computing a treaty report from the application: check the request, find the covering tree,
 * replay it as of the period end, compute the body, digest it and attach the attestation.
 */
import { can, type Actor } from '../../access/index.js';
import { err, ok, problem, type Problem, type Result } from '../../core/index.js';
import { getTreatyState } from '../../treaty/index.js';
import { article7Report, checkRequest, type Article7Report, type ReportRequest } from './article7.js';
import {
  basisOf,
  digestOf,
  periodOf,
  type Attestation,
  type CoveringTree,
  type Period,
  type ReportApp,
} from './basis.js';
import { ccwArticle13Report, type CcwArticle13Report } from './ccw.js';
import type { DocReader } from '../../store/index.js';

/** A computed report: the reproducible body, its digest, and the attestation of the day. */
export interface TreatyReport<T> {
  readonly body: T;
  /** SHA-256 of the body's canonical JSON: a recomputation gives the same digest. */
  readonly digest: string;
  readonly attestation: Attestation;
}

type Compute<T> = (
  docs: DocReader,
  actor: Actor,
  req: ReportRequest,
  period: Period,
  tree: CoveringTree,
) => Promise<Result<T>>;

async function compute<T>(
  app: ReportApp,
  actor: Actor,
  req: ReportRequest,
  body: Compute<T>,
): Promise<Result<TreatyReport<T>>> {
  // Cheap refusals first: no replay for a caller who may not read the report.
  if (!can(actor, 'report.read'))
    return err([
      problem('AUTH_FORBIDDEN', '', `${actor.name} may not read treaty reports (needs report.read)`),
    ]);
  const checked = checkRequest(req);
  if (!checked.ok) return checked;
  const problems: Problem[] = [];
  const period = periodOf(req.year);
  if (new Date(period.end).getTime() > app.clock.now().getTime()) {
    problems.push(
      problem(
        'REPORT_PERIOD_OPEN',
        'year',
        `the ${req.year} reporting period ends ${period.end}; a treaty report covers a closed calendar year`,
        { value: req.year, periodEnd: period.end },
      ),
    );
  }
  if ((await getTreatyState(app.store, req.state)) === undefined)
    problems.push(
      problem('TREATY_STATE_UNKNOWN', 'state', `no state ${req.state} in the treaty registry`, {
        value: req.state,
      }),
    );
  if (problems.length > 0) return err(problems);
  const basis = await basisOf(app, period);
  const r = await body(basis.docs, actor, req, period, basis.tree);
  if (!r.ok) return r;
  return ok({ body: r.value, digest: digestOf(r.value), attestation: basis.attestation });
}

/**
 * The Ottawa Article 7 report (Forms A–J) of a state for a closed calendar year.
 * @example const r = await computeArticle7(app, actor, { state: 'FI', year: 2026 }); // r.ok && r.value.body.formB.total
 */
export function computeArticle7(
  app: ReportApp,
  actor: Actor,
  req: ReportRequest,
): Promise<Result<TreatyReport<Article7Report>>> {
  return compute(app, actor, req, article7Report);
}

/** The CCW APII Article 13(4) annual report of a state for a closed calendar year. */
export function computeCcwArticle13(
  app: ReportApp,
  actor: Actor,
  req: ReportRequest,
): Promise<Result<TreatyReport<CcwArticle13Report>>> {
  return compute(app, actor, req, ccwArticle13Report);
}
