/**
 * `cairn geo …`: coordinate conversion, geometry validation, geodesic areas and
 * bearing-and-distance points, for field users and scripts.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { CairnError, type Problem } from '../core/index.js';
import {
  formatCoordinate,
  measure,
  parseBearing,
  parseCoordinate,
  parseFormat,
  pointAtBearing,
  validateBatch,
  type CoordinateFormat,
  type GeometryIssue,
} from '../geo/index.js';
import { printJson, type CliIo } from './io.js';
import type { RegisterCommands } from './registry.js';

function fail(code: Problem['code'], problems: readonly Problem[]): never {
  const first = problems[0];
  throw new CairnError(
    code,
    first ? `${first.path ? `${first.path}: ` : ''}${first.message}` : code,
    problems,
  );
}

function format(text: string, option: string): CoordinateFormat {
  const f = parseFormat(text);
  if (!f.ok) throw new CairnError('USAGE', `${option}: ${f.errors[0]?.message ?? 'unknown format'}`);
  return f.value;
}

/** Geometries of a GeoJSON document: a geometry, a Feature or a FeatureCollection. */
function geometriesOf(doc: unknown): { readonly label: string; readonly geometry: unknown }[] {
  if (typeof doc !== 'object' || doc === null) return [{ label: '', geometry: doc }];
  const d = doc as {
    type?: unknown;
    features?: unknown;
    geometry?: unknown;
    id?: unknown;
    properties?: unknown;
  };
  if (d.type === 'FeatureCollection' && Array.isArray(d.features)) {
    return (d.features as unknown[]).map((f, i) => {
      const feat = (typeof f === 'object' && f !== null ? f : {}) as { geometry?: unknown; id?: unknown };
      return {
        label: `features[${i}]${typeof feat.id === 'string' || typeof feat.id === 'number' ? ` (${String(feat.id)})` : ''}`,
        geometry: feat.geometry ?? null,
      };
    });
  }
  if (d.type === 'Feature') return [{ label: 'feature', geometry: d.geometry ?? null }];
  return [{ label: 'geometry', geometry: doc }];
}

