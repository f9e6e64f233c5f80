/**
 * Compact balance history: per (account, lot), ascending [epoch day, quantity at end of day].
 * A statement as of a date bisects each history instead of replaying the ledger.
 */
type Entry = readonly [number, number];

export function epochDayOf(iso: string): number {
  return Math.floor(Date.parse(iso) / 86_400_000);
}

/** First index whose day is ≥ `day`. */
function lowerBound(h: ReadonlyArray<Entry>, day: number): number {
  let lo = 0;
  let hi = h.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((h[mid] as Entry)[0] < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Add `delta` from `day` on (a backdated movement shifts every later day too). */
export function applyDelta(h: ReadonlyArray<Entry>, day: number, delta: number): Array<[number, number]> {
  const out = h.map((x) => [x[0], x[1]] as [number, number]);
  const i = lowerBound(out, day);
  const at = out[i];
  if (at === undefined || at[0] !== day) out.splice(i, 0, [day, (out[i - 1]?.[1] ?? 0)]);
  for (let j = i; j < out.length; j++) (out[j] as [number, number])[1] += delta;
  return out;
}

/** The quantity at the end of `day` (0 before the first movement). */
export function qtyAtDay(h: ReadonlyArray<Entry>, day: number): number {
  const i = lowerBound(h, day + 1);
  return i === 0 ? 0 : (h[i - 1] as Entry)[1];
}
