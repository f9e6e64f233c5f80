/** CQL2-JSON to CQL2 text, for round-trip tests and for echoing filters in links. */
import { isOp, type Cql2Geometry, type Cql2Value } from './types.js';

const str = (s: string) => `'${s.replace(/'/g, "''")}'`;
const pos = (p: readonly number[]) => p.join(' ');

function wktBody(g: Cql2Geometry): string {
  switch (g.type) {
    case 'Point':
      return `(${pos(g.coordinates)})`;
    case 'LineString':
    case 'MultiPoint':
      return `(${g.coordinates.map(pos).join(', ')})`;
    case 'Polygon':
    case 'MultiLineString':
      return `(${g.coordinates.map((r) => `(${r.map(pos).join(', ')})`).join(', ')})`;
    case 'MultiPolygon':
      return `(${g.coordinates.map((p) => `(${p.map((r) => `(${r.map(pos).join(', ')})`).join(', ')})`).join(', ')})`;
    case 'GeometryCollection':
      return `(${g.geometries.map(toWkt).join(', ')})`;
  }
}

/** A GeoJSON geometry as WKT. */
export function toWkt(g: Cql2Geometry): string {
  return `${g.type.toUpperCase()}${wktBody(g)}`;
}

/** Write CQL2-JSON as CQL2 text that parses back to the same JSON. */
export function writeCql2Text(v: Cql2Value): string {
  if (v === null) return 'NULL';
  if (typeof v === 'string') return str(v);
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (Array.isArray(v)) return `(${(v as readonly Cql2Value[]).map(writeCql2Text).join(', ')})`;
  if (isOp(v)) {
    const a = v.args.map(writeCql2Text);
    switch (v.op) {
      case 'and':
      case 'or':
        return `(${a.join(v.op === 'and' ? ' AND ' : ' OR ')})`;
      case 'not':
        return `NOT (${a[0] ?? ''})`;
      case '=':
      case '<>':
      case '<':
      case '<=':
      case '>':
      case '>=':
        return `${a[0] ?? ''} ${v.op} ${a[1] ?? ''}`;
      case 'like':
        return `${a[0] ?? ''} LIKE ${a[1] ?? ''}`;
      case 'between':
        return `${a[0] ?? ''} BETWEEN ${a[1] ?? ''} AND ${a[2] ?? ''}`;
      case 'in':
        return `${a[0] ?? ''} IN ${a[1] ?? '()'}`;
      case 'isNull':
        return `${a[0] ?? ''} IS NULL`;
      default:
        return `${/^[a-z]_[a-z]+$|^casei$|^accenti$/.test(v.op) ? v.op.toUpperCase() : v.op}(${a.join(', ')})`;
    }
  }
  if ('property' in v) return `"${v.property}"`;
  if ('timestamp' in v) return `TIMESTAMP(${str(v.timestamp)})`;
  if ('date' in v) return `DATE(${str(v.date)})`;
  if ('interval' in v) return `INTERVAL(${v.interval.map(writeCql2Text).join(', ')})`;
  if ('bbox' in v) return `BBOX(${v.bbox.join(', ')})`;
  return toWkt(v as Cql2Geometry);
}
