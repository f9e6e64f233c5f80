import { describe, expect, it } from 'vitest';
import { canonicalJson, errorCatalogue, fixedClock, isErrorCode, parseInstant, problem } from './index.js';

describe('canonical JSON (RFC 8785)', () => {
  it('sorts keys by UTF-16 code units and writes numbers in ES6 form', () => {
    // RFC 8785 §3.2.2 and §3.2.3 examples.
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], c: { z: 1e21, y: 0.000001 } })).toBe(
      '{"a":[true,null,"x"],"b":1,"c":{"y":0.000001,"z":1e+21}}',
    );
    expect(canonicalJson({ '\u20ac': 'Euro Sign', '\r': 'Carriage Return', '1': 'One' })).toBe(
      '{"\\r":"Carriage Return","1":"One","€":"Euro Sign"}',
    );
  });
  it('is stable under key order of the input', () => {
    expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }));
  });
});

describe('clock and instants', () => {
  it('advances a fixed clock by its step', () => {
    const c = fixedClock('2026-01-01T00:00:00Z', 1000);
    expect(c.now().toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(c.now().toISOString()).toBe('2026-01-01T00:00:01.000Z');
  });
  it('refuses calendar overflow and free text', () => {
    expect(parseInstant('2026-02-30')).toBeUndefined();
    expect(parseInstant('yesterday')).toBeUndefined();
    expect(parseInstant('2026-02-28')?.toISOString()).toBe('2026-02-28T00:00:00.000Z');
  });
});

describe('error catalogue', () => {
  it('knows its codes and builds problems with paths', () => {
    expect(isErrorCode('AUTH_FORBIDDEN')).toBe(true);
    expect(isErrorCode('NOPE')).toBe(false);
    expect(errorCatalogue.AUTH_FORBIDDEN.status).toBe(403);
    expect(problem('VALIDATION_REQUIRED', 'payload.name', 'name is required')).toEqual({
      code: 'VALIDATION_REQUIRED',
      path: 'payload.name',
      message: 'name is required',
    });
  });
});

describe('seeded random numbers', () => {
  it('repeats the same sequence for the same seed and stays in [0, 1)', async () => {
    const { seededRandom } = await import('./index.js');
    const a = seededRandom(42);
    const b = seededRandom(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(xs).size).toBe(1000);
    expect(seededRandom(43)()).not.toBe(xs[0]);
  });
});
