/** canonicalJson against the `canonicalize` package (RFC 8785 by one of its authors) as an oracle. */
import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './index.js';

/** Strings of arbitrary UTF-16 code units, lone surrogates included. */
const utf16 = fc
  .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 12 })
  .map((units) => String.fromCharCode(...units));
const value = fc.letrec((tie) => ({
  leaf: fc.oneof(
    fc.constant(null),
    fc.boolean(),
    fc.double(),
    fc.integer(),
    fc.string(),
    utf16,
    fc.string({ unit: 'binary' }),
  ),
  node: fc.oneof(
    { depthSize: 'small' },
    tie('leaf'),
    fc.array(tie('node'), { maxLength: 5 }),
    fc.dictionary(fc.oneof(fc.string(), utf16), tie('node'), { maxKeys: 5 }),
  ),
})).node;

function outcome(f: () => string | undefined): string {
  try {
    return `ok:${String(f())}`;
  } catch {
    return 'throws';
  }
}

describe('canonicalJson (RFC 8785)', () => {
  it('writes exactly the bytes the canonicalize package writes, and refuses exactly what it refuses', () => {
    fc.assert(
      fc.property(value, (v) => {
        expect(outcome(() => canonicalJson(v))).toBe(outcome(() => canonicalize(v)));
      }),
      { numRuns: 3000 },
    );
  });

  it('writes what canonicalize writes for values whose keys are already in order, as parsed canonical text is', () => {
    // Parsing canonical text gives objects in key order (except integer-like keys): the fast path
    // that writes them natively must agree with the oracle on exactly these.
    fc.assert(
      fc.property(value, (v) => {
        const text = outcome(() => canonicalize(v));
        if (!text.startsWith('ok:') || text === 'ok:undefined') return;
        const reparsed: unknown = JSON.parse(text.slice(3));
        expect(outcome(() => canonicalJson(reparsed))).toBe(text);
      }),
      { numRuns: 3000 },
    );
  });

  it('falls back to the exact writer for integer-like keys, __proto__, class instances, boxed values and toJSON', () => {
    const proto = JSON.parse('{"b":1,"__proto__":{"x":2},"a":3}') as unknown;
    for (const v of [
      { b: 1, 10: 'x', 9: 'y', a: [2, { z: 1, y: 2 }] },
      proto,
      { b: new Date(0), a: 1 },
      [Object(1), Object('s'), new Map([[1, 2]])],
      { z: { toJSON: () => 'T' }, a: 1 },
      Object.assign([1, 2], { toJSON: () => 'arr' }),
      { a: undefined, c: [undefined, Symbol('s')] },
    ]) {
      expect(outcome(() => canonicalJson(v))).toBe(outcome(() => canonicalize(v)));
    }
  });

  it('refuses lone surrogates in values and keys but keeps surrogate pairs', () => {
    expect(() => canonicalJson({ a: '\uD800' })).toThrow(TypeError);
    expect(() => canonicalJson({ '\uDC00x': 1 })).toThrow(TypeError);
    expect(canonicalJson({ a: '\uD83D\uDE00' })).toBe('{"a":"\uD83D\uDE00"}');
    // A literal backslash-u text is not a surrogate.
    expect(canonicalJson(['\\ud800'])).toBe('["\\\\ud800"]');
  });

  it('writes the RFC 8785 number examples in ECMAScript form', () => {
    // RFC 8785 Appendix B (a selection).
    expect(canonicalJson([0, -0, 1e21, 1e-7, Number('333333333.33333329'), 4.5, 2e-3, 0.000001])).toBe(
      '[0,0,1e+21,1e-7,333333333.3333333,4.5,0.002,0.000001]',
    );
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalJson(Number.POSITIVE_INFINITY)).toThrow(TypeError);
  });
});
