/**
 * A CQL2 text parser (OGC 21-065r2, BNF in Annex B) producing CQL2-JSON. It covers basic CQL2,
 * advanced comparison (LIKE, BETWEEN, IN, CASEI), spatial functions over WKT and BBOX literals,
 * temporal functions over DATE, TIMESTAMP and INTERVAL, and function calls. Errors carry the
 * character position and what was expected.
 */
import { err, ok, problem, type Result } from '../../core/index.js';
import type { Cql2Geometry, Cql2Op, Cql2Value } from './types.js';

type Tok =
  | { readonly k: 'num'; readonly v: number; readonly at: number }
  | { readonly k: 'str'; readonly v: string; readonly at: number }
  | { readonly k: 'id'; readonly v: string; readonly at: number; readonly quoted: boolean }
  | { readonly k: 'sym'; readonly v: string; readonly at: number }
  | { readonly k: 'end'; readonly at: number };

class ParseError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

const SYMBOLS = ['<>', '<=', '>=', '=', '<', '>', '(', ')', ',', '[', ']', '+', '*', '/'];

function tokenize(s: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < s.length) {
    const ch = s.charAt(i);
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const at = i;
    if (ch === "'") {
      let v = '';
      i++;
      for (;;) {
        if (i >= s.length) throw new ParseError('a string literal is not closed', at);
        const c = s.charAt(i);
        if (c === "'") {
          if (s.charAt(i + 1) === "'") {
            v += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        v += c;
        i++;
      }
      out.push({ k: 'str', v, at });
      continue;
    }
    if (ch === '"') {
      const end = s.indexOf('"', i + 1);
      if (end < 0) throw new ParseError('a quoted identifier is not closed', at);
      out.push({ k: 'id', v: s.slice(i + 1, end), at, quoted: true });
      i = end + 1;
      continue;
    }
    const num = /^-?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?)/.exec(s.slice(i));
    // Arithmetic is not supported, so a minus before a digit always signs a number (WKT: `1 -2`).
    if (num !== null) {
      out.push({ k: 'num', v: Number(num[0]), at });
      i += num[0].length;
      continue;
    }
    const id = /^[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_.:\u00C0-\uFFFF]*/.exec(s.slice(i));
    if (id !== null) {
      out.push({ k: 'id', v: id[0], at, quoted: false });
      i += id[0].length;
      continue;
    }
    const sym = SYMBOLS.find((x) => s.startsWith(x, i)) ?? (ch === '-' ? '-' : undefined);
    if (sym === undefined) throw new ParseError(`unexpected character "${ch}"`, at);
    out.push({ k: 'sym', v: sym, at });
    i += sym.length;
  }
  out.push({ k: 'end', at: s.length });
  return out;
}

const KEYWORDS = new Set(['AND', 'OR', 'NOT', 'LIKE', 'BETWEEN', 'IN', 'IS', 'NULL', 'TRUE', 'FALSE']);
const WKT = new Set([
  'POINT',
  'LINESTRING',
  'POLYGON',
  'MULTIPOINT',
  'MULTILINESTRING',
  'MULTIPOLYGON',
  'GEOMETRYCOLLECTION',
  'BBOX',
]);
const COMPARE = new Set(['=', '<>', '<', '<=', '>', '>=']);

class Parser {
  #i = 0;
  constructor(readonly toks: readonly Tok[]) {}

