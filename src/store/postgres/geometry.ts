/**
 * What the adapter hands to PostGIS for a stored GeoJSON geometry. The document keeps its
 * GeoJSON verbatim; PostGIS gets the same shape when its constructor accepts it, otherwise the
 * geometry's bounding box (so bbox queries still find the document, as in the SQLite adapter).
 */
import { geometryBBox } from '../bbox.js';
import type { StoredGeometry } from '../port.js';

function isPosition(p: unknown): boolean {
  return Array.isArray(p) && p.length >= 2 && p.every((n) => typeof n === 'number' && Number.isFinite(n));
}
function positions(a: unknown, min: number): boolean {
  return Array.isArray(a) && (a.length === 0 || (a.length >= min && a.every(isPosition)));
}
function ring(a: unknown): boolean {
  if (!positions(a, 4)) return false;
  const r = a as number[][];
  if (r.length === 0) return true;
  const first = r[0] ?? [];
  const last = r[r.length - 1] ?? [];
  return first[0] === last[0] && first[1] === last[1];
}
function everyOf(a: unknown, ok: (x: unknown) => boolean): boolean {
  return Array.isArray(a) && a.every(ok);
}

/** True when ST_GeomFromGeoJSON accepts the geometry (closed rings, enough positions). */
export function postgisAccepts(g: StoredGeometry): boolean {
  const c = g.coordinates;
  switch (g.type) {
    case 'Point':
      return isPosition(c) || (Array.isArray(c) && c.length === 0);
    case 'MultiPoint':
      return positions(c, 1);
    case 'LineString':
      return positions(c, 2);
    case 'MultiLineString':
      return everyOf(c, (l) => positions(l, 2));
    case 'Polygon':
      return everyOf(c, ring);
    case 'MultiPolygon':
      return everyOf(c, (poly) => everyOf(poly, ring));
    case 'GeometryCollection':
      return Array.isArray(g.geometries) && g.geometries.every(postgisAccepts);
    default:
      return false;
  }
}

/** GeoJSON text for the `geom` column, or null when the geometry has no position at all. */
export function postgisGeoJson(g: StoredGeometry | null | undefined): string | null {
  if (g === null || g === undefined) return null;
  if (postgisAccepts(g)) return JSON.stringify(g);
  const b = geometryBBox(g);
  if (b === undefined) return null;
  const [x0, y0, x1, y1] = b;
  return JSON.stringify({
    type: 'Polygon',
    coordinates: [
      [
        [x0, y0],
        [x1, y0],
        [x1, y1],
        [x0, y1],
        [x0, y0],
      ],
    ],
  });
}
