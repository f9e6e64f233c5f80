/**
 * CQL2 round trips on examples from the OGC CQL2 standard (OGC 21-065r2, examples and
 * clause 7 requirements): text → JSON equals the standard's JSON encoding; JSON → text → JSON
 * is the identity; compiled filters are refused with a reason when the store cannot run them.
 */
import { describe, expect, it } from 'vitest';
import { ok } from '../../core/index.js';
import type { StoredGeometry } from '../../store/index.js';
import { compileCql2, parseCql2Json, parseCql2Text, writeCql2Text, type Cql2Value } from './index.js';

const P = (property: string) => ({ property });
const EXAMPLES: readonly (readonly [string, string, Cql2Value])[] = [
  [
    'example 1',
    "landsat:scene_id = 'LC82030282019133LGN00'",
    { op: '=', args: [P('landsat:scene_id'), 'LC82030282019133LGN00'] },
  ],
  ['example 12', "owner LIKE 'Mike%'", { op: 'like', args: [P('owner'), 'Mike%'] }],
  ['example 31', '"value" < 10', { op: '<', args: [P('value'), 10] }],
  [
    'example 16',
    "swimming_pool=true AND (floors>5 OR material LIKE 'brick%' OR material LIKE '%brick')",
    {
      op: 'and',
      args: [
        { op: '=', args: [P('swimming_pool'), true] },
        {
          op: 'or',
          args: [
            { op: '>', args: [P('floors'), 5] },
            { op: 'like', args: [P('material'), 'brick%'] },
            { op: 'like', args: [P('material'), '%brick'] },
          ],
        },
      ],
    },
  ],
  [
    'clause 7 point',
    'S_INTERSECTS(geometry,POINT(36.319836 32.288087))',
    { op: 's_intersects', args: [P('geometry'), { type: 'Point', coordinates: [36.319836, 32.288087] }] },
  ],
  [
    'example 24',
    'S_INTERSECTS(geometry,POLYGON((-10.0 -10.0,10.0 -10.0,10.0 10.0,-10.0 -10.0)))',
    {
      op: 's_intersects',
      args: [
        P('geometry'),
        {
          type: 'Polygon',
          coordinates: [
            [
              [-10, -10],
              [10, -10],
              [10, 10],
              [-10, -10],
            ],
          ],
        },
      ],
    },
  ],
  [
    'example 45',
    'S_INTERSECTS("geometry", BBOX(-128.098193, -1.1, -99999.0, 180.0, 90.0, 100000.0))',
    { op: 's_intersects', args: [P('geometry'), { bbox: [-128.098193, -1.1, -99999, 180, 90, 100000] }] },
  ],
  [
    'example 22',
    "T_DURING(INTERVAL(starts_at, ends_at), INTERVAL('2017-06-10T07:30:00Z', '2017-06-11T10:30:00Z'))",
    {
      op: 't_during',
      args: [
        { interval: [P('starts_at'), P('ends_at')] },
        { interval: ['2017-06-10T07:30:00Z', '2017-06-11T10:30:00Z'] },
      ],
    },
  ],
  ['depth between', 'depth BETWEEN 100.0 AND 150.0', { op: 'between', args: [P('depth'), 100, 150] }],
  [
    'in list',
    "cityName IN ('Toronto', 'Frankfurt', 'Tokyo', 'New York')",
    { op: 'in', args: [P('cityName'), ['Toronto', 'Frankfurt', 'Tokyo', 'New York']] },
  ],
  [
    'not in',
    'category NOT IN (1, 2, 3)',
    { op: 'not', args: [{ op: 'in', args: [P('category'), [1, 2, 3]] }] },
  ],
  ['is not null', 'geometry IS NOT NULL', { op: 'not', args: [{ op: 'isNull', args: [P('geometry')] }] }],
  [
    'casei',
    "CASEI(road_class) IN (CASEI('Οδος'), CASEI('Straße'))",
    {
      op: 'in',
      args: [
        { op: 'casei', args: [P('road_class')] },
        [
          { op: 'casei', args: ['Οδος'] },
          { op: 'casei', args: ['Straße'] },
        ],
      ],
    },
  ],
  [
    'timestamp',
    "updated > TIMESTAMP('2012-08-10T05:30:00Z')",
    { op: '>', args: [P('updated'), { timestamp: '2012-08-10T05:30:00Z' }] },
  ],
  [
    'date',
    "T_AFTER(built, DATE('2015-01-01'))",
    { op: 't_after', args: [P('built'), { date: '2015-01-01' }] },
  ],
  [
    'open interval',
    "T_INTERSECTS(event_date, INTERVAL('1969-07-16T05:32:00Z', '..'))",
    { op: 't_intersects', args: [P('event_date'), { interval: ['1969-07-16T05:32:00Z', '..'] }] },
  ],
];

