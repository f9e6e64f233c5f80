/** Translate the filter AST into SQLite SQL over `docs.data` (JSON text). */
import type { DocQuery, Expr, Scalar } from '../port.js';
import { assertNever } from '../../core/index.js';
import { hasSpatial, impliedBoxes, isValidField } from '../expr.js';

export interface Sql {
  readonly text: string;
  readonly params: unknown[];
}

function bind(v: Exclude<Scalar, null>): unknown {
  return typeof v === 'boolean' ? (v ? 1 : 0) : v;
}

/** SQL's unknown: NULL, which NOT, AND and OR treat as port.ts `Expr` says and WHERE drops. */
const UNKNOWN = 'NULL';

type ValueType = 'number' | 'string' | 'boolean';

function typeOf(v: Exclude<Scalar, null>): ValueType {
  return typeof v === 'number' ? 'number' : typeof v === 'string' ? 'string' : 'boolean';
}

function pathOf(field: string): string {
  if (!isValidField(field)) throw new Error(`invalid field path ${field}`);
  return `$.${field}`;
}

/**
 * A field's value where its JSON type is `type`, else NULL (port.ts `Expr`: comparisons across
 * types are unknown). json_extract alone would not do: it gives objects and arrays as JSON text and
 * booleans as 1/0. SQLite caches the parsed document, so the second JSON call costs no parse.
 */
function typedField(field: string, type: ValueType, params: unknown[]): string {
  if (field === 'id') return type === 'string' ? 'd.id' : UNKNOWN;
  if (field === 'version') return type === 'number' ? 'd.version' : UNKNOWN;
  const path = pathOf(field);
  switch (type) {
    case 'number':
      params.push(path, path);
      return `(CASE WHEN json_type(d.data, ?) IN ('integer', 'real') THEN json_extract(d.data, ?) END)`;
    case 'string':
      params.push(path, path);
      return `(CASE WHEN json_type(d.data, ?) = 'text' THEN json_extract(d.data, ?) END)`;
    case 'boolean':
      params.push(path);
      return `(CASE json_type(d.data, ?) WHEN 'true' THEN 1 WHEN 'false' THEN 0 END)`;
    default:
      return assertNever(type);
  }
}

type CmpOp = '=' | '<>' | '<' | '<=' | '>' | '>=';

function comparison(field: string, op: CmpOp, value: Scalar, params: unknown[]): string {
  if (value === null) return UNKNOWN;
  const f = typedField(field, typeOf(value), params);
  if (f === UNKNOWN) return UNKNOWN;
  params.push(bind(value));
  return `(${f} ${op} ?)`;
}

/**
 * Compile an expression without spatial operators to a WHERE fragment over alias `d`, with the
 * three-valued semantics of port.ts `Expr` (unknown is NULL). Parameters are appended to `params`
 * in the order their `?` appear.
 */
