/**
 * ESRI Shapefile (ESRI White Paper J-7855, 1998) with a dBASE III table, a .prj and a .cpg
 * saying UTF-8. Read with the `shapefile` package; written here (docs/decisions.md: the npm
 * writers split polygons and multipolygons into two layers and write attribute bytes as
 * Latin-1). A `.zip` output bundles the five files with fflate; a `.shp` output writes them
 * beside each other.
 */
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join } from 'node:path';
import { Zip, ZipDeflate, unzipSync } from 'fflate';
import { open as openShapefile } from 'shapefile';
import type { JsonValue } from '../core/index.js';
import type { Geometry, Position } from '../geo/index.js';
import { epsgOfEsriName } from './prj.js';
import { envelope } from './wkb.js';
import type {
  FeatureWriter,
  Field,
  InFeature,
  LayerInfo,
  OutFeature,
  ReadLayer,
  SourceCrs,
} from './types.js';

/** ESRI WKT of WGS 84, as GDAL writes it to a .prj. */
export const WGS84_PRJ =
  'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

export type ShapeFamily = 'point' | 'multipoint' | 'line' | 'polygon';
const SHAPE_TYPE: Record<ShapeFamily, number> = { point: 1, line: 3, polygon: 5, multipoint: 8 };

/** The Shapefile family of a geometry type (a file holds one family). */
export function shapeFamily(type: Geometry['type']): ShapeFamily {
  switch (type) {
    case 'Point':
      return 'point';
    case 'MultiPoint':
      return 'multipoint';
    case 'LineString':
    case 'MultiLineString':
      return 'line';
    case 'Polygon':
    case 'MultiPolygon':
      return 'polygon';
  }
}

/**
 * dBASE field names: at most 10 ASCII bytes, unique. Over-long names are cut to 10 and a clash
 * gets `_1`, `_2`… in its last characters, as GDAL does, so files from either tool map back alike.
 */
export function dbfFieldNames(names: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const taken = new Set<string>();
  for (const n of names) {
    const base = n.replace(/[^\x21-\x7e]/g, '_').slice(0, 10);
    let name = base;
    for (let i = 1; taken.has(name.toUpperCase()); i++)
      name = `${base.slice(0, 10 - String(i).length - 1)}_${i}`;
    taken.add(name.toUpperCase());
    out.set(n, name);
  }
  return out;
}

function signedArea2(r: readonly Position[]): number {
  let s = 0;
  for (let i = 0; i + 1 < r.length; i++) {
    const a = r[i] as Position;
    const b = r[i + 1] as Position;
    s += a[0] * b[1] - b[0] * a[1];
  }
  return s;
}

/** Parts of a shape: Shapefile polygons wind outer rings clockwise and holes anticlockwise. */
function parts(g: Geometry): Position[][] {
  const orient = (r: readonly Position[], clockwise: boolean): Position[] =>
    signedArea2(r) < 0 === clockwise ? [...r] : [...r].reverse();
  switch (g.type) {
    case 'Point':
      return [[g.coordinates]];
    case 'MultiPoint':
      return [[...g.coordinates]];
    case 'LineString':
      return [[...g.coordinates]];
    case 'MultiLineString':
      return g.coordinates.map((l) => [...l]);
    case 'Polygon':
      return g.coordinates.map((r, i) => orient(r, i === 0));
    case 'MultiPolygon':
      return g.coordinates.flatMap((p) => p.map((r, i) => orient(r, i === 0)));
  }
}

function shapeRecord(g: Geometry | null, family: ShapeFamily): Buffer {
  if (g === null) {
    const b = Buffer.alloc(4);
    b.writeInt32LE(0, 0);
    return b;
  }
  if (family === 'point' && g.type === 'Point') {
    const b = Buffer.alloc(20);
    b.writeInt32LE(1, 0);
    b.writeDoubleLE(g.coordinates[0], 4);
    b.writeDoubleLE(g.coordinates[1], 12);
    return b;
  }
  const ps = parts(g);
  const n = ps.reduce((k, p) => k + p.length, 0);
  const [minX, maxX, minY, maxY] = envelope(g);
  const multipoint = family === 'multipoint';
  const b = Buffer.alloc(40 + (multipoint ? 0 : 4 + 4 * ps.length) + 16 * n);
  b.writeInt32LE(SHAPE_TYPE[family], 0);
  [minX, minY, maxX, maxY].forEach((v, i) => b.writeDoubleLE(v, 4 + 8 * i));
  let o = 36;
  if (!multipoint) {
    b.writeInt32LE(ps.length, o);
    b.writeInt32LE(n, o + 4);
    o += 8;
    let start = 0;
    for (const p of ps) {
      b.writeInt32LE(start, o);
      o += 4;
      start += p.length;
    }
  } else {
    b.writeInt32LE(n, o);
    o += 4;
  }
  for (const p of ps)
    for (const q of p) {
      b.writeDoubleLE(q[0], o);
      b.writeDoubleLE(q[1], o + 8);
      o += 16;
    }
  return b;
}

