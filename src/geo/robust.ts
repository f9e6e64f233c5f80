/**
 * Exact planar predicates. A floating-point filter answers almost every call; when the result is
 * within the rounding error bound, the determinant is recomputed exactly with BigInt, so the sign
 * is always right (the same idea as Shewchuk's adaptive predicates, with a simpler exact stage).
 */

// Error bound for the filtered orientation test (Shewchuk 1997, ccwerrboundA).
const CCW_ERR_BOUND = (3 + 16 * 2 ** -53) * 2 ** -53;

const F64 = new Float64Array(1);
const U64 = new BigUint64Array(F64.buffer);

/** A finite double as an exact `mantissa * 2^exponent`. */
function decompose(x: number): { readonly m: bigint; readonly e: number } {
  if (x === 0) return { m: 0n, e: 0 };
  F64[0] = x;
  const bits = U64[0] ?? 0n;
  const sign = bits >> 63n === 1n ? -1n : 1n;
  const rawExp = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & 0xfffffffffffffn;
  // Subnormals have no hidden bit and the minimum exponent.
  const m = rawExp === 0 ? frac : frac | 0x10000000000000n;
  const e = (rawExp === 0 ? 1 : rawExp) - 1075;
  return { m: sign * m, e };
}

/** Exact integers for a list of doubles, all scaled by the same power of two. */
function toScaledIntegers(xs: readonly number[]): bigint[] {
  const parts = xs.map(decompose);
  let minE = Infinity;
  for (const p of parts) if (p.m !== 0n && p.e < minE) minE = p.e;
  if (minE === Infinity) return parts.map(() => 0n);
  return parts.map((p) => (p.m === 0n ? 0n : p.m << BigInt(p.e - minE)));
}

/**
 * Sign of the orientation of (a, b, c): 1 counter-clockwise, -1 clockwise, 0 collinear.
 * Exact for all finite inputs.
 */
export function orient2d(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): -1 | 0 | 1 {
  const detLeft = (ax - cx) * (by - cy);
  const detRight = (ay - cy) * (bx - cx);
  const det = detLeft - detRight;
  const bound = CCW_ERR_BOUND * (Math.abs(detLeft) + Math.abs(detRight));
  if (det > bound) return 1;
  if (-det > bound) return -1;
  const [iax, iay, ibx, iby, icx, icy] = toScaledIntegers([ax, ay, bx, by, cx, cy]) as [
    bigint,
    bigint,
    bigint,
    bigint,
    bigint,
    bigint,
  ];
  const exact = (iax - icx) * (iby - icy) - (iay - icy) * (ibx - icx);
  return exact > 0n ? 1 : exact < 0n ? -1 : 0;
}

/** True when c lies on the closed segment ab, exactly. */
export function onSegment(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): boolean {
  if (orient2d(ax, ay, bx, by, cx, cy) !== 0) return false;
  return Math.min(ax, bx) <= cx && cx <= Math.max(ax, bx) && Math.min(ay, by) <= cy && cy <= Math.max(ay, by);
}

/** How two closed segments meet: not at all, crossing at one interior point, or touching. */
export type SegmentContact = 'none' | 'cross' | 'touch';

/**
 * Classify the contact of segments pq and rs exactly. `cross` is a proper crossing of both
 * interiors; `touch` is any other contact (an endpoint on the other segment, or collinear overlap).
 */
export function segmentContact(
  px: number,
  py: number,
  qx: number,
  qy: number,
  rx: number,
  ry: number,
  sx: number,
  sy: number,
): SegmentContact {
  if (Math.max(px, qx) < Math.min(rx, sx) || Math.max(rx, sx) < Math.min(px, qx)) return 'none';
  if (Math.max(py, qy) < Math.min(ry, sy) || Math.max(ry, sy) < Math.min(py, qy)) return 'none';
  const o1 = orient2d(px, py, qx, qy, rx, ry);
  const o2 = orient2d(px, py, qx, qy, sx, sy);
  const o3 = orient2d(rx, ry, sx, sy, px, py);
  const o4 = orient2d(rx, ry, sx, sy, qx, qy);
  if (o1 * o2 < 0 && o3 * o4 < 0) return 'cross';
  if (
    (o1 === 0 && onSegment(px, py, qx, qy, rx, ry)) ||
    (o2 === 0 && onSegment(px, py, qx, qy, sx, sy)) ||
    (o3 === 0 && onSegment(rx, ry, sx, sy, px, py)) ||
    (o4 === 0 && onSegment(rx, ry, sx, sy, qx, qy))
  ) {
    return 'touch';
  }
  return 'none';
}
