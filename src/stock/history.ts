/**
 * Compact balance history: per (account, lot), a flat ascending array
 * [day₀, qty₀, day₁, qty₁, …] of epoch day and quantity at the end of that day. Flat numbers keep
 * the document cheap to parse and freeze; a statement as of a date bisects each history instead
 * of replaying the ledger.
 */
export type History = readonly number[];

export function epochDayOf(iso: string): number {
  return Math.floor(Date.parse(iso) / 86_400_000);
}

/** First pair index whose day is ≥ `day`. */
function lowerBound(h: History, day: number): number {
  let lo = 0;
  let hi = h.length >> 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((h[2 * mid] as number) < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Add `delta` from `day` on (a backdated movement shifts every later day too). */
export function applyDelta(h: History, day: number, delta: number): number[] {
  const out = [...h];
  const i = lowerBound(out, day);
  if (out[2 * i] !== day) out.splice(2 * i, 0, day, i === 0 ? 0 : (out[2 * i - 1] as number));
  for (let j = 2 * i + 1; j < out.length; j += 2) out[j] = (out[j] as number) + delta;
  return out;
}

/** The quantity at the end of `day` (0 before the first movement). */
export function qtyAtDay(h: History, day: number): number {
  const i = lowerBound(h, day + 1);
  return i === 0 ? 0 : (h[2 * i - 1] as number);
}
