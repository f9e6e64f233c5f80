/**
 * Export in a national CRS (issue #12): `cairn export --crs EPSG:3346` (LKS-94) and EPSG:2180
 * (PL-1992) write a Shapefile whose .prj, a GeoPackage whose srs table and a CSV whose .prj
 * sidecar GDAL reads as that very CRS, with coordinates that ogr2ogr takes back to WGS 84 within
 * 1 cm of the originals; Cairn's own import of its Shapefile comes back to WGS 84 the same way.
 * GeoJSON and KML, WGS 84 by definition, are refused with the rule named. The GDAL half is gated
 * as test/gdal-interchange.test.ts is: skipped with the reason without gdal-bin, except in CI.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/cli.testkit.js';
import { GDAL_SKIP_REASON, gdalVersion } from './gdal-gate.js';
import { PRJ_EPSG_CODES, esriWkt, ogcWkt } from '../src/interchange/index.js';
import { geodesicInverse, wgs84Point, type Position, type Wgs84Point } from '../src/geo/index.js';

const version = gdalVersion();
const SKIP_REASON = GDAL_SKIP_REASON;

/**
 * SYNTHETIC TEST DATA: two hazardous areas in southern Lithuania, inside the area of use of both
 * LKS-94 (EPSG:3346) and PL-1992 (EPSG:2180); one has a hole, names carry Lithuanian letters.
 */
const FIXTURE = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { name: 'Šaltinių laukas', kind: 'cha', evidence: 'direct', priority: 'high' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [23.951234, 54.021987],
            [23.963456, 54.022111],
            [23.962222, 54.030303],
            [23.950001, 54.029876],
            [23.951234, 54.021987],
          ],
        ],
      },
    },
    {
      type: 'Feature',
      properties: { name: 'Miško kraštas', kind: 'sha', evidence: 'indirect', priority: 'low' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [24.3, 54.6],
            [24.32, 54.6],
            [24.32, 54.62],
            [24.3, 54.62],
            [24.3, 54.6],
          ],
          [
            [24.305, 54.605],
            [24.305, 54.61],
            [24.31, 54.61],
            [24.305, 54.605],
          ],
        ],
      },
    },
  ],
};

interface GeoFeature {
  readonly properties: Record<string, unknown>;
  readonly geometry: { readonly type: string; readonly coordinates: readonly (readonly Position[])[] };
}

function point(p: readonly number[]): Wgs84Point {
  const r = wgs84Point(p[1], p[0]);
  if (!r.ok) throw new Error(`not a WGS 84 position: ${p.join(' ')}`);
  return r.value;
}

/** Every vertex of the fixture lies within 1 cm (geodesic, WGS 84) of a vertex of the same-named feature. */
function expectWithinACentimetre(features: readonly GeoFeature[], label: string): void {
  const byName = new Map(features.map((f) => [String(f.properties['name']), f]));
  expect([...byName.keys()].sort(), label).toEqual(FIXTURE.features.map((f) => f.properties.name).sort());
  for (const src of FIXTURE.features) {
    const got = (byName.get(src.properties.name)?.geometry.coordinates ?? []).flat();
    const want = src.geometry.coordinates.flat();
    expect(got.length, `${label}: ${src.properties.name} vertex count`).toBe(want.length);
    for (const w of want) {
      const nearest = Math.min(...got.map((g) => geodesicInverse(point(w), point(g)).distance));
      expect(nearest, `${label}: ${src.properties.name} vertex ${w.join(' ')}`).toBeLessThan(0.01);
    }
  }
}

/** National grids under test: code, the name GDAL reports, and a plausible easting range. */
const GRIDS = [
  { code: 3346, name: 'LKS94 / Lithuania TM', easting: [400_000, 600_000] },
  { code: 2180, name: 'ETRF2000-PL / CS92', easting: [700_000, 900_000] },
] as const;

const FORMATS = [
  { format: 'shp', file: 'hazards.zip', src: (f: string) => `/vsizip/${f}` },
  { format: 'gpkg', file: 'hazards.gpkg', src: (f: string) => f },
  { format: 'csv', file: 'hazards.csv', src: (f: string) => f },
] as const;

let dir = '';
const data = () => join(dir, 'data');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cairn-interchange-crs-'));
  writeFileSync(join(dir, 'fixture.geojson'), JSON.stringify(FIXTURE));
  expect((await runCli(['init', '--data', data()])).code).toBe(0);
  const r = await runCli(['import', 'hazards', join(dir, 'fixture.geojson'), '--data', data()]);
  expect(r.code, r.err).toBe(0);
});
afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

async function exportIn(code: number, format: string, file: string) {
  const sub = mkdtempSync(join(dir, `${format}-${code}-`));
  const out = join(sub, file);
  const r = await runCli([
    'export',
    'hazards',
    '--format',
    format,
    '--out',
    out,
    '--crs',
    `EPSG:${code}`,
    '--data',
    data(),
  ]);
  return { r, out, sub };
}

