/** Shared helpers for evaluating the filter AST (port.ts `Expr`) outside SQL. */
import { geometryBBox } from './bbox.js';
import type { BBox, Doc, Expr, Scalar, StoredGeometry } from './port.js';

export type SpatialOp = Extract<Expr, { geometry: StoredGeometry }>['op'];
/** Exact spatial predicate: does `doc` relate to `query` by `op`? Supplied by the geo module. */
export type SpatialPredicate = (op: SpatialOp, doc: StoredGeometry, query: StoredGeometry) => boolean;

const FIELD = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/** True when a field path is safe to use (letters, digits, underscores, dots). */
export function isValidField(field: string): boolean {
  return FIELD.test(field);
}

/** True when the expression uses any spatial operator. */
export function hasSpatial(e: Expr): boolean {
  switch (e.op) {
    case 'and':
    case 'or':
      return e.args.some(hasSpatial);
    case 'not':
      return hasSpatial(e.arg);
    default:
      return e.op.startsWith('s_');
  }
}

/** Spatial operators that hold only where the two geometries share at least one point. */
const MEETING_OPS: ReadonlySet<string> = new Set(['s_intersects', 's_within', 's_contains', 's_equals', 's_touches', 's_crosses', 's_overlaps']);

/**
 * Boxes every matching document's geometry must meet, implied by the expression: the box of the
 * query geometry of each top-level conjunct whose operator needs the geometries to meet (every
 * spatial operator except s_disjoint). `or` and `not` imply nothing, so an index can narrow the
 * candidates before the exact predicate runs without ever dropping a match.
 */
export function impliedBoxes(e: Expr): BBox[] {
  if (e.op === 'and') return e.args.flatMap(impliedBoxes);
  if ('geometry' in e && MEETING_OPS.has(e.op)) {
    const b = geometryBBox(e.geometry);
    return b === undefined ? [] : [b];
  }
  return [];
}

/** Value of a dotted field in a document; `id` and `version` address the row. */
export function fieldValue(doc: Doc, field: string): unknown {
  if (field === 'id') return doc.id;
  if (field === 'version') return doc.version;
  let v: unknown = doc.data;
  for (const part of field.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

function cmp(a: unknown, b: Scalar): number | undefined {
  if (a === null || a === undefined || b === null) return undefined;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return undefined;
}

/** SQL LIKE semantics: % any run, _ one character, backslash escapes. */
export function likeToRegExp(pattern: string, caseInsensitive: boolean): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charAt(i);
    if (c === '\\' && i + 1 < pattern.length) {
      re += pattern.charAt(++i).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    } else if (c === '%') re += '[\\s\\S]*';
    else if (c === '_') re += '[\\s\\S]';
    else re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, caseInsensitive ? 'i' : '');
}

/** Evaluate an expression against a document in memory. */
export function evaluate(e: Expr, doc: Doc, spatial: SpatialPredicate): boolean {
  switch (e.op) {
    case 'and':
      return e.args.every((a) => evaluate(a, doc, spatial));
    case 'or':
      return e.args.some((a) => evaluate(a, doc, spatial));
    case 'not':
      return !evaluate(e.arg, doc, spatial);
    case '=':
    case '<>':
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const c = cmp(fieldValue(doc, e.field), e.value);
      if (c === undefined) return false;
      return e.op === '=' ? c === 0 : e.op === '<>' ? c !== 0 : e.op === '<' ? c < 0 : e.op === '<=' ? c <= 0 : e.op === '>' ? c > 0 : c >= 0;
    }
    case 'like': {
      const v = fieldValue(doc, e.field);
      return typeof v === 'string' && likeToRegExp(e.pattern, e.caseInsensitive === true).test(v);
    }
    case 'in': {
      const v = fieldValue(doc, e.field);
      return e.values.some((x) => cmp(v, x) === 0);
    }
    case 'between': {
      const v = fieldValue(doc, e.field);
      const lo = cmp(v, e.low);
      const hi = cmp(v, e.high);
      return lo !== undefined && hi !== undefined && lo >= 0 && hi <= 0;
    }
    case 'isNull': {
      const v = fieldValue(doc, e.field);
      return v === null || v === undefined;
    }
    default:
      return doc.geometry !== null && doc.geometry !== undefined && spatial(e.op, doc.geometry, e.geometry);
  }
}
