/**
 * GeoPackage (OGC 12-128r18, version 1.3) written and read with better-sqlite3, Cairn's own
 * SQLite driver: the required tables (gpkg_spatial_ref_sys with the three mandatory rows,
 * gpkg_contents, gpkg_geometry_columns), `application_id` "GPKG" and `user_version` 10300, one
 * feature table with an integer `fid` and a `geom` column of GeoPackage binary geometries.
 */
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import type { JsonValue } from '../core/index.js';
import { envelope, fromGpkgBlob, toGpkgBlob } from './wkb.js';
import type {
  FeatureWriter,
  Field,
  InFeature,
  LayerInfo,
  OutFeature,
  ReadLayer,
  SourceCrs,
} from './types.js';

/** OGC WKT of WGS 84 as the GeoPackage standard lists it for srs_id 4326. */
export const WGS84_WKT =
  'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]';

const GPKG_APPLICATION_ID = 0x47504b47;
const GPKG_VERSION = 10300;
const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;
const sqlType = (f: Field): string =>
  ({ string: 'TEXT', number: 'REAL', integer: 'INTEGER', boolean: 'BOOLEAN' })[f.type];

/**
 * Open a new GeoPackage file for writing (an existing file is replaced). For a layer in a CRS
 * other than WGS 84, `srsWkt` is its OGC WKT and `srsName` its name for gpkg_spatial_ref_sys.
 */
export function gpkgWriter(
  file: string,
  layer: LayerInfo,
  srsWkt: string | undefined,
  srsName?: string,
): FeatureWriter {
  rmSync(file, { force: true });
  const db = new Database(file);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma(`application_id = ${GPKG_APPLICATION_ID}`);
  db.pragma(`user_version = ${GPKG_VERSION}`);
  db.exec(`
    CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
      organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
    CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
      description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
      min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
      CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
    CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
      srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
      CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
      CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
      CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
  `);
  const srs = db.prepare('INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)');
  srs.run(
    'WGS 84 geodetic',
    4326,
    'EPSG',
    4326,
    WGS84_WKT,
    'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid',
  );
  srs.run(
    'Undefined cartesian SRS',
    -1,
    'NONE',
    -1,
    'undefined',
    'undefined cartesian coordinate reference system',
  );
  srs.run(
    'Undefined geographic SRS',
    0,
    'NONE',
    0,
    'undefined',
    'undefined geographic coordinate reference system',
  );
  if (layer.epsg !== 4326) {
    // GDAL reads the CRS from organization + organization_coordsys_id; the definition is for
    // readers without an EPSG database, so it must be the real WKT, never 'undefined' (§1.1.2.1.1).
    if (srsWkt === undefined) throw new Error(`no WKT definition for EPSG:${layer.epsg}`);
    srs.run(srsName ?? `EPSG:${layer.epsg}`, layer.epsg, 'EPSG', layer.epsg, srsWkt, `EPSG:${layer.epsg}`);
  }
  const cols = layer.fields.map((f) => `${quote(f.name)} ${sqlType(f)}`);
  db.exec(
    `CREATE TABLE ${quote(layer.name)} (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom GEOMETRY${cols.map((c) => `, ${c}`).join('')})`,
  );
  db.prepare(
    'INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id) VALUES (?, ?, ?, ?, ?)',
  ).run(layer.name, 'features', layer.name, '', layer.epsg);
  db.prepare('INSERT INTO gpkg_geometry_columns VALUES (?, ?, ?, ?, 0, 0)').run(
    layer.name,
    'geom',
    'GEOMETRY',
    layer.epsg,
  );
  const insert = db.prepare(
    `INSERT INTO ${quote(layer.name)} (geom${layer.fields.map((f) => `, ${quote(f.name)}`).join('')}) VALUES (?${layer.fields.map(() => ', ?').join('')})`,
  );
  const box = [Infinity, Infinity, -Infinity, -Infinity];
  const writeBatch = db.transaction((batch: readonly OutFeature[]) => {
    for (const f of batch) {
      const values = layer.fields.map((fd) => {
        const v = f.properties[fd.name] ?? null;
        return typeof v === 'boolean' ? (v ? 1 : 0) : v;
      });
      let blob: Buffer | null = null;
      if (f.geometry !== null) {
        blob = toGpkgBlob(f.geometry, layer.epsg);
        const [minX, maxX, minY, maxY] = envelope(f.geometry);
        box[0] = Math.min(box[0] as number, minX);
        box[1] = Math.min(box[1] as number, minY);
        box[2] = Math.max(box[2] as number, maxX);
        box[3] = Math.max(box[3] as number, maxY);
      }
      insert.run(blob, ...values);
    }
  });
  return {
    write(batch) {
      writeBatch(batch);
      return Promise.resolve();
    },
    close() {
      if (Number.isFinite(box[0]))
        db.prepare(
          'UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ? WHERE table_name = ?',
        ).run(...box, layer.name);
      db.close();
      return Promise.resolve([]);
    },
  };
}

