/**
 * Geometry validation at entry and on import (design.md §4; GICHD geocheck rules in
 * field-users.md §1.2). Every problem is returned, never only the first, and nothing is repaired:
 * the one change made is the RFC 7946 §3.1.6 winding normalisation, which is reported as a
 * warning and returned as the normalised geometry.
 */
import { err, ok, type Result } from '../core/index.js';
import { positionDistance } from './geodesic.js';
import { hasErrors, issue, type GeometryIssue } from './issues.js';
import { readGeometry } from './parse-geometry.js';
import { ringSignedArea2 } from './planar.js';
import { containmentIssues, intersectionIssues } from './topology.js';
import type { Geometry, Position } from './types.js';
import { assertNever, deepFreeze } from '../core/index.js';

/** Consecutive vertices closer than this in both axes are duplicates (GICHD toolbox tolerance). */
export const DUPLICATE_TOLERANCE_DEG = 1e-6;
/** Consecutive vertices further apart than this are flagged (GICHD geocheck). */
export const LONG_EDGE_METRES = 5000;

/** A geometry that passed validation, in RFC 7946 winding, with any warnings. */
export interface ValidGeometry {
  readonly geometry: Geometry;
  readonly warnings: readonly GeometryIssue[];
}

type PathOf = (part: number, ring: number, vertex: number) => string;

function isDuplicate(a: Position, b: Position): boolean {
  return Math.abs(a[0] - b[0]) <= DUPLICATE_TOLERANCE_DEG && Math.abs(a[1] - b[1]) <= DUPLICATE_TOLERANCE_DEG;
}

/** The largest radius of curvature of the WGS 84 ellipsoid, a/√(1−e²) (meridional and normal, at the poles), m. */
const MAX_RADIUS_OF_CURVATURE_M = 6_399_593.63;
const RADIANS = Math.PI / 180;

/**
 * An upper bound of the geodesic distance from a to b: the path along a meridian to b's latitude,
 * then along that parallel, is no shorter than the geodesic, and neither leg's radius of
 * curvature exceeds a/√(1−e²). The larger cosine of the two latitudes covers either order.
 */
function distanceBound(a: Position, b: Position): number {
  const dLat = Math.abs(b[1] - a[1]) * RADIANS;
  const dLon = Math.abs(b[0] - a[0]);
  const wrapped = (dLon > 180 ? 360 - dLon : dLon) * RADIANS;
  const cos = Math.max(Math.cos(a[1] * RADIANS), Math.cos(b[1] * RADIANS));
  return MAX_RADIUS_OF_CURVATURE_M * (dLat + wrapped * cos);
}

/** Duplicate consecutive vertices and long edges along a line or ring. */
function edgeIssues(
  line: readonly Position[],
  at: (vertex: number) => string,
  loc: { readonly part?: number; readonly ring?: number },
): GeometryIssue[] {
  const out: GeometryIssue[] = [];
  for (let i = 0; i + 1 < line.length; i++) {
    const a = line[i] as Position;
    const b = line[i + 1] as Position;
    if (isDuplicate(a, b)) {
      out.push(
        issue(
          'GEOMETRY_DUPLICATE_VERTEX',
          'error',
          at(i + 1),
          `vertex ${i + 1} repeats vertex ${i} (within 1e-6°)`,
          {
            ...loc,
            vertex: i + 1,
            value: b,
            previous: a,
          },
        ),
      );
      continue;
    }
    // Most edges are far shorter than the limit: a cheap bound spares them the geodesic.
    if (distanceBound(a, b) <= LONG_EDGE_METRES) continue;
    const d = positionDistance(a, b);
    if (d > LONG_EDGE_METRES) {
      out.push(
        issue(
          'GEOMETRY_LONG_EDGE',
          'warning',
          at(i),
          `vertices ${i} and ${i + 1} are ${Math.round(d)} m apart`,
          {
            ...loc,
            vertex: i,
            value: d,
            to: i + 1,
          },
        ),
      );
    }
  }
  return out;
}

