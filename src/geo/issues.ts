/** Validation issues: a catalogue code, a severity, a path and the offending value. */
import type { ErrorCode, Problem } from '../core/index.js';

export type Severity = 'error' | 'warning';

/** Where an issue sits in the geometry and what value offended. */
export interface IssueDetails {
  /** Index of the polygon in a MultiPolygon, or of the line in a MultiLineString. */
  readonly part?: number;
  /** Ring index within the polygon: 0 is the shell, 1… are holes. */
  readonly ring?: number;
  /** Vertex index within the ring or line. */
  readonly vertex?: number;
  /** The offending value as found (a position, a distance, a type name…). */
  readonly value: unknown;
  readonly [extra: string]: unknown;
}

/** One validation finding. Errors make a geometry invalid; warnings do not. */
export interface GeometryIssue extends Problem {
  readonly severity: Severity;
  readonly details: IssueDetails;
}

/** Build an issue. */
export function issue(
  code: ErrorCode,
  severity: Severity,
  path: string,
  message: string,
  details: IssueDetails,
): GeometryIssue {
  return { code, severity, path, message, details };
}

/** True when any issue is an error. */
export function hasErrors(issues: readonly GeometryIssue[]): boolean {
  return issues.some((i) => i.severity === 'error');
}