describe('CQL2 text', () => {
  for (const [name, text, json] of EXAMPLES) {
    it(`parses ${name} into the standard's CQL2-JSON`, () => {
      expect(parseCql2Text(text)).toEqual(ok(json));
    });
    it(`writes ${name} back to text that parses to the same JSON`, () => {
      expect(parseCql2Text(writeCql2Text(json))).toEqual(ok(json));
    });
    it(`accepts ${name} as CQL2-JSON`, () => {
      expect(parseCql2Json(JSON.stringify(json))).toEqual(ok(json));
    });
  }

  it('explains where a malformed filter fails', () => {
    const r = parseCql2Text("name = 'open");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]?.details?.['position']).toBe(8);
  });
});

describe('CQL2 compilation to the store filter', () => {
  const ctx = {
    queryables: {
      status: { type: 'string' },
      areaM2: { type: 'number' },
      recordedAt: { type: 'string', format: 'date-time' },
      geometry: { type: 'string' },
    } as const,
    geometryProperty: 'geometry',
    toStored: (g: unknown) => ok(g as StoredGeometry),
  };
  const compile = (text: string) => {
    const p = parseCql2Text(text);
    if (!p.ok) throw new Error('parse');
    return compileCql2(p.value, ctx);
  };

  it('turns a literal on the left into the flipped comparison', () => {
    expect(compile('100 < areaM2')).toEqual(ok({ op: '>', field: 'areaM2', value: 100 }));
  });
  it('compiles T_BEFORE on an instant property into a string comparison of normalised instants', () => {
    expect(compile("T_BEFORE(recordedAt, TIMESTAMP('2026-02-01T00:00:00Z'))")).toEqual(
      ok({ op: '<', field: 'recordedAt', value: '2026-02-01T00:00:00.000Z' }),
    );
  });
  it('refuses a timestamp or date literal that does not exist instead of rolling it over', () => {
    for (const lit of [
      "TIMESTAMP('2026-04-31T12:00:00Z')",
      "TIMESTAMP('2026-04-30T24:00:00Z')",
      "DATE('2026-02-29')",
      "DATE('2026-04-31')",
    ]) {
      const r = compile(`T_BEFORE(recordedAt, ${lit})`);
      expect(r.ok, lit).toBe(false);
      if (!r.ok) expect(r.errors[0]?.code, lit).toBe('VALIDATION_FORMAT');
    }
    expect(compile("T_BEFORE(recordedAt, TIMESTAMP('2028-02-29T12:00:00Z'))")).toEqual(
      ok({ op: '<', field: 'recordedAt', value: '2028-02-29T12:00:00.000Z' }),
    );
    expect(compile("T_AFTER(recordedAt, DATE('2028-02-29'))").ok).toBe(true);
  });
  it('swaps S_WITHIN when the geometry literal comes first', () => {
    const r = compile('S_WITHIN(POINT(1 2), geometry)');
    expect(r.ok && r.value.op).toBe('s_contains');
  });
  it('refuses a property that is not queryable, naming it', () => {
    const r = compile("colour = 'red'");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]?.message).toContain('colour');
  });
  it('refuses comparing two properties, which the store cannot evaluate', () => {
    expect(compile('areaM2 = status').ok).toBe(false);
  });
  it('refuses a string compared with a number property', () => {
    expect(compile("areaM2 = 'big'").ok).toBe(false);
  });
});