export function exprToSql(e: Expr, params: unknown[]): string {
  switch (e.op) {
    case 'and':
    case 'or':
      if (e.args.length === 0) return e.op === 'and' ? '1' : '0';
      return `(${e.args.map((a) => exprToSql(a, params)).join(e.op === 'and' ? ' AND ' : ' OR ')})`;
    case 'not':
      return `(NOT ${exprToSql(e.arg, params)})`;
    case '=':
    case '<>':
    case '<':
    case '<=':
    case '>':
    case '>=':
      return comparison(e.field, e.op, e.value, params);
    case 'like': {
      // A registered function (adapter.ts) runs the same matcher as `evaluate`: SQLite's own LIKE
      // folds ASCII case only and reads a trailing escape differently. NULL in, NULL out.
      const f = typedField(e.field, 'string', params);
      if (f === UNKNOWN) return UNKNOWN;
      params.push(e.pattern, e.caseInsensitive === true ? 1 : 0);
      return `cairn_like(${f}, ?, ?)`;
    }
    case 'in': {
      if (e.values.length === 0) return '0';
      // The `or` of `=`: one IN list per JSON type (`d.id IN (…)` stays an index search).
      const parts: string[] = [];
      for (const type of ['number', 'string', 'boolean'] as const) {
        const values = e.values.filter((v): v is Exclude<Scalar, null> => v !== null && typeOf(v) === type);
        if (values.length === 0) continue;
        const f = typedField(e.field, type, params);
        if (f === UNKNOWN) {
          parts.push(UNKNOWN);
          continue;
        }
        params.push(...values.map(bind));
        parts.push(`${f} IN (${values.map(() => '?').join(', ')})`);
      }
      if (e.values.includes(null)) parts.push(UNKNOWN);
      return `(${parts.join(' OR ')})`;
    }
    case 'between':
      return `(${comparison(e.field, '>=', e.low, params)} AND ${comparison(e.field, '<=', e.high, params)})`;
    case 'isNull': {
      if (e.field === 'id' || e.field === 'version') return '0';
      // json_extract is NULL exactly for a missing member and a JSON null (objects come as text).
      params.push(pathOf(e.field));
      return '(json_extract(d.data, ?) IS NULL)';
    }
    default:
      throw new Error(`spatial operator ${e.op} cannot be compiled to SQLite SQL`);
  }
}

/**
 * ORDER BY for a field in the total order of port.ts `Expr`, as one sort key: SQLite orders NULL,
 * then numbers, then text (BINARY: code point), then blobs — booleans become x'00'/x'01' and
 * objects/arrays x'02', so they follow the strings. Ties by id.
 */
export function orderSql(field: string, desc: boolean, params: unknown[]): string {
  const dir = desc ? 'DESC' : 'ASC';
  if (field === 'id') return `d.id ${dir}`;
  if (field === 'version') return `d.version ${dir}, d.id`;
  const path = pathOf(field);
  params.push(path, path);
  return `CASE json_type(d.data, ?) WHEN 'false' THEN x'00' WHEN 'true' THEN x'01' WHEN 'object' THEN x'02' WHEN 'array' THEN x'02' ELSE json_extract(d.data, ?) END ${dir}, d.id`;
}

/** FROM and WHERE of a document query; a spatial `where` is left to the caller (in memory). */
export function docsFilter(q: DocQuery): { sqlBase: string; params: unknown[]; spatial: boolean } {
  const params: unknown[] = [q.collection];
  const where: string[] = ['d.collection = ?'];
  let from = 'docs d';
  const spatial = q.where !== undefined && hasSpatial(q.where);
  // The caller's box, and the boxes an exact spatial filter implies (S_INTERSECTS(geometry, …)
  // can only match rows whose box meets the query geometry's): the R*Tree narrows to those.
  const boxes = [...(q.bbox === undefined ? [] : [q.bbox]), ...(spatial ? impliedBoxes(q.where) : [])];
  if (boxes.length > 0) {
    // R*Tree first (CROSS JOIN fixes the join order): the planner otherwise walks the
    // collection index and probes the tree once per document, O(collection) per query.
    from = 'docs_bbox b CROSS JOIN docs d ON d.rid = b.rid';
    for (const box of boxes) {
      where.push('b.maxx >= ? AND b.minx <= ? AND b.maxy >= ? AND b.miny <= ?');
      params.push(box[0], box[2], box[1], box[3]);
    }
    // The R*Tree's boxes are 32-bit floats rounded outward: the exact columns decide.
    if (q.bbox !== undefined) {
      where.push('d.maxx >= ? AND d.minx <= ? AND d.maxy >= ? AND d.miny <= ?');
      params.push(q.bbox[0], q.bbox[2], q.bbox[1], q.bbox[3]);
    }
  }
  if (q.where !== undefined && !spatial) where.push(exprToSql(q.where, params));
  return { sqlBase: `FROM ${from} WHERE ${where.join(' AND ')}`, params, spatial };
}