interface RingsCheck {
  readonly issues: GeometryIssue[];
  /** Rings with RFC 7946 winding (shell counter-clockwise, holes clockwise). */
  readonly normalised: Position[][];
  /** True when rings are closed and long enough for topology to be meaningful. */
  readonly wellFormed: boolean;
}

function checkRings(
  rings: readonly (readonly Position[])[],
  part: number | undefined,
  pathOf: PathOf,
): RingsCheck {
  const out: GeometryIssue[] = [];
  const normalised: Position[][] = [];
  let wellFormed = true;
  const p = part ?? 0;
  rings.forEach((ring, r) => {
    const loc = part === undefined ? { ring: r } : { part, ring: r };
    const first = ring[0];
    const last = ring[ring.length - 1];
    if (ring.length < 4) {
      wellFormed = false;
      out.push(
        issue(
          'GEOMETRY_TOO_FEW_POSITIONS',
          'error',
          pathOf(p, r, 0),
          `ring ${r} has ${ring.length} positions; at least 4 are required`,
          {
            ...loc,
            value: ring.length,
          },
        ),
      );
    }
    if (first !== undefined && last !== undefined && (first[0] !== last[0] || first[1] !== last[1])) {
      wellFormed = false;
      out.push(
        issue(
          'GEOMETRY_RING_NOT_CLOSED',
          'error',
          pathOf(p, r, ring.length - 1),
          `ring ${r} does not end where it starts`,
          {
            ...loc,
            vertex: ring.length - 1,
            value: last,
            first,
          },
        ),
      );
    }
    const edges = edgeIssues(ring, (v) => pathOf(p, r, v), loc);
    if (edges.some((e) => e.code === 'GEOMETRY_DUPLICATE_VERTEX')) wellFormed = false;
    out.push(...edges);
    const closed = first !== undefined && last !== undefined && first[0] === last[0] && first[1] === last[1];
    const area2 = closed && ring.length >= 4 ? ringSignedArea2(ring) : 0;
    const wantCcw = r === 0;
    if (area2 !== 0 && area2 > 0 !== wantCcw) {
      out.push(
        issue(
          'GEOMETRY_WINDING',
          'warning',
          pathOf(p, r, 0),
          `${r === 0 ? 'shell' : `hole ${r}`} is ${wantCcw ? 'clockwise' : 'counter-clockwise'}; RFC 7946 §3.1.6 wants ${wantCcw ? 'counter-clockwise' : 'clockwise'}; reversed`,
          { ...loc, value: wantCcw ? 'clockwise' : 'counter-clockwise' },
        ),
      );
      normalised.push([...ring].reverse());
    } else normalised.push([...ring]);
  });
  return { issues: out, normalised, wellFormed };
}

function checkPolygons(
  polygons: readonly (readonly (readonly Position[])[])[],
  multi: boolean,
  pathOf: PathOf,
  opts: ValidateOptions,
): { issues: GeometryIssue[]; normalised: Position[][][] } {
  const out: GeometryIssue[] = [];
  const normalised: Position[][][] = [];
  let wellFormed = true;
  for (let part = 0; part < polygons.length; part++) {
    const c = checkRings(polygons[part] ?? [], multi ? part : undefined, pathOf);
    out.push(...c.issues);
    normalised.push(c.normalised);
    wellFormed &&= c.wellFormed;
  }
  if (wellFormed) {
    const crossings = intersectionIssues(normalised, pathOf, multi, opts.touchingRings === 'ogc');
    out.push(...crossings);
    if (crossings.length === 0) out.push(...containmentIssues(normalised, pathOf, multi));
  }
  return { issues: out, normalised };
}

export interface ValidateOptions {
  /**
   * Rings of one polygon that touch at a single point: 'refuse' (the default, as geocheck and
   * issue #3 ask of entered data: such rings are an error), or 'ogc' to accept them as OGC
   * Simple Features and JTS do, unless the touches cut the interior in two. Overlay results are
   * judged the 'ogc' way: JTS writes a hole touching its shell that way, and there is no other
   * way to write that area as one polygon.
   */
  readonly touchingRings?: 'refuse' | 'ogc';
}

