/** `cairn export` and `cairn import`: GIS files in and out (docs/interchange.md). */
import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { SYSTEM_ACTOR } from '../access/index.js';
import { CairnError, problem } from '../core/index.js';
import { parseCrsCode, supportedCrsCodes, type BBox } from '../geo/index.js';
import { accessFilter, defaultCollections } from '../http/index.js';
import {
  FORMATS,
  PRJ_EPSG_CODES,
  docPages,
  exportFeatures,
  fileDigest,
  importCommand,
  importableCollections,
  prepareImport,
  readFeatures,
  refusalEntries,
  type Format,
  type ReportEntry,
  type SourceCrs,
  type ValidationReport,
} from '../interchange/index.js';
import { storeChoice, withCairn } from './context.js';
import { printJson, type CliIo } from './io.js';
import type { RegisterCommands } from './registry.js';
import { refuse, resolveActor, withActor, withData, type DataOpts } from './shared.js';

function parseBboxOption(text: string): BBox {
  const n = text.split(',').map((s) => (s.trim() === '' ? NaN : Number(s)));
  const [w, s, e, no] = n;
  if (
    n.length !== 4 ||
    w === undefined ||
    s === undefined ||
    e === undefined ||
    no === undefined ||
    n.some((x) => !Number.isFinite(x))
  ) {
    throw new CairnError('USAGE', `--bbox takes minLon,minLat,maxLon,maxLat in WGS 84, got "${text}"`);
  }
  if (Math.abs(s) > 90 || Math.abs(no) > 90 || s > no || Math.abs(w) > 180 || Math.abs(e) > 180)
    throw new CairnError(
      'USAGE',
      `--bbox latitudes must lie within ±90 and longitudes within ±180, south before north: "${text}"`,
    );
  return [w, s, e, no];
}

/** An EPSG number from a --crs value, or a CRS_UNKNOWN refusal listing the codes `supported`. */
function epsgOf(text: string, what: string, supported: readonly string[]): number {
  const c = parseCrsCode(text);
  if (!c.ok)
    refuse(what, [
      problem('CRS_UNKNOWN', what, `CRS "${text}" is not supported; use one of ${supported.join(', ')}`, {
        value: text,
        supported,
      }),
    ]);
  return c.value === 'OGC:CRS84' ? 4326 : Number(c.value.slice('EPSG:'.length));
}

function printReport(io: CliIo, r: ValidationReport): void {
  io.out(
    `${r.file}: ${r.features} feature(s) read as ${r.format} in ${r.crs}; ${r.valid} valid, ${r.errors} error(s), ${r.warnings} warning(s)\n`,
  );
  for (const e of r.entries.slice(0, 200))
    io.out(
      `  feature ${e.index}${e.sourceId === null ? '' : ` (id ${e.sourceId})`} ${e.field}: ${e.severity} ${e.rule}: ${e.message} [${e.code}]\n`,
    );
  if (r.entries.length > 200)
    io.out(`  … and ${r.entries.length - 200} more (write them all with --report FILE)\n`);
}