  peek(n = 0): Tok {
    return this.toks[Math.min(this.#i + n, this.toks.length - 1)] ?? { k: 'end', at: 0 };
  }
  next(): Tok {
    const t = this.peek();
    this.#i++;
    return t;
  }
  isKw(word: string, n = 0): boolean {
    const t = this.peek(n);
    return t.k === 'id' && !t.quoted && t.v.toUpperCase() === word;
  }
  isSym(sym: string): boolean {
    const t = this.peek();
    return t.k === 'sym' && t.v === sym;
  }
  expectSym(sym: string): void {
    const t = this.next();
    if (t.k !== 'sym' || t.v !== sym) throw new ParseError(`expected "${sym}"`, t.at);
  }
  expectKw(word: string): void {
    if (!this.isKw(word)) throw new ParseError(`expected ${word}`, this.peek().at);
    this.next();
  }

  orExpr(): Cql2Value {
    const args = [this.andExpr()];
    while (this.isKw('OR')) {
      this.next();
      args.push(this.andExpr());
    }
    return args.length === 1 ? (args[0] as Cql2Value) : { op: 'or', args };
  }
  andExpr(): Cql2Value {
    const args = [this.notExpr()];
    while (this.isKw('AND')) {
      this.next();
      args.push(this.notExpr());
    }
    return args.length === 1 ? (args[0] as Cql2Value) : { op: 'and', args };
  }
  notExpr(): Cql2Value {
    if (this.isKw('NOT')) {
      this.next();
      return { op: 'not', args: [this.notExpr()] };
    }
    return this.primary();
  }
  primary(): Cql2Value {
    if (this.isSym('(')) {
      // A parenthesised boolean expression (a scalar in parentheses is not part of CQL2 text).
      this.next();
      const e = this.orExpr();
      this.expectSym(')');
      return this.predicateTail(e);
    }
    const left = this.scalar();
    return this.predicateTail(left);
  }
  /** After a scalar: a comparison, LIKE, BETWEEN, IN or IS NULL — or a boolean on its own. */
  predicateTail(left: Cql2Value): Cql2Value {
    const t = this.peek();
    if (t.k === 'sym' && COMPARE.has(t.v)) {
      this.next();
      return { op: t.v, args: [left, this.scalar()] };
    }
    let negate = false;
    if (this.isKw('NOT') && (this.isKw('LIKE', 1) || this.isKw('BETWEEN', 1) || this.isKw('IN', 1))) {
      this.next();
      negate = true;
    }
    const wrap = (e: Cql2Op): Cql2Value => (negate ? { op: 'not', args: [e] } : e);
    if (this.isKw('LIKE')) {
      this.next();
      return wrap({ op: 'like', args: [left, this.scalar()] });
    }
    if (this.isKw('BETWEEN')) {
      this.next();
      const lo = this.scalar();
      this.expectKw('AND');
      return wrap({ op: 'between', args: [left, lo, this.scalar()] });
    }
    if (this.isKw('IN')) {
      this.next();
      this.expectSym('(');
      const list = [this.scalar()];
      while (this.isSym(',')) {
        this.next();
        list.push(this.scalar());
      }
      this.expectSym(')');
      return wrap({ op: 'in', args: [left, list] });
    }
    if (this.isKw('IS')) {
      this.next();
      const not = this.isKw('NOT');
      if (not) this.next();
      this.expectKw('NULL');
      const e: Cql2Op = { op: 'isNull', args: [left] };
      return not ? { op: 'not', args: [e] } : e;
    }
    return left;
  }
  scalar(): Cql2Value {
    const t = this.peek();
    switch (t.k) {
      case 'num':
        this.next();
        return t.v;
      case 'str':
        this.next();
        return t.v;
      case 'sym':
        if (t.v === '(' || t.v === '[') {
          this.next();
          const close = t.v === '(' ? ')' : ']';
          const list: Cql2Value[] = [];
          if (!this.isSym(close)) {
            list.push(this.scalar());
            while (this.isSym(',')) {
              this.next();
              list.push(this.scalar());
            }
          }
          this.expectSym(close);
          return list;
        }
        throw new ParseError(`unexpected "${t.v}"`, t.at);
      case 'end':
        throw new ParseError('the filter ends too early', t.at);
      case 'id':
        return this.identifierValue(t);
    }
  }
  identifierValue(t: Extract<Tok, { k: 'id' }>): Cql2Value {
    this.next();
    if (t.quoted) return { property: t.v };
    const up = t.v.toUpperCase();
    if (up === 'TRUE') return true;
    if (up === 'FALSE') return false;
    if (up === 'NULL') return null;
    if (KEYWORDS.has(up)) throw new ParseError(`unexpected keyword ${up}`, t.at);
    if (WKT.has(up) && (this.isSym('(') || this.isKw('Z'))) return this.wkt(up, t.at);
    if (!this.isSym('(')) return { property: t.v };
    if (up === 'DATE' || up === 'TIMESTAMP') {
      this.next();
      const s = this.next();
      if (s.k !== 'str') throw new ParseError(`${up} takes a quoted instant`, s.at);
      this.expectSym(')');
      return up === 'DATE' ? { date: s.v } : { timestamp: s.v };
    }
    if (up === 'INTERVAL') {
      this.next();
      const a = this.intervalBound();
      this.expectSym(',');
      const b = this.intervalBound();
      this.expectSym(')');
      return { interval: [a, b] };
    }
    this.next();
    const args: Cql2Value[] = [];
    if (!this.isSym(')')) {
      args.push(this.argument());
      while (this.isSym(',')) {
        this.next();
        args.push(this.argument());
      }
    }
    this.expectSym(')');
    // Standard functions are lower case in CQL2-JSON; custom functions keep their spelling.
    const name = /^(S|T|A)_[A-Z]+$/.test(up) || up === 'CASEI' || up === 'ACCENTI' ? up.toLowerCase() : t.v;
    return { op: name, args };
  }
  argument(): Cql2Value {
    const v = this.scalar();
    return this.predicateTail(v);
  }
  intervalBound(): Cql2Value {
    const t = this.peek();
    if (t.k === 'str') {
      this.next();
      return t.v;
    }
    return this.scalar();
  }

  // ── WKT ──────────────────────────────────────────────────────────────────
  wkt(kind: string, at: number): Cql2Value {
    if (kind === 'BBOX') {
      this.expectSym('(');
      const nums = [this.number()];
      while (this.isSym(',')) {
        this.next();
        nums.push(this.number());
      }
      this.expectSym(')');
      if (nums.length !== 4 && nums.length !== 6) throw new ParseError('BBOX takes 4 or 6 numbers', at);
      return { bbox: nums };
    }
    return this.geometry(kind);
  }
  number(): number {
    const t = this.next();
    if (t.k !== 'num') throw new ParseError('expected a number', t.at);
    return t.v;
  }
  zTag(): void {
    if (this.isKw('Z')) this.next();
  }
  position(): number[] {
    const p = [this.number(), this.number()];
    if (this.peek().k === 'num') p.push(this.number());
    return p;
  }
  list<T>(item: () => T): T[] {
    this.expectSym('(');
    const out = [item()];
    while (this.isSym(',')) {
      this.next();
      out.push(item());
    }
    this.expectSym(')');
    return out;
  }
  geometry(kind: string): Cql2Geometry {
    this.zTag();
    switch (kind) {
      case 'POINT':
        return { type: 'Point', coordinates: this.list(() => this.position())[0] ?? [] };
      case 'LINESTRING':
        return { type: 'LineString', coordinates: this.list(() => this.position()) };
      case 'POLYGON':
        return { type: 'Polygon', coordinates: this.list(() => this.list(() => this.position())) };
      case 'MULTIPOINT':
        return {
          type: 'MultiPoint',
          coordinates: this.list(() =>
            this.isSym('(') ? (this.list(() => this.position())[0] ?? []) : this.position(),
          ),
        };
      case 'MULTILINESTRING':
        return { type: 'MultiLineString', coordinates: this.list(() => this.list(() => this.position())) };
      case 'MULTIPOLYGON':
        return {
          type: 'MultiPolygon',
          coordinates: this.list(() => this.list(() => this.list(() => this.position()))),
        };
      case 'GEOMETRYCOLLECTION':
        return {
          type: 'GeometryCollection',
          geometries: this.list(() => {
            const t = this.next();
            const k = t.k === 'id' ? t.v.toUpperCase() : '';
            if (!WKT.has(k) || k === 'BBOX') throw new ParseError('expected a WKT geometry', t.at);
            return this.geometry(k);
          }),
        };
      default:
        throw new ParseError(`unknown geometry ${kind}`, this.peek().at);
    }
  }
}

/** Parse CQL2 text into CQL2-JSON, or a 400-class problem naming the position and the reason. */
export function parseCql2Text(text: string): Result<Cql2Value> {
  try {
    const p = new Parser(tokenize(text));
    const e = p.orExpr();
    const rest = p.peek();
    if (rest.k !== 'end') throw new ParseError('unexpected text after the end of the expression', rest.at);
    return ok(e);
  } catch (e) {
    if (e instanceof ParseError) {
      return err([
        problem('VALIDATION_FORMAT', 'filter', `CQL2 text: ${e.message} at character ${e.at + 1}`, {
          position: e.at + 1,
          near: text.slice(e.at, e.at + 20),
        }),
      ]);
    }
    throw e;
  }
}
