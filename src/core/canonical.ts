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
  if (j.includes('\\ud') && LONE_SURROGATE.test(s)) throw new TypeError('a string holds a lone surrogate, which canonical JSON cannot carry');
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
      if (Array.isArray(v)) {
        let out = '[';
        for (let i = 0; i < v.length; i++) {
          const x: unknown = v[i];
          out += `${i === 0 ? '' : ','}${isAbsent(x) ? 'null' : write(x, depth + 1)}`;
        }
        return `${out}]`;
      }
      const toJSON = (v as { toJSON?: unknown }).toJSON;
      if (typeof toJSON === 'function') return write((toJSON as () => unknown).call(v), depth + 1);
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

/** Serialize a JSON value to its RFC 8785 canonical text. Throws on values JSON cannot carry (a bug). */
export function canonicalJson(value: unknown): string {
  return write(value, 0);
}

/** Canonical UTF-8 bytes of a JSON value. */
export function canonicalBytes(value: unknown): Buffer {
  return Buffer.from(canonicalJson(value), 'utf8');
}
