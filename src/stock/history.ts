/**
 * Compact balance history: per (account, lot), the quantity at the end of each epoch day on
 * which it changed, ascending, packed into one fixed-width string — 4 base-36 characters of day,
 * 7 of quantity (offset so sources may go negative). A statement as of a date reads one string
 * per balance line and bisects it in place: no array is parsed, allocated or frozen per entry,
 * which is what keeps a statement over ~100k balance lines near the 1 s target.
 */
export type History = string;

const DAY_W = 4;
const QTY_W = 7;
const W = DAY_W + QTY_W;
/** Half of 36^7: quantities in ±39 billion. */
const OFFSET = 39_182_082_048;

export function epochDayOf(iso: string): number {
  return Math.floor(Date.parse(iso) / 86_400_000);
}

const dayAt = (h: History, i: number): number => parseInt(h.slice(i * W, i * W + DAY_W), 36);
const qtyAt = (h: History, i: number): number => parseInt(h.slice(i * W + DAY_W, (i + 1) * W), 36) - OFFSET;
const pack = (day: number, qty: number): string =>
  day.toString(36).padStart(DAY_W, '0') + (qty + OFFSET).toString(36).padStart(QTY_W, '0');

/** First entry index whose day is ≥ `day`. */
function lowerBound(h: History, day: number): number {
  let lo = 0;
  let hi = h.length / W;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (dayAt(h, mid) < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Add `delta` from `day` on (a backdated movement shifts every later day too). */
export function applyDelta(h: History, day: number, delta: number): History {
  const i = lowerBound(h, day);
  const n = h.length / W;
  let out = h.slice(0, i * W);
  if (i >= n || dayAt(h, i) !== day) out += pack(day, (i === 0 ? 0 : qtyAt(h, i - 1)) + delta);
  for (let j = i; j < n; j++) out += pack(dayAt(h, j), qtyAt(h, j) + delta);
  return out;
}

/** The quantity at the end of `day` (0 before the first movement). */
export function qtyAtDay(h: History, day: number): number {
  const i = lowerBound(h, day + 1);
  return i === 0 ? 0 : qtyAt(h, i - 1);
}

/** The history as [day, quantity] pairs, for display and tests. */
export function historyEntries(h: History): Array<[number, number]> {
  return Array.from({ length: h.length / W }, (_, i) => [dayAt(h, i), qtyAt(h, i)]);
}
