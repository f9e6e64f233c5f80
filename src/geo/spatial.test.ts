import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bearingBetween,
  buffer,
  difference,
  geodesicArea,
  geodesicDirect,
  HazardIndex,
  intersects,
  parseBearing,
  pointAtBearing,
  pointInPolygon,
  repairGeometry,
  union,
  validateGeometry,
  withinTolerance,
  wgs84Point,
  areaDisplay,
  type ArealGeometry,
  type PolygonGeometry,
  type Position,
  type SquareMetres,
} from './index.js';

const square = (x: number, y: number, s: number): PolygonGeometry => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + s, y],
      [x + s, y + s],
      [x, y + s],
      [x, y],
    ],
  ],
});

function point(lat: number, lon: number) {
  const r = wgs84Point(lat, lon);
  if (!r.ok) throw new Error('bad point');
  return r.value;
}

describe('predicates and the hazard index', () => {
  const a = square(30, 50, 0.01);

  it('counts boundary points as inside, exactly', () => {
    expect(pointInPolygon([30.005, 50.005], a)).toBe(true);
    expect(pointInPolygon([30.01, 50.005], a)).toBe(true);
    expect(pointInPolygon([30.0100000000001, 50.005], a)).toBe(false);
  });

  it('finds every polygon under a point and none elsewhere', () => {
    const idx = HazardIndex.build([a, square(30.005, 50.005, 0.01), square(31, 51, 0.01)]);
    expect(idx.at([30.007, 50.007]).sort()).toEqual([0, 1]);
    expect(idx.at([30.5, 50.5])).toEqual([]);
    expect(idx.size).toBe(3);
  });

  it('decides intersects for polygons, lines and points', () => {
    expect(intersects(a, square(30.01, 50, 0.01))).toBe(true);
    expect(intersects(a, square(30.02, 50, 0.01))).toBe(false);
    expect(
      intersects(a, {
        type: 'LineString',
        coordinates: [
          [29.9, 50.005],
          [30.1, 50.005],
        ],
      }),
    ).toBe(true);
    expect(intersects({ type: 'Point', coordinates: [30.001, 50.001] }, a)).toBe(true);
  });

  it('accepts a polygon within a tolerance in metres and refuses it beyond', () => {
    // 0.00001° of longitude at 50°N is about 0.72 m.
    const b = square(30, 50, 0.01001);
    expect(withinTolerance(b, a, 1.2)).toBe(false); // the far corner is ~1.35 m out
    expect(withinTolerance(b, a, 1.5)).toBe(true);
  });
});

describe('overlay operations for remaining hazard area', () => {
  it('buffers a point by 50 m into a disc of about π·50² m²', () => {
    const r = buffer({ type: 'Point', coordinates: [30.5, 50.4] }, 50, 32);
    expect(r.ok && r.value !== null).toBe(true);
    if (!r.ok || r.value === null) return;
    expect(Math.abs(geodesicArea(r.value) - Math.PI * 2500) / (Math.PI * 2500)).toBeLessThan(0.002);
  });

  it('subtracts cleared land from a hazard and leaves nothing when all is cleared', () => {
    const hazard = square(30, 50, 0.01);
    const half = square(30, 50, 0.005);
    const rest = difference(hazard, half);
    expect(rest.ok && rest.value !== null && geodesicArea(rest.value) / geodesicArea(hazard)).toBeCloseTo(
      0.75,
      3,
    );
    expect(difference(hazard, hazard)).toEqual({ ok: true, value: null });
  });

  it('shows areas in m², ha and km² from stored m²', () => {
    expect(areaDisplay(12500 as SquareMetres, 'en')).toEqual({
      m2: '12,500 m²',
      ha: '1.25 ha',
      km2: '0.0125 km²',
    });
  });
});

describe('bearing and distance', () => {
  it('puts 1600 mils due east and 250 m away', () => {
    const ref = point(50.45, 30.52);
    const b = parseBearing('1600mil');
    expect(b.ok).toBe(true);
    if (!b.ok) return;
    const p = pointAtBearing(ref, b.value, 250);
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    const back = bearingBetween(ref, p.value);
    expect(back.ok && back.value.distance).toBeCloseTo(250, 6);
    expect(back.ok && back.value.trueBearing).toBeCloseTo(90, 9);
    expect(back.ok && back.value.mils).toBeCloseTo(1600, 6);
  });

  it('turns a grid bearing into true with the UTM convergence of the reference point', () => {
    const ref = point(50.45, 30.52); // zone 36, CM 33°E: grid north is west of true north
    const g = parseBearing('90 grid');
    const t = parseBearing('90');
    if (!g.ok || !t.ok) throw new Error('parse');
    const pg = pointAtBearing(ref, g.value, 1000);
    const pt = pointAtBearing(ref, t.value, 1000);
    if (!pg.ok || !pt.ok) throw new Error('solve');
    const bg = bearingBetween(ref, pg.value);
    expect(bg.ok && bg.value.gridBearing).toBeCloseTo(90, 9);
    expect(bg.ok && bg.value.trueBearing).toBeLessThan(90);
    expect(pt.value).toEqual(geodesicDirect(ref, 90, 1000).point);
  });

  it('refuses bearings out of range and malformed ones', () => {
    expect(parseBearing('6400mil').ok).toBe(false);
    expect(parseBearing('360').ok).toBe(false);
    const r = parseBearing('north-east');
    expect(!r.ok && r.errors[0]?.code).toBe('COORD_INVALID');
  });
});

