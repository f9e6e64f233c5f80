import { describe, expect, it } from 'vitest';
import { antimeridianJumps, buildBasemap, closeAroundPole, repairCountry, unwrapRing } from './basemap.js';

describe('offline basemap repairs', () => {
  it('finds the edges that jump across the antimeridian', () => {
    expect(
      antimeridianJumps([
        [179, 0],
        [-179, 0],
        [-179, 1],
        [179, 1],
        [179, 0],
      ]),
    ).toEqual([1, 3]);
    expect(
      antimeridianJumps([
        [10, 0],
        [11, 0],
        [11, 1],
        [10, 0],
      ]),
    ).toEqual([]);
  });

  it('unwraps a ring that crosses the antimeridian into one continuous ring past 180°', () => {
    const r = unwrapRing([
      [179, 0],
      [-179, 0],
      [-179, 1],
      [179, 1],
      [179, 0],
    ]);
    expect(r).toEqual([
      [179, 0],
      [181, 0],
      [181, 1],
      [179, 1],
      [179, 0],
    ]);
    expect(antimeridianJumps(r)).toEqual([]);
  });

  it('closes a ring that circles the South Pole once through the pole', () => {
    // West to east around the pole at -80°, as Natural Earth draws Antarctica's coast.
    const ring = [
      [-180, -80],
      [-90, -79],
      [0, -80],
      [90, -81],
      [179, -80],
      [-180, -80],
    ];
    const closed = closeAroundPole(ring, -90);
    expect(closed[0]).toEqual(closed[closed.length - 1]);
    expect(closed.filter((p) => p[1] === -90).map((p) => p[0])).toEqual([180, -180]);
    const jumps = antimeridianJumps(closed);
    expect(jumps.every((k) => closed[k]?.[1] === -90 && closed[k - 1]?.[1] === -90)).toBe(true);
  });

  it('refuses to close a ring that does not cross the antimeridian exactly once', () => {
    expect(() =>
      closeAroundPole(
        [
          [0, -80],
          [10, -80],
          [10, -81],
          [0, -80],
        ],
        -90,
      ),
    ).toThrow(/once/);
  });

  it('repairs only crossing rings and leaves other countries as they are', () => {
    const plain = [
      [
        [10, 10],
        [11, 10],
        [11, 11],
        [10, 10],
      ],
    ];
    expect(repairCountry('Somewhere', [plain])).toEqual([plain]);
  });

  it('builds the 1:110m world with every ring planar-safe', () => {
    const fc = buildBasemap({ scale: '110m', digits: 3 });
    expect(fc.features.length).toBeGreaterThan(170);
    for (const f of fc.features)
      for (const p of f.geometry.coordinates)
        for (const r of p)
          expect(
            antimeridianJumps(r).filter((k) => !(r[k]?.[1] === -90 && r[k - 1]?.[1] === -90)),
            f.properties.name,
          ).toEqual([]);
  });
});
