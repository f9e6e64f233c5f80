import { describe, expect, it } from 'vitest';
import { validateBatch, validateGeometry, type GeometryIssue, type Position } from './index.js';

const square = (x: number, y: number, s: number): Position[] => [
  [x, y],
  [x + s, y],
  [x + s, y + s],
  [x, y + s],
  [x, y],
];
const poly = (...rings: Position[][]): unknown => ({ type: 'Polygon', coordinates: rings });

function codes(input: unknown): string[] {
  const r = validateGeometry(input);
  const list: readonly GeometryIssue[] = r.ok ? r.value.warnings : r.errors;
  return list.map((i) => i.code);
}

describe('geometry validation rules, each failing and passing', () => {
  const good = poly(square(30, 50, 0.001));

  it('accepts a small counter-clockwise square without any issue', () => {
    const r = validateGeometry(good);
    expect(r.ok && r.value.warnings).toEqual([]);
  });

  it('refuses null and empty geometry with a clear message', () => {
    const r = validateGeometry(null);
    expect(!r.ok && r.errors[0]?.code).toBe('GEOMETRY_NULL');
    expect(!r.ok && r.errors[0]?.message).toMatch(/null/);
    expect(codes({ type: 'Polygon', coordinates: [] })).toEqual(['GEOMETRY_NULL']);
  });

  it('reports a ring that is not closed, with its ring and vertex index', () => {
    const ring = square(30, 50, 0.001).slice(0, 4);
    ring.push([30, 50.0005]);
    const r = validateGeometry(poly(ring));
    const i = !r.ok ? r.errors.find((e) => e.code === 'GEOMETRY_RING_NOT_CLOSED') : undefined;
    expect(i?.details).toMatchObject({ ring: 0, vertex: 4, value: [30, 50.0005] });
    expect(i?.path).toBe('coordinates[0][4]');
  });

  it('reports a ring with fewer than 4 positions', () => {
    expect(
      codes(
        poly([
          [30, 50],
          [30.001, 50],
          [30, 50],
        ]),
      ),
    ).toContain('GEOMETRY_TOO_FEW_POSITIONS');
    expect(codes(good)).not.toContain('GEOMETRY_TOO_FEW_POSITIONS');
  });

  it('reports a self-crossing ring (a bow-tie)', () => {
    const bow = poly([
      [30, 50],
      [30.001, 50.001],
      [30.001, 50],
      [30, 50.001],
      [30, 50],
    ]);
    const r = validateGeometry(bow);
    const i = !r.ok ? r.errors.find((e) => e.code === 'GEOMETRY_SELF_INTERSECTION') : undefined;
    expect(i?.details).toMatchObject({ ring: 0, vertex: 0, contact: 'cross' });
  });

  /** A hole (clockwise) with one vertex on the west edge of square(30, 50, 0.01). */
  const touching: Position[] = [
    [30, 50.004],
    [30.002, 50.006],
    [30.002, 50.004],
    [30, 50.004],
  ];

  it('reports a hole that touches its shell, and accepts one clear of it', () => {
    const shell = square(30, 50, 0.01);
    // One vertex on the shell's west edge: an error in entered data (geocheck, issue #3).
    expect(codes(poly(shell, touching))).toContain('GEOMETRY_SELF_INTERSECTION');
    const clear = square(30.002, 50.002, 0.002).reverse();
    expect(codes(poly(shell, clear))).toEqual([]);
  });

  it('judged as OGC does (overlay results), accepts a hole touching its shell once, and refuses touches that cut the interior', () => {
    const ogc = { touchingRings: 'ogc' } as const;
    const codesOgc = (g: unknown): string[] => {
      const r = validateGeometry(g, '', ogc);
      return r.ok ? r.value.warnings.map((w) => w.code) : r.errors.map((e) => e.code);
    };
    const shell = square(30, 50, 0.01);
    expect(codesOgc(poly(shell, touching))).toEqual([]);
    // Touching the west and the east edge cuts the square in two.
    const across: Position[] = (
      [
        [30, 50.004],
        [30.01, 50.005],
        [30.005, 50.006],
        [30, 50.004],
      ] as Position[]
    ).reverse();
    const r = validateGeometry(poly(shell, across), '', ogc);
    const i = !r.ok ? r.errors.find((e) => e.code === 'GEOMETRY_SELF_INTERSECTION') : undefined;
    expect(i?.message).toMatch(/cuts the polygon's interior in two/);
    // Two holes that touch each other once and the shell once each also cut it.
    const left: Position[] = (
      [
        [30, 50.005],
        [30.005, 50.004],
        [30.005, 50.006],
        [30, 50.005],
      ] as Position[]
    ).reverse();
    const right: Position[] = (
      [
        [30.005, 50.005],
        [30.0075, 50.004],
        [30.01, 50.005],
        [30.0075, 50.006],
        [30.005, 50.005],
      ] as Position[]
    ).reverse();
    expect(codesOgc(poly(shell, left))).toEqual([]);
    expect(codesOgc(poly(shell, left, right))).toContain('GEOMETRY_SELF_INTERSECTION');
  });

  it('refuses a hole that shares a stretch of its shell', () => {
    const shell = square(30, 50, 0.01);
    const sharing: Position[] = (
      [
        [30, 50.004],
        [30.002, 50.005],
        [30, 50.006],
        [30, 50.004],
      ] as Position[]
    ).reverse();
    expect(codes(poly(shell, sharing))).toContain('GEOMETRY_SELF_INTERSECTION');
  });

  it('reports rings that cross each other', () => {
    const shell = square(30, 50, 0.01);
    const crossing = square(30.008, 50.004, 0.004).reverse();
    expect(codes(poly(shell, crossing))).toContain('GEOMETRY_SELF_INTERSECTION');
  });

  it('reports a ring that back-tracks on itself (a spike)', () => {
    const spike = poly([
      [30, 50],
      [30.002, 50],
      [30.001, 50],
      [30.001, 50.001],
      [30, 50.001],
      [30, 50],
    ]);
    expect(codes(spike)).toContain('GEOMETRY_SELF_INTERSECTION');
  });

  it('reports a hole outside its shell', () => {
    const r = validateGeometry(poly(square(30, 50, 0.001), square(31, 51, 0.001).reverse()));
    expect(!r.ok && r.errors.map((e) => e.code)).toContain('GEOMETRY_HOLE_OUTSIDE_SHELL');
  });

  it('reports coordinates out of range and coordinates that are not numbers', () => {
    const r = validateGeometry({ type: 'Point', coordinates: [181, 'x'] });
    expect(!r.ok && r.errors.map((e) => [e.code, e.details.value])).toEqual([
      ['COORD_OUT_OF_RANGE', 181],
      ['COORD_INVALID', 'x'],
    ]);
    expect(codes({ type: 'Point', coordinates: [180, -90] })).toEqual([]);
  });

  it('reports duplicate consecutive vertices within 1e-6° and accepts vertices 2e-6° apart', () => {
    const ring = square(30, 50, 0.001);
    ring.splice(2, 0, [30.001 + 5e-7, 50]);
    const r = validateGeometry(poly(ring));
    const i = !r.ok ? r.errors.find((e) => e.code === 'GEOMETRY_DUPLICATE_VERTEX') : undefined;
    expect(i?.details).toMatchObject({ ring: 0, vertex: 2 });
    const apart = square(30, 50, 0.001);
    apart.splice(2, 0, [30.001 + 2e-6, 50.0005]);
    expect(codes(poly(apart))).not.toContain('GEOMETRY_DUPLICATE_VERTEX');
  });

  it('warns about consecutive vertices more than 5 km apart, but stays valid', () => {
    const r = validateGeometry(poly(square(30, 50, 0.1)));
    expect(r.ok && r.value.warnings.map((w) => w.code)).toContain('GEOMETRY_LONG_EDGE');
    expect(codes(poly(square(30, 50, 0.04)))).not.toContain('GEOMETRY_LONG_EDGE');
  });

  it('warns about clockwise shells and returns the normalised geometry', () => {
    const cw = square(30, 50, 0.001).reverse();
    const r = validateGeometry(poly(cw));
    expect(r.ok && r.value.warnings.map((w) => w.code)).toEqual(['GEOMETRY_WINDING']);
    expect(r.ok && r.value.geometry).toEqual({ type: 'Polygon', coordinates: [square(30, 50, 0.001)] });
  });

  it('returns every problem at once, not only the first', () => {
    const r = validateGeometry({
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [30, 50],
            [30, 50],
            [30.1, 50],
          ],
        ],
        [
          [
            [31, 50],
            [31, 50.001],
          ],
        ],
      ],
    });
    expect(!r.ok && r.errors.map((e) => e.code).sort()).toEqual([
      'GEOMETRY_DUPLICATE_VERTEX',
      'GEOMETRY_LONG_EDGE',
      'GEOMETRY_RING_NOT_CLOSED',
      'GEOMETRY_RING_NOT_CLOSED',
      'GEOMETRY_TOO_FEW_POSITIONS',
      'GEOMETRY_TOO_FEW_POSITIONS',
    ]);
    const structural = validateGeometry({
      type: 'MultiPoint',
      coordinates: [
        [200, 0],
        [0, 'y'],
        [0, 91],
      ],
    });
    expect(!structural.ok && structural.errors.map((e) => e.path)).toEqual([
      'coordinates[0]',
      'coordinates[1]',
      'coordinates[2]',
    ]);
  });

  it('supports Point, LineString, MultiPoint and MultiLineString', () => {
    expect(
      codes({
        type: 'LineString',
        coordinates: [
          [30, 50],
          [30.001, 50],
        ],
      }),
    ).toEqual([]);
    expect(codes({ type: 'LineString', coordinates: [[30, 50]] })).toEqual(['GEOMETRY_TOO_FEW_POSITIONS']);
    expect(codes({ type: 'MultiPoint', coordinates: [[30, 50]] })).toEqual([]);
    expect(
      codes({
        type: 'MultiLineString',
        coordinates: [
          [
            [30, 50],
            [30, 50],
          ],
        ],
      }),
    ).toEqual(['GEOMETRY_DUPLICATE_VERTEX']);
    expect(codes({ type: 'GeometryCollection', geometries: [] })).toEqual(['GEOMETRY_INVALID']);
  });

  it('reports MultiPolygon parts that overlap, and accepts parts that meet at a single point', () => {
    expect(
      codes({ type: 'MultiPolygon', coordinates: [[square(30, 50, 0.01)], [square(30.002, 50.002, 0.001)]] }),
    ).toContain('GEOMETRY_INVALID');
    expect(
      codes({
        type: 'MultiPolygon',
        coordinates: [[square(30, 50, 0.001)], [square(30.001, 50.001, 0.001)]],
      }),
    ).toEqual([]);
  });
});

describe('batch validation', () => {
  it('warns about duplicate and near-duplicate polygons, and not about distinct ones', () => {
    const a = poly(square(30, 50, 0.001));
    const b = poly(square(30, 50, 0.001));
    const c = poly(square(30.000001, 50, 0.001));
    const d = poly(square(30.01, 50, 0.001));
    const r = validateBatch([a, b, c, d]);
    const dups = r.issues.filter((i) => i.code === 'GEOMETRY_DUPLICATE_POLYGON');
    expect(dups.map((i) => i.path).sort()).toEqual(['[1]', '[2]', '[2]']);
    expect(dups.every((i) => i.severity === 'warning')).toBe(true);
  });
});