const ringArb = fc
  .record({
    cx: fc.double({ min: 20, max: 40, noNaN: true }),
    cy: fc.double({ min: 45, max: 60, noNaN: true }),
    radii: fc.array(fc.double({ min: 0.3, max: 1, noNaN: true }), { minLength: 5, maxLength: 12 }),
    swap: fc.nat(),
    dup: fc.boolean(),
    reverse: fc.boolean(),
  })
  .map(({ cx, cy, radii, swap, dup, reverse }) => {
    const n = radii.length;
    const pts: Position[] = radii.map((r, k) => [
      cx + 0.01 * r * Math.cos((2 * Math.PI * k) / n),
      cy + 0.01 * r * Math.sin((2 * Math.PI * k) / n),
    ]);
    const i = swap % (n - 1);
    // Swapping two neighbours makes a bow-tie; repeating a vertex makes a duplicate.
    if (swap % 3 === 0) [pts[i], pts[i + 1]] = [pts[i + 1] as Position, pts[i] as Position];
    if (dup) pts.splice(i, 0, pts[i] as Position);
    if (reverse) pts.reverse();
    return { type: 'Polygon', coordinates: [[...pts, pts[0] as Position]] };
  });

describe('properties', () => {
  it('a repaired polygon always validates', () => {
    fc.assert(
      fc.property(ringArb, (g) => {
        const r = repairGeometry(g);
        if (!r.ok) return false;
        return validateGeometry(r.value.geometry).ok;
      }),
      { numRuns: 200 },
    );
  });

  it('area(A ∪ B) never exceeds area(A) + area(B)', () => {
    const valid = ringArb.map((g) => {
      const r = repairGeometry(g);
      if (!r.ok) throw new Error('repair failed');
      return r.value.geometry as ArealGeometry;
    });
    fc.assert(
      fc.property(valid, valid, (a, b) => {
        const u = union(a, b);
        if (!u.ok || u.value === null) return false;
        return geodesicArea(u.value) <= (geodesicArea(a) + geodesicArea(b)) * (1 + 1e-9);
      }),
      { numRuns: 100 },
    );
  });
});

describe('overlay regressions', () => {
  it('unites two areas whose union holds a hole touching its shell at one point (found by fast-check)', () => {
    // The counterexample fast-check shrank to (seed -970170076): JSTS writes the union as a polygon
    // whose hole touches the shell at one vertex, which OGC and JTS count as valid.
    const a: ArealGeometry = {
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [20.000927050983126, 45.00067354196487],
            [19.997572949016874, 45.00176335575688],
            [19.997572949016874, 44.99823664424312],
            [20.000927050983126, 44.997146830451115],
            [20.000927050983126, 45.00067354196487],
          ],
        ],
        [
          [
            [20.000927050983126, 45.002853169548885],
            [20.000927050983126, 45.00067354196487],
            [20.003, 45],
            [20.000927050983126, 45.002853169548885],
          ],
        ],
      ],
    };
    const b: ArealGeometry = {
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [19.99964589803375, 45.00108981379201],
            [19.997572949016874, 44.99823664424312],
            [20.000927050983126, 44.997146830451115],
            [20.003000000000004, 45],
            [19.99964589803375, 45.00108981379201],
          ],
        ],
        [
          [
            [19.99964589803375, 45.00108981379201],
            [20.000927050983126, 45.002853169548885],
            [19.997572949016874, 45.00176335575688],
            [19.99964589803375, 45.00108981379201],
          ],
        ],
      ],
    };
    const u = union(a, b);
    expect(u.ok).toBe(true);
    if (!u.ok || u.value === null) return;
    expect(u.value.type).toBe('Polygon');
    expect(u.value.coordinates).toHaveLength(2);
    // Valid as OGC and JTS judge it; entered by hand, the touching hole would be refused.
    expect(validateGeometry(u.value, '', { touchingRings: 'ogc' }).ok).toBe(true);
    expect(validateGeometry(u.value).ok).toBe(false);
    expect(geodesicArea(u.value)).toBeLessThanOrEqual(geodesicArea(a) + geodesicArea(b));
  });

  it('repairs a bow-tie whose rebuilt faces include a sliver narrower than the tolerance (found by fast-check)', () => {
    // The rebuild kept a face whose vertices lie within 1e-6° of each other; tidying left it with
    // three positions, so the repair used to fail. The sliver is now dropped with its part.
    const input: unknown = {
      type: 'Polygon',
      coordinates: [
        [
          [37.29875523576291, 46.19849714590281],
          [37.29462043232551, 46.19746222922567],
          [37.29740076214834, 46.19466418081677],
          [37.29740076214834, 46.19466418081677],
          [37.292872417999426, 46.19922276050078],
          [37.288253787798176, 46.20345154225944],
          [37.291695527228114, 46.20859711385422],
          [37.29770188943792, 46.208036855749846],
          [37.303766758981595, 46.2067012802255],
          [37.30118965639422, 46.20049662942194],
          [37.29875523576291, 46.19849714590281],
        ],
      ],
    };
    const r = repairGeometry(input);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.changes.map((c) => c.kind)).toContain('rebuilt-topology');
    expect(validateGeometry(r.value.geometry).ok).toBe(true);
  });
});
