/**
 * Planar helpers in longitude/latitude space. Topology (validity, containment) is decided in the
 * plane of the GeoJSON coordinates, as OGC Simple Features and PostGIS `geometry` do; measures
 * (area, length) are geodesic and live in geodesic.ts.
 */
import { orient2d } from './robust.js';
import type { BBox, Geometry, Position } from './types.js';
import { assertNever } from '../core/index.js';

/** Where a point lies relative to a ring or polygon. */
export type Location = 'inside' | 'outside' | 'boundary';

/**
 * Locate a point against a closed ring with the exact winding-number test (Sunday 2001), using
 * exact orientation, so the answer never depends on rounding. Boundary points say `boundary`.
 */
export function locateInRing(x: number, y: number, ring: readonly Position[]): Location {
  let wn = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const a = ring[i] as Position;
    const b = ring[i + 1] as Position;
    const ax = a[0];
    const ay = a[1];
    const bx = b[0];
    const by = b[1];
    if (y < Math.min(ay, by) || y > Math.max(ay, by)) continue;
    if (ay <= y) {
      if (by > y) {
        const o = orient2d(ax, ay, bx, by, x, y);
        if (o > 0) wn++;
        else if (o === 0) return 'boundary';
        continue;
      }
    } else if (by <= y) {
      const o = orient2d(ax, ay, bx, by, x, y);
      if (o < 0) wn--;
      else if (o === 0) return 'boundary';
      continue;
    }
    // Horizontal edge at the point's latitude, or an endpoint at exactly y: check for contact.
    if (x >= Math.min(ax, bx) && x <= Math.max(ax, bx) && orient2d(ax, ay, bx, by, x, y) === 0)
      return 'boundary';
  }
  return wn !== 0 ? 'inside' : 'outside';
}

/** Locate a point in a polygon given as rings (shell then holes). */
export function locateInPolygon(x: number, y: number, rings: readonly (readonly Position[])[]): Location {
  const shell = rings[0];
  if (shell === undefined) return 'outside';
  const s = locateInRing(x, y, shell);
  if (s !== 'inside') return s;
  for (let h = 1; h < rings.length; h++) {
    const l = locateInRing(x, y, rings[h] as readonly Position[]);
    if (l === 'inside') return 'outside';
    if (l === 'boundary') return 'boundary';
  }
  return 'inside';
}

/** Twice the signed planar area of a ring (shoelace): positive when counter-clockwise. */
export function ringSignedArea2(ring: readonly Position[]): number {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const a = ring[i] as Position;
    const b = ring[i + 1] as Position;
    s += (a[0] - b[0]) * (a[1] + b[1]);
  }
  return s;
}

/** Every position of a geometry, in order. */
export function* positionsOf(g: Geometry): Generator<Position> {
  switch (g.type) {
    case 'Point':
      yield g.coordinates;
      return;
    case 'MultiPoint':
    case 'LineString':
      yield* g.coordinates;
      return;
    case 'MultiLineString':
    case 'Polygon':
      for (const r of g.coordinates) yield* r;
      return;
    case 'MultiPolygon':
      for (const p of g.coordinates) for (const r of p) yield* r;
      return;
    default:
      assertNever(g, 'geometry');
  }
}

/** Bounding box of a geometry in degrees. */
export function bboxOf(g: Geometry): BBox {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of positionsOf(g)) {
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  return [minX, minY, maxX, maxY];
}

/** The polygons of an areal geometry as ring lists. */
export function polygonsOf(g: Geometry): readonly (readonly (readonly Position[])[])[] {
  if (g.type === 'Polygon') return [g.coordinates];
  if (g.type === 'MultiPolygon') return g.coordinates;
  return [];
}