interface DbfField {
  readonly field: Field;
  readonly dbfName: string;
  readonly type: 'C' | 'N' | 'L';
  readonly width: number;
  readonly decimals: number;
}

function dbfFields(fields: readonly Field[], widths: ReadonlyMap<string, number>): DbfField[] {
  const names = dbfFieldNames(fields.map((f) => f.name));
  return fields.map((field) => {
    const dbfName = names.get(field.name) ?? field.name;
    switch (field.type) {
      case 'string':
        return {
          field,
          dbfName,
          type: 'C',
          width: Math.max(1, Math.min(254, widths.get(field.name) ?? 1)),
          decimals: 0,
        };
      case 'integer':
        return { field, dbfName, type: 'N', width: 18, decimals: 0 };
      case 'number':
        return { field, dbfName, type: 'N', width: 24, decimals: 15 };
      case 'boolean':
        return { field, dbfName, type: 'L', width: 1, decimals: 0 };
    }
  });
}

/** Cut UTF-8 bytes to `max` without splitting a character. */
function cutUtf8(s: string, max: number): { bytes: Buffer; cut: boolean } {
  const b = Buffer.from(s, 'utf8');
  if (b.length <= max) return { bytes: b, cut: false };
  let end = max;
  while (end > 0 && ((b[end] as number) & 0xc0) === 0x80) end--;
  return { bytes: b.subarray(0, end), cut: true };
}

