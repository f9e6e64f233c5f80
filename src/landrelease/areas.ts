/**
 * Land release accounting (IMAS 07.11): every released polygon must be valid, lie within its
 * hazard within 1 m, and not overlap land already released. Areas are geodesic m² (geo).
 * Counted release = (release ∩ hazard) − union(earlier releases); remaining = hazard − union(all).
 * So released + remaining = hazard by construction, and released never exceeds the hazard.
 */
import { err, ok, problem, type Problem, type Result } from '../core/index.js';
import {
  buffer,
  difference,
  geodesicArea,
  intersection,
  union,
  validateGeometry,
  withinTolerance,
  type ArealGeometry,
  type GeometryIssue,
} from '../geo/index.js';
import type { StoredGeometry } from '../store/index.js';

/** Tolerance for "within the hazard" (task: within 1 m). */
export const WITHIN_TOLERANCE_M = 1;
/**
 * Overlaps narrower than this are boundary noise between independently walked perimeters:
 * an overlap counts only if something survives an inward buffer of half of it.
 */
export const OVERLAP_TOLERANCE_M = 1;

export interface CheckedGeometry {
  readonly geometry: ArealGeometry;
  readonly warnings: readonly GeometryIssue[];
}

/**
 * A stored document's geometry as the area it is, or undefined when it has none. Land-release
 * projectors store only checked areal geometries (hazard perimeters, released areas), so the
 * GeoJSON type tag is the whole of what the store's untyped geometry leaves to narrow.
 */
export function arealOf(g: StoredGeometry | null | undefined): ArealGeometry | undefined {
  return g !== null && g !== undefined && isAreal(g) ? g : undefined;
}

function isAreal(g: StoredGeometry): g is ArealGeometry {
  return g.type === 'Polygon' || g.type === 'MultiPolygon';
}

/** Validate an areal geometry: every geo problem under `path`, or the normalised polygon. */
export function checkAreal(raw: unknown, path: string): Result<CheckedGeometry> {
  const v = validateGeometry(raw, path);
  if (!v.ok)
    return err(
      v.errors
        .filter((i) => i.severity === 'error')
        .map((i) => problem(i.code, i.path, i.message, i.details)),
    );
  const g = v.value.geometry;
  if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') {
    return err([
      problem('LANDRELEASE_RELEASE_NOT_AREAL', path, `expected a Polygon or MultiPolygon, got ${g.type}`, {
        value: g.type,
      }),
    ]);
  }
  return ok({ geometry: g, warnings: v.value.warnings });
}

function unwrap(r: Result<ArealGeometry | null>): ArealGeometry | null {
  // Overlay failures on valid input are bugs in the overlay, not user errors.
  if (!r.ok) throw new Error(`geometry overlay failed: ${r.errors.map((e) => e.message).join('; ')}`);
  return r.value;
}

const areaOf = (g: ArealGeometry | null): number => (g === null ? 0 : geodesicArea(g));

/**
 * a ∩ b as a − (a − b): overlay differences of polygons are always polygonal, whereas an
 * intersection of polygons sharing only an edge is a line, which is no area at all.
 */
function common(a: ArealGeometry, b: ArealGeometry): ArealGeometry | null {
  const outside = minus(a, b);
  return outside === null ? a : minus(a, outside);
}

/** Snap to 1e-9° (~0.1 mm) for overlay only, so float noise such as 10.0005 + 0.0005 ≠ 10.001 leaves no slivers. */
function snap(g: ArealGeometry): ArealGeometry {
  const q = (x: number): number => Math.round(x * 1e9) / 1e9;
  const ring = (r: readonly (readonly [number, number])[]) => r.map(([x, y]) => [q(x), q(y)] as const);
  return g.type === 'Polygon'
    ? { type: 'Polygon', coordinates: g.coordinates.map(ring) }
    : { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map(ring)) };
}

/**
 * a − b. Should the overlay leave a degenerate sliver along a shared edge, retry against b grown
 * by 1 mm: the area error is at most the perimeter times 1 mm.
 */
