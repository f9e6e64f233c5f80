import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyDelta, qtyAtDay } from './history.js';

describe('balance day history', () => {
  it('answers the quantity at any day as the sum of the deltas up to it, in any insertion order', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: -50, max: 50 })), { maxLength: 40 }), fc.integer({ min: -1, max: 61 }), (deltas, day) => {
        let h: number[] = [];
        for (const [d, q] of deltas) h = applyDelta(h, d, q);
        const expected = deltas.filter(([d]) => d <= day).reduce((s, [, q]) => s + q, 0);
        expect(qtyAtDay(h, day)).toBe(expected);
        for (let i = 2; i < h.length; i += 2) expect(h[i]).toBeGreaterThan(h[i - 2] as number);
      }),
    );
  });
});
