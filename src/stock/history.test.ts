import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyDelta, historyEntries, qtyAtDay } from './history.js';

describe('balance day history', () => {
  it('answers the quantity at any day as the sum of the deltas up to it, in any insertion order', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.integer({ min: 19_000, max: 19_060 }), fc.integer({ min: -50_000, max: 50_000 })),
          { maxLength: 40 },
        ),
        fc.integer({ min: 18_999, max: 19_061 }),
        (deltas, day) => {
          let h = '';
          for (const [d, q] of deltas) h = applyDelta(h, d, q);
          const expected = deltas.filter(([d]) => d <= day).reduce((s, [, q]) => s + q, 0);
          expect(qtyAtDay(h, day)).toBe(expected);
          const days = historyEntries(h).map(([d]) => d);
          for (let i = 1; i < days.length; i++) expect(days[i]).toBeGreaterThan(days[i - 1] as number);
        },
      ),
    );
  });
});
