import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from './cli.testkit.js';

const run = (...args: string[]) => runCli(args);

afterEach(() => {
  process.exitCode = undefined;
});

describe('cairn geo', () => {
  it('converts degrees to truncated MGRS and prints the value alone', async () => {
    expect(await run('geo', 'convert', '60.5 24.3', '--from', 'dd', '--to', 'mgrs:3')).toEqual({
      code: 0,
      out: '35VLH517101\n',
      err: '',
    });
  });

  it('prints JSON with lat, lon, text and crs', async () => {
    const r = await run('geo', 'convert', '385000 6672000', '--from', 'epsg:3067', '--to', 'utm', '--json');
    const j = JSON.parse(r.out) as { crs: string; text: string };
    expect(j.crs).toBe('EPSG:32635');
    expect(j.text).toMatch(/^35V /);
  });

  it('exits 2 on a wrong format and 1 on an ambiguous coordinate', async () => {
    expect((await run('geo', 'convert', '1 2', '--from', 'xx', '--to', 'dd')).code).toBe(2);
    expect((await run('geo', 'convert', '35S 500000 4000000', '--from', 'utm', '--to', 'dd')).code).toBe(1);
  });

  it('validates a file, lists every problem and exits 1 on an error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cairn-geo-'));
    const file = join(dir, 'h.geojson');
    writeFileSync(
      file,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            id: 'ok',
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [30, 50],
                  [30.001, 50],
                  [30.001, 50.001],
                  [30, 50],
                ],
              ],
            },
          },
          {
            type: 'Feature',
            id: 'bow',
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [30, 50],
                  [30.001, 50.001],
                  [30.001, 50],
                  [30, 50.001],
                  [30, 50],
                ],
              ],
            },
          },
          { type: 'Feature', id: 'none', geometry: null },
        ],
      }),
    );
    const r = await run('geo', 'validate', file);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/GEOMETRY_SELF_INTERSECTION\tfeatures\[1\] \(bow\)/);
    expect(r.out).toMatch(/GEOMETRY_NULL/);
    const a = await run('geo', 'area', file, '--json');
    const rows = JSON.parse(a.out) as { areaM2?: number }[];
    expect(rows[0]?.areaM2).toBeGreaterThan(3000);
  });

  it('places a point by NATO mils and distance', async () => {
    const r = await run('geo', 'point', '50.45 30.52', '--bearing', '1600mil', '--distance', '250', '--json');
    const j = JSON.parse(r.out) as { lat: number; lon: number };
    expect(j.lat).toBeCloseTo(50.45, 5);
    expect(j.lon).toBeGreaterThan(30.52);
  });
});
