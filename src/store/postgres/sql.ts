/**
 * Translate the filter AST into PostgreSQL over `docs.data` (jsonb) and `docs.geom` (PostGIS),
 * with the one semantics of port.ts `Expr`: three-valued (unknown is NULL, which NOT keeps and
 * WHERE drops); comparisons only between values of the same JSON type — numbers numerically,
 * strings by code point (COLLATE "C"), booleans false < true — and unknown across types.
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

/** SQL's unknown. */
const UNKNOWN = 'NULL::boolean';

function isNullSql(field: string, p: Params): string {
  if (field === 'id' || field === 'version') return 'false';
  return `(COALESCE(jsonb_typeof(d.data #> ${pathOf(field, p)}), 'null') = 'null')`;
}

/**
 * A field's value where its JSON type is that of `like` (number, string, boolean), else NULL. A
 * CASE, not `typeof = … AND value::numeric …`: the planner reorders AND, and the cast of a string
 * would then throw before the type test ran.
 */
function typedField(field: string, like: Exclude<Scalar, null>, p: Params): string {
  if (field === 'id') return typeof like === 'string' ? 'd.id' : 'NULL';
  if (field === 'version') return typeof like === 'number' ? 'd.version::numeric' : 'NULL';
  const j = `(d.data #> ${pathOf(field, p)})`;
  switch (typeof like) {
    case 'number':
      return `(CASE WHEN jsonb_typeof(${j}) = 'number' THEN ${j}::numeric END)`;
    case 'string':
      return `(CASE WHEN jsonb_typeof(${j}) = 'string' THEN ${j} #>> '{}' END)`;
    case 'boolean':
      return `(CASE WHEN jsonb_typeof(${j}) = 'boolean' THEN ${j}::boolean END)`;
    default:
      return assertNever(like);
  }
}

/** A scalar parameter; strings compare by code point (COLLATE "C" on either side decides). */
function param(value: Exclude<Scalar, null>, p: Params): string {
  return `${p.add(value)}::${typeof value === 'number' ? 'numeric' : typeof value === 'string' ? 'text COLLATE "C"' : 'boolean'}`;
}

/** A typed comparison of a field with a scalar (unknown across types and with null). */
function comparison(field: string, op: CmpOp, value: Scalar, p: Params): string {
  if (value === null) return UNKNOWN;
  const f = typedField(field, value, p);
  return f === 'NULL' ? UNKNOWN : `(${f} ${op} ${param(value, p)})`;
}

/** PostgreSQL rejects a pattern ending in a lone escape; port.ts `Expr` reads it as a literal backslash. */
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
      return `(NOT ${exprToSql(e.arg, p)})`;
    case '=':
    case '<>':
    case '<':
    case '<=':
    case '>':
    case '>=':
      return comparison(e.field, e.op, e.value, p);
    case 'like': {
      const f = typedField(e.field, '', p);
      if (f === 'NULL') return UNKNOWN;
      const pat = `${p.add(likePattern(e.pattern))}::text`;
      // Case folding by ICU's root-locale lower-case mapping, as JavaScript's toLowerCase: the
      // database's own ctype may be C, which folds ASCII only.
      return e.caseInsensitive === true
        ? `(lower(${f} COLLATE "und-x-icu") LIKE lower(${pat} COLLATE "und-x-icu") ESCAPE '\\')`
        : `(${f} LIKE ${pat} ESCAPE '\\')`;
    }
    case 'in': {
      if (e.values.length === 0) return 'false';
      // The `or` of `=`: one IN list per JSON type (`d.id IN (…)` stays an index search).
      const parts: string[] = [];
      for (const sample of [0, '', false] as const) {
        const values = e.values.filter(
          (v): v is Exclude<Scalar, null> => v !== null && typeof v === typeof sample,
        );
        if (values.length === 0) continue;
        const f = typedField(e.field, sample, p);
        parts.push(f === 'NULL' ? UNKNOWN : `${f} IN (${values.map((v) => param(v, p)).join(', ')})`);
      }
      if (e.values.includes(null)) parts.push(UNKNOWN);
      return `(${parts.join(' OR ')})`;
    }
    case 'between':
      return `(${comparison(e.field, '>=', e.low, p)} AND ${comparison(e.field, '<=', e.high, p)})`;
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
      // The document's geometry is the first argument, as in `evaluate()`; none is unknown (NULL).
      return `${ST_FUNCTION[e.op]}(d.geom, ${geomParam(e.geometry, p)})`;
    default:
      return assertNever(e);
  }
}

/**
 * ORDER BY for a field in the total order of port.ts `Expr`: missing/null, numbers, strings (by
 * code point), booleans, then objects and arrays; `desc` reverses it; ties by id.
 */
export function orderSql(field: string, desc: boolean, p: Params): string {
  const dir = desc ? 'DESC' : 'ASC';
  if (field === 'id') return `d.id ${dir}`;
  if (field === 'version') return `d.version ${dir}, d.id`;
  const j = `(d.data #> ${pathOf(field, p)})`;
  const t = `jsonb_typeof(${j})`;
  return [
    `CASE ${t} WHEN 'number' THEN 1 WHEN 'string' THEN 2 WHEN 'boolean' THEN 3 WHEN 'object' THEN 4 WHEN 'array' THEN 4 ELSE 0 END ${dir}`,
    `(CASE WHEN ${t} = 'number' THEN ${j}::numeric END) ${dir}`,
    `(CASE WHEN ${t} = 'string' THEN ${j} #>> '{}' END) COLLATE "C" ${dir}`,
    `(CASE WHEN ${t} = 'boolean' THEN ${j}::boolean END) ${dir}`,
    'd.id',
  ].join(', ');
}