export const registerInterchangeCommands: RegisterCommands = (program: Command, io: CliIo) => {
  withActor(withData(program.command('export'), io))
    .description(
      'write a collection\u2019s features you may see to a GIS file (gpkg, kml, shp, csv, geojson)',
    )
    .argument(
      '<collection>',
      `one of: ${defaultCollections()
        .map((c) => c.id)
        .join(', ')}`,
    )
    .requiredOption('--format <format>', FORMATS.join(' | '))
    .requiredOption(
      '--out <file>',
      'output file (shp: a .zip of .shp/.shx/.dbf/.prj/.cpg, or a .shp with its sidecars)',
    )
    .option('--bbox <minLon,minLat,maxLon,maxLat>', 'only features whose box meets this WGS 84 box')
    .option(
      '--crs <code>',
      'output CRS, e.g. EPSG:3346 (gpkg, shp with its .prj, csv with a .prj beside it; geojson and kml are WGS 84 only)',
      'EPSG:4326',
    )
    .option('--json', 'print JSON')
    .action(
      async (
        collection: string,
        o: DataOpts & { format: string; out: string; bbox?: string; crs: string },
      ) => {
        const spec = defaultCollections().find((c) => c.id === collection);
        if (spec === undefined)
          throw new CairnError(
            'NOT_FOUND',
            `no collection "${collection}"; collections: ${defaultCollections()
              .map((c) => c.id)
              .join(', ')}`,
          );
        if (!(FORMATS as readonly string[]).includes(o.format))
          throw new CairnError(
            'INTERCHANGE_FORMAT_UNKNOWN',
            `--format must be one of ${FORMATS.join(', ')}, got "${o.format}"`,
          );
        const bbox = o.bbox === undefined ? undefined : parseBboxOption(o.bbox);
        const epsg = epsgOf(
          o.crs,
          '--crs',
          PRJ_EPSG_CODES.map((n) => `EPSG:${n}`),
        );
        const r = await withCairn(o.data, storeChoice(o, io), async (app) => {
          const actor = await resolveActor(app, o.as, SYSTEM_ACTOR);
          const where = accessFilter(spec, actor);
          const pages = docPages(
            app.store,
            { collection: spec.source, where, ...(bbox ? { bbox } : {}) },
            (d) => spec.mayRead?.(actor, d) ?? true,
          );
          return exportFeatures(pages, { format: o.format as Format, out: o.out, layer: spec.id, epsg });
        });
        if (!r.ok) refuse(`export of ${collection}`, r.errors);
        if (o.json === true) printJson(io, r.value);
        else {
          io.out(
            `wrote ${r.value.features} feature(s) of ${collection} to ${o.out} (${o.format}, EPSG:${r.value.epsg}, ${r.value.fields.length} field(s))\n`,
          );
          for (const w of r.value.warnings) io.out(`  warning: ${w}\n`);
        }
      },
    );

  withActor(withData(program.command('import'), io))
    .description(
      'import a GIS file into a collection: every feature checked, a report of each problem, all or nothing',
    )
    .argument(
      '<collection>',
      `one of: ${importableCollections()
        .map((c) => c.collection)
        .join(', ')}`,
    )
    .argument(
      '<file>',
      '.gpkg, .kml, .shp (or a .zip holding one), .csv (WKT or longitude/latitude columns), .geojson',
    )
    .option('--format <format>', `read as this format instead of guessing (${FORMATS.join(' | ')})`)
    .option('--layer <name>', 'GeoPackage layer (default: the first feature table)')
    .option(
      '--crs <code>',
      'the file\u2019s CRS when it states none or a wrong one (CSV coordinates are taken as EPSG:4326 otherwise)',
    )
    .option('--report <file>', 'write the validation report (every feature\u2019s problems) as JSON')
    .option('--dry-run', 'check and report only; write nothing')
    .option('--json', 'print JSON')
    .action(
      async (
        collection: string,
        file: string,
        o: DataOpts & { format?: string; layer?: string; crs?: string; report?: string; dryRun?: boolean },
      ) => {
        const read = await readFeatures(file, {
          ...(o.format === undefined ? {} : { format: o.format }),
          ...(o.layer === undefined ? {} : { layer: o.layer }),
        });
        if (!read.ok) refuse(`import of ${file}`, read.errors);
        const sourceCrs: SourceCrs | undefined =
          o.crs === undefined
            ? undefined
            : { kind: 'epsg', code: epsgOf(o.crs, '--crs', supportedCrsCodes()) };
        const prepared = prepareImport(
          collection,
          basename(file),
          read.value,
          sourceCrs === undefined ? {} : { sourceCrs },
        );
        if (!prepared.ok) refuse(`import of ${file}`, prepared.errors);
        let report = prepared.value.report;
        const writeReport = (r: ValidationReport) => {
          if (o.report !== undefined) writeFileSync(o.report, `${JSON.stringify(r, null, 2)}\n`);
        };
        const finish = (r: ValidationReport, extra: Record<string, unknown>) => {
          writeReport(r);
          if (o.json === true) printJson(io, { ...extra, report: r });
          else printReport(io, r);
        };
        if (report.errors > 0) {
          finish(report, { imported: 0 });
          throw new CairnError(
            report.entries.find((e) => e.severity === 'error')?.code ?? 'GEOMETRY_INVALID',
            `import of ${file} refused: ${report.errors} error(s) in ${report.features - report.valid} feature(s); nothing was written${o.report === undefined ? '' : ` (report: ${o.report})`}`,
          );
        }
        if (o.dryRun === true) {
          finish(report, { imported: 0, dryRun: true });
          if (o.json !== true)
            io.out(`dry run: ${report.valid} feature(s) would be imported; nothing was written\n`);
          return;
        }
        const sha256 = fileDigest(file);
        const cmd = importCommand(collection, prepared.value, { name: basename(file), sha256 });
        const done = await withCairn(o.data, storeChoice(o, io), async (app) =>
          app.execute(cmd, await resolveActor(app, o.as, SYSTEM_ACTOR)),
        );
        if (!done.ok) {
          const entries: ReportEntry[] = refusalEntries(done.errors, prepared.value);
          report = {
            ...report,
            valid: 0,
            errors: report.errors + entries.length,
            entries: [...report.entries, ...entries],
          };
          writeReport(report);
          refuse(`import of ${file}`, done.errors);
        }
        const imported = Number(done.value.result['imported'] ?? 0);
        // Features whose hazard id (from the file's digest and their index) already exists.
        const alreadyImported = report.valid - imported;
        finish(report, { imported, alreadyImported, sha256 });
        if (o.json !== true)
          io.out(
            `imported ${imported} feature(s) into ${collection}${alreadyImported > 0 ? `; ${alreadyImported} were already imported from this file and were not written again` : ''} (sha256 ${sha256})\n`,
          );
      },
    );
};
