/** Bounding boxes of stored GeoJSON geometries (used by adapters to index documents). */
import type { BBox, StoredGeometry } from './port.js';

function walk(coords: unknown, acc: number[]): void {
  if (!Array.isArray(coords)) return;
  if (coords.length >= 2 && typeof coords[0] === 'number' && typeof coords[1] === 'number') {
    const [x, y] = coords as [number, number];
    if (x < (acc[0] ?? Infinity)) acc[0] = x;
    if (y < (acc[1] ?? Infinity)) acc[1] = y;
    if (x > (acc[2] ?? -Infinity)) acc[2] = x;
    if (y > (acc[3] ?? -Infinity)) acc[3] = y;
    return;
  }
  for (const c of coords) walk(c, acc);
}

/** The [minLon, minLat, maxLon, maxLat] of a geometry, or undefined when it has no positions. */
export function geometryBBox(g: StoredGeometry | null | undefined): BBox | undefined {
  if (g === null || g === undefined) return undefined;
  const acc = [Infinity, Infinity, -Infinity, -Infinity];
  if (g.type === 'GeometryCollection') {
    for (const part of g.geometries ?? []) {
      const b = geometryBBox(part);
      if (b) {
        acc[0] = Math.min(acc[0] ?? Infinity, b[0]);
        acc[1] = Math.min(acc[1] ?? Infinity, b[1]);
        acc[2] = Math.max(acc[2] ?? -Infinity, b[2]);
        acc[3] = Math.max(acc[3] ?? -Infinity, b[3]);
      }
    }
  } else {
    walk(g.coordinates, acc);
  }
  const [a = Infinity, b = Infinity, c = -Infinity, d = -Infinity] = acc;
  return Number.isFinite(a) ? [a, b, c, d] : undefined;
}

/** True when two boxes share at least one point. */
export function bboxIntersects(a: BBox, b: BBox): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}
