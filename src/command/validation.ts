/** Boundary validation: Zod schemas infer the types; issues become catalogued problems with paths. */
import { z } from 'zod';
import { err, isErrorCode, ok, problem, type ErrorCode, type Problem, type Result } from '../core/index.js';

function pathText(path: readonly PropertyKey[], prefix: string): string {
  let out = prefix;
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out;
}

/** Map one Zod issue to a catalogue code. A refinement may name its code in `params.code`. */
function codeFor(issue: z.core.$ZodIssue): ErrorCode {
  switch (issue.code) {
    case 'invalid_type':
      // With reportInput, a present-but-wrong value carries `input`; a missing field does not.
      return (issue as { input?: unknown }).input === undefined ? 'VALIDATION_REQUIRED' : 'VALIDATION_TYPE';
    case 'too_small':
    case 'too_big':
    case 'not_multiple_of':
      return 'VALIDATION_RANGE';
    case 'invalid_format':
      return 'VALIDATION_FORMAT';
    case 'invalid_value':
      return 'VALIDATION_ENUM';
    case 'unrecognized_keys':
      return 'VALIDATION_UNKNOWN_FIELD';
    case 'custom': {
      const c = (issue.params as { code?: unknown } | undefined)?.code;
      return typeof c === 'string' && isErrorCode(c) ? c : 'VALIDATION_FORMAT';
    }
    default:
      return 'VALIDATION_FORMAT';
  }
}

/** Turn Zod issues into problems, every one of them, each with a path under `prefix`. */
export function zodProblems(issues: readonly z.core.$ZodIssue[], prefix = ''): Problem[] {
  return issues.map((i) => {
    const code = codeFor(i);
    const path = pathText(i.path, prefix);
    if (i.code === 'unrecognized_keys') {
      return problem(code, path, `unknown field(s): ${i.keys.join(', ')}`, { keys: i.keys });
    }
    if (code === 'VALIDATION_REQUIRED') return problem(code, path, `${path || 'value'} is required`);
    return problem(code, path, i.message);
  });
}

/** Parse `input` with `schema`, collecting every problem. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown, prefix = ''): Result<z.infer<S>> {
  // reportInput lets codeFor tell a missing field (no input) from a wrong one.
  const r = schema.safeParse(input, { reportInput: true });
  return r.success ? ok(r.data) : err(zodProblems(r.error.issues, prefix));
}

/**
 * The one instant schema for every boundary: RFC 3339 with an offset, refused when the calendar
 * date or clock time does not exist (2026-04-31, 24:00), never rolled over.
 */
export const instantSchema = z.iso.datetime({
  offset: true,
  error:
    'an instant is an RFC 3339 date-time with an offset (2026-04-30T12:00:00Z) on a date and at a time that exist',
});

/** The one calendar-date schema for every boundary: YYYY-MM-DD that exists (2028-02-29 yes, 2026-02-29 no). */
export const calendarDateSchema = z.iso.date({
  error: 'a date is YYYY-MM-DD and must exist (2026-04-31 and 2026-02-29 do not)',
});
