/** CQL2-JSON input: parse untrusted JSON and check it has the shape of `Cql2Value`. */
import { err, ok, problem, type Result } from '../../core/index.js';
import type { Cql2Value } from './types.js';

class ShapeError extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
  }
}

const GEOMETRY_TYPES = new Set([
  'Point',
  'MultiPoint',
  'LineString',
  'MultiLineString',
  'Polygon',
  'MultiPolygon',
  'GeometryCollection',
]);

function check(v: unknown, path: string, depth: number): Cql2Value {
  if (depth > 100) throw new ShapeError('the filter is nested too deeply', path);
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new ShapeError('numbers must be finite', path);
    return v;
  }
  if (Array.isArray(v)) return v.map((x, i) => check(x, `${path}[${i}]`, depth + 1));
  if (typeof v !== 'object') throw new ShapeError('unexpected value', path);
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  if ('op' in o) {
    if (typeof o['op'] !== 'string' || !Array.isArray(o['args']))
      throw new ShapeError('an operation is {"op": string, "args": [...]}', path);
    return {
      op: o['op'],
      args: (o['args'] as unknown[]).map((x, i) => check(x, `${path}.args[${i}]`, depth + 1)),
    };
  }
  const only = (k: string) => keys.length === 1 && keys[0] === k;
  if (only('property') && typeof o['property'] === 'string') return { property: o['property'] };
  if (only('timestamp') && typeof o['timestamp'] === 'string') return { timestamp: o['timestamp'] };
  if (only('date') && typeof o['date'] === 'string') return { date: o['date'] };
  if (only('interval') && Array.isArray(o['interval']) && o['interval'].length === 2) {
    return {
      interval: (o['interval'] as unknown[]).map((x, i) => check(x, `${path}.interval[${i}]`, depth + 1)),
    };
  }
  if (
    only('bbox') &&
    Array.isArray(o['bbox']) &&
    (o['bbox'] as unknown[]).every((n) => typeof n === 'number')
  )
    return { bbox: o['bbox'] as number[] };
  if (typeof o['type'] === 'string' && GEOMETRY_TYPES.has(o['type'])) return o as unknown as Cql2Value;
  throw new ShapeError(`unrecognised CQL2-JSON object with keys ${keys.join(', ') || '(none)'}`, path);
}

/** Parse CQL2-JSON text (the `filter` parameter with filter-lang=cql2-json, or a POSTed body). */
export function parseCql2Json(text: unknown): Result<Cql2Value> {
  let v: unknown = text;
  if (typeof text === 'string') {
    try {
      v = JSON.parse(text) as unknown;
    } catch (e) {
      return err([
        problem(
          'VALIDATION_FORMAT',
          'filter',
          `CQL2-JSON: not valid JSON: ${e instanceof Error ? e.message : ''}`,
        ),
      ]);
    }
  }
  try {
    return ok(check(v, 'filter', 0));
  } catch (e) {
    if (e instanceof ShapeError)
      return err([problem('VALIDATION_FORMAT', e.path, `CQL2-JSON: ${e.message}`)]);
    throw e;
  }
}
