/** WKT (OGC 06-103r4 §7, 2D) for the CSV geometry column: written and parsed here. */
import type { Geometry, Position } from '../geo/index.js';

const num = (n: number): string => String(n);
const pos = (p: Position): string => `${num(p[0])} ${num(p[1])}`;
const line = (l: readonly Position[]): string => `(${l.map(pos).join(', ')})`;
const poly = (rs: readonly (readonly Position[])[]): string => `(${rs.map(line).join(', ')})`;

/** WKT of a geometry, e.g. `POLYGON ((30 10, 40 40, 20 40, 30 10))`. */
export function toWkt(g: Geometry): string {
  switch (g.type) {
    case 'Point':
      return `POINT (${pos(g.coordinates)})`;
    case 'LineString':
      return `LINESTRING ${line(g.coordinates)}`;
    case 'Polygon':
      return `POLYGON ${poly(g.coordinates)}`;
    case 'MultiPoint':
      return `MULTIPOINT (${g.coordinates.map((p) => `(${pos(p)})`).join(', ')})`;
    case 'MultiLineString':
      return `MULTILINESTRING (${g.coordinates.map(line).join(', ')})`;
    case 'MultiPolygon':
      return `MULTIPOLYGON (${g.coordinates.map(poly).join(', ')})`;
  }
}

type Nested = number | Nested[];

/**
 * Parse WKT into a geometry; null for `… EMPTY`. Throws with a message naming what was expected
 * (the caller turns it into a report line). Z/M ordinates are read and dropped.
 */
export function fromWkt(text: string): Geometry | null {
  const m =
    /^\s*(POINT|LINESTRING|POLYGON|MULTIPOINT|MULTILINESTRING|MULTIPOLYGON)\s*(ZM|Z|M)?\s*(.*)$/is.exec(text);
  if (m === null) throw new Error('WKT must start with POINT, LINESTRING, POLYGON or a MULTI… of them');
  const type = (m[1] ?? '').toUpperCase();
  const body = (m[3] ?? '').trim();
  if (/^EMPTY$/i.test(body)) return null;
  let i = 0;
  const s = body;
  const ws = () => {
    while (i < s.length && /\s/.test(s[i] as string)) i++;
  };
  const parse = (): Nested => {
    ws();
    if (s[i] === '(') {
      i++;
      const items: Nested[] = [];
      for (;;) {
        items.push(parse());
        ws();
        if (s[i] === ',') {
          i++;
          continue;
        }
        if (s[i] === ')') {
          i++;
          return items;
        }
        throw new Error(`WKT: expected "," or ")" at character ${i + 1}`);
      }
    }
    // A position: numbers separated by spaces, as a flat array.
    const nums: number[] = [];
    for (;;) {
      ws();
      const n = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(s.slice(i));
      if (n === null) break;
      nums.push(Number(n[0]));
      i += n[0].length;
    }
    if (nums.length < 2) throw new Error(`WKT: expected a position "x y" at character ${i + 1}`);
    return nums;
  };
  const tree = parse();
  ws();
  if (i !== s.length) throw new Error(`WKT: unexpected text after the geometry at character ${i + 1}`);
  const asPos = (n: Nested): Position => {
    if (!Array.isArray(n) || typeof n[0] !== 'number' || typeof n[1] !== 'number')
      throw new Error('WKT: malformed position');
    return [n[0], n[1]];
  };
  // "(x y)" parses as [[x, y]]; unwrap single-position groups where a position is expected.
  const asPosLoose = (n: Nested): Position =>
    Array.isArray(n) && Array.isArray(n[0]) && n.length === 1 ? asPos(n[0]) : asPos(n);
  const asList = (n: Nested): Nested[] => {
    if (!Array.isArray(n) || typeof n[0] === 'number') throw new Error('WKT: expected a parenthesised list');
    return n;
  };
  const asLine = (n: Nested) => asList(n).map(asPos);
  const asPoly = (n: Nested) => asList(n).map(asLine);
  switch (type) {
    case 'POINT':
      return { type: 'Point', coordinates: asPosLoose(tree) };
    case 'LINESTRING':
      return { type: 'LineString', coordinates: asLine(tree) };
    case 'POLYGON':
      return { type: 'Polygon', coordinates: asPoly(tree) };
    case 'MULTIPOINT':
      return { type: 'MultiPoint', coordinates: asList(tree).map(asPosLoose) };
    case 'MULTILINESTRING':
      return { type: 'MultiLineString', coordinates: asList(tree).map(asLine) };
    default:
      return { type: 'MultiPolygon', coordinates: asList(tree).map(asPoly) };
  }
}