interface SrsRow {
  organization: string;
  organization_coordsys_id: number;
  definition: string;
}

/** Read the first feature layer of a GeoPackage (or `layerName`). Throws when the file is not one. */
export function readGpkg(file: string, layerName?: string): ReadLayer {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const layers = db
      .prepare(
        "SELECT c.table_name AS t, g.column_name AS g, c.srs_id AS s FROM gpkg_contents c JOIN gpkg_geometry_columns g ON g.table_name = c.table_name WHERE c.data_type = 'features' ORDER BY c.table_name",
      )
      .all() as { t: string; g: string; s: number }[];
    const layer = layerName === undefined ? layers[0] : layers.find((l) => l.t === layerName);
    if (layer === undefined)
      throw new Error(
        layerName === undefined
          ? 'the GeoPackage has no feature layer'
          : `the GeoPackage has no feature layer "${layerName}" (it has: ${layers.map((l) => l.t).join(', ')})`,
      );
    const srs = db
      .prepare(
        'SELECT organization, organization_coordsys_id, definition FROM gpkg_spatial_ref_sys WHERE srs_id = ?',
      )
      .get(layer.s) as SrsRow | undefined;
    const crs: SourceCrs =
      srs === undefined || srs.organization_coordsys_id === 4326 || srs.organization_coordsys_id === 0
        ? { kind: 'wgs84' }
        : srs.organization.toUpperCase() === 'EPSG'
          ? { kind: 'epsg', code: srs.organization_coordsys_id }
          : { kind: 'wkt', wkt: srs.definition };
    const pk =
      (db.prepare(`PRAGMA table_info(${quote(layer.t)})`).all() as { name: string; pk: number }[]).find(
        (c) => c.pk === 1,
      )?.name ?? 'rowid';
    const features: InFeature[] = [];
    let index = 0;
    for (const row of db
      .prepare(`SELECT * FROM ${quote(layer.t)} ORDER BY ${quote(pk)}`)
      .iterate() as IterableIterator<Record<string, unknown>>) {
      const props: Record<string, JsonValue> = {};
      for (const [k, v] of Object.entries(row)) {
        if (k === layer.g || k === pk) continue;
        props[k] = v === undefined || v instanceof Buffer ? null : (v as JsonValue);
      }
      const blob = row[layer.g];
      let geometry: InFeature['geometry'];
      try {
        geometry = blob === null || blob === undefined ? null : fromGpkgBlob(blob as Buffer);
      } catch (e) {
        geometry = { undecodable: e instanceof Error ? e.message : String(e) };
      }
      const fid = row[pk];
      features.push({
        index: index++,
        sourceId:
          typeof fid === 'number' || typeof fid === 'bigint' || typeof fid === 'string' ? String(fid) : null,
        geometry,
        properties: props,
      });
    }
    return { format: 'gpkg', crs, features };
  } finally {
    db.close();
  }
}
