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

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Parse an ISO 8601 date or instant strictly; a bare date means 00:00Z that day. */
export function parseInstant(text: string): Date | undefined {
  if (!ISO_INSTANT.test(text) && !ISO_DATE.test(text)) return undefined;
  const d = new Date(ISO_DATE.test(text) ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(d.getTime())) return undefined;
  // Reject calendar overflow such as 2026-02-30, which Date silently rolls over.
  const [y, m, day] = text.slice(0, 10).split('-').map(Number);
  if (ISO_DATE.test(text) && (d.getUTCFullYear() !== y || d.getUTCMonth() + 1 !== m || d.getUTCDate() !== day)) {
    return undefined;
  }
  return d;
}

/** Canonical instant text stored in events: UTC, millisecond precision. */
export function isoInstant(d: Date): string {
  return d.toISOString();
}
