/**
 * CQL2-JSON to the store's filter AST (store/port.ts `Expr`), so filters run in the store and
 * never after loading everything (field-users.md §1.9). What the AST cannot express — comparing
 * two properties, arithmetic, array functions, ACCENTI — is refused with a 400 that says so.
 */
import { err, isCalendarDate, ok, parseInstant, problem, type Result } from '../../core/index.js';
import type { Expr, Scalar, StoredGeometry } from '../../store/index.js';
import type { Queryable } from '../collections.js';
import {
  ARRAY_OPS,
  COMPARISON_OPS,
  SPATIAL_OPS,
  TEMPORAL_OPS,
  isOp,
  type Cql2Geometry,
  type Cql2Op,
  type Cql2Value,
} from './types.js';

export interface CompileContext {
  readonly queryables: Readonly<Record<string, Queryable>>;
  /** The name of the geometry queryable (`geometry`). */
  readonly geometryProperty: string;
  /** Convert a literal geometry from the filter CRS to stored WGS 84 lon/lat. */
  readonly toStored: (g: Cql2Geometry) => Result<StoredGeometry>;
}

class CompileError extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
  }
}

const TRUE: Expr = { op: 'and', args: [] };
const FALSE: Expr = { op: 'or', args: [] };
type Cmp = (typeof COMPARISON_OPS)[number];
const FLIP: Record<Cmp, Cmp> = { '=': '=', '<>': '<>', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };
const SWAP_SPATIAL: Record<string, (typeof SPATIAL_OPS)[number]> = {
  s_within: 's_contains',
  s_contains: 's_within',
};

function isProperty(v: Cql2Value): v is { property: string } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && 'property' in v;
}

function compareConst(a: Scalar, op: Cmp, b: Scalar): boolean {
  if (a === null || b === null) return false;
  const c = a < b ? -1 : a > b ? 1 : 0;
  return op === '='
    ? c === 0
    : op === '<>'
      ? c !== 0
      : op === '<'
        ? c < 0
        : op === '<='
          ? c <= 0
          : op === '>'
            ? c > 0
            : c >= 0;
}

function normalizeTimestamp(s: string, path: string): string {
  // The one instant rule of every boundary: a date or time that does not exist is refused.
  const d = s.includes('T') ? parseInstant(s) : undefined;
  if (d === undefined)
    throw new CompileError(`"${s}" is not an RFC 3339 timestamp on a date and at a time that exist`, path);
  return d.toISOString();
}
function checkDate(s: string, path: string): string {
  if (!isCalendarDate(s)) throw new CompileError(`"${s}" is not a date (YYYY-MM-DD) that exists`, path);
  return s;
}

/** A temporal bound: a field, a literal instant (ISO text), or open ('..'). */
type Bound =
  | { readonly k: 'field'; readonly field: string }
  | { readonly k: 'lit'; readonly v: string }
  | { readonly k: 'min' }
  | { readonly k: 'max' };

class Compiler {
  constructor(readonly ctx: CompileContext) {}

  field(name: string, path: string): { field: string; q: Queryable } {
    const q = this.ctx.queryables[name];
    if (q === undefined)
      throw new CompileError(`"${name}" is not a queryable of this collection; see /queryables`, path);
    return { field: name, q };
  }

