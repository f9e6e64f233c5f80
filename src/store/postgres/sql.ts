/**
 * Translate the filter AST (port.ts `Expr`) into PostgreSQL over `docs.data` (jsonb) and
 * `docs.geom` (PostGIS). Semantics follow the SQLite adapter and `evaluate()`: a comparison
 * holds only between values of the same JSON type — numbers numerically, strings by code point
 * (COLLATE "C"), booleans false < true; a missing field never compares; LIKE is case-sensitive
 * unless `caseInsensitive`; `not` treats "unknown" as false before negating.
 */
import { assertNever } from '../../core/index.js';
import { isValidField } from '../expr.js';
import type { Expr, Scalar, StoredGeometry } from '../port.js';

/** Positional parameters ($1, $2, …) collected while compiling. */
export class Params {
  readonly values: unknown[] = [];
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

type CmpOp = '=' | '<>' | '<' | '<=' | '>' | '>=';

const ST_FUNCTION = {
  s_intersects: 'ST_Intersects',
  s_disjoint: 'ST_Disjoint',
  s_within: 'ST_Within',
  s_contains: 'ST_Contains',
  s_equals: 'ST_Equals',
  s_touches: 'ST_Touches',
  s_crosses: 'ST_Crosses',
  s_overlaps: 'ST_Overlaps',
} as const;

function pathOf(field: string, p: Params): string {
  if (!isValidField(field)) throw new Error(`invalid field path ${field}`);
  return `${p.add(field.split('.'))}::text[]`;
}

/** A geometry parameter as PostGIS geometry in EPSG:4326. */
export function geomParam(g: StoredGeometry, p: Params): string {
  return `ST_SetSRID(ST_GeomFromGeoJSON(${p.add(JSON.stringify(g))}::text), 4326)`;
}

function isNullSql(field: string, p: Params): string {
  if (field === 'id' || field === 'version') return 'false';
  const path = pathOf(field, p);
  return `(d.data #> ${path} IS NULL OR jsonb_typeof(d.data #> ${path}) = 'null')`;
}

/** A typed comparison of a field with a non-null scalar. */
function compareSql(field: string, op: CmpOp, value: Exclude<Scalar, null>, p: Params): string {
  if (field === 'id') return typeof value === 'string' ? `(d.id ${op} ${p.add(value)}::text)` : 'false';
  if (field === 'version') return typeof value === 'number' ? `(d.version ${op} ${p.add(value)}::numeric)` : 'false';
  const path = pathOf(field, p);
  const j = `(d.data #> ${path})`;
  switch (typeof value) {
    case 'number':
      return `(jsonb_typeof(${j}) = 'number' AND ${j}::numeric ${op} ${p.add(value)}::numeric)`;
    case 'string':
      return `(jsonb_typeof(${j}) = 'string' AND (d.data #>> ${path}) COLLATE "C" ${op} ${p.add(value)}::text)`;
    case 'boolean':
      return `(jsonb_typeof(${j}) = 'boolean' AND ${j}::boolean ${op} ${p.add(value)}::boolean)`;
    default:
      return assertNever(value);
  }
}

function comparison(field: string, op: CmpOp, value: Scalar, p: Params): string {
  if (value === null) return op === '=' ? isNullSql(field, p) : op === '<>' ? `(NOT ${isNullSql(field, p)})` : 'false';
  return compareSql(field, op, value, p);
}

/** PostgreSQL rejects a pattern ending in a lone escape; `likeToRegExp` reads it as a literal backslash. */
function likePattern(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charAt(i);
    if (c === '\\') {
      if (i + 1 < pattern.length) out += c + pattern.charAt(++i);
      else out += '\\\\';
    } else out += c;
  }
  return out;
}

/** Compile an expression (spatial operators included) to a WHERE fragment over alias `d`. */
export function exprToSql(e: Expr, p: Params): string {
  switch (e.op) {
    case 'and':
    case 'or':
      if (e.args.length === 0) return e.op === 'and' ? 'true' : 'false';
      return `(${e.args.map((a) => exprToSql(a, p)).join(e.op === 'and' ? ' AND ' : ' OR ')})`;
    case 'not':
      return `(NOT COALESCE(${exprToSql(e.arg, p)}, false))`;
    case '=':
    case '<>':
    case '<':
    case '<=':
    case '>':
    case '>=':
      return comparison(e.field, e.op, e.value, p);
    case 'like': {
      const like = e.caseInsensitive === true ? 'ILIKE' : 'LIKE';
      const pat = `${p.add(likePattern(e.pattern))}::text`;
      if (e.field === 'id') return `(d.id ${like} ${pat} ESCAPE '\\')`;
      if (e.field === 'version') return 'false';
      const path = pathOf(e.field, p);
      return `(jsonb_typeof(d.data #> ${path}) = 'string' AND (d.data #>> ${path}) ${like} ${pat} ESCAPE '\\')`;
    }
    case 'in': {
      const parts = e.values.filter((v): v is Exclude<Scalar, null> => v !== null).map((v) => compareSql(e.field, '=', v, p));
      return parts.length === 0 ? 'false' : `(${parts.join(' OR ')})`;
    }
    case 'between':
      if (e.low === null || e.high === null) return 'false';
      return `(${compareSql(e.field, '>=', e.low, p)} AND ${compareSql(e.field, '<=', e.high, p)})`;
    case 'isNull':
      return isNullSql(e.field, p);
    case 's_intersects':
    case 's_disjoint':
    case 's_within':
    case 's_contains':
    case 's_equals':
    case 's_touches':
    case 's_crosses':
    case 's_overlaps':
      // The document's geometry is the first argument, as in `evaluate()`; none means false.
      return `COALESCE(${ST_FUNCTION[e.op]}(d.geom, ${geomParam(e.geometry, p)}), false)`;
    default:
      return assertNever(e);
  }
}

/**
 * ORDER BY for a field with SQLite's cross-type order: missing/null, then numbers and booleans
 * (as 0/1) numerically, then strings (and objects as JSON text) by code point; ties by id.
 */
export function orderSql(field: string, desc: boolean, p: Params): string {
  const dir = desc ? 'DESC' : 'ASC';
  if (field === 'id') return `d.id ${dir}`;
  if (field === 'version') return `d.version ${dir}, d.id`;
  const path = pathOf(field, p);
  const t = `jsonb_typeof(d.data #> ${path})`;
  return [
    `CASE ${t} WHEN 'number' THEN 1 WHEN 'boolean' THEN 1 WHEN 'string' THEN 2 WHEN 'object' THEN 2 WHEN 'array' THEN 2 ELSE 0 END ${dir}`,
    `CASE ${t} WHEN 'number' THEN (d.data #> ${path})::numeric WHEN 'boolean' THEN ((d.data #> ${path})::boolean)::int END ${dir}`,
    `(CASE WHEN ${t} IN ('string', 'object', 'array') THEN d.data #>> ${path} END) COLLATE "C" ${dir}`,
    'd.id',
  ].join(', ');
}
