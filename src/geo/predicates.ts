/**
 * Exact spatial predicates in the longitude/latitude plane (as PostGIS `geometry` decides them),
 * built on the exact orientation test, plus a tolerance test in metres in a local metric plane.
 */
import { onSegment, segmentContact } from './robust.js';
import { bboxOf, locateInPolygon, polygonsOf, positionsOf, type Location } from './planar.js';
import { localPlane } from './local.js';
import type { ArealGeometry, Geometry, Position } from './types.js';
import { assertNever } from '../core/index.js';

/** Where a point lies relative to a Polygon or MultiPolygon. */
export function locatePoint(p: Position, g: ArealGeometry): Location {
  let onBoundary = false;
  for (const rings of polygonsOf(g)) {
    const l = locateInPolygon(p[0], p[1], rings);
    if (l === 'inside') return 'inside';
    if (l === 'boundary') onBoundary = true;
  }
  return onBoundary ? 'boundary' : 'outside';
}

/** True when the point is inside the polygon or on its boundary. */
export function pointInPolygon(p: Position, g: ArealGeometry): boolean {
  return locatePoint(p, g) !== 'outside';
}

type Seg = readonly [Position, Position];

function segmentsOf(g: Geometry): Seg[] {
  const lines: (readonly Position[])[] = [];
  switch (g.type) {
    case 'Point':
    case 'MultiPoint':
      break;
    case 'LineString':
      lines.push(g.coordinates);
      break;
    case 'MultiLineString':
    case 'Polygon':
      lines.push(...g.coordinates);
      break;
    case 'MultiPolygon':
      for (const p of g.coordinates) lines.push(...p);
      break;
    default:
      assertNever(g, 'geometry');
  }
  const out: Seg[] = [];
  for (const l of lines)
    for (let i = 0; i + 1 < l.length; i++) out.push([l[i] as Position, l[i + 1] as Position]);
  return out;
}

function isAreal(g: Geometry): g is ArealGeometry {
  return g.type === 'Polygon' || g.type === 'MultiPolygon';
}

function pointOnGeometry(p: Position, g: Geometry): boolean {
  if (isAreal(g)) return pointInPolygon(p, g);
  if (g.type === 'Point') return g.coordinates[0] === p[0] && g.coordinates[1] === p[1];
  if (g.type === 'MultiPoint') return g.coordinates.some((q) => q[0] === p[0] && q[1] === p[1]);
  return segmentsOf(g).some(([a, b]) => onSegment(a[0], a[1], b[0], b[1], p[0], p[1]));
}

/**
 * Exact intersects for any two geometries: they share at least one point (boundaries count).
 * @example intersects(hazard, { type: 'Point', coordinates: [30.5, 50.4] })
 */
export function intersects(a: Geometry, b: Geometry): boolean {
  const [a0, a1, a2, a3] = bboxOf(a);
  const [b0, b1, b2, b3] = bboxOf(b);
  if (a2 < b0 || b2 < a0 || a3 < b1 || b3 < a1) return false;
  const sa = segmentsOf(a);
  const sb = segmentsOf(b);
  for (const [p, q] of sa) {
    for (const [r, s] of sb) {
      if (segmentContact(p[0], p[1], q[0], q[1], r[0], r[1], s[0], s[1]) !== 'none') return true;
    }
  }
  // No boundary contact: one may still lie inside the other, or points may sit on the other.
  const first = (g: Geometry): Position | undefined => {
    const it = positionsOf(g).next();
    return it.done === true ? undefined : it.value;
  };
  if (a.type === 'Point' || a.type === 'MultiPoint')
    return [...positionsOf(a)].some((p) => pointOnGeometry(p, b));
  if (b.type === 'Point' || b.type === 'MultiPoint')
    return [...positionsOf(b)].some((p) => pointOnGeometry(p, a));
  const pa = first(a);
  const pb = first(b);
  return (
    (pa !== undefined && isAreal(b) && pointInPolygon(pa, b)) ||
    (pb !== undefined && isAreal(a) && pointInPolygon(pb, a))
  );
}

function pointSegmentDistance(
  p: readonly [number, number],
  a: readonly [number, number],
  b: readonly [number, number],
): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/**
 * Within with a tolerance in metres: every point of `inner` lies in `outer` or within `metres` of
 * its boundary. Points are tested exactly; the edges of lines and polygons are also sampled every
 * `metres / 2` (at least 0.5 m), so an edge may stray beyond the tolerance by at most half of it
 * between samples. Distances are measured in a local transverse Mercator plane (local.ts).
 * @example withinTolerance(releasedArea, hazard, 2) // released land within 2 m of the hazard
 */
export function withinTolerance(inner: Geometry, outer: ArealGeometry, metres: number): boolean {
  const [i0, i1, i2, i3] = bboxOf(inner);
  const [o0, o1, o2, o3] = bboxOf(outer);
  const plane = localPlane([Math.min(i0, o0), Math.min(i1, o1), Math.max(i2, o2), Math.max(i3, o3)]);
  const boundary = segmentsOf(outer).map(([a, b]) => [plane.forward(a), plane.forward(b)] as const);
  const ok = (p: Position): boolean => {
    if (pointInPolygon(p, outer)) return true;
    const q = plane.forward(p);
    return boundary.some(([a, b]) => pointSegmentDistance(q, a, b) <= metres);
  };
  for (const p of positionsOf(inner)) if (!ok(p)) return false;
  const step = Math.max(0.5, metres / 2);
  for (const [a, b] of segmentsOf(inner)) {
    const pa = plane.forward(a);
    const pb = plane.forward(b);
    const n = Math.ceil(Math.hypot(pb[0] - pa[0], pb[1] - pa[1]) / step);
    for (let k = 1; k < n; k++) {
      const t = k / n;
      if (!ok(plane.inverse([pa[0] + t * (pb[0] - pa[0]), pa[1] + t * (pb[1] - pa[1])]))) return false;
    }
  }
  return true;
}
