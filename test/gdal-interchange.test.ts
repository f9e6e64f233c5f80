/**
 * GIS interchange against GDAL (Debian gdal-bin, installed by .ci/run): for every format, what
 * `cairn export` writes opens in ogrinfo without a warning and converts with ogr2ogr to the same
 * features; ogr2ogr's own files of a GeoJSON fixture (GPKG, ESRI Shapefile, KML, CSV) import
 * with `cairn import`; and bad geometries written by ogr2ogr produce the validation report and
 * write nothing. Without gdal-bin the suite is skipped with the reason, except in CI (CI=true),
 * where it fails.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/cli.testkit.js';
import { GDAL_SKIP_REASON, gdalVersion } from './gdal-gate.js';
import { geodesicArea, type ArealGeometry } from '../src/geo/index.js';
import {
  BOW_TIE,
  HOLED_SQUARE,
  OPEN_RING,
  TWO_TRIANGLES,
  square,
} from '../src/interchange/fixtures.testkit.js';

const version = gdalVersion();
const SKIP_REASON = GDAL_SKIP_REASON;

/** SYNTHETIC TEST DATA: three hazardous areas, one with a hole, one a multipolygon, Cyrillic text. */
const FIXTURE = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { name: 'Поле біля школи', kind: 'cha', evidence: 'direct', priority: 'high' },
      geometry: square(30, 48),
    },
    {
      type: 'Feature',
      properties: { name: 'Orchard with a hole', kind: 'sha', evidence: 'indirect', priority: 'low' },
      geometry: HOLED_SQUARE,
    },
    {
      type: 'Feature',
      properties: { name: 'Two fields', kind: 'sha', evidence: 'none', priority: 'medium' },
      geometry: TWO_TRIANGLES,
    },
  ],
};

const BAD = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: { name: 'fine', kind: 'sha' }, geometry: square(30, 48) },
    { type: 'Feature', properties: { name: 'no geometry', kind: 'sha' }, geometry: null },
    { type: 'Feature', properties: { name: 'bow tie', kind: 'sha' }, geometry: BOW_TIE },
    { type: 'Feature', properties: { name: 'open ring', kind: 'sha' }, geometry: OPEN_RING },
  ],
};

/** ogr2ogr driver, our format name, and the file name for each format. */
const FORMATS = [
  { driver: 'GPKG', format: 'gpkg', file: 'hazards.gpkg', lco: [] as string[] },
  { driver: 'ESRI Shapefile', format: 'shp', file: 'hazards.shp', lco: ['-lco', 'ENCODING=UTF-8'] },
  { driver: 'KML', format: 'kml', file: 'hazards.kml', lco: [] },
  { driver: 'CSV', format: 'csv', file: 'hazards.csv', lco: ['-lco', 'GEOMETRY=AS_WKT'] },
  { driver: 'GeoJSON', format: 'geojson', file: 'hazards.geojson', lco: [] },
] as const;

interface GeoFeature {
  readonly properties: Record<string, unknown>;
  readonly geometry: ArealGeometry;
}

let dir = '';
const data = () => join(dir, 'data');

async function cli(...args: string[]) {
  const r = await runCli(args);
  return r;
}

/** ogr2ogr to GeoJSON (RFC 7946 winding) and parse. */
function viaGdal(file: string): GeoFeature[] {
  const out = join(dir, `gdal-${Math.random().toString(36).slice(2)}.geojson`);
  execFileSync('ogr2ogr', ['-f', 'GeoJSON', '-lco', 'RFC7946=YES', out, file], { encoding: 'utf8' });
  return (JSON.parse(readFileSync(out, 'utf8')) as { features: GeoFeature[] }).features;
}

function vertices(g: ArealGeometry): string[] {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return polys
    .flat(2)
    .map((p) => `${p[0].toFixed(9)} ${p[1].toFixed(9)}`)
    .sort();
}

