import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './cli.testkit.js';

afterEach(() => {
  process.exitCode = undefined;
});

/** SYNTHETIC TEST DATA: squares at made-up places. */
const square = (x: number, y: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + 0.01, y],
      [x + 0.01, y + 0.01],
      [x, y + 0.01],
      [x, y],
    ],
  ],
});
const fc = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });

let dir = '';
let d: string[] = [];
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cairn-interchange-cli-'));
  d = ['--data', join(dir, 'd')];
  expect((await runCli(['init', ...d])).code).toBe(0);
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('cairn import', () => {
  it('refuses a file with a bad feature, writes the report and nothing else', async () => {
    const file = join(dir, 'bad.geojson');
    writeFileSync(
      file,
      fc([
        { type: 'Feature', properties: { name: 'SYNTHETIC ok', kind: 'sha' }, geometry: square(10, 10) },
        {
          type: 'Feature',
          id: 'x7',
          properties: { name: 'SYNTHETIC missing shape', kind: 'sha' },
          geometry: null,
        },
      ]),
    );
    const report = join(dir, 'report.json');
    const r = await runCli(['import', 'hazards', file, ...d, '--report', report]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('nothing was written');
    const rep = JSON.parse(readFileSync(report, 'utf8')) as {
      valid: number;
      errors: number;
      entries: { index: number; sourceId: string; code: string; field: string }[];
    };
    expect(rep.valid).toBe(1);
    expect(rep.entries.filter((e) => e.code === 'GEOMETRY_NULL')).toEqual([
      expect.objectContaining({ index: 1, sourceId: 'x7', field: 'geometry' }),
    ]);
    const out = join(dir, 'after.geojson');
    expect((await runCli(['export', 'hazards', '--format', 'geojson', '--out', out, ...d])).code).toBe(0);
    expect((JSON.parse(readFileSync(out, 'utf8')) as { features: unknown[] }).features).toEqual([]);
  });

  it('imports a clean file once; a dry run writes nothing', async () => {
    const file = join(dir, 'good.geojson');
    writeFileSync(
      file,
      fc([
        {
          type: 'Feature',
          properties: { name: 'SYNTHETIC field', kind: 'sha', evidence: 'indirect' },
          geometry: square(11, 10),
        },
      ]),
    );
    const dry = await runCli(['import', 'hazards', file, ...d, '--dry-run', '--json']);
    expect(dry.code, dry.err).toBe(0);
    expect(JSON.parse(dry.out)).toMatchObject({ imported: 0, dryRun: true });
    const first = await runCli(['import', 'hazards', file, ...d, '--json']);
    expect(JSON.parse(first.out)).toMatchObject({ imported: 1, alreadyImported: 0 });
    const again = await runCli(['import', 'hazards', file, ...d, '--json']);
    expect(JSON.parse(again.out)).toMatchObject({ imported: 0, alreadyImported: 1 });
  });

  it('refuses a collection that cannot be imported, naming those that can', async () => {
    const file = join(dir, 'good.geojson');
    const r = await runCli(['import', 'devices', file, ...d]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('importable: hazards');
  });
});

describe('cairn export', () => {
  it('refuses GeoJSON in a projected CRS and a malformed bbox', async () => {
    const crs = await runCli([
      'export',
      'hazards',
      '--format',
      'geojson',
      '--out',
      join(dir, 'x.geojson'),
      '--crs',
      'EPSG:3067',
      ...d,
    ]);
    expect(crs.code).toBe(1);
    expect(crs.err).toContain('INTERCHANGE_CRS_UNSUPPORTED');
    const bbox = await runCli([
      'export',
      'hazards',
      '--format',
      'csv',
      '--out',
      join(dir, 'x.csv'),
      '--bbox',
      '10,10,11',
      ...d,
    ]);
    expect(bbox.code).toBe(2);
  });

  it('exports only the features inside --bbox', async () => {
    const out = join(dir, 'box.csv');
    expect(
      (
        await runCli([
          'export',
          'hazards',
          '--format',
          'csv',
          '--out',
          out,
          '--bbox',
          '10.9,9.9,11.2,10.2',
          ...d,
        ])
      ).code,
    ).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\r\n');
    expect(lines.length).toBe(2);
    expect(lines[0]?.startsWith('WKT,')).toBe(true);
    expect(lines[1]).toContain('SYNTHETIC field');
  });
});
