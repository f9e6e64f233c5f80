/**
 * Explicit repair, applied only when the caller asks (design.md §4: never repair silently). It
 * returns the repaired geometry and a list of what it changed, so the change can be recorded as
 * an event next to the original.
 *
 * Steps: drop duplicate consecutive vertices (GICHD toolbox tolerance 1e-6°), close open rings,
 * drop rings left with fewer than three distinct vertices, then rebuild the area with JSTS: node
 * all ring linework, polygonize it, keep each face whose interior point lies inside an odd number
 * of the original rings (the even-odd rule, so a bow-tie keeps both lobes), and union the kept
 * faces. Winding is then normalised to RFC 7946.
 */
import { err, ok, problem, type Result } from '../core/index.js';
import { fromJsts, linework, polygonize, unaryUnion } from './jsts.js';
import { locateInRing, polygonsOf } from './planar.js';
import { readGeometry } from './parse-geometry.js';
import type { GeometryIssue } from './issues.js';
import type { ArealGeometry, Geometry, Position } from './types.js';
import { DUPLICATE_TOLERANCE_DEG, validateGeometry } from './validate.js';
import { dropNearRepeats, tidyComputed } from './ops.js';

/** What a repair did. */
export type RepairChange =
  | { readonly kind: 'removed-duplicate-vertices'; readonly count: number }
  | { readonly kind: 'closed-ring'; readonly part: number; readonly ring: number }
  | { readonly kind: 'dropped-degenerate-ring'; readonly part: number; readonly ring: number }
  | { readonly kind: 'rebuilt-topology'; readonly parts: number }
  | { readonly kind: 'normalised-winding' };

export interface Repaired {
  readonly geometry: Geometry;
  readonly changes: readonly RepairChange[];
}

function cleanPolygons(
  polys: readonly (readonly (readonly Position[])[])[],
  changes: RepairChange[],
): Position[][][] {
  let removed = 0;
  const out: Position[][][] = [];
  polys.forEach((rings, part) => {
    const kept: Position[][] = [];
    rings.forEach((ring, r) => {
      let d = dropNearRepeats(ring);
      removed += ring.length - d.length;
      const first = d[0];
      const last = d[d.length - 1];
      if (first !== undefined && last !== undefined && (first[0] !== last[0] || first[1] !== last[1])) {
        // A last vertex within tolerance of the first is the same point written twice.
        if (
          d.length > 1 &&
          Math.abs(first[0] - last[0]) <= DUPLICATE_TOLERANCE_DEG &&
          Math.abs(first[1] - last[1]) <= DUPLICATE_TOLERANCE_DEG
        ) {
          d = [...d.slice(0, -1), first];
        } else {
          d = [...d, first];
          changes.push({ kind: 'closed-ring', part, ring: r });
        }
      }
      if (d.length < 4) {
        changes.push({ kind: 'dropped-degenerate-ring', part, ring: r });
        return;
      }
      kept.push(d);
    });
    if (kept.length > 0) out.push(kept);
  });
  if (removed > 0) changes.unshift({ kind: 'removed-duplicate-vertices', count: removed });
  return out;
}

/** Rebuild valid area from possibly self-intersecting rings with the even-odd rule. */
function rebuild(polys: readonly (readonly (readonly Position[])[])[]): unknown {
  const kept = polys.flatMap((rings) => {
    // Unary union of the linework nodes it at every crossing, which polygonizing needs.
    const faces = polygonize(linework(rings).union());
    return faces.filter((face) => {
      const c = face.getInteriorPoint().getCoordinate();
      if (c === null) return false;
      let inside = 0;
      for (const ring of rings) if (locateInRing(c.x, c.y, ring) === 'inside') inside++;
      return inside % 2 === 1;
    });
  });
  return kept.length === 0 ? null : fromJsts(unaryUnion(kept));
}

/**
 * Repair a Polygon or MultiPolygon. Succeeds with the repaired geometry and the changes made,
 * or fails with the problems that remain (for example when nothing areal is left).
 * @example const r = repairGeometry(input); if (r.ok) store(r.value.geometry, r.value.changes)
 */
export function repairGeometry(input: unknown): Result<Repaired, readonly GeometryIssue[]> {
  const structural: GeometryIssue[] = [];
  const g = readGeometry(input, '', structural);
  if (g === undefined) return err(structural);
  if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') {
    const v = validateGeometry(g);
    return v.ok ? ok({ geometry: v.value.geometry, changes: [] }) : err(v.errors);
  }
  const changes: RepairChange[] = [];
  const cleaned = cleanPolygons(polygonsOf(g), changes);
  const fail = (msg: string): Result<Repaired, readonly GeometryIssue[]> =>
    err([
      {
        ...problem('GEOMETRY_INVALID', '', msg, { value: g.type }),
        severity: 'error',
        details: { value: g.type },
      },
    ]);
  if (cleaned.length === 0) return fail('nothing areal remains after removing degenerate rings');
  const before: ArealGeometry =
    cleaned.length === 1 && g.type === 'Polygon'
      ? { type: 'Polygon', coordinates: cleaned[0] ?? [] }
      : { type: 'MultiPolygon', coordinates: cleaned };
  const direct = validateGeometry(before);
  if (direct.ok) {
    if (direct.value.warnings.some((w) => w.code === 'GEOMETRY_WINDING'))
      changes.push({ kind: 'normalised-winding' });
    return ok({ geometry: direct.value.geometry, changes });
  }
  let raw: unknown;
  try {
    raw = rebuild(cleaned);
  } catch (e) {
    return fail(`JSTS could not rebuild the polygon: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (raw === null) return fail('the rings enclose no area');
  const tidy = tidyComputed(raw);
  if (typeof tidy === 'object' && tidy !== null && 'coordinates' in tidy && Array.isArray(tidy.coordinates)) {
    if (tidy.coordinates.length === 0)
      return fail('the rings enclose no area wider than the duplicate tolerance');
  }
  const v = validateGeometry(tidy);
  if (!v.ok) return err(v.errors);
  changes.push({
    kind: 'rebuilt-topology',
    parts: v.value.geometry.type === 'MultiPolygon' ? v.value.geometry.coordinates.length : 1,
  });
  return ok({ geometry: v.value.geometry, changes });
}