  literal(v: Cql2Value, path: string, q?: Queryable): Scalar {
    if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
      if (q !== undefined && v !== null) {
        const want = q.type === 'integer' ? 'number' : q.type;
        if (typeof v !== want)
          throw new CompileError(`a ${q.type} property cannot be compared with ${JSON.stringify(v)}`, path);
      }
      return v;
    }
    if (typeof v === 'object' && !Array.isArray(v) && 'timestamp' in v)
      return q?.format === 'date'
        ? normalizeTimestamp(v.timestamp, path).slice(0, 10)
        : normalizeTimestamp(v.timestamp, path);
    if (typeof v === 'object' && !Array.isArray(v) && 'date' in v) return checkDate(v.date, path);
    throw new CompileError('expected a literal value here', path);
  }

  predicate(v: Cql2Value, path: string): Expr {
    if (v === true) return TRUE;
    if (v === false) return FALSE;
    if (isProperty(v)) {
      const { field, q } = this.field(v.property, path);
      if (q.type !== 'boolean') throw new CompileError(`"${field}" is not a boolean property`, path);
      return { op: '=', field, value: true };
    }
    if (!isOp(v)) throw new CompileError('expected a predicate', path);
    const args = v.args;
    const at = (i: number) => `${path}.args[${i}]`;
    const arg = (i: number): Cql2Value => {
      const a = args[i];
      if (a === undefined) throw new CompileError(`${v.op} needs more arguments`, path);
      return a;
    };
    const op = v.op.toLowerCase();
    switch (op) {
      case 'and':
      case 'or':
        if (args.length < 2) throw new CompileError(`${op} takes at least two arguments`, path);
        return { op, args: args.map((a, i) => this.predicate(a, at(i))) };
      case 'not':
        if (args.length !== 1) throw new CompileError('not takes one argument', path);
        return { op: 'not', arg: this.predicate(arg(0), at(0)) };
      case 'like':
        return this.like(arg(0), arg(1), path);
      case 'between': {
        const p = arg(0);
        if (!isProperty(p)) throw new CompileError('BETWEEN needs a property on the left', at(0));
        const { field, q } = this.field(p.property, at(0));
        return {
          op: 'between',
          field,
          low: this.literal(arg(1), at(1), q),
          high: this.literal(arg(2), at(2), q),
        };
      }
      case 'in': {
        const p = arg(0);
        const list = arg(1);
        if (!isProperty(p)) throw new CompileError('IN needs a property on the left', at(0));
        if (!Array.isArray(list)) throw new CompileError('IN needs a list of values', at(1));
        const { field, q } = this.field(p.property, at(0));
        return {
          op: 'in',
          field,
          values: (list as readonly Cql2Value[]).map((x, i) => this.literal(x, `${at(1)}[${i}]`, q)),
        };
      }
      case 'isnull': {
        const p = arg(0);
        if (!isProperty(p)) throw new CompileError('IS NULL needs a property', at(0));
        if (p.property === this.ctx.geometryProperty)
          throw new CompileError(
            'every feature here may lack a geometry only as null; filter on it with S_ functions',
            at(0),
          );
        return { op: 'isNull', field: this.field(p.property, at(0)).field };
      }
      default:
        break;
    }
    if ((COMPARISON_OPS as readonly string[]).includes(op))
      return this.compare(op as Cmp, arg(0), arg(1), path);
    if ((SPATIAL_OPS as readonly string[]).includes(op))
      return this.spatial(op as (typeof SPATIAL_OPS)[number], arg(0), arg(1), path);
    if ((TEMPORAL_OPS as readonly string[]).includes(op))
      return this.temporal(op as (typeof TEMPORAL_OPS)[number], arg(0), arg(1), path);
    if ((ARRAY_OPS as readonly string[]).includes(op))
      throw new CompileError(`array functions (${op.toUpperCase()}) are not supported`, path);
    throw new CompileError(`"${v.op}" is not a supported predicate or function`, path);
  }

  compare(op: Cmp, a: Cql2Value, b: Cql2Value, path: string): Expr {
    const casei = (x: Cql2Value): x is Cql2Op => isOp(x) && x.op.toLowerCase() === 'casei';
    if (casei(a) || casei(b)) {
      if (op !== '=' && op !== '<>') throw new CompileError('CASEI compares only with = and <>', path);
      const [p, lit] = casei(a) && isProperty(a.args[0] ?? null) ? [a, b] : [b, a];
      const e = this.like(p, lit, path, true);
      return op === '=' ? e : { op: 'not', arg: e };
    }
    for (const x of [a, b])
      if (isOp(x) && x.op.toLowerCase() === 'accenti')
        throw new CompileError('ACCENTI is not supported', path);
    if (isProperty(a) && isProperty(b))
      throw new CompileError('comparing two properties is not supported', path);
    if (isProperty(a) || isProperty(b)) {
      const [p, lit, o] = isProperty(a) ? [a, b, op] : [b as { property: string }, a, FLIP[op]];
      const { field, q } = this.field(p.property, path);
      const value = this.literal(lit, path, q);
      if (value === null) throw new CompileError('compare with NULL using IS NULL', path);
      return { op: o, field, value };
    }
    if (isOp(a) || isOp(b))
      throw new CompileError('arithmetic and functions in comparisons are not supported', path);
    return compareConst(this.literal(a, path), op, this.literal(b, path)) ? TRUE : FALSE;
  }

  like(p: Cql2Value, pattern: Cql2Value, path: string, exact = false): Expr {
    let caseInsensitive = false;
    let prop = p;
    let pat = pattern;
    if (isOp(prop) && prop.op.toLowerCase() === 'casei') {
      caseInsensitive = true;
      prop = prop.args[0] ?? null;
    }
    if (isOp(pat) && pat.op.toLowerCase() === 'casei') {
      caseInsensitive = true;
      pat = pat.args[0] ?? null;
    }
    if (!isProperty(prop)) throw new CompileError('LIKE needs a property on the left', path);
    if (typeof pat !== 'string') throw new CompileError('LIKE needs a string pattern', path);
    const { field, q } = this.field(prop.property, path);
    if (q.type !== 'string') throw new CompileError(`"${field}" is not a string property`, path);
    const pattern2 = exact ? pat.replace(/[\\%_]/g, '\\$&') : pat;
    return caseInsensitive
      ? { op: 'like', field, pattern: pattern2, caseInsensitive: true }
      : { op: 'like', field, pattern: pattern2 };
  }

  geometryLiteral(v: Cql2Value, path: string): StoredGeometry {
    let g: Cql2Geometry;
    if (typeof v === 'object' && v !== null && !Array.isArray(v) && 'bbox' in v) {
      const b = v.bbox;
      const [w, s, e, n] = b.length === 6 ? [b[0], b[1], b[3], b[4]] : [b[0], b[1], b[2], b[3]];
      if (w === undefined || s === undefined || e === undefined || n === undefined)
        throw new CompileError('BBOX takes 4 or 6 numbers', path);
      g = {
        type: 'Polygon',
        coordinates: [
          [
            [w, s],
            [e, s],
            [e, n],
            [w, n],
            [w, s],
          ],
        ],
      };
    } else if (typeof v === 'object' && v !== null && !Array.isArray(v) && 'type' in v) g = v;
    else throw new CompileError('expected a geometry literal (WKT, GeoJSON or BBOX)', path);
    const r = this.ctx.toStored(g);
    if (!r.ok) throw new CompileError(r.errors.map((x) => x.message).join('; '), path);
    return r.value;
  }

  spatial(op: (typeof SPATIAL_OPS)[number], a: Cql2Value, b: Cql2Value, path: string): Expr {
    const isGeomProp = (x: Cql2Value) => isProperty(x) && x.property === this.ctx.geometryProperty;
    for (const x of [a, b])
      if (isProperty(x) && !isGeomProp(x))
        throw new CompileError(
          `"${x.property}" is not the geometry; spatial functions take "${this.ctx.geometryProperty}"`,
          path,
        );
    if (isGeomProp(a) && isGeomProp(b))
      throw new CompileError('comparing the geometry with itself is not supported', path);
    if (isGeomProp(a)) return { op, geometry: this.geometryLiteral(b, `${path}.args[1]`) };
    if (isGeomProp(b))
      return { op: SWAP_SPATIAL[op] ?? op, geometry: this.geometryLiteral(a, `${path}.args[0]`) };
    throw new CompileError('a spatial function needs the geometry property as one argument', path);
  }

  bounds(v: Cql2Value, path: string): readonly [Bound, Bound] {
    const one = (x: Cql2Value, end: 'start' | 'end', p: string): Bound => {
      if (x === '..') return end === 'start' ? { k: 'min' } : { k: 'max' };
      if (typeof x === 'string') {
        if (/^\d{4}-\d{2}-\d{2}$/.test(x)) return { k: 'lit', v: checkDate(x, p) };
        return { k: 'lit', v: normalizeTimestamp(x, p) };
      }
      if (isProperty(x)) {
        const { field, q } = this.field(x.property, p);
        if (q.format !== 'date-time' && q.format !== 'date')
          throw new CompileError(`"${field}" is not a temporal property`, p);
        return { k: 'field', field };
      }
      if (typeof x === 'object' && x !== null && !Array.isArray(x) && 'timestamp' in x)
        return { k: 'lit', v: normalizeTimestamp(x.timestamp, p) };
      if (typeof x === 'object' && x !== null && !Array.isArray(x) && 'date' in x)
        return { k: 'lit', v: checkDate(x.date, p) };
      throw new CompileError('expected an instant, an interval bound or a temporal property', p);
    };
    if (typeof v === 'object' && v !== null && !Array.isArray(v) && 'interval' in v) {
      const [s, e] = v.interval;
      if (s === undefined || e === undefined) throw new CompileError('INTERVAL takes two bounds', path);
      return [one(s, 'start', `${path}.interval[0]`), one(e, 'end', `${path}.interval[1]`)];
    }
    if (typeof v === 'object' && v !== null && !Array.isArray(v) && 'date' in v) {
      // A date is the whole day: [00:00, 24:00).
      const d = checkDate(v.date, path);
      return [
        { k: 'lit', v: `${d}T00:00:00.000Z` },
        { k: 'lit', v: `${d}T23:59:59.999Z` },
      ];
    }
    const b = one(v, 'start', path);
    if (b.k === 'min') throw new CompileError('".." is only allowed inside INTERVAL', path);
    return [b, b];
  }

  /** a op b over bounds; constants fold, two fields are refused. */
  cmp(a: Bound, op: Cmp, b: Bound, path: string): Expr {
    const rank = (x: Bound) => (x.k === 'min' ? -1 : x.k === 'max' ? 1 : 0);
    if (a.k === 'field' && b.k === 'field')
      throw new CompileError('comparing two temporal properties is not supported', path);
    if (a.k === 'field' && b.k === 'lit') return { op, field: a.field, value: b.v };
    if (a.k === 'lit' && b.k === 'field') return { op: FLIP[op], field: b.field, value: a.v };
    if (a.k === 'lit' && b.k === 'lit') return compareConst(a.v, op, b.v) ? TRUE : FALSE;
    // At least one open end: compare ranks (a field or literal is finite; the field must exist).
    const r = rank(a) - rank(b);
    const holds =
      op === '='
        ? r === 0 && a.k === b.k
        : op === '<>'
          ? r !== 0
          : op === '<'
            ? r < 0
            : op === '<='
              ? r <= 0
              : op === '>'
                ? r > 0
                : r >= 0;
    if (!holds) return FALSE;
    const f = a.k === 'field' ? a.field : b.k === 'field' ? b.field : undefined;
    return f === undefined ? TRUE : { op: 'not', arg: { op: 'isNull', field: f } };
  }

  temporal(op: (typeof TEMPORAL_OPS)[number], x: Cql2Value, y: Cql2Value, path: string): Expr {
    const [as, ae] = this.bounds(x, `${path}.args[0]`);
    const [bs, be] = this.bounds(y, `${path}.args[1]`);
    const c = (p: Bound, o: Cmp, q: Bound) => this.cmp(p, o, q, path);
    const all = (...e: Expr[]): Expr => ({ op: 'and', args: e });
    // Allen's interval relations as defined for the CQL2 temporal functions (OGC 21-065r2 §6.4.6).
    switch (op) {
      case 't_before':
        return c(ae, '<', bs);
      case 't_after':
        return c(as, '>', be);
      case 't_meets':
        return c(ae, '=', bs);
      case 't_metby':
        return c(as, '=', be);
      case 't_overlaps':
        return all(c(as, '<', bs), c(ae, '>', bs), c(ae, '<', be));
      case 't_overlappedby':
        return all(c(as, '>', bs), c(as, '<', be), c(ae, '>', be));
      case 't_starts':
        return all(c(as, '=', bs), c(ae, '<', be));
      case 't_startedby':
        return all(c(as, '=', bs), c(ae, '>', be));
      case 't_during':
        return all(c(as, '>', bs), c(ae, '<', be));
      case 't_contains':
        return all(c(as, '<', bs), c(ae, '>', be));
      case 't_finishes':
        return all(c(as, '>', bs), c(ae, '=', be));
      case 't_finishedby':
        return all(c(as, '<', bs), c(ae, '=', be));
      case 't_equals':
        return all(c(as, '=', bs), c(ae, '=', be));
      case 't_intersects':
        return all(c(as, '<=', be), c(ae, '>=', bs));
      case 't_disjoint':
        return { op: 'not', arg: all(c(as, '<=', be), c(ae, '>=', bs)) };
    }
  }
}

/** Compile a CQL2 filter for the store, or refuse with a 400 problem explaining why. */
export function compileCql2(v: Cql2Value, ctx: CompileContext): Result<Expr> {
  try {
    return ok(new Compiler(ctx).predicate(v, 'filter'));
  } catch (e) {
    if (e instanceof CompileError) return err([problem('VALIDATION_FORMAT', e.path, `filter: ${e.message}`)]);
    throw e;
  }
}
