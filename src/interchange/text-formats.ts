/**
 * GeoJSON (RFC 7946) and CSV (RFC 4180 with a WKT geometry column) writers and readers.
 * Writers append batches to the file as they come, so an export never holds the collection.
 */
import { csvCell } from '../reports/kit/index.js';
import { closeSync, existsSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { extname } from 'node:path';
import { err, ok, problem, type JsonObject, type JsonValue, type Result } from '../core/index.js';
import type { Geometry } from '../geo/index.js';
import { parseCsvRecords } from '../landrelease/index.js';
import { crsOfPrj } from './shp.js';
import { fromWkt, toWkt } from './wkt.js';
import type { FeatureWriter, InFeature, LayerInfo, ReadLayer } from './types.js';

/** A GeoJSON FeatureCollection written feature by feature (coordinates are lon/lat, RFC 7946 §4). */
export function geojsonWriter(file: string, layer: LayerInfo): FeatureWriter {
  const fd = openSync(file, 'w');
  writeSync(fd, `{"type":"FeatureCollection","name":${JSON.stringify(layer.name)},"features":[\n`);
  let first = true;
  return {
    write(batch) {
      const parts = batch.map((f) =>
        JSON.stringify({ type: 'Feature', id: f.id, geometry: f.geometry, properties: f.properties }),
      );
      if (parts.length > 0) {
        writeSync(fd, `${first ? '' : ',\n'}${parts.join(',\n')}`);
        first = false;
      }
      return Promise.resolve();
    },
    close() {
      writeSync(fd, '\n]}\n');
      closeSync(fd);
      return Promise.resolve([]);
    },
  };
}

const isObj = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Read a GeoJSON FeatureCollection, Feature or bare geometry. Throws when the text is not GeoJSON. */
export function readGeojson(file: string): ReadLayer {
  const doc = JSON.parse(readFileSync(file, 'utf8')) as JsonValue;
  if (!isObj(doc)) throw new Error('GeoJSON must be an object');
  const items: unknown = doc['features'];
  const list: readonly JsonValue[] =
    doc['type'] === 'FeatureCollection'
      ? Array.isArray(items)
        ? (items as readonly JsonValue[])
        : []
      : doc['type'] === 'Feature'
        ? [doc]
        : [{ type: 'Feature', geometry: doc, properties: {} }];
  if (doc['type'] === 'FeatureCollection' && !Array.isArray(doc['features']))
    throw new Error('a FeatureCollection needs a "features" array');
  const features = list.map((f, index): InFeature => {
    const o = isObj(f) ? f : {};
    const id = o['id'];
    const g = o['geometry'];
    return {
      index,
      sourceId: typeof id === 'string' || typeof id === 'number' ? String(id) : null,
      // Shape problems of the geometry object are for the validator, which names each one.
      geometry: g === undefined || g === null ? null : (g as unknown as Geometry),
      properties: isObj(o['properties']) ? o['properties'] : {},
    };
  });
  return { format: 'geojson', crs: { kind: 'wgs84' }, features };
}

/**
 * CSV with the geometry as WKT in the first column `WKT` (what GDAL's CSV driver reads and writes
 * with GEOMETRY=AS_WKT), then `longitude`/`latitude` when every geometry is a point, then the fields.
 * In a projected CRS the point columns are `x`/`y` (easting, northing) and the CRS is stated in a
 * `.prj` beside the file (`prj`: its ESRI WKT), which GDAL's CSV driver reads as the layer's CRS.
 */
export function csvWriter(
  file: string,
  layer: LayerInfo,
  pointsOnly: boolean,
  prj: string | undefined,
): FeatureWriter {
  const projected = layer.epsg !== 4326;
  if (projected) {
    if (prj === undefined) throw new Error(`no WKT to state EPSG:${layer.epsg} beside ${file}`);
    writeFileSync(`${file.slice(0, file.length - extname(file).length)}.prj`, prj);
  }
  const fd = openSync(file, 'w');
  const names = layer.fields.map((f) => f.name);
  const xy = projected ? ['x', 'y'] : ['longitude', 'latitude'];
  writeSync(fd, `${['WKT', ...(pointsOnly ? xy : []), ...names].map(csvCell).join(',')}\r\n`);
  return {
    write(batch) {
      const lines = batch.map((f) => {
        const g = f.geometry;
        const xy = pointsOnly
          ? g?.type === 'Point'
            ? [g.coordinates[0], g.coordinates[1]]
            : [null, null]
          : [];
        return [g === null ? '' : toWkt(g), ...xy, ...names.map((n) => f.properties[n] ?? null)]
          .map(csvCell)
          .join(',');
      });
      if (lines.length > 0) writeSync(fd, `${lines.join('\r\n')}\r\n`);
      return Promise.resolve();
    },
    close() {
      closeSync(fd);
      return Promise.resolve([]);
    },
  };
}

const WKT_COLUMNS = ['wkt', 'geometry', 'geom', 'the_geom'];
const LON_COLUMNS = ['longitude', 'lon', 'long', 'x'];
const LAT_COLUMNS = ['latitude', 'lat', 'y'];

/**
 * Read a CSV: geometry from a WKT column, or a point from longitude/latitude columns. A CSV the
 * record parser refuses (an unterminated quoted field) is refused with its problem as it is,
 * naming the line; a CSV with no geometry column is INTERCHANGE_FILE_UNREADABLE.
 */
export function readCsv(file: string): Result<ReadLayer> {
  const parsed = parseCsvRecords(readFileSync(file, 'utf8'));
  if (!parsed.ok) return parsed;
  const rows = parsed.value.map((r) => r.cells);
  const header = (rows[0] ?? []).map((h) => h.trim());
  const lower = header.map((h) => h.toLowerCase());
  const wktAt = lower.findIndex((h) => WKT_COLUMNS.includes(h));
  const lonAt = lower.findIndex((h) => LON_COLUMNS.includes(h));
  const latAt = lower.findIndex((h) => LAT_COLUMNS.includes(h));
  if (wktAt < 0 && (lonAt < 0 || latAt < 0))
    return err([
      problem(
        'INTERCHANGE_FILE_UNREADABLE',
        'file',
        `${file} has no geometry column: name one WKT (or ${WKT_COLUMNS.join(', ')}), or give longitude and latitude columns`,
      ),
    ]);
  const idAt = lower.indexOf('id');
  const skip = new Set(
    wktAt >= 0 ? [wktAt, ...(lonAt >= 0 && latAt >= 0 ? [lonAt, latAt] : [])] : [lonAt, latAt],
  );
  const features = rows.slice(1).map((r, index): InFeature => {
    const props: Record<string, JsonValue> = {};
    header.forEach((h, i) => {
      if (!skip.has(i)) props[h] = r[i] === undefined || r[i] === '' ? null : r[i];
    });
    let geometry: InFeature['geometry'];
    if (wktAt >= 0) {
      const text = (r[wktAt] ?? '').trim();
      try {
        geometry = text === '' ? null : fromWkt(text);
      } catch (e) {
        geometry = { undecodable: e instanceof Error ? e.message : String(e) };
      }
    } else {
      const lon = (r[lonAt] ?? '').trim();
      const lat = (r[latAt] ?? '').trim();
      if (lon === '' && lat === '') geometry = null;
      else if (!/^[-+]?\d+(\.\d+)?$/.test(lon) || !/^[-+]?\d+(\.\d+)?$/.test(lat))
        geometry = { undecodable: `longitude "${lon}" and latitude "${lat}" are not both decimal numbers` };
      else geometry = { type: 'Point', coordinates: [Number(lon), Number(lat)] };
    }
    const id = idAt >= 0 ? r[idAt] : undefined;
    return { index, sourceId: id === undefined || id === '' ? null : id, geometry, properties: props };
  });
  // A .prj beside the file (as Cairn and GDAL write for a projected CSV) states its CRS.
  const prj = `${file.slice(0, file.length - extname(file).length)}.prj`;
  const crs = existsSync(prj) ? crsOfPrj(readFileSync(prj, 'utf8')) : ({ kind: 'wgs84' } as const);
  return ok({ format: 'csv', crs, features });
}
