import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  errorCatalogue,
  fixedClock,
  isCalendarDate,
  isErrorCode,
  parseInstant,
  problem,
} from './index.js';

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
  it('refuses instants whose date or time does not exist instead of rolling them over', () => {
    for (const bad of [
      '2026-04-31T12:00:00Z',
      '2026-02-29T00:00:00Z',
      '2026-04-30T24:00:00Z',
      '2026-04-30T23:60:00Z',
      '2026-04-30T23:59:60Z',
      '2026-13-01T00:00:00Z',
      '2026-00-10T00:00:00Z',
      '2026-04-00T00:00:00Z',
      '2026-04-30T12:00:00+24:00',
      '2026-04-30T12:00:00-05:60',
      '2026-02-29',
      '2026-04-31',
      '1900-02-29',
    ]) {
      expect(parseInstant(bad), bad).toBeUndefined();
    }
  });
  it('accepts leap days, the last second of a day and in-range offsets', () => {
    expect(parseInstant('2028-02-29')?.toISOString()).toBe('2028-02-29T00:00:00.000Z');
    expect(parseInstant('2000-02-29T12:00:00Z')?.toISOString()).toBe('2000-02-29T12:00:00.000Z');
    expect(parseInstant('2026-04-30T23:59:59.999Z')?.toISOString()).toBe('2026-04-30T23:59:59.999Z');
    // Any number of fraction digits, as the Zod instant schema allows; Date keeps milliseconds.
    expect(parseInstant('2026-04-30T12:00:00.1234567891Z')?.toISOString()).toBe('2026-04-30T12:00:00.123Z');
    // 00:30 at +23:59 is 00:31 the day before, UTC.
    expect(parseInstant('2026-05-01T00:30:00+23:59')?.toISOString()).toBe('2026-04-30T00:31:00.000Z');
    expect(parseInstant('2026-05-01T00:30:00-02:00')?.toISOString()).toBe('2026-05-01T02:30:00.000Z');
  });
  it('knows which calendar dates exist', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-04-31')).toBe(false);
    expect(isCalendarDate('2026-04-30T00:00:00Z')).toBe(false);
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
