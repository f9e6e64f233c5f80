/**
 * Overlay operations with JSTS: union and difference for remaining hazard area (computed in the
 * longitude/latitude plane, the same plane validity is judged in, so untouched vertices are kept
 * bit for bit), and a buffer in metres (computed in a local metric plane, see local.ts).
 */
import { err, ok, problem, type Result } from '../core/index.js';
import { fromJsts, toJsts, type JstsGeometry } from './jsts.js';
import { localPlane, mapCoords } from './local.js';
import { bboxOf } from './planar.js';
import type { ArealGeometry, Geometry, Position } from './types.js';
import { DUPLICATE_TOLERANCE_DEG, validateGeometry } from './validate.js';

/** The ring without vertices within the duplicate tolerance (GICHD: 1e-6°) of their predecessor. */
export function dropNearRepeats(ring: readonly Position[]): Position[] {
  const out: Position[] = [];
  for (const p of ring) {
    const q = out[out.length - 1];
    if (
      q === undefined ||
      Math.abs(q[0] - p[0]) > DUPLICATE_TOLERANCE_DEG ||
      Math.abs(q[1] - p[1]) > DUPLICATE_TOLERANCE_DEG
    )
      out.push(p);
  }
  return out;
}

/** Drop vertices of one computed ring within the duplicate tolerance of their predecessor. */
function dedupeComputedRing(ring: readonly Position[]): Position[] {
  const out = dropNearRepeats(ring);
  const first = ring[0];
  const last = out[out.length - 1];
  // Keep the ring closed on its exact first position.
  if (first !== undefined && last !== undefined && (last[0] !== first[0] || last[1] !== first[1])) {
    out[out.length - 1] = first;
  }
  return out;
}

/** A polygon's rings with near-duplicates dropped, or null when its shell collapses. */
function tidyRings(rings: readonly (readonly Position[])[]): Position[][] | null {
  const out: Position[][] = [];
  for (const [r, ring] of rings.entries()) {
    const d = dedupeComputedRing(ring);
    // A ring left with fewer than four positions is a sliver narrower than the tolerance: a
    // collapsed shell takes its polygon with it, a collapsed hole is simply gone.
    if (d.length < 4) {
      if (r === 0) return null;
      continue;
    }
    out.push(d);
  }
  return out;
}

/**
 * Tidy a computed Polygon or MultiPolygon: drop vertices within the duplicate tolerance of their
 * predecessor (a 1 m buffer has arc vertices ~10 cm apart; an overlay can leave two vertices
 * 1e-15° apart), then drop rings that collapse to slivers under that tolerance. This cleans our
 * own output, never user input. Anything else is returned unchanged; an all-sliver result comes
 * back with empty coordinates.
 */
export function tidyComputed(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || !('type' in raw) || !('coordinates' in raw)) return raw;
  const c = raw.coordinates;
  if (!Array.isArray(c)) return raw;
  if (raw.type === 'Polygon') {
    const rings = tidyRings(c as Position[][]);
    return { ...raw, coordinates: rings ?? [] };
  }
  if (raw.type === 'MultiPolygon') {
    const parts = (c as Position[][][]).map(tidyRings).filter((p): p is Position[][] => p !== null);
    return { ...raw, coordinates: parts };
  }
  return raw;
}

function asAreal(raw: unknown, what: string): Result<ArealGeometry | null> {
  raw = tidyComputed(raw);
  if (typeof raw === 'object' && raw !== null && 'coordinates' in raw) {
    const c = raw.coordinates;
    if (Array.isArray(c) && c.length === 0) return ok(null);
  }
  // Our own output, judged as OGC does: JTS may write a hole that touches its shell at a point.
  const v = validateGeometry(raw, '', { touchingRings: 'ogc' });
  if (!v.ok) {
    return err([
      problem('GEOMETRY_INVALID', what, `the ${what} result is not a valid geometry`, {
        issues: v.errors.map((e) => e.code),
      }),
    ]);
  }
  const g = v.value.geometry;
  if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') {
    return err([problem('GEOMETRY_INVALID', what, `the ${what} result is a ${g.type}`, { value: g.type })]);
  }
  return ok(g);
}

/** Run a JSTS operation, turning its topology exceptions into typed errors. */
function guarded(what: string, f: () => JstsGeometry): Result<ArealGeometry | null> {
  try {
    const r = f();
    return r.isEmpty() ? ok(null) : asAreal(fromJsts(r), what);
  } catch (e) {
    return err([
      problem('GEOMETRY_INVALID', what, `${what} failed: ${e instanceof Error ? e.message : String(e)}`, {
        value: what,
      }),
    ]);
  }
}

/**
 * Union of two areal geometries (null when both are empty). Inputs should be valid.
 * @example union(hazardA, hazardB)
 */
export function union(a: ArealGeometry, b: ArealGeometry): Result<ArealGeometry | null> {
  return guarded('union', () => toJsts(a).union(toJsts(b)));
}

/**
 * `a` minus `b`: the remaining hazard after a release. Null when nothing remains.
 * @example difference(hazard, cleared) // ok(remaining) or ok(null)
 */
export function difference(a: ArealGeometry, b: ArealGeometry): Result<ArealGeometry | null> {
  return guarded('difference', () => toJsts(a).difference(toJsts(b)));
}

/** Intersection of two areal geometries (null when they do not overlap). */
export function intersection(a: ArealGeometry, b: ArealGeometry): Result<ArealGeometry | null> {
  return guarded('intersection', () => toJsts(a).intersection(toJsts(b)));
}

/**
 * Buffer any geometry by `metres` (negative shrinks polygons), computed in a local transverse
 * Mercator plane and returned in WGS 84. `segmentsPerQuadrant` sets how round corners are.
 * @example buffer({ type: 'Point', coordinates: [30.5, 50.4] }, 50) // a 50 m disc
 */
export function buffer(g: Geometry, metres: number, segmentsPerQuadrant = 16): Result<ArealGeometry | null> {
  if (!Number.isFinite(metres)) {
    return err([
      problem('VALIDATION_RANGE', 'metres', 'the buffer distance must be a finite number', { value: metres }),
    ]);
  }
  const bb = bboxOf(g);
  const plane = localPlane(bb);
  const projected = {
    type: g.type,
    coordinates: mapCoords(g.coordinates, (p) => plane.forward(p)),
  } as Geometry;
  try {
    const r = toJsts(projected).buffer(metres, segmentsPerQuadrant);
    if (r.isEmpty()) return ok(null);
    const raw = fromJsts(r) as { type: string; coordinates: unknown };
    return asAreal(
      { type: raw.type, coordinates: mapCoords(raw.coordinates, (xy) => plane.inverse(xy)) },
      'buffer',
    );
  } catch (e) {
    return err([
      problem('GEOMETRY_INVALID', 'buffer', `buffer failed: ${e instanceof Error ? e.message : String(e)}`, {
        value: metres,
      }),
    ]);
  }
}
