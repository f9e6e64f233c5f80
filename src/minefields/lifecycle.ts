/**
 * The status lifecycle and the Technical Annex 1 completeness check. A transition is allowed only
 * along the table below and only when its guard holds; every failed guard is listed.
 */
import { problem, type Problem } from '../core/index.js';
import { checkSign } from './marking.js';
import type { MinefieldRecord, MinefieldStatus, ReportType } from './types.js';

/** Allowed next statuses (issue #5 §2; APII 5(2)(b) handover, 5(3) loss of control, Art 10). */
export const TRANSITIONS: Readonly<Record<MinefieldStatus, readonly MinefieldStatus[]>> = {
  'intention-reported': ['laying'],
  laying: ['laid-recorded'],
  'laid-recorded': [
    'marked-fenced-monitored',
    'changed',
    'handed-over-to-other-force',
    'control-lost',
    'clearance-in-progress',
  ],
  'marked-fenced-monitored': [
    'changed',
    'handed-over-to-other-force',
    'control-lost',
    'clearance-in-progress',
  ],
  changed: [
    'marked-fenced-monitored',
    'changed',
    'handed-over-to-other-force',
    'control-lost',
    'clearance-in-progress',
  ],
  'handed-over-to-other-force': ['clearance-in-progress'],
  'control-lost': ['clearance-in-progress'],
  'clearance-in-progress': ['cleared'],
  cleared: ['closed'],
  closed: [],
};

/** The status a report moves the record to; an intention report creates the record instead. */
export const REPORT_STATUS: Readonly<Record<ReportType, MinefieldStatus>> = {
  intention: 'intention-reported',
  initiation: 'laying',
  completion: 'laid-recorded',
  change: 'changed',
  transfer: 'handed-over-to-other-force',
  'loss-of-control': 'control-lost',
  'clearance-complete': 'cleared',
};

/** Statuses in which the record's content may no longer be amended. */
export const FINAL_STATUSES: readonly MinefieldStatus[] = ['cleared', 'closed'];

const missing = (field: string, message: string): Problem =>
  problem('MINEFIELD_TA1_FIELD_MISSING', field, message, { field });

/**
 * Every field APII Technical Annex 1 requires that the record lacks. Empty when complete.
 * Paths name the record field, so a form can point at each one.
 */
export function missingTa1(r: MinefieldRecord): Problem[] {
  const out: Problem[] = [];
  const remote = r.recordType === 'remotely-delivered';
  if (remote) {
    // TA 1(b): estimated location and area by corner points, total numbers and types, date and
    // time of laying, self-destruction periods.
    if (r.perimeter === undefined || (r.perimeter.turningPoints?.length ?? 0) < 3) {
      out.push(
        missing(
          'perimeter.turningPoints',
          'a remotely delivered record needs the corner points of the area (APII TA 1(b))',
        ),
      );
    }
    r.contents.forEach((c, i) => {
      if (c.lifeTime.kind === 'indefinite') {
        out.push(
          missing(
            `contents[${i}].lifeTime`,
            'a remotely delivered line needs its self-destruction period (APII TA 1(b))',
          ),
        );
      }
    });
  } else {
    // TA 1(a)(i): location relative to at least two reference points.
    if (r.referencePoints.length < 2) {
      out.push(
        problem(
          'MINEFIELD_REFERENCE_POINTS_MIN',
          'referencePoints',
          `at least two reference points are required (APII TA 1(a)(i)); the record has ${r.referencePoints.length}`,
          {
            value: r.referencePoints.length,
          },
        ),
      );
    }
    // TA 1(a)(ii): perimeter and extent.
    if (r.perimeter === undefined)
      out.push(missing('perimeter', 'the perimeter is required (APII TA 1(a)(ii))'));
    // TA 1(a)(iii): the location of every mine where feasible, rows for row minefields; each
    // booby-trap individually.
    if (r.recordType === 'booby-trap-area') {
      if (r.minePositions.length === 0 || r.minePositions.some((m) => m.mechanism === undefined)) {
        out.push(
          missing(
            'minePositions',
            'each booby-trap needs its precise location and operating mechanism (APII TA 1(a)(iii))',
          ),
        );
      }
    } else if (r.rows.length === 0 && r.minePositions.length === 0 && r.positionsNotFeasible === undefined) {
      out.push(
        missing(
          'rows',
          'rows or individual mine positions are required, or the reason they are not feasible (APII TA 1(a)(iii))',
        ),
      );
    }
  }
  // TA 1(a)(iii) / 1(b): type, number, emplacing method, fuze, life time, anti-handling devices.
  if (r.contents.length === 0)
    out.push(missing('contents', 'the type and number of mines are required (APII TA 1(a)(iii))'));
  if (r.layingStart === undefined)
    out.push(missing('layingStart', 'the date and time laying started is required (APII TA 1(a)(iii))'));
  if (r.layingEnd === undefined)
    out.push(missing('layingEnd', 'the date and time laying ended is required (APII TA 1(a)(iii))'));
  if (r.unit.trim() === '') out.push(missing('unit', 'the responsible unit is required'));
  // TA 1(c): copies held at a command level high enough to keep them safe.
  if (r.copiesHeldAt.length === 0)
    out.push(missing('copiesHeldAt', 'the command level holding copies is required (APII TA 1(c))'));
  return out;
}

/** Check one status change against the table and its guards; every problem is returned. */
export function checkTransition(
  r: MinefieldRecord,
  to: MinefieldStatus,
  facts: { readonly reason?: string | undefined; readonly receivingForce?: string | undefined },
): Problem[] {
  if (FINAL_STATUSES.includes(r.status) && !TRANSITIONS[r.status].includes(to)) {
    return [problem('MINEFIELD_CLOSED', 'to', `record ${r.humanId} is ${r.status}`, { from: r.status, to })];
  }
  if (!TRANSITIONS[r.status].includes(to)) {
    return [
      problem('INVALID_TRANSITION', 'to', `a record cannot go from ${r.status} to ${to}`, {
        from: r.status,
        to,
        allowed: TRANSITIONS[r.status],
      }),
    ];
  }
  const out: Problem[] = [];
  switch (to) {
    case 'laid-recorded':
      out.push(...missingTa1(r));
      break;
    case 'marked-fenced-monitored': {
      // APII 5(2)(a): perimeter-marked, monitored, and protected by fencing or other means.
      const m = r.markings.at(-1);
      if (m === undefined)
        out.push(
          problem(
            'MINEFIELD_MARKING_MISSING',
            'markings',
            'record the marking, fencing and monitoring first (APII Art 5(2)(a))',
          ),
        );
      else
        out.push(
          ...checkSign(m.sign, r.state).map((p) => ({
            ...p,
            path: `markings[${r.markings.length - 1}].${p.path}`,
          })),
        );
      break;
    }
    case 'control-lost':
      // APII 5(3): relief only where control was lost by force through enemy military action.
      if (facts.reason === undefined)
        out.push(
          problem('MINEFIELD_REASON_REQUIRED', 'reason', 'say how control was lost by force (APII Art 5(3))'),
        );
      break;
    case 'handed-over-to-other-force':
      // APII 5(2)(b): the receiving forces accept responsibility for the protections and clearance.
      if (facts.receivingForce === undefined) {
        out.push(
          problem(
            'MINEFIELD_REASON_REQUIRED',
            'receivingForce',
            'name the force that accepts responsibility (APII Art 5(2)(b))',
          ),
        );
      }
      break;
    default:
      break;
  }
  return out;
}
