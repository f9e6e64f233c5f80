import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PolygonGeometry } from '../geo/index.js';
import { accountReleases, reconcileFound } from './index.js';

const rect = (lon: number, lat: number, w: number, h: number): PolygonGeometry => ({
  type: 'Polygon',
  coordinates: [
    [
      [lon, lat],
      [lon + w, lat],
      [lon + w, lat + h],
      [lon, lat + h],
      [lon, lat],
    ],
  ],
});

// Releases anywhere around a hazard near (20, -10): inside, straddling, overlapping each other.
const release = fc.record({
  x: fc.integer({ min: -2, max: 12 }),
  y: fc.integer({ min: -2, max: 12 }),
  w: fc.integer({ min: 1, max: 6 }),
  h: fc.integer({ min: 1, max: 6 }),
});
const unit = 0.0001;

describe('land release accounting (property)', () => {
  it('never counts more released area than the hazard has, and remaining + released = hazard within 0.01%', () => {
    fc.assert(
      fc.property(
        fc.array(release, { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 0, max: 4 }),
        (rs, split) => {
          const hazard = rect(20, -10, 10 * unit, 10 * unit);
          const geoms = rs.map((r) => rect(20 + r.x * unit, -10 + r.y * unit, r.w * unit, r.h * unit));
          const earlier = geoms.slice(0, Math.min(split, geoms.length));
          const fresh = geoms
            .slice(earlier.length)
            .map((geometry, i) => ({ geometry, path: `outputs[${i}]` }));
          const a = accountReleases(hazard, earlier, fresh);
          expect(a.releasedAreaM2).toBeLessThanOrEqual(a.hazardAreaM2 * (1 + 1e-9));
          for (const o of a.outputs) expect(o.areaM2).toBeGreaterThanOrEqual(0);
          expect(
            Math.abs(a.remainingAreaM2 + a.releasedAreaM2 - a.hazardAreaM2) / a.hazardAreaM2,
          ).toBeLessThan(1e-4);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('land release accounting (regression)', () => {
  it('accounts releases whose remaining land has a hole touching the notch at one corner (overlay result the validator refuses)', () => {
    const hazard = rect(20, -10, 10 * unit, 10 * unit);
    const r = (x: number, y: number, w: number, h: number) =>
      rect(20 + x * unit, -10 + y * unit, w * unit, h * unit);
    // Found by the property above (fast-check seed 42): the third release touches the second at (3, 3).
    const fresh = [r(0, 6, 1, 5), r(3, 3, 4, 1), r(2, -2, 1, 5), r(10, 0, 1, 1)].map((geometry, i) => ({
      geometry,
      path: `outputs[${i}]`,
    }));
    const a = accountReleases(hazard, [], fresh);
    // Inside the hazard: 1×4 + 4×1 + 1×3 grid cells, and nothing of the one beyond the east edge.
    const cell = a.hazardAreaM2 / 100;
    expect(a.outputs.map((o) => Math.round(o.areaM2 / cell))).toEqual([4, 4, 3, 0]);
    expect(Math.abs(a.releasedAreaM2 - 11 * cell) / a.hazardAreaM2).toBeLessThan(1e-4);
    expect(Math.abs(a.remainingAreaM2 + a.releasedAreaM2 - a.hazardAreaM2) / a.hazardAreaM2).toBeLessThan(
      1e-4,
    );
  });
});

describe('reconciliation with a minefield record', () => {
  const recorded = [
    { typeId: 'ap1', number: 10, category: 'AP' },
    { typeId: 'at1', number: 4, category: 'AT' },
  ];
  it('finds more AP mines than recorded (record incomplete) and fewer (residual risk), per type, ignoring AT', () => {
    const more = reconcileFound(
      [
        { typeId: 'ap1', typeCategory: 'AP', category: 'ap-mine', count: 12 },
        { typeId: 'at1', typeCategory: 'AT', category: 'at-mine', count: 1 },
      ],
      recorded,
    );
    expect(more).toEqual([{ typeId: 'ap1', recorded: 10, found: 12 }]);
    const fewer = reconcileFound(
      [{ typeId: 'ap1', typeCategory: 'AP', category: 'ap-mine', count: 7 }],
      recorded,
    );
    expect(fewer).toEqual([{ typeId: 'ap1', recorded: 10, found: 7 }]);
  });
});
