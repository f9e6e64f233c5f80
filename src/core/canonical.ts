/**
 * RFC 8785 JSON Canonicalization Scheme: the bytes that the ledger hashes.
 *
 * Numbers and strings are serialised by `JSON.stringify`, which is exactly what RFC 8785 §3.2.2
 * prescribes (ECMAScript Number::toString, and JSON string escaping); object keys are sorted by
 * UTF-16 code units (§3.2.3), which is the default `Array.prototype.sort` order. This is the same
 * algorithm as the `canonicalize` package (kept as the test oracle in canonical.test.ts), without
 * its per-character surrogate loop and cycle bookkeeping: the ledger's append and verify paths
 * canonicalise every event, so this is hot code.
 */

/** A UTF-16 code unit that is half of a surrogate pair without its other half (RFC 8785 §3.2.2.2: I-JSON). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function str(s: string): string {
  const j = JSON.stringify(s);
  // Well-formed JSON.stringify (ES2019) escapes a lone surrogate as \udXXX and writes pairs raw,
  // so only text containing "\ud" needs the exact (slower) check.
  if (j.includes('\\ud') && LONE_SURROGATE.test(s))
    throw new TypeError('a string holds a lone surrogate, which canonical JSON cannot carry');
  return j;
}

/** Values JSON drops from objects and writes as null in arrays. */
function isAbsent(v: unknown): boolean {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol';
}

function write(v: unknown, depth: number): string {
  if (depth > 1000) throw new TypeError('value is nested too deeply (or circular) for canonical JSON');
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string':
      return str(v);
    case 'number':
      if (!Number.isFinite(v)) throw new TypeError(`${v} has no JSON form`);
      return JSON.stringify(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'object': {
      // toJSON first, for arrays too, as JSON.stringify and the canonicalize package do.
      const toJSON = (v as { toJSON?: unknown }).toJSON;
      if (typeof toJSON === 'function') return write((toJSON as () => unknown).call(v), depth + 1);
      if (Array.isArray(v)) {
        let out = '[';
        for (let i = 0; i < v.length; i++) {
          const x: unknown = v[i];
          out += `${i === 0 ? '' : ','}${isAbsent(x) ? 'null' : write(x, depth + 1)}`;
        }
        return `${out}]`;
      }
      const o = v as Record<string, unknown>;
      let out = '{';
      let first = true;
      for (const k of Object.keys(o).sort()) {
        const x = o[k];
        if (isAbsent(x)) continue;
        out += `${first ? '' : ','}${str(k)}:${write(x, depth + 1)}`;
        first = false;
      }
      return `${out}}`;
    }
    default:
      throw new TypeError(`a ${typeof v} has no canonical JSON form`);
  }
}

/** Returned by `prepare` when a value needs the exact serialiser above. */
const SLOW = Symbol('slow');

const OBJECT_PROTO: unknown = Object.prototype;

/**
 * The value itself, or a copy whose objects have their keys in RFC 8785 order, such that the
 * native `JSON.stringify` of it writes exactly what `write` would; SLOW for anything where the
 * two could differ, which then goes through `write`:
 * - objects that are not plain (class instances, boxed primitives, anything with `toJSON`),
 *   and arrays carrying `toJSON`: JSON.stringify treats them differently from `write`;
 * - numbers that are not finite and bigints (`write` refuses them);
 * - unsorted objects with a key that starts with a digit (an integer-like key, which the
 *   engine keeps first whatever the insertion order) or `__proto__` (which a copy cannot hold);
 * - nesting deeper than `write` allows.
 * Property order: JSON.stringify writes an object's keys in `Object.keys` order, so an object
 * whose `Object.keys` is already sorted by UTF-16 code units is written as `write` would.
 * Lone surrogates are checked afterwards on the output (see canonicalJson).
 */
function prepare(v: unknown, depth: number): unknown {
  if (typeof v === 'number') return Number.isFinite(v) ? v : SLOW;
  if (typeof v !== 'object' || v === null) return typeof v === 'bigint' ? SLOW : v;
  if (depth > 1000) return SLOW;
  if (Array.isArray(v)) {
    if ('toJSON' in v) return SLOW;
    let copy: unknown[] | undefined;
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      const p = prepare(x, depth + 1);
      if (p === SLOW) return SLOW;
      if (p !== x) (copy ??= v.slice())[i] = p;
    }
    return copy ?? v;
  }
  const proto: unknown = Object.getPrototypeOf(v);
  if (proto !== OBJECT_PROTO && proto !== null) return SLOW;
  const o = v as Record<string, unknown>;
  if (typeof o['toJSON'] === 'function') return SLOW;
  const keys = Object.keys(o);
  let sorted = true;
  for (let i = 1; i < keys.length; i++) {
    if ((keys[i - 1] as string) >= (keys[i] as string)) {
      sorted = false;
      break;
    }
  }
  let copy: Record<string, unknown> | undefined;
  if (!sorted) {
    keys.sort();
    copy = {};
    for (const k of keys) {
      const c = k.charCodeAt(0);
      if ((c >= 48 && c <= 57) || k === '__proto__') return SLOW;
      copy[k] = o[k];
    }
  }
  for (const k of keys) {
    const x = o[k];
    const p = prepare(x, depth + 1);
    if (p === SLOW) return SLOW;
    if (p !== x) (copy ??= { ...o })[k] = p;
  }
  return copy ?? o;
}

/**
 * Serialize a JSON value to its RFC 8785 canonical text. Throws on values JSON cannot carry (a bug).
 *
 * Fast path: plain data (every event the ledger writes, and every event verify re-checks) is put
 * in canonical key order by `prepare` and written by the native JSON.stringify, several times
 * faster than `write`; any output holding an escaped surrogate (`\ud…`, possibly a lone one)
 * and any value `prepare` declines go through `write`. Both paths are property-tested against
 * the `canonicalize` package (canonical.test.ts).
 */
export function canonicalJson(value: unknown): string {
  if (typeof value === 'object' && value !== null) {
    const p = prepare(value, 0);
    if (p !== SLOW) {
      const s = JSON.stringify(p);
      if (!s.includes('\\ud')) return s;
    }
  }
  return write(value, 0);
}

/** Canonical UTF-8 bytes of a JSON value. */
export function canonicalBytes(value: unknown): Buffer {
  return Buffer.from(canonicalJson(value), 'utf8');
}
