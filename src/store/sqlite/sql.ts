/** Translate the filter AST into SQLite SQL over `docs.data` (JSON text). */
import type { DocQuery, Expr, Scalar } from '../port.js';
import { hasSpatial, impliedBoxes, isValidField } from '../expr.js';

export interface Sql {
  readonly text: string;
  readonly params: unknown[];
}

function bind(v: Scalar): unknown {
  return typeof v === 'boolean' ? (v ? 1 : 0) : v;
}

/** SQL expression for a field, or throws on an unsafe path (callers validate first). */
export function fieldSql(field: string, params: unknown[], alias = 'd'): string {
  if (field === 'id') return `${alias}.id`;
  if (field === 'version') return `${alias}.version`;
  if (!isValidField(field)) throw new Error(`invalid field path ${field}`);
  params.push(`$.${field}`);
  return `json_extract(${alias}.data, ?)`;
}

/** Compile a non-spatial expression to a WHERE fragment. */
export function exprToSql(e: Expr, params: unknown[]): string {
  switch (e.op) {
    case 'and':
    case 'or':
      if (e.args.length === 0) return e.op === 'and' ? '1' : '0';
      return `(${e.args.map((a) => exprToSql(a, params)).join(e.op === 'and' ? ' AND ' : ' OR ')})`;
    case 'not':
      return `(NOT COALESCE(${exprToSql(e.arg, params)}, 0))`;
    case '=':
    case '<>':
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const f = fieldSql(e.field, params);
      if (e.value === null) return e.op === '<>' ? `(${f} IS NOT NULL)` : e.op === '=' ? `(${f} IS NULL)` : '0';
      params.push(bind(e.value));
      return `(${f} ${e.op} ?)`;
    }
    case 'like': {
      const f = fieldSql(e.field, params);
      params.push(e.pattern);
      // SQLite LIKE is ASCII case-insensitive by default; GLOB-free exactness via COLLATE.
      return e.caseInsensitive === true ? `(lower(${f}) LIKE lower(?) ESCAPE '\\')` : `(${f} LIKE ? ESCAPE '\\' AND ${likeCaseSensitive(e.field, e.pattern, params)})`;
    }
    case 'in': {
      if (e.values.length === 0) return '0';
      const f = fieldSql(e.field, params);
      for (const v of e.values) params.push(bind(v));
      return `(${f} IN (${e.values.map(() => '?').join(',')}))`;
    }
    case 'between': {
      const f = fieldSql(e.field, params);
      params.push(bind(e.low), bind(e.high));
      return `(${f} BETWEEN ? AND ?)`;
    }
    case 'isNull':
      return `(${fieldSql(e.field, params)} IS NULL)`;
    default:
      throw new Error(`spatial operator ${e.op} cannot be compiled to SQLite SQL`);
  }
}

/** SQLite's LIKE ignores ASCII case; add a case-sensitive check through a registered function. */
function likeCaseSensitive(field: string, pattern: string, params: unknown[]): string {
  const f = fieldSql(field, params);
  params.push(pattern);
  return `cairn_like_cs(${f}, ?)`;
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
