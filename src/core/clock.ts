/** An injectable clock, so tests and replays control time. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that always answers the given instant, or advances by `stepMs` on each call. */
export function fixedClock(start: Date | string, stepMs = 0): Clock {
  let t = new Date(start).getTime();
  return {
    now() {
      const d = new Date(t);
      t += stepMs;
      return d;
    },
  };
}

// RFC 3339 §5.6: full-date "T" full-time with a Z or ±hh:mm offset; seconds required, fraction optional.
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(?:Z|([+-])(\d{2}):(\d{2}))$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days in a month of the proleptic Gregorian calendar (RFC 3339 Appendix C leap years). */
function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function dateExists(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** True when `text` is a YYYY-MM-DD date that exists (2028-02-29 yes, 2026-02-29 and 2026-04-31 no). */
export function isCalendarDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  return m !== null && dateExists(Number(m[1]), Number(m[2]), Number(m[3]));
}

/**
 * Parse an ISO 8601 date or RFC 3339 instant strictly; a bare date means 00:00Z that day.
 * A date or time that does not exist (2026-04-31, 2026-02-29, 24:00, 12:60, a +24:00 offset) is
 * refused, never rolled over the way `Date` does.
 */
export function parseInstant(text: string): Date | undefined {
  if (ISO_DATE.test(text)) return isCalendarDate(text) ? new Date(`${text}T00:00:00Z`) : undefined;
  const m = ISO_INSTANT.exec(text);
  if (m === null) return undefined;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (!dateExists(y, mo, d) || h > 23 || mi > 59 || s > 59) return undefined;
  if (m[8] !== undefined && (Number(m[9]) > 23 || Number(m[10]) > 59)) return undefined;
  const out = new Date(text);
  return Number.isNaN(out.getTime()) ? undefined : out;
}

/** Canonical instant text stored in events: UTC, millisecond precision. */
export function isoInstant(d: Date): string {
  return d.toISOString();
}
