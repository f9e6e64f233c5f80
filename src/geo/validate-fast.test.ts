/**
 * The shortcuts on validation's hot path change nothing that validation says: the bound that
 * spares most edges the geodesic never hides a long edge, a geometry validation returned clean
 * is returned as it is (and cannot be changed afterwards), and the flat segment scan finds the
 * same crossings as the spatial index.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import geographiclib from 'geographiclib-geodesic';
import { LONG_EDGE_METRES, validateGeometry, type GeometryIssue, type Position } from './index.js';

// GeographicLib itself is the oracle: the distance the validator must agree with.
const WGS84 = geographiclib.Geodesic.WGS84;

const codes = (r: ReturnType<typeof validateGeometry>): string[] =>
  (r.ok ? r.value.warnings : r.errors).map((i: GeometryIssue) => i.code);

describe('validation shortcuts', () => {
  it('flags exactly the edges whose geodesic length exceeds the limit, anywhere on the ellipsoid', () => {
    // Edges from a few metres to ~20 km, near the limit most often, at every latitude and
    // across the antimeridian: the warning appears exactly when GeographicLib's distance says so.
    const edge = fc.record({
      lon: fc.double({ min: -180, max: 180, noNaN: true }),
      lat: fc.double({ min: -89.9, max: 89.9, noNaN: true }),
      bearing: fc.double({ min: 0, max: 360, noNaN: true }),
      metres: fc.oneof(
        fc.double({ min: 1, max: 20_000, noNaN: true }),
        fc.double({ min: LONG_EDGE_METRES - 5, max: LONG_EDGE_METRES + 5, noNaN: true }),
      ),
    });
    fc.assert(
      fc.property(edge, ({ lon, lat, bearing, metres }) => {
        const r = 1 / 111_320;
        const dx =
          (Math.sin((bearing * Math.PI) / 180) * metres * r) /
          Math.max(Math.cos((lat * Math.PI) / 180), 0.01);
        const dy = Math.cos((bearing * Math.PI) / 180) * metres * r;
        const wrap = (x: number) => (x > 180 ? x - 360 : x < -180 ? x + 360 : x);
        const a: Position = [lon, lat];
        const b: Position = [wrap(lon + dx), Math.max(-90, Math.min(90, lat + dy))];
        const line = { type: 'LineString', coordinates: [a, b] };
        const d = WGS84.Inverse(a[1], a[0], b[1], b[0]).s12 ?? Number.NaN;
        const found = codes(validateGeometry(line));
        // An edge under 1e-6° in both axes is a duplicate vertex, never measured.
        if (found.includes('GEOMETRY_DUPLICATE_VERTEX')) return;
        expect(found.includes('GEOMETRY_LONG_EDGE')).toBe(d > LONG_EDGE_METRES);
      }),
      { numRuns: 3000 },
    );
  });

  it('returns a clean geometry it validated as it is, frozen, and checks a copy of it afresh', () => {
    const input = {
      type: 'Polygon',
      coordinates: [
        [
          [24, 60],
          [24.001, 60],
          [24.001, 60.001],
          [24, 60],
        ],
      ],
    };
    const first = validateGeometry(input);
    if (!first.ok) throw new Error('the square is valid');
    expect(Object.isFrozen(first.value.geometry)).toBe(true);
    expect(Object.isFrozen(input)).toBe(false); // the caller's value is not touched
    const again = validateGeometry(first.value.geometry);
    expect(again.ok && again.value.geometry).toBe(first.value.geometry);
    expect(again.ok && again.value.warnings).toEqual([]);
    // A copy is another value: checked in full, so a copy made invalid is refused.
    const copy = JSON.parse(JSON.stringify(first.value.geometry)) as { coordinates: number[][][] };
    (copy.coordinates[0] as number[][]).splice(1, 0, [24.002, 60.0005], [23.999, 60.0005]);
    expect(codes(validateGeometry(copy))).toContain('GEOMETRY_SELF_INTERSECTION');
  });

  it('does not mark a geometry that had warnings, so they are reported on every check', () => {
    const clockwise = {
      type: 'Polygon',
      coordinates: [
        [
          [24, 60],
          [24, 60.001],
          [24.001, 60.001],
          [24.001, 60],
          [24, 60],
        ],
      ],
    };
    const r = validateGeometry(clockwise);
    expect(codes(r)).toEqual(['GEOMETRY_WINDING']);
    expect(r.ok && Object.isFrozen(r.value.geometry)).toBe(false);
  });

  it('finds the same self-intersections by the flat scan and by the index', () => {
    // A zig-zag ring with one crossing, written with few vertices (scanned) and with many
    // (indexed, by splitting every edge): the crossing is found either way, at the same place.
    const zigzag = (split: number): Position[] => {
      const corners: Position[] = [
        [0, 0],
        [0.01, 0],
        [0.01, 0.01],
        [0.005, -0.005],
        [0, 0.01],
        [0, 0],
      ];
      const out: Position[] = [];
      for (let i = 0; i + 1 < corners.length; i++) {
        const [a, b] = [corners[i] as Position, corners[i + 1] as Position];
        for (let k = 0; k < split; k++)
          out.push([a[0] + ((b[0] - a[0]) * k) / split, a[1] + ((b[1] - a[1]) * k) / split]);
      }
      out.push([0, 0]);
      return out;
    };
    const crossings = (split: number) => {
      const r = validateGeometry({ type: 'Polygon', coordinates: [zigzag(split)] });
      return r.ok ? [] : r.errors.filter((e) => e.code === 'GEOMETRY_SELF_INTERSECTION');
    };
    const scanned = crossings(1);
    const indexed = crossings(20);
    expect(scanned.length).toBeGreaterThan(0);
    expect(indexed.length).toBe(scanned.length);
  });
});
