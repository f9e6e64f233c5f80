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
const MEETING_OPS: ReadonlySet<string> = new Set([
  's_intersects',
  's_within',
  's_contains',
  's_equals',
  's_touches',
  's_crosses',
  's_overlaps',
]);

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

/**
 * Value of a dotted field in a document; `id` and `version` address the row. A path descends only
 * through objects' own members, so one through an array or an inherited name is missing (undefined).
 */
export function fieldValue(doc: Doc, field: string): unknown {
  if (field === 'id') return doc.id;
  if (field === 'version') return doc.version;
  let v: unknown = doc.data;
  for (const part of field.split('.')) {
    if (v === null || typeof v !== 'object' || Array.isArray(v) || !Object.hasOwn(v, part)) return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

/**
 * Compare strings by Unicode code point, as SQLite (BINARY) and PostgreSQL (COLLATE "C") do.
 * JavaScript's `<` compares UTF-16 units, which puts an astral character (a surrogate pair,
 * U+D800–DFFF) before U+E000–FFFF; only that case needs the fix-up.
 */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

function codePointRank(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
  return unit >= 0xe000 ? unit - 0x800 : unit;
}

/** A comparison of a field value with a non-null operand: a number, or undefined (unknown) across types. */
function compareTyped(v: unknown, x: Exclude<Scalar, null>): number | undefined {
  if (typeof v === 'number' && typeof x === 'number') return v - x;
  if (typeof v === 'string' && typeof x === 'string') return compareStrings(v, x);
  if (typeof v === 'boolean' && typeof x === 'boolean') return Number(v) - Number(x);
  return undefined;
}

function orderRank(v: unknown): number {
  if (v === undefined || v === null) return 0;
  if (typeof v === 'number') return 1;
  if (typeof v === 'string') return 2;
  if (typeof v === 'boolean') return 3;
  return 4;
}

/**
 * The total order of `DocQuery.orderBy` over field values (port.ts `Expr`): missing and null,
 * numbers, strings by code point, booleans, then objects and arrays (equal to one another).
 */
export function compareForOrder(a: unknown, b: unknown): number {
  const r = orderRank(a) - orderRank(b);
  if (r !== 0) return r;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return 0;
}

const REGEXP_SYNTAX = /[.*+?^${}()|[\]\\]/g;

/**
 * The regular expression of a LIKE pattern (port.ts `Expr`): `%` any run, `_` one code point,
 * backslash makes the next character literal, a trailing lone backslash is literal.
 */
export function likeToRegExp(pattern: string): RegExp {
  let re = '';
  let escaped = false;
  for (const c of pattern) {
    if (escaped) {
      re += c.replace(REGEXP_SYNTAX, '\\$&');
      escaped = false;
    } else if (c === '\\') escaped = true;
    else if (c === '%') re += '[\\s\\S]*';
    else if (c === '_') re += '[\\s\\S]';
    else re += c.replace(REGEXP_SYNTAX, '\\$&');
  }
  if (escaped) re += '\\\\';
  return new RegExp(`^${re}$`, 'u');
}

const likeCache = new Map<string, RegExp>();

/** Does `value` match the LIKE `pattern`? `caseInsensitive` compares Unicode lower-case mappings. */
export function likeMatches(value: string, pattern: string, caseInsensitive: boolean): boolean {
  const p = caseInsensitive ? pattern.toLowerCase() : pattern;
  let re = likeCache.get(p);
  if (re === undefined) {
    re = likeToRegExp(p);
    // A filter has few patterns; the cache only saves recompiling one per row.
    if (likeCache.size >= 64) likeCache.clear();
    likeCache.set(p, re);
  }
  return re.test(caseInsensitive ? value.toLowerCase() : value);
}

/** A truth value of the filter semantics: true, false or unknown (undefined), as SQL's NULL. */
export type Truth = boolean | undefined;

function holds(op: '=' | '<>' | '<' | '<=' | '>' | '>=', c: number): boolean {
  switch (op) {
    case '=':
      return c === 0;
    case '<>':
      return c !== 0;
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    case '>=':
      return c >= 0;
  }
}

function compareField(
  doc: Doc,
  field: string,
  op: '=' | '<>' | '<' | '<=' | '>' | '>=',
  value: Scalar,
): Truth {
  if (value === null) return undefined;
  const c = compareTyped(fieldValue(doc, field), value);
  return c === undefined ? undefined : holds(op, c);
}

function all(values: Iterable<Truth>): Truth {
  let out: Truth = true;
  for (const t of values) {
    if (t === false) return false;
    if (t === undefined) out = undefined;
  }
  return out;
}

function any(values: Iterable<Truth>): Truth {
  let out: Truth = false;
  for (const t of values) {
    if (t === true) return true;
    if (t === undefined) out = undefined;
  }
  return out;
}

/** The three-valued truth of an expression for a document (port.ts `Expr` semantics). */
export function truthOf(e: Expr, doc: Doc, spatial: SpatialPredicate): Truth {
  switch (e.op) {
    case 'and':
      return all(e.args.map((a) => truthOf(a, doc, spatial)));
    case 'or':
      return any(e.args.map((a) => truthOf(a, doc, spatial)));
    case 'not': {
      const t = truthOf(e.arg, doc, spatial);
      return t === undefined ? undefined : !t;
    }
    case '=':
    case '<>':
    case '<':
    case '<=':
    case '>':
    case '>=':
      return compareField(doc, e.field, e.op, e.value);
    case 'like': {
      const v = fieldValue(doc, e.field);
      return typeof v === 'string' ? likeMatches(v, e.pattern, e.caseInsensitive === true) : undefined;
    }
    case 'in':
      return any(e.values.map((x) => compareField(doc, e.field, '=', x)));
    case 'between':
      return all([compareField(doc, e.field, '>=', e.low), compareField(doc, e.field, '<=', e.high)]);
    case 'isNull': {
      const v = fieldValue(doc, e.field);
      return v === null || v === undefined;
    }
    default:
      return doc.geometry === null || doc.geometry === undefined
        ? undefined
        : spatial(e.op, doc.geometry, e.geometry);
  }
}

/** Does a document match an expression? True only when the expression is true (unknown is not). */
export function evaluate(e: Expr, doc: Doc, spatial: SpatialPredicate): boolean {
  return truthOf(e, doc, spatial) === true;
}