/** Write a Shapefile to `file` (.shp: beside it; .zip: bundled). `widths`: longest text per field, in UTF-8 bytes. */
export function shpWriter(
  file: string,
  layer: LayerInfo,
  family: ShapeFamily,
  widths: ReadonlyMap<string, number>,
  prj: string | undefined,
): FeatureWriter {
  const zipped = extname(file).toLowerCase() === '.zip';
  const dir = zipped ? mkdtempSync(join(tmpdir(), 'cairn-shp-')) : dirname(file);
  const stem = zipped ? layer.name : basename(file, extname(file));
  const path = (ext: string) => join(dir, `${stem}.${ext}`);
  const shp = openSync(path('shp'), 'w');
  const shx = openSync(path('shx'), 'w');
  const dbf = openSync(path('dbf'), 'w');
  const fields = dbfFields(layer.fields, widths);
  const recordLength = 1 + fields.reduce((n, f) => n + f.width, 0);
  const header = (len: number) => Buffer.alloc(len);
  // Headers are rewritten at close, once the counts and the box are known.
  writeSync(shp, header(100));
  writeSync(shx, header(100));
  const dbfHeaderLength = 32 + 32 * fields.length + 1;
  writeSync(dbf, header(dbfHeaderLength));
  let shpOffset = 100;
  let count = 0;
  const box = [Infinity, Infinity, -Infinity, -Infinity];
  const warnings: string[] = [];

  const dbfRecord = (f: OutFeature): Buffer => {
    const b = Buffer.alloc(recordLength, 0x20);
    let o = 1;
    for (const d of fields) {
      const v = f.properties[d.field.name];
      if (v !== null && v !== undefined) {
        if (d.type === 'L') b.write(v === true ? 'T' : 'F', o, 'latin1');
        else if (d.type === 'N') {
          const t =
            typeof v === 'number' ? (d.decimals === 0 ? v.toFixed(0) : v.toFixed(d.decimals)) : String(v);
          b.write(t.slice(0, d.width).padStart(d.width, ' '), o, 'latin1');
        } else {
          const { bytes, cut } = cutUtf8(String(v), d.width);
          if (cut)
            warnings.push(
              `feature ${f.id}: field ${d.field.name} is longer than the 254 bytes a Shapefile text field holds and was cut`,
            );
          bytes.copy(b, o);
        }
      } else if (d.type === 'L') b.write('?', o, 'latin1');
      o += d.width;
    }
    return b;
  };

  return {
    write(batch) {
      const shpParts: Buffer[] = [];
      const shxParts: Buffer[] = [];
      const dbfParts: Buffer[] = [];
      for (const f of batch) {
        if (f.geometry !== null && shapeFamily(f.geometry.type) !== family)
          throw new Error(`feature ${f.id} is a ${f.geometry.type}; this Shapefile holds ${family} shapes`);
        const content = shapeRecord(f.geometry, family);
        const head = Buffer.alloc(8);
        head.writeInt32BE(++count, 0);
        head.writeInt32BE(content.length / 2, 4);
        const idx = Buffer.alloc(8);
        idx.writeInt32BE(shpOffset / 2, 0);
        idx.writeInt32BE(content.length / 2, 4);
        shpParts.push(head, content);
        shxParts.push(idx);
        dbfParts.push(dbfRecord(f));
        shpOffset += 8 + content.length;
        if (f.geometry !== null) {
          const [minX, maxX, minY, maxY] = envelope(f.geometry);
          box[0] = Math.min(box[0] as number, minX);
          box[1] = Math.min(box[1] as number, minY);
          box[2] = Math.max(box[2] as number, maxX);
          box[3] = Math.max(box[3] as number, maxY);
        }
      }
      writeSync(shp, Buffer.concat(shpParts));
      writeSync(shx, Buffer.concat(shxParts));
      writeSync(dbf, Buffer.concat(dbfParts));
      return Promise.resolve();
    },
    async close() {
      const mainHeader = (lengthBytes: number): Buffer => {
        const h = Buffer.alloc(100);
        h.writeInt32BE(9994, 0);
        h.writeInt32BE(lengthBytes / 2, 24);
        h.writeInt32LE(1000, 28);
        h.writeInt32LE(SHAPE_TYPE[family], 32);
        const b = Number.isFinite(box[0]) ? box : [0, 0, 0, 0];
        b.forEach((v, i) => h.writeDoubleLE(v, 36 + 8 * i));
        return h;
      };
      writeSync(shp, mainHeader(shpOffset), 0, 100, 0);
      writeSync(shx, mainHeader(100 + 8 * count), 0, 100, 0);
      const h = Buffer.alloc(dbfHeaderLength);
      const now = new Date();
      h.writeUInt8(0x03, 0);
      h.writeUInt8(now.getUTCFullYear() - 1900, 1);
      h.writeUInt8(now.getUTCMonth() + 1, 2);
      h.writeUInt8(now.getUTCDate(), 3);
      h.writeUInt32LE(count, 4);
      h.writeUInt16LE(dbfHeaderLength, 8);
      h.writeUInt16LE(recordLength, 10);
      // Language driver id 0: the .cpg names the encoding.
      fields.forEach((d, i) => {
        const o = 32 + 32 * i;
        h.write(d.dbfName, o, 'latin1');
        h.write(d.type, o + 11, 'latin1');
        h.writeUInt8(d.width, o + 16);
        h.writeUInt8(d.decimals, o + 17);
      });
      h.writeUInt8(0x0d, dbfHeaderLength - 1);
      writeSync(dbf, h, 0, dbfHeaderLength, 0);
      writeSync(dbf, Buffer.from([0x1a]));
      closeSync(shp);
      closeSync(shx);
      closeSync(dbf);
      writeFileSync(path('prj'), prj ?? WGS84_PRJ);
      writeFileSync(path('cpg'), 'UTF-8');
      if (zipped) {
        try {
          await zipFiles(
            file,
            ['shp', 'shx', 'dbf', 'prj', 'cpg'].map((e) => ({ name: `${stem}.${e}`, path: path(e) })),
          );
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }
      return warnings;
    },
  };
}

/** Zip files into `out`, streaming each file through fflate in 1 MiB chunks. */
async function zipFiles(out: string, files: readonly { name: string; path: string }[]): Promise<void> {
  const fd = openSync(out, 'w');
  try {
    await new Promise<void>((resolve, reject) => {
      const zip = new Zip((error, chunk, final) => {
        if (error !== null) {
          reject(error);
          return;
        }
        writeSync(fd, chunk);
        if (final) resolve();
      });
      for (const f of files) {
        const entry = new ZipDeflate(f.name, { level: 6 });
        zip.add(entry);
        const src = openSync(f.path, 'r');
        const buf = Buffer.alloc(1 << 20);
        try {
          for (;;) {
            const n = readSyncChunk(src, buf);
            if (n === 0) break;
            entry.push(buf.subarray(0, n));
          }
        } finally {
          closeSync(src);
        }
        entry.push(new Uint8Array(0), true);
      }
      zip.end();
    });
  } finally {
    closeSync(fd);
  }
}

function readSyncChunk(fd: number, buf: Buffer): number {
  return readSync(fd, buf, 0, buf.length, null);
}

/**
 * Where a .prj's WKT points: WGS 84, an EPSG code it names (an AUTHORITY, or the ESRI name of a
 * system Cairn ships, as ArcGIS, QGIS and Cairn write them), or the WKT itself for proj4.
 */
export function crsOfPrj(wkt: string | undefined): SourceCrs {
  if (wkt === undefined || wkt.trim() === '') return { kind: 'wgs84' };
  const epsg = /AUTHORITY\s*\[\s*"EPSG"\s*,\s*"?(\d+)"?\s*\]\s*\]\s*$/i.exec(wkt.trim());
  if (epsg !== null && !/^\s*(GEOG|GEOD)CS/i.test(wkt)) return { kind: 'epsg', code: Number(epsg[1]) };
  const named = epsgOfEsriName(wkt);
  if (named !== undefined) return { kind: 'epsg', code: named };
  if (/^\s*GEOGCS\s*\[/i.test(wkt) && /WGS[ _]?(19)?84/i.test(wkt) && !/PROJCS/i.test(wkt))
    return { kind: 'wgs84' };
  if (epsg !== null) return { kind: 'epsg', code: Number(epsg[1]) };
  return { kind: 'wkt', wkt };
}

/** Read a Shapefile from a .shp (sidecars beside it) or a .zip holding one. */
export async function readShp(file: string): Promise<ReadLayer> {
  let shp: Uint8Array;
  let dbf: Uint8Array | undefined;
  let prj: string | undefined;
  let cpg: string | undefined;
  if (extname(file).toLowerCase() === '.zip') {
    const entries = unzipSync(readFileSync(file));
    const names = Object.keys(entries).filter((n) => !n.startsWith('__MACOSX/'));
    const shpName = names.filter((n) => n.toLowerCase().endsWith('.shp'));
    if (shpName.length !== 1 || shpName[0] === undefined)
      throw new Error(`the zip must hold exactly one .shp, it holds ${shpName.length}`);
    const stem = shpName[0].slice(0, -4);
    const side = (ext: string) => {
      const n = names.find((x) => x.toLowerCase() === `${stem}.${ext}`.toLowerCase());
      return n === undefined ? undefined : entries[n];
    };
    shp = entries[shpName[0]] as Uint8Array;
    dbf = side('dbf');
    const p = side('prj');
    const c = side('cpg');
    prj = p === undefined ? undefined : Buffer.from(p).toString('utf8');
    cpg = c === undefined ? undefined : Buffer.from(c).toString('utf8');
  } else {
    const stem = file.slice(0, -extname(file).length);
    const side = (ext: string) =>
      [`${stem}.${ext}`, `${stem}.${ext.toUpperCase()}`].find((p) => existsSync(p));
    shp = readFileSync(file);
    const d = side('dbf');
    const p = side('prj');
    const c = side('cpg');
    dbf = d === undefined ? undefined : readFileSync(d);
    prj = p === undefined ? undefined : readFileSync(p, 'utf8');
    cpg = c === undefined ? undefined : readFileSync(c, 'utf8');
  }
  // Without a .cpg, dBASE text is taken as Windows-1252 (the format's historical default).
  const encoding = cpg !== undefined && /utf-?8|65001/i.test(cpg) ? 'utf-8' : cpg?.trim() || 'windows-1252';
  const source = await openShapefile(shp, dbf, { encoding });
  const features: InFeature[] = [];
  for (let index = 0; ; index++) {
    const r = await source.read();
    if (r.done) break;
    const props: Record<string, JsonValue> = {};
    for (const [k, v] of Object.entries(r.value.properties ?? {})) props[k] = (v ?? null) as JsonValue;
    features.push({
      index,
      sourceId: String(index + 1),
      geometry: r.value.geometry as unknown as Geometry | null,
      properties: props,
    });
  }
  return { format: 'shp', crs: crsOfPrj(prj), features };
}