/** Check a structurally sound geometry; returns issues and the winding-normalised geometry. */
export function checkGeometry(
  g: Geometry,
  base: string,
  opts: ValidateOptions = {},
): { issues: GeometryIssue[]; geometry: Geometry } {
  const c = base === '' ? 'coordinates' : `${base}.coordinates`;
  switch (g.type) {
    case 'Point':
      return { issues: [], geometry: g };
    case 'MultiPoint':
      return { issues: [], geometry: g };
    case 'LineString': {
      const issues: GeometryIssue[] = [];
      if (g.coordinates.length < 2) {
        issues.push(
          issue('GEOMETRY_TOO_FEW_POSITIONS', 'error', c, 'a line needs at least 2 positions', {
            value: g.coordinates.length,
          }),
        );
      }
      issues.push(...edgeIssues(g.coordinates, (v) => `${c}[${v}]`, {}));
      return { issues, geometry: g };
    }
    case 'MultiLineString': {
      const issues: GeometryIssue[] = [];
      g.coordinates.forEach((line, part) => {
        if (line.length < 2) {
          issues.push(
            issue(
              'GEOMETRY_TOO_FEW_POSITIONS',
              'error',
              `${c}[${part}]`,
              'a line needs at least 2 positions',
              {
                part,
                value: line.length,
              },
            ),
          );
        }
        issues.push(...edgeIssues(line, (v) => `${c}[${part}][${v}]`, { part }));
      });
      return { issues, geometry: g };
    }
    case 'Polygon': {
      const r = checkPolygons([g.coordinates], false, (_p, ring, v) => `${c}[${ring}][${v}]`, opts);
      return { issues: r.issues, geometry: { type: 'Polygon', coordinates: r.normalised[0] ?? [] } };
    }
    case 'MultiPolygon': {
      const r = checkPolygons(g.coordinates, true, (p, ring, v) => `${c}[${p}][${ring}][${v}]`, opts);
      return { issues: r.issues, geometry: { type: 'MultiPolygon', coordinates: r.normalised } };
    }
    default:
      return assertNever(g, 'geometry');
  }
}

/**
 * Validate an untrusted GeoJSON geometry. On success the value is the normalised geometry and its
 * warnings; on failure the errors list holds every issue, errors and warnings alike. Structural
 * problems (types, numbers, ranges) are all reported together; ring rules run once every
 * coordinate is readable, and topology once every ring is closed and free of duplicates.
 * @example validateGeometry(JSON.parse(text)) // { ok: false, errors: [{ code: 'GEOMETRY_RING_NOT_CLOSED', … }] }
 */
export function validateGeometry(
  input: unknown,
  path = '',
  opts: ValidateOptions = {},
): Result<ValidGeometry, readonly GeometryIssue[]> {
  if (typeof input === 'object' && input !== null && CLEAN.has(input)) {
    return ok({ geometry: input as Geometry, warnings: [] });
  }
  const structural: GeometryIssue[] = [];
  const g = readGeometry(input, path, structural);
  if (g === undefined) return err(structural);
  const { issues, geometry } = checkGeometry(g, path, opts);
  const all = [...structural, ...issues];
  if (hasErrors(all)) return err(all);
  // The geometry returned is built afresh by readGeometry and checkGeometry, so freezing it
  // freezes nothing of the caller's. Issue-free under the strict rules, it is clean under any.
  if (all.length === 0 && opts.touchingRings !== 'ogc') CLEAN.add(deepFreeze(geometry));
  return ok({ geometry, warnings: all });
}

/**
 * Geometries this function returned with no issue at all under the strict rules, deep-frozen so
 * they cannot change afterwards: validating one of them again (an import checks each feature for
 * its report, then its command checks it again) returns it as it is. Held weakly, so the set
 * never keeps a geometry alive.
 */
const CLEAN = new WeakSet<object>();