function minus(a: ArealGeometry, b: ArealGeometry): ArealGeometry | null {
  const r = difference(a, b);
  if (r.ok) return r.value;
  const grown = buffer(b, 0.001);
  if (!grown.ok || grown.value === null) return unwrap(r);
  return unwrap(difference(a, grown.value));
}

/**
 * Area of a − b, m². Only the area is needed, so when the overlay's result is not a valid
 * polygon (a hole touching the shell at a point, say, which the validator refuses), it is
 * area(a) − area(a ∩ b) instead.
 */
function areaMinus(a: ArealGeometry, b: ArealGeometry): number {
  const r = difference(a, b);
  if (r.ok) return areaOf(r.value);
  const grown = buffer(b, 0.001);
  if (grown.ok && grown.value !== null) {
    const g = difference(a, grown.value);
    if (g.ok) return areaOf(g.value);
  }
  const i = intersection(a, b);
  if (!i.ok) unwrap(r);
  return Math.max(0, areaOf(a) - areaOf(i.ok ? i.value : null));
}

/** Union of a list of areal geometries (null when empty). */
export function unionAll(gs: readonly ArealGeometry[]): ArealGeometry | null {
  let acc: ArealGeometry | null = null;
  for (const g of gs) acc = acc === null ? g : unwrap(union(acc, g));
  return acc;
}

/** True when `a` and `b` share more than a boundary sliver narrower than OVERLAP_TOLERANCE_M. */
export function overlaps(a: ArealGeometry, b: ArealGeometry | null): boolean {
  if (b === null) return false;
  const shared = common(a, b);
  if (shared === null) return false;
  const core = buffer(shared, -OVERLAP_TOLERANCE_M / 2);
  return core.ok ? core.value !== null : true;
}

export interface OutputAccount {
  /** Area counted as released for this output, m². */
  readonly areaM2: number;
  /** Problems that block approval: outside the hazard, overlap with earlier releases. */
  readonly blocking: readonly Problem[];
}

export interface Account {
  readonly hazardAreaM2: number;
  readonly outputs: readonly OutputAccount[];
  readonly releasedAreaM2: number;
  readonly remainingAreaM2: number;
}

/**
 * Account new releases against a hazard and its earlier releases.
 * @example accountReleases(hazard, [], [{ geometry: cleared, path: 'outputs[0]' }]).remainingAreaM2
 */
export function accountReleases(
  hazard: ArealGeometry,
  earlier: readonly ArealGeometry[],
  outputs: readonly { readonly geometry: ArealGeometry; readonly path: string }[],
): Account {
  hazard = snap(hazard);
  earlier = earlier.map(snap);
  outputs = outputs.map((o) => ({ ...o, geometry: snap(o.geometry) }));
  const hazardAreaM2 = areaOf(hazard);
  let released = unionAll(
    earlier.map((g) => common(g, hazard)).filter((g): g is ArealGeometry => g !== null),
  );
  const out: OutputAccount[] = [];
  for (const o of outputs) {
    const blocking: Problem[] = [];
    if (!withinTolerance(o.geometry, hazard, WITHIN_TOLERANCE_M)) {
      blocking.push(
        problem(
          'LANDRELEASE_RELEASE_OUTSIDE_HAZARD',
          o.path,
          `the released area extends more than ${WITHIN_TOLERANCE_M} m outside its hazard`,
        ),
      );
    }
    if (overlaps(o.geometry, released)) {
      blocking.push(
        problem('LANDRELEASE_RELEASE_OVERLAP', o.path, 'the released area overlaps land already released'),
      );
    }
    const inside = common(o.geometry, hazard);
    out.push({
      areaM2: inside === null ? 0 : released === null ? areaOf(inside) : areaMinus(inside, released),
      blocking,
    });
    if (inside !== null) released = released === null ? inside : unwrap(union(released, inside));
  }
  const remainingAreaM2 = released === null ? hazardAreaM2 : areaMinus(hazard, released);
  // Overlay on the 1e-9° grid can leave the union a few cm² larger than the hazard it lies in:
  // released land never exceeds the hazard, so that noise is clipped.
  return {
    hazardAreaM2,
    outputs: out,
    releasedAreaM2: Math.min(areaOf(released), hazardAreaM2),
    remainingAreaM2,
  };
}