async function readGeoJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new CairnError('NOT_FOUND', `cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new CairnError('VALIDATION_FORMAT', `${file} is not valid JSON`);
  }
}

function issueLine(i: GeometryIssue, label: string): string {
  const where = [label, i.path].filter((x) => x !== '').join(' ');
  return `${i.severity}\t${i.code}\t${where}\t${i.message}`;
}

function registerConvert(geo: Command, io: CliIo): void {
  geo
    .command('convert')
    .description('convert a coordinate: FMT is dd, dms, dmm, utm[:band|:hemisphere], mgrs[:1-5] or epsg:CODE')
    .argument('<value>', 'the coordinate; degrees as "LAT LON", projected pairs as "E N"')
    .requiredOption('--from <fmt>', 'input format')
    .requiredOption('--to <fmt>', 'output format')
    .option('--json', 'print {"lat","lon","text","crs"}')
    .action((value: string, opts: { from: string; to: string; json?: boolean }) => {
      const from = format(opts.from, '--from');
      const to = format(opts.to, '--to');
      const parsed = parseCoordinate(value, from);
      if (!parsed.ok) fail(parsed.errors[0]?.code ?? 'COORD_INVALID', parsed.errors);
      const out = formatCoordinate(parsed.value.point, to);
      if (!out.ok) fail(out.errors[0]?.code ?? 'COORD_INVALID', out.errors);
      if (opts.json === true)
        printJson(io, {
          lat: parsed.value.lat,
          lon: parsed.value.lon,
          text: out.value.text,
          crs: out.value.crs,
        });
      else io.out(`${out.value.text}\n`);
    });
}

function registerValidate(geo: Command, io: CliIo): void {
  geo
    .command('validate')
    .description('list every problem in a GeoJSON file; exit 1 if any is an error')
    .argument('<file>', 'a GeoJSON geometry, Feature or FeatureCollection')
    .option('--json', 'print the issues as JSON')
    .action(async (file: string, opts: { json?: boolean }) => {
      const items = geometriesOf(await readGeoJson(file));
      const report = validateBatch(items.map((i) => i.geometry));
      const labelled = report.issues.map((i) => {
        const m = /^\[(\d+)\]\.?(.*)$/.exec(i.path);
        const k = m === null ? 0 : Number(m[1]);
        return { ...i, path: m?.[2] ?? i.path, feature: items[k]?.label ?? '' };
      });
      const errors = labelled.filter((i) => i.severity === 'error').length;
      if (opts.json === true)
        printJson(io, { valid: errors === 0, features: items.length, issues: labelled });
      else {
        for (const i of labelled) io.out(`${issueLine(i, i.feature)}\n`);
        io.out(`${items.length} feature(s): ${errors} error(s), ${labelled.length - errors} warning(s)\n`);
      }
      if (errors > 0) process.exitCode = 1;
    });
}

function registerArea(geo: Command, io: CliIo): void {
  geo
    .command('area')
    .description('geodesic area (m²) and perimeter (m) of each polygon feature on WGS 84')
    .argument('<file>', 'a GeoJSON geometry, Feature or FeatureCollection')
    .option('--json', 'print JSON')
    .action(async (file: string, opts: { json?: boolean }) => {
      const items = geometriesOf(await readGeoJson(file));
      const report = validateBatch(items.map((i) => i.geometry));
      const rows = items.map((item, k) => {
        const g = report.geometries[k] ?? null;
        if (g === null) return { feature: item.label, error: 'invalid geometry; run cairn geo validate' };
        if (g.type !== 'Polygon' && g.type !== 'MultiPolygon')
          return { feature: item.label, error: `${g.type} has no area` };
        const m = measure(g);
        return { feature: item.label, areaM2: m.area, perimeterM: m.perimeter, areaHa: m.area / 10000 };
      });
      if (opts.json === true) printJson(io, rows);
      else {
        for (const r of rows) {
          io.out(
            'error' in r
              ? `${r.feature}\t${r.error}\n`
              : `${r.feature}\t${r.areaM2.toFixed(3)} m²\t${r.perimeterM.toFixed(3)} m\t${r.areaHa.toFixed(4)} ha\n`,
          );
        }
      }
      if (rows.some((r) => 'error' in r)) process.exitCode = 1;
    });
}

function registerPoint(geo: Command, io: CliIo): void {
  geo
    .command('point')
    .description('the point at a bearing and distance from a reference point (geodesic, WGS 84)')
    .argument('<value>', 'the reference point')
    .option('--format <fmt>', 'format of VALUE and of the output', 'dd')
    .requiredOption(
      '--bearing <b>',
      'degrees true (45), grid (45grid, UTM zone of VALUE) or NATO mils (1600mil)',
    )
    .requiredOption('--distance <m>', 'ground distance in metres')
    .option('--json', 'print {"lat","lon","text","crs"}')
    .action((value: string, opts: { format: string; bearing: string; distance: string; json?: boolean }) => {
      const f = format(opts.format, '--format');
      const b = parseBearing(opts.bearing);
      if (!b.ok) throw new CairnError('USAGE', `--bearing: ${b.errors[0]?.message ?? 'invalid'}`, b.errors);
      if (!/^\d+(\.\d+)?$/.test(opts.distance.trim()))
        throw new CairnError('USAGE', '--distance: a non-negative number of metres');
      const ref = parseCoordinate(value, f);
      if (!ref.ok) fail(ref.errors[0]?.code ?? 'COORD_INVALID', ref.errors);
      const p = pointAtBearing(ref.value.point, b.value, Number(opts.distance));
      if (!p.ok) fail(p.errors[0]?.code ?? 'COORD_INVALID', p.errors);
      const out = formatCoordinate(p.value, f);
      if (!out.ok) fail(out.errors[0]?.code ?? 'COORD_INVALID', out.errors);
      if (opts.json === true)
        printJson(io, { lat: p.value.lat, lon: p.value.lon, text: out.value.text, crs: out.value.crs });
      else io.out(`${out.value.text}\n`);
    });
}

/** Register `cairn geo convert|validate|area|point`. */
export const registerGeoCommands: RegisterCommands = (program, io) => {
  const geo = program.command('geo').description('coordinates, geometry validation and geodesic measures');
  registerConvert(geo, io);
  registerValidate(geo, io);
  registerArea(geo, io);
  registerPoint(geo, io);
};
