/** Reading a file in any of the formats: detected by extension, confirmed by its first bytes. */
import { closeSync, openSync, readSync } from 'node:fs';
import { extname } from 'node:path';
import { err, ok, problem, type Result } from '../core/index.js';
import { readGpkg } from './gpkg.js';
import { readKml } from './kml.js';
import { readShp } from './shp.js';
import { readCsv, readGeojson } from './text-formats.js';
import { FORMATS, type Format, type ReadLayer } from './types.js';

const BY_EXTENSION: Readonly<Record<string, Format>> = {
  '.gpkg': 'gpkg',
  '.kml': 'kml',
  '.shp': 'shp',
  '.zip': 'shp',
  '.csv': 'csv',
  '.geojson': 'geojson',
  '.json': 'geojson',
};

function head(file: string, n: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    const b = Buffer.alloc(n);
    const got = readSync(fd, b, 0, n, 0);
    return b.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}

/** What the first bytes say the file is, if they say anything. */
function sniff(b: Buffer): Format | undefined {
  if (b.toString('latin1', 0, 16) === 'SQLite format 3\u0000') return 'gpkg';
  if (b.length >= 4 && b.readUInt32BE(0) === 0x504b0304) return 'shp';
  if (b.length >= 4 && b.readInt32BE(0) === 9994) return 'shp';
  const text = b
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (text.startsWith('{')) return 'geojson';
  if (text.startsWith('<')) return /<kml[\s>]/.test(text) || text.startsWith('<?xml') ? 'kml' : undefined;
  return undefined;
}

/**
 * The format of a file: `declared` if given, else its extension, checked against its first bytes
 * (a GeoPackage named .json is refused rather than misread).
 */
export function detectFormat(file: string, declared?: string): Result<Format> {
  if (declared !== undefined) {
    return (FORMATS as readonly string[]).includes(declared)
      ? ok(declared as Format)
      : err([
          problem(
            'INTERCHANGE_FORMAT_UNKNOWN',
            'format',
            `format must be one of ${FORMATS.join(', ')}, got "${declared}"`,
          ),
        ]);
  }
  const byExt = BY_EXTENSION[extname(file).toLowerCase()];
  let sniffed: Format | undefined;
  try {
    sniffed = sniff(head(file, 512));
  } catch (e) {
    return err([
      problem(
        'INTERCHANGE_FILE_UNREADABLE',
        'file',
        `cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`,
      ),
    ]);
  }
  if (byExt === undefined && sniffed === undefined) {
    return err([
      problem(
        'INTERCHANGE_FORMAT_UNKNOWN',
        'file',
        `cannot tell the format of ${file} from its name or its first bytes; name it .gpkg, .kml, .shp/.zip, .csv or .geojson`,
      ),
    ]);
  }
  // CSV has no signature; a text file named .csv is taken as CSV.
  if (byExt !== undefined && sniffed !== undefined && byExt !== sniffed) {
    return err([
      problem(
        'INTERCHANGE_FORMAT_UNKNOWN',
        'file',
        `${file} is named as ${byExt} but its content looks like ${sniffed}`,
      ),
    ]);
  }
  return ok(byExt ?? (sniffed as Format));
}

/** Read every feature of a file. Unreadable files are refused with the reader's reason. */
export async function readFeatures(
  file: string,
  opts: { readonly format?: string; readonly layer?: string } = {},
): Promise<Result<ReadLayer>> {
  const format = detectFormat(file, opts.format);
  if (!format.ok) return format;
  try {
    switch (format.value) {
      case 'gpkg':
        return ok(readGpkg(file, opts.layer));
      case 'kml':
        return ok(readKml(file));
      case 'shp':
        return ok(await readShp(file));
      case 'csv':
        return readCsv(file);
      case 'geojson':
        return ok(readGeojson(file));
    }
  } catch (e) {
    return err([
      problem(
        'INTERCHANGE_FILE_UNREADABLE',
        'file',
        `${file} cannot be read as ${format.value}: ${e instanceof Error ? e.message : String(e)}`,
      ),
    ]);
  }
}
