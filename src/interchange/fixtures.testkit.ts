/**
 * SYNTHETIC TEST DATA for the interchange suites (src/interchange/interchange.test.ts and
 * test/gdal-interchange.test.ts): hazardous-area polygons near 30–32°E 48°N, good and bad, one
 * copy for both. Tests only (excluded from the build).
 */
import type { Geometry, MultiPolygonGeometry, PolygonGeometry } from '../geo/index.js';

/** A closed counter-clockwise square of side `d` degrees with its south-west corner at (x, y). */
export const square = (x: number, y: number, d = 0.01): PolygonGeometry => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + d, y],
      [x + d, y + d],
      [x, y + d],
      [x, y],
    ],
  ],
});

/** A 0.02° square at 31°E 48°N with a triangular hole. */
export const HOLED_SQUARE: PolygonGeometry = {
  type: 'Polygon',
  coordinates: [
    [
      [31, 48],
      [31.02, 48],
      [31.02, 48.02],
      [31, 48.02],
      [31, 48],
    ],
    [
      [31.005, 48.005],
      [31.005, 48.01],
      [31.01, 48.01],
      [31.005, 48.005],
    ],
  ],
};

/** Two triangles at 32°E 48°N as one multipolygon. */
export const TWO_TRIANGLES: MultiPolygonGeometry = {
  type: 'MultiPolygon',
  coordinates: [
    [
      [
        [32, 48],
        [32.01, 48],
        [32.01, 48.01],
        [32, 48],
      ],
    ],
    [
      [
        [32.02, 48],
        [32.03, 48],
        [32.03, 48.01],
        [32.02, 48],
      ],
    ],
  ],
};

/** A self-intersecting ring (a bow tie): GEOMETRY_SELF_INTERSECTION. */
export const BOW_TIE: PolygonGeometry = {
  type: 'Polygon',
  coordinates: [
    [
      [30, 48],
      [30.01, 48.01],
      [30.01, 48],
      [30, 48.01],
      [30, 48],
    ],
  ],
};

/** A ring whose last point is not its first: GEOMETRY_RING_NOT_CLOSED. */
export const OPEN_RING: PolygonGeometry = {
  type: 'Polygon',
  coordinates: [
    [
      [30, 48],
      [30.01, 48],
      [30.01, 48.01],
      [30, 48.01],
    ],
  ],
};

/** A GeoJSON FeatureCollection's text from features without their `type`. */
export function featureCollection(
  features: readonly { id?: string; geometry: Geometry | null; properties: Record<string, unknown> }[],
): string {
  return JSON.stringify({
    type: 'FeatureCollection',
    features: features.map((f) => ({ type: 'Feature', ...f })),
  });
}
