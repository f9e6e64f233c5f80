/**
 * Paging and query-parameter parsers for the routes not yet declared schema-first (the report
 * routes, src/http/routes/reports.ts). Schema-first routes page in the store through their module's
 * query function and parse with src/http/schemas.ts; `pageOf` remains only for lists computed in
 * memory that the store cannot page (compliance findings are computed by the rules, not stored).
 */
import type { Context } from 'hono';
import { isCalendarDate, problem } from '../../core/index.js';
import { refuseAll } from '../errors.js';
import { intParam } from '../params.js';
import { API_DEFAULT_LIMIT, API_MAX_LIMIT } from '../schemas.js';

export { API_DEFAULT_LIMIT, API_MAX_LIMIT };

/** One page of a list, in the shape of every JSON API list. */
export interface ApiPage<T> {
  readonly items: readonly T[];
  readonly numberMatched: number;
  readonly numberReturned: number;
  /** Same-origin path of the next page, or null on the last. */
  readonly next: string | null;
}

/** Page an in-memory list with `limit` (clamped to the maximum) and `offset`. */
export function pageOf<T>(c: Context, q: ReadonlyMap<string, string>, all: readonly T[]): ApiPage<T> {
  const limit = Math.min(intParam(q as Map<string, string>, 'limit', API_DEFAULT_LIMIT, 1), API_MAX_LIMIT);
  const offset = intParam(q as Map<string, string>, 'offset', 0);
  const items = all.slice(offset, offset + limit);
  let next: string | null = null;
  if (offset + items.length < all.length) {
    const u = new URL(c.req.url);
    u.searchParams.set('offset', String(offset + limit));
    u.searchParams.set('limit', String(limit));
    next = `${u.pathname}?${u.searchParams.toString()}`;
  }
  return { items, numberMatched: all.length, numberReturned: items.length, next };
}

/** A calendar date parameter (YYYY-MM-DD), or the default. */
export function dateParam(q: ReadonlyMap<string, string>, name: string, dflt: string): string {
  const v = q.get(name) ?? dflt;
  if (!isCalendarDate(v)) {
    refuseAll([
      problem('VALIDATION_FORMAT', name, `${name} is a date YYYY-MM-DD that exists, got "${v}"`, {
        value: v,
      }),
    ]);
  }
  return v;
}

/** An enumerated parameter (a comma-separated list when `many`), validated against `allowed`. */
export function enumParam<T extends string>(
  q: ReadonlyMap<string, string>,
  name: string,
  allowed: readonly T[],
): T[] | undefined {
  const v = q.get(name);
  if (v === undefined) return undefined;
  const parts = v.split(',').map((s) => s.trim());
  const bad = parts.filter((p) => !(allowed as readonly string[]).includes(p));
  if (bad.length > 0)
    refuseAll(
      bad.map((b) =>
        problem('VALIDATION_ENUM', name, `${name} "${b}" is not one of ${allowed.join(', ')}`, {
          value: b,
          allowed: [...allowed],
        }),
      ),
    );
  return parts as T[];
}
