/**
 * Structural reading of untrusted GeoJSON geometry: type, nesting, numbers and ranges. Every
 * problem is collected with its path; nothing is repaired here.
 */
import type { Geometry, Position } from './types.js';
import { issue, type GeometryIssue } from './issues.js';

type Loc = { readonly part?: number; readonly ring?: number; readonly vertex?: number };

const SUPPORTED = [
  'Point',
  'MultiPoint',
  'LineString',
  'MultiLineString',
  'Polygon',
  'MultiPolygon',
] as const;

function isRecord(x: unknown): x is Readonly<Record<string, unknown>> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** [lon, lat] or [lon, lat, alt] of finite numbers within range: what readPosition accepts. */
function isSoundPosition(x: unknown): x is readonly [number, number, ...number[]] {
  if (!Array.isArray(x) || x.length < 2 || x.length > 3) return false;
  const lon: unknown = x[0];
  const lat: unknown = x[1];
  return (
    typeof lon === 'number' &&
    typeof lat === 'number' &&
    Number.isFinite(lon) &&
    Number.isFinite(lat) &&
    Math.abs(lon) <= 180 &&
    Math.abs(lat) <= 90
  );
}

/**
 * Read one position. RFC 7946 §3.1.1 allows an optional altitude; it is accepted and not kept,
 * because hazard geometry is two-dimensional (the original record keeps the input text).
 */
function readPosition(x: unknown, path: string, loc: Loc, out: GeometryIssue[]): Position | undefined {
  if (!Array.isArray(x) || x.length < 2 || x.length > 3) {
    out.push(
      issue('COORD_INVALID', 'error', path, 'a position must be [longitude, latitude]', { ...loc, value: x }),
    );
    return undefined;
  }
  const [lon, lat] = x as readonly unknown[];
  let good = true;
  for (const [name, v, limit] of [
    ['longitude', lon, 180],
    ['latitude', lat, 90],
  ] as const) {
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      out.push(
        issue('COORD_INVALID', 'error', path, `${name} is not a finite number`, {
          ...loc,
          value: v,
          field: name,
        }),
      );
      good = false;
    } else if (Math.abs(v) > limit) {
      out.push(
        issue('COORD_OUT_OF_RANGE', 'error', path, `${name} ${v} is outside [-${limit}, ${limit}]`, {
          ...loc,
          value: v,
          field: name,
        }),
      );
      good = false;
    }
  }
  return good ? [lon as number, lat as number] : undefined;
}

function readPositions(x: unknown, path: string, loc: Loc, out: GeometryIssue[]): Position[] | undefined {
  if (!Array.isArray(x)) {
    out.push(
      issue('GEOMETRY_INVALID', 'error', path, 'expected an array of positions', { ...loc, value: x }),
    );
    return undefined;
  }
  const res: Position[] = [];
  let good = true;
  const items = x as readonly unknown[];
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    // Hot path (imports read hundreds of thousands of positions): a sound position is copied
    // without building its path and location, which only a problem needs.
    if (isSoundPosition(item)) {
      res.push([item[0], item[1]]);
      continue;
    }
    const pos = readPosition(item, `${path}[${i}]`, { ...loc, vertex: i }, out);
    if (pos === undefined) good = false;
    else res.push(pos);
  }
  return good ? res : undefined;
}

function readRings(x: unknown, path: string, loc: Loc, out: GeometryIssue[]): Position[][] | undefined {
  if (!Array.isArray(x)) {
    out.push(issue('GEOMETRY_INVALID', 'error', path, 'expected an array of rings', { ...loc, value: x }));
    return undefined;
  }
  if (x.length === 0) {
    out.push(issue('GEOMETRY_NULL', 'error', path, 'the polygon has no rings', { ...loc, value: x }));
    return undefined;
  }
  const rings: Position[][] = [];
  let good = true;
  const items = x as readonly unknown[];
  for (let i = 0; i < items.length; i++) {
    const ring = readPositions(items[i], `${path}[${i}]`, { ...loc, ring: i }, out);
    if (ring === undefined) good = false;
    else rings.push(ring);
  }
  return good ? rings : undefined;
}

function emptyCheck(x: unknown, path: string, out: GeometryIssue[]): boolean {
  if (Array.isArray(x) && x.length === 0) {
    out.push(issue('GEOMETRY_NULL', 'error', path, 'the geometry is empty (no coordinates)', { value: x }));
    return false;
  }
  return true;
}

/**
 * Read an untrusted value as a Cairn geometry. Returns the geometry when it is structurally sound
 * (types, numbers, ranges), or undefined with the problems pushed to `out`.
 */
export function readGeometry(input: unknown, path: string, out: GeometryIssue[]): Geometry | undefined {
  if (input === null || input === undefined) {
    out.push(
      issue('GEOMETRY_NULL', 'error', path, 'the geometry is null; a geometry is required', { value: input }),
    );
    return undefined;
  }
  if (!isRecord(input)) {
    out.push(
      issue('GEOMETRY_INVALID', 'error', path, 'the geometry must be a GeoJSON object', { value: input }),
    );
    return undefined;
  }
  const type = input['type'];
  const c = input['coordinates'];
  const cpath = path === '' ? 'coordinates' : `${path}.coordinates`;
  if (typeof type !== 'string' || !(SUPPORTED as readonly string[]).includes(type)) {
    out.push(
      issue('GEOMETRY_INVALID', 'error', path === '' ? 'type' : `${path}.type`, `unsupported geometry type`, {
        value: type,
        supported: SUPPORTED,
      }),
    );
    return undefined;
  }
  if (c === undefined || c === null) {
    out.push(issue('GEOMETRY_NULL', 'error', cpath, 'the geometry has no coordinates', { value: c }));
    return undefined;
  }
  if (!emptyCheck(c, cpath, out)) return undefined;
  switch (type) {
    case 'Point': {
      const p = readPosition(c, cpath, {}, out);
      return p && { type, coordinates: p };
    }
    case 'MultiPoint':
    case 'LineString': {
      const ps = readPositions(c, cpath, {}, out);
      return ps && { type, coordinates: ps };
    }
    case 'MultiLineString': {
      const lines: Position[][] = [];
      let good = Array.isArray(c);
      if (Array.isArray(c)) {
        (c as readonly unknown[]).forEach((l, i) => {
          const ps = readPositions(l, `${cpath}[${i}]`, { part: i }, out);
          if (ps === undefined) good = false;
          else lines.push(ps);
        });
      } else out.push(issue('GEOMETRY_INVALID', 'error', cpath, 'expected an array of lines', { value: c }));
      return good ? { type, coordinates: lines } : undefined;
    }
    case 'Polygon': {
      const rings = readRings(c, cpath, {}, out);
      return rings && { type, coordinates: rings };
    }
    case 'MultiPolygon': {
      const polys: Position[][][] = [];
      let good = Array.isArray(c);
      if (Array.isArray(c)) {
        (c as readonly unknown[]).forEach((p, i) => {
          const rings = readRings(p, `${cpath}[${i}]`, { part: i }, out);
          if (rings === undefined) good = false;
          else polys.push(rings);
        });
      } else
        out.push(issue('GEOMETRY_INVALID', 'error', cpath, 'expected an array of polygons', { value: c }));
      return good ? { type, coordinates: polys } : undefined;
    }
    default:
      return undefined;
  }
}
