/**
 * Strict query parameters: an unknown parameter is a 400, never silently dropped (field-users.md
 * §1.9: servers that ignore a misspelt filter return everything and look correct).
 */
import type { Context } from 'hono';
import { problem, type Problem } from '../core/index.js';
import { refuseAll } from './errors.js';

/** All query parameters as a map of single values; repeated parameters are refused. */
export function strictQuery(
  c: Context,
  allowed: ReadonlySet<string> | readonly string[],
  extra?: (name: string) => boolean,
): Map<string, string> {
  const ok = allowed instanceof Set ? allowed : new Set(allowed as readonly string[]);
  const url = new URL(c.req.url);
  const out = new Map<string, string>();
  const problems: Problem[] = [];
  for (const [k, v] of url.searchParams) {
    if (!ok.has(k) && !(extra?.(k) ?? false)) {
      problems.push(
        problem('HTTP_UNKNOWN_PARAMETER', k, `unknown query parameter "${k}"`, { allowed: [...ok].sort() }),
      );
    } else if (out.has(k)) {
      problems.push(problem('VALIDATION_FORMAT', k, `query parameter "${k}" is given more than once`));
    } else out.set(k, v);
  }
  if (problems.length > 0) refuseAll(problems, 'the query');
  return out;
}

/** A non-negative integer parameter, or the default. */
export function intParam(q: Map<string, string>, name: string, dflt: number, min = 0): number {
  const v = q.get(name);
  if (v === undefined) return dflt;
  if (!/^\d+$/.test(v) || Number(v) < min || !Number.isSafeInteger(Number(v))) {
    refuseAll([
      problem('VALIDATION_RANGE', name, `${name} must be an integer ≥ ${min}, got "${v}"`, { value: v }),
    ]);
  }
  return Number(v);
}