/** Same names, kinds, areas and vertex sets (to 1e-9°) as the fixture. */
function expectSameAsFixture(features: readonly GeoFeature[], label: string): void {
  // GDAL reads a KML placemark's <name> as the field `Name`.
  const byName = new Map(features.map((f) => [String(f.properties['name'] ?? f.properties['Name']), f]));
  expect([...byName.keys()].sort(), label).toEqual(FIXTURE.features.map((f) => f.properties.name).sort());
  for (const src of FIXTURE.features) {
    const got = byName.get(src.properties.name);
    expect(got?.properties['kind'], `${label}: ${src.properties.name} kind`).toBe(src.properties.kind);
    const g = got?.geometry as ArealGeometry;
    const want: ArealGeometry = src.geometry;
    expect(new Set(vertices(g)), `${label}: ${src.properties.name} vertices`).toEqual(
      new Set(vertices(want)),
    );
    expect(geodesicArea(g), `${label}: ${src.properties.name} area`).toBeCloseTo(geodesicArea(want), 3);
  }
}

describe.skipIf(version === undefined && process.env['CI'] !== 'true')(
  `GIS interchange against GDAL${version === undefined ? ` — skipped: ${SKIP_REASON}` : ` (${version})`}`,
  () => {
    beforeAll(async () => {
      if (version === undefined) throw new Error(`CI=true but ${SKIP_REASON}`);
      dir = mkdtempSync(join(tmpdir(), 'cairn-gdal-interchange-'));
      writeFileSync(join(dir, 'fixture.geojson'), JSON.stringify(FIXTURE));
      writeFileSync(join(dir, 'bad.geojson'), JSON.stringify(BAD));
      expect((await cli('init', '--data', data())).code).toBe(0);
      const r = await cli('import', 'hazards', join(dir, 'fixture.geojson'), '--data', data());
      expect(r.code, r.err).toBe(0);
    });
    afterAll(() => {
      if (dir !== '') rmSync(dir, { recursive: true, force: true });
    });

    it.each(FORMATS)(
      'cairn export --format $format opens in ogrinfo without warnings and ogr2ogr reads the same features',
      async ({ format, file }) => {
        const out = join(dir, `export-${format === 'shp' ? 'hazards.zip' : file}`);
        const r = await cli('export', 'hazards', '--format', format, '--out', out, '--data', data());
        expect(r.code, r.err).toBe(0);
        const src = format === 'shp' ? `/vsizip/${out}` : out;
        const info = execFileSync('ogrinfo', ['-ro', '-al', '-q', src], {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        // execFileSync returns stdout only; run again capturing stderr for warnings.
        const warnings = execFileSync('sh', ['-c', 'ogrinfo -ro -al -q "$0" 2>&1 >/dev/null', src], {
          encoding: 'utf8',
        });
        expect(warnings.trim(), `ogrinfo warnings on ${format}`).toBe('');
        expect(info).toContain('Поле біля школи');
        expectSameAsFixture(viaGdal(src), `export ${format} → ogr2ogr GeoJSON`);
      },
    );

    it.each(FORMATS)(
      'ogr2ogr -f "$driver" of the exported file imports back into a fresh data directory',
      async ({ driver, format, file, lco }) => {
        const ours = join(dir, `export-${format === 'shp' ? 'hazards.zip' : file}`);
        const sub = mkdtempSync(join(dir, `again-${format}-`));
        const converted = join(sub, file);
        execFileSync(
          'ogr2ogr',
          ['-f', driver, ...lco, converted, format === 'shp' ? `/vsizip/${ours}` : ours],
          { encoding: 'utf8' },
        );
        const d = join(sub, 'data');
        expect((await cli('init', '--data', d)).code).toBe(0);
        const r = await cli('import', 'hazards', converted, '--data', d, '--json');
        expect(r.code, r.out + r.err).toBe(0);
        expect((JSON.parse(r.out) as { imported: number }).imported).toBe(3);
        const listed = await cli(
          'export',
          'hazards',
          '--format',
          'geojson',
          '--out',
          join(sub, 'check.geojson'),
          '--data',
          d,
        );
        expect(listed.code, listed.err).toBe(0);
        expectSameAsFixture(
          (JSON.parse(readFileSync(join(sub, 'check.geojson'), 'utf8')) as { features: GeoFeature[] })
            .features,
          `${format} → ogr2ogr ${driver} → import`,
        );
      },
    );

    it.each(FORMATS.filter((f) => f.format !== 'geojson'))(
      'a $driver file ogr2ogr makes from a GeoJSON fixture imports correctly',
      async ({ driver, format, file, lco }) => {
        const sub = mkdtempSync(join(dir, `fixture-${format}-`));
        const converted = join(sub, file);
        execFileSync('ogr2ogr', ['-f', driver, ...lco, converted, join(dir, 'fixture.geojson')], {
          encoding: 'utf8',
        });
        const d = join(sub, 'data');
        expect((await cli('init', '--data', d)).code).toBe(0);
        const r = await cli('import', 'hazards', converted, '--data', d);
        expect(r.code, r.out + r.err).toBe(0);
        const out = join(sub, 'check.geojson');
        expect((await cli('export', 'hazards', '--format', 'geojson', '--out', out, '--data', d)).code).toBe(
          0,
        );
        expectSameAsFixture(
          (JSON.parse(readFileSync(out, 'utf8')) as { features: GeoFeature[] }).features,
          `ogr2ogr ${driver} → import`,
        );
      },
    );

    it.each(FORMATS.filter((f) => f.format !== 'kml'))(
      'bad geometries in a $driver file from ogr2ogr produce the report and write nothing',
      async ({ driver, format, file, lco }) => {
        const sub = mkdtempSync(join(dir, `bad-${format}-`));
        const converted = join(sub, file);
        // GDAL warns about the open ring and keeps it as it is.
        execFileSync('ogr2ogr', ['-f', driver, ...lco, converted, join(dir, 'bad.geojson')], {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        const d = join(sub, 'data');
        expect((await cli('init', '--data', d)).code).toBe(0);
        const reportFile = join(sub, 'report.json');
        const r = await cli('import', 'hazards', converted, '--data', d, '--report', reportFile);
        expect(r.code).toBe(1);
        expect(r.err).toContain('nothing was written');
        const report = JSON.parse(readFileSync(reportFile, 'utf8')) as {
          features: number;
          valid: number;
          entries: { index: number; code: string; rule: string; field: string }[];
        };
        expect(report.features).toBe(4);
        expect(report.valid).toBe(1);
        const byIndex = (i: number) => report.entries.filter((e) => e.index === i).map((e) => e.code);
        expect(byIndex(1)).toContain('GEOMETRY_NULL');
        expect(byIndex(2)).toContain('GEOMETRY_SELF_INTERSECTION');
        expect(byIndex(3)).toContain('GEOMETRY_RING_NOT_CLOSED');
        const out = join(sub, 'check.geojson');
        expect((await cli('export', 'hazards', '--format', 'geojson', '--out', out, '--data', d)).code).toBe(
          0,
        );
        expect((JSON.parse(readFileSync(out, 'utf8')) as { features: unknown[] }).features).toEqual([]);
      },
    );

    it('a dry run reports and writes nothing; importing the same file twice records it once', async () => {
      const sub = mkdtempSync(join(dir, 'twice-'));
      const d = join(sub, 'data');
      expect((await cli('init', '--data', d)).code).toBe(0);
      const dry = await cli('import', 'hazards', join(dir, 'fixture.geojson'), '--data', d, '--dry-run');
      expect(dry.code, dry.err).toBe(0);
      expect(dry.out).toContain('nothing was written');
      const first = await cli('import', 'hazards', join(dir, 'fixture.geojson'), '--data', d, '--json');
      const second = await cli('import', 'hazards', join(dir, 'fixture.geojson'), '--data', d, '--json');
      expect((JSON.parse(first.out) as { imported: number }).imported).toBe(3);
      expect(JSON.parse(second.out) as { imported: number; alreadyImported: number }).toMatchObject({
        imported: 0,
        alreadyImported: 3,
      });
    });
  },
);
