/**
 * Points by bearing and distance from a reference point (IMSMA "relative" points; APII Technical
 * Annex 1(a) fixes minefield perimeters from reference points) and the reverse. Both are solved on
 * the WGS 84 ellipsoid with GeographicLib; the distance is the ground (geodesic) distance.
 *
 * Bearings are degrees true, degrees grid, or NATO mils (6400 to the circle, referenced to true
 * north unless marked grid). A grid bearing is turned into a true azimuth with the meridian
 * convergence γ of the grid at the reference point: true = grid + γ, where γ is the bearing of
 * grid north east of true north. The grid is the UTM zone of the reference point unless a national
 * grid (any supported projected CRS) is named; its convergence is then measured numerically.
 */
import { err, ok, problem, type Result } from '../core/index.js';
import { crsDefinition, fromWgs84, parseCrsCode } from './crs.js';
import { geodesicDirect, geodesicInverse } from './geodesic.js';
import type { CrsCode, Metres, Wgs84Point } from './types.js';
import { standardZone, utmConvergence } from './utm.js';

export const MILS_PER_CIRCLE = 6400;

/** Which north a bearing is measured from. */
export type BearingReference = 'true' | 'grid';
export type BearingUnit = 'deg' | 'mil';

/** A bearing as written, kept for the record. */
export interface Bearing {
  readonly value: number;
  readonly unit: BearingUnit;
  readonly reference: BearingReference;
  readonly text: string;
}

/** The grid a grid bearing refers to. */
export type Grid =
  { readonly kind: 'utm'; readonly zone?: number } | { readonly kind: 'crs'; readonly code: CrsCode };

/**
 * Parse a bearing: `45`, `45.5°`, `45T`, `45 true`, `45G` / `45 grid`, `1600mil`, `1600 mils`,
 * `1600milG`. Degrees must lie in [0, 360) and mils in [0, 6400).
 */
export function parseBearing(text: string): Result<Bearing> {
  const t = text.trim().toLowerCase().replace(/\s+/g, ' ');
  const m = /^(\d+(?:\.\d+)?) ?(°|deg|degrees?|mils?|‰)? ?(t|true|g|grid)?$/.exec(t);
  if (m === null) {
    return err([
      problem('COORD_INVALID', 'bearing', 'a bearing reads like "45", "45.5°", "45 grid" or "1600mil"', {
        value: text,
      }),
    ]);
  }
  const value = Number(m[1]);
  const unit: BearingUnit = m[2] !== undefined && /^(mil|mils|‰)$/.test(m[2]) ? 'mil' : 'deg';
  const reference: BearingReference = m[3] === 'g' || m[3] === 'grid' ? 'grid' : 'true';
  const limit = unit === 'mil' ? MILS_PER_CIRCLE : 360;
  if (value >= limit) {
    return err([
      problem(
        'COORD_OUT_OF_RANGE',
        'bearing',
        `a bearing in ${unit === 'mil' ? 'mils' : 'degrees'} must be below ${limit}`,
        {
          value: text,
        },
      ),
    ]);
  }
  return ok({ value, unit, reference, text });
}

/** Degrees of a bearing's angle, whatever its unit. */
export function bearingDegrees(b: Bearing): number {
  return b.unit === 'mil' ? (b.value * 360) / MILS_PER_CIRCLE : b.value;
}

/** Meridian convergence (degrees, grid north east of true north) of a grid at a point. */
export function gridConvergence(p: Wgs84Point, grid: Grid = { kind: 'utm' }): Result<number> {
  if (grid.kind === 'utm') {
    if (p.lat < -80 || p.lat >= 84) {
      return err([
        problem('COORD_OUT_OF_RANGE', 'lat', 'UTM grid convergence needs 80°S ≤ latitude < 84°N', {
          value: p.lat,
        }),
      ]);
    }
    return ok(utmConvergence(p, grid.zone ?? standardZone(p.lat, p.lon)));
  }
  const def = crsDefinition(grid.code);
  if (def?.axes !== 'east-north') {
    return err([
      problem('CRS_UNKNOWN', 'grid', `${grid.code} is not a supported projected grid`, { value: grid.code }),
    ]);
  }
  // Grid north is the direction of +N: project the point and one 1 m north, and take the angle.
  const a = fromWgs84(grid.code, p);
  const north = geodesicDirect(p, 0, 1).point;
  const b = fromWgs84(grid.code, north);
  if (!a.ok) return a;
  if (!b.ok) return b;
  const dE = b.value[0] - a.value[0];
  const dN = b.value[1] - a.value[1];
  // True north points at grid bearing atan2(dE, dN); grid north is that far west of it.
  return ok((-Math.atan2(dE, dN) * 180) / Math.PI);
}

/** The true azimuth (degrees) of a bearing at a point. */
export function trueAzimuth(b: Bearing, at: Wgs84Point, grid?: Grid): Result<number> {
  const deg = bearingDegrees(b);
  if (b.reference === 'true') return ok(deg);
  const g = gridConvergence(at, grid);
  if (!g.ok) return g;
  return ok((((deg + g.value) % 360) + 360) % 360);
}

/**
 * The point `distance` metres from `from` along a bearing (direct geodesic problem).
 * @example pointAtBearing(ref, parseBearing('1600mil').value, 250) // 250 m due east
 */
export function pointAtBearing(
  from: Wgs84Point,
  bearing: Bearing,
  distance: number,
  grid?: Grid,
): Result<Wgs84Point> {
  if (!Number.isFinite(distance) || distance < 0) {
    return err([
      problem('COORD_OUT_OF_RANGE', 'distance', 'the distance must be a non-negative number of metres', {
        value: distance,
      }),
    ]);
  }
  const az = trueAzimuth(bearing, from, grid);
  if (!az.ok) return az;
  return ok(geodesicDirect(from, az.value, distance).point);
}

/** Bearing and distance from one point to another (inverse geodesic problem). */
export interface BearingDistance {
  readonly distance: Metres;
  /** True azimuth at `from`, degrees in [0, 360). */
  readonly trueBearing: number;
  /** The same in NATO mils. */
  readonly mils: number;
  /** Grid bearing in the requested grid (UTM zone of `from` by default), degrees in [0, 360). */
  readonly gridBearing: number;
}

/** Bearing (true, mils and grid) and geodesic distance from `from` to `to`. */
export function bearingBetween(from: Wgs84Point, to: Wgs84Point, grid?: Grid): Result<BearingDistance> {
  const inv = geodesicInverse(from, to);
  const g = gridConvergence(from, grid);
  if (!g.ok) return g;
  return ok({
    distance: inv.distance,
    trueBearing: inv.initialAzimuth,
    mils: (inv.initialAzimuth * MILS_PER_CIRCLE) / 360,
    gridBearing: (((inv.initialAzimuth - g.value) % 360) + 360) % 360,
  });
}

/** Parse a grid name: `utm`, `utm:35`, or a projected CRS code such as `EPSG:3067`. */
export function parseGrid(text: string): Result<Grid> {
  const t = text.trim().toLowerCase();
  if (t === 'utm') return ok({ kind: 'utm' });
  const z = /^utm:(\d{1,2})$/.exec(t);
  if (z !== null) {
    const zone = Number(z[1]);
    if (zone >= 1 && zone <= 60) return ok({ kind: 'utm', zone });
    return err([problem('COORD_OUT_OF_RANGE', 'grid', `UTM zone ${zone} is not in 1..60`, { value: text })]);
  }
  const c = parseCrsCode(text);
  return c.ok ? ok({ kind: 'crs', code: c.value }) : c;
}
