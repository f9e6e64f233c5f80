/**
 * Geodesic measures on the WGS 84 ellipsoid with GeographicLib (Karney 2013, "Algorithms for
 * geodesics"): areas and perimeters of polygons with holes, and the direct and inverse problems.
 * Results are accurate to a few nanometres, far below anything a survey can see.
 */
import geographiclib from 'geographiclib-geodesic';
import type { ArealGeometry, Metres, Position, SquareMetres, Wgs84Point } from './types.js';
import { assertNever } from '../core/index.js';

// A CommonJS package: Node exposes it only as a default export.
const { Geodesic, PolygonArea } = geographiclib;
const WGS84 = Geodesic.WGS84;

/** Geodesic area and perimeter of one areal geometry. */
export interface Measures {
  /** Area of the shells minus the holes, in m². */
  readonly area: SquareMetres;
  /** Length of every ring, shells and holes, in metres (as PostGIS ST_Perimeter counts it). */
  readonly perimeter: Metres;
}

/** Signed area (counter-clockwise positive) and length of one closed ring. */
function ringMeasures(ring: readonly Position[]): { readonly signedArea: number; readonly length: number } {
  const poly = new PolygonArea.PolygonArea(WGS84, false);
  // The closing position repeats the first; GeographicLib closes the ring itself.
  const n = ring.length > 1 && samePosition(ring[0], ring[ring.length - 1]) ? ring.length - 1 : ring.length;
  for (let i = 0; i < n; i++) {
    const p = ring[i];
    if (p !== undefined) poly.AddPoint(p[1], p[0]);
  }
  // reverse = false, sign = true: a signed area, so a clockwise ring is negative rather than
  // the complement on the rest of the ellipsoid.
  const r = poly.Compute(false, true);
  return { signedArea: r.area ?? 0, length: r.perimeter };
}

function samePosition(a: Position | undefined, b: Position | undefined): boolean {
  return a !== undefined && b !== undefined && a[0] === b[0] && a[1] === b[1];
}

function polygonMeasures(rings: readonly (readonly Position[])[]): { area: number; perimeter: number } {
  let area = 0;
  let perimeter = 0;
  rings.forEach((ring, i) => {
    const m = ringMeasures(ring);
    // Shell counts positive and holes negative whatever their winding.
    area += i === 0 ? Math.abs(m.signedArea) : -Math.abs(m.signedArea);
    perimeter += m.length;
  });
  return { area, perimeter };
}

/**
 * Geodesic area (m²) and perimeter (m) of a Polygon or MultiPolygon, holes subtracted.
 * @example measure({ type: 'Polygon', coordinates: [[[24,60],[24.001,60],[24.001,60.001],[24,60]]] })
 */
export function measure(geometry: ArealGeometry): Measures {
  switch (geometry.type) {
    case 'Polygon': {
      const m = polygonMeasures(geometry.coordinates);
      return { area: m.area as SquareMetres, perimeter: m.perimeter as Metres };
    }
    case 'MultiPolygon': {
      let area = 0;
      let perimeter = 0;
      for (const p of geometry.coordinates) {
        const m = polygonMeasures(p);
        area += m.area;
        perimeter += m.perimeter;
      }
      return { area: area as SquareMetres, perimeter: perimeter as Metres };
    }
    default:
      return assertNever(geometry, 'areal geometry');
  }
}

/** Geodesic area of a Polygon or MultiPolygon in m². */
export function geodesicArea(geometry: ArealGeometry): SquareMetres {
  return measure(geometry).area;
}

/** Geodesic perimeter of a Polygon or MultiPolygon in metres, holes included. */
export function geodesicPerimeter(geometry: ArealGeometry): Metres {
  return measure(geometry).perimeter;
}

/** Result of the direct problem: where you arrive and which way you then face. */
export interface DirectSolution {
  readonly point: Wgs84Point;
  /** Forward azimuth at the arrival point, degrees clockwise from true north. */
  readonly finalAzimuth: number;
}

/** Normalise a longitude into [-180, 180). */
export function normaliseLon(lon: number): number {
  const r = ((((lon + 180) % 360) + 360) % 360) - 180;
  return r === -180 && lon > 0 ? 180 : r;
}

/**
 * Geodesic direct problem: the point `distance` metres from `from` along true azimuth `azimuth`
 * (degrees clockwise from north). Exact to GeographicLib's round-off.
 */
export function geodesicDirect(from: Wgs84Point, azimuth: number, distance: number): DirectSolution {
  const r = WGS84.Direct(from.lat, from.lon, azimuth, distance);
  const lat = r.lat2 ?? Number.NaN;
  const lon = normaliseLon(r.lon2 ?? Number.NaN);
  return { point: { lat, lon } as Wgs84Point, finalAzimuth: r.azi2 ?? Number.NaN };
}

/** Result of the inverse problem between two points. */
export interface InverseSolution {
  readonly distance: Metres;
  /** Azimuth at the first point, degrees clockwise from true north, in [0, 360). */
  readonly initialAzimuth: number;
  /** Azimuth at the second point (direction of travel), in [0, 360). */
  readonly finalAzimuth: number;
}

function azimuth360(a: number): number {
  const r = a % 360;
  return r < 0 ? r + 360 : r;
}

/** Geodesic inverse problem: distance and azimuths between two WGS 84 points. */
export function geodesicInverse(a: Wgs84Point, b: Wgs84Point): InverseSolution {
  const r = WGS84.Inverse(a.lat, a.lon, b.lat, b.lon);
  return {
    distance: (r.s12 ?? Number.NaN) as Metres,
    initialAzimuth: azimuth360(r.azi1 ?? Number.NaN),
    finalAzimuth: azimuth360(r.azi2 ?? Number.NaN),
  };
}

/** Geodesic distance in metres between two GeoJSON positions. */
export function positionDistance(a: Position, b: Position): number {
  return WGS84.Inverse(a[1], a[0], b[1], b[0], Geodesic.DISTANCE).s12 ?? Number.NaN;
}