describe('export in a national CRS, read back by Cairn', () => {
  it.each(GRIDS)(
    'a Shapefile exported in EPSG:$code imports back to WGS 84 within 1 cm of the originals',
    async ({ code }) => {
      const { r, out, sub } = await exportIn(code, 'shp', 'hazards.zip');
      expect(r.code, r.err).toBe(0);
      const d = join(sub, 'data');
      expect((await runCli(['init', '--data', d])).code).toBe(0);
      const imported = await runCli(['import', 'hazards', out, '--data', d, '--json']);
      expect(imported.code, imported.out + imported.err).toBe(0);
      expect(JSON.parse(imported.out) as { imported: number }).toMatchObject({
        imported: 2,
        report: { crs: `EPSG:${code}`, errors: 0 },
      });
      const check = join(sub, 'check.geojson');
      expect(
        (await runCli(['export', 'hazards', '--format', 'geojson', '--out', check, '--data', d])).code,
      ).toBe(0);
      expectWithinACentimetre(
        (JSON.parse(readFileSync(check, 'utf8')) as { features: GeoFeature[] }).features,
        `shp EPSG:${code} → import`,
      );
    },
  );

  it('a CSV exported in EPSG:3346 states its CRS in a .prj beside it and has eastings in its WKT', async () => {
    const { r, out, sub } = await exportIn(3346, 'csv', 'hazards.csv');
    expect(r.code, r.err).toBe(0);
    expect(readFileSync(join(sub, 'hazards.prj'), 'utf8')).toMatch(/^PROJCS\["LKS_1994_Lithuania_TM"/);
    const firstX = Number(/POLYGON \(\(([\d.]+) /.exec(readFileSync(out, 'utf8'))?.[1]);
    expect(firstX).toBeGreaterThan(400_000);
    expect(firstX).toBeLessThan(600_000);
  });

  it.each(['geojson', 'kml'])(
    'refuses %s in EPSG:3346 with INTERCHANGE_CRS_UNSUPPORTED naming the crs field and the rule',
    async (format) => {
      const { r } = await exportIn(3346, format, `hazards.${format}`);
      expect(r.code).toBe(1);
      expect(r.err).toContain('INTERCHANGE_CRS_UNSUPPORTED');
      expect(r.err).toContain(format === 'kml' ? 'OGC 07-147r2' : 'RFC 7946');
    },
  );

  it('refuses a CRS it has no WKT for, listing the codes it exports in', async () => {
    const { r } = await exportIn(10306, 'shp', 'hazards.zip');
    expect(r.code).toBe(1);
    expect(r.err).toContain('INTERCHANGE_CRS_UNSUPPORTED');
    expect(r.err).toContain('EPSG:3346');
    expect(r.err).toContain('EPSG:5562');
  });

  it('refuses an unknown code with CRS_UNKNOWN', async () => {
    const { r } = await exportIn(9999, 'gpkg', 'hazards.gpkg');
    expect(r.code).toBe(1);
    expect(r.err).toContain('CRS_UNKNOWN');
    expect(r.err).toContain('EPSG:2180');
  });
});

describe.skipIf(version === undefined && process.env['CI'] !== 'true')(
  `export in a national CRS against GDAL${version === undefined ? ` — skipped: ${SKIP_REASON}` : ` (${version})`}`,
  () => {
    beforeAll(() => {
      if (version === undefined) throw new Error(`CI=true but ${SKIP_REASON}`);
    });

    it('gdalsrsinfo identifies the .prj ESRI WKT and the GeoPackage OGC WKT of every export CRS as its EPSG code', () => {
      for (const code of PRJ_EPSG_CODES) {
        const wkts = [esriWkt(code), ...(code === 4326 ? [] : [ogcWkt(code)])];
        for (const wkt of wkts) {
          expect(wkt, `EPSG:${code}`).toBeDefined();
          // gdalsrsinfo may first print its confidence (25 % for a WKT 1 that, like EPSG:3301's own,
          // leaves the registry's north-east axis order out); the code it settles on follows.
          const said = execFileSync('gdalsrsinfo', ['-e', wkt ?? ''], { encoding: 'utf8' })
            .split('\n')
            .find((l) => /^EPSG:\d+$/.test(l.trim()))
            ?.trim();
          expect(said, `EPSG:${code}: ${wkt ?? ''}`).toBe(`EPSG:${code}`);
        }
      }
    });

    const cases = GRIDS.flatMap((g) => FORMATS.map((f) => ({ ...g, ...f })));
    it.each(cases)(
      '$format in EPSG:$code: ogrinfo reports $name and ogr2ogr -t_srs EPSG:4326 returns the originals within 1 cm',
      async ({ code, name, easting, format, file, src }) => {
        const { r, out, sub } = await exportIn(code, format, file);
        expect(r.code, r.err).toBe(0);
        const info = execFileSync('sh', ['-c', 'ogrinfo -ro -al -so "$0" 2>&1', src(out)], {
          encoding: 'utf8',
        });
        expect(info).not.toMatch(/^(Warning|ERROR)/m);
        expect(info).toContain(`PROJCRS["${name}"`);
        // GDAL names the EPSG code of a Shapefile's .prj and a GeoPackage's srs; its CSV driver
        // reads the .prj's definition but does not look the code up.
        if (format !== 'csv') expect(info).toContain(`ID["EPSG",${code}]`);
        // The layer's extent is in the national grid, not in degrees.
        const ext = /Extent: \(([\d.]+), ([\d.]+)\) - \(([\d.]+), ([\d.]+)\)/.exec(info);
        expect(Number(ext?.[1])).toBeGreaterThan(easting[0]);
        expect(Number(ext?.[3])).toBeLessThan(easting[1]);
        const wgs = join(sub, 'wgs84.geojson');
        execFileSync(
          'ogr2ogr',
          ['-f', 'GeoJSON', '-t_srs', 'EPSG:4326', '-lco', 'COORDINATE_PRECISION=12', wgs, src(out)],
          {
            encoding: 'utf8',
          },
        );
        expectWithinACentimetre(
          (JSON.parse(readFileSync(wgs, 'utf8')) as { features: GeoFeature[] }).features,
          `${format} EPSG:${code} → ogr2ogr EPSG:4326`,
        );
      },
    );
  },
);
