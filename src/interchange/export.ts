/**
 * Export: a collection's visible documents (the caller applies need-to-know, exactly as the OGC
 * items route does) → one file in one format. Two passes over the pages: the first learns the
 * attribute columns, their types and text widths and the geometry types (a Shapefile's header and a
 * CSV's first line need them), the second writes batch by batch, so memory stays flat.
 */
import { err, ok, problem, type JsonValue, type Problem, type Result } from '../core/index.js';
import type { Geometry } from '../geo/index.js';
import type { BBox, Doc, DocReader, Expr } from '../store/index.js';
import { fromWgs84Fn, mapGeometry } from './crs.js';
import { gpkgWriter } from './gpkg.js';
import { kmlWriter } from './kml.js';
import { crsName, esriWkt, ogcWkt, PRJ_EPSG_CODES } from './prj.js';
import { shapeFamily, shpWriter, type ShapeFamily } from './shp.js';
import { csvWriter, geojsonWriter } from './text-formats.js';
import type { FeatureWriter, Field, Format, LayerInfo, OutFeature, Scalar } from './types.js';

/** Pages of visible documents; called once per pass. */
export type DocPages = () => AsyncIterable<readonly Doc[]> | Iterable<readonly Doc[]>;

/** Rows per page read from the store while exporting. */
export const EXPORT_PAGE = 1000;

/**
 * Pages of a collection in id order (keyset paging): `where` is the caller's need-to-know filter (accessFilter,
 * as the OGC items route applies it) and `keep` the domain's last word on each row (mayRead).
 */
export function docPages(
  store: DocReader,
  q: { readonly collection: string; readonly where?: Expr; readonly bbox?: BBox },
  keep: (d: Doc) => boolean,
  pageSize = EXPORT_PAGE,
): DocPages {
  return async function* pages() {
    // Keyset paging on the unique id: each page is one index range, where an offset would rescan.
    let after: string | undefined;
    for (;;) {
      const from: Expr | undefined = after === undefined ? undefined : { op: '>', field: 'id', value: after };
      const where =
        from === undefined
          ? q.where
          : q.where === undefined
            ? from
            : { op: 'and' as const, args: [q.where, from] };
      const docs = await store.findDocs({
        collection: q.collection,
        ...(where === undefined ? {} : { where }),
        ...(q.bbox ? { bbox: q.bbox } : {}),
        orderBy: { field: 'id' },
        limit: pageSize,
      });
      yield docs.filter(keep);
      const last = docs.at(-1);
      if (docs.length < pageSize || last === undefined) return;
      after = last.id;
    }
  };
}

export interface ExportOptions {
  readonly format: Format;
  readonly out: string;
  /** Layer (table, folder) name; the collection id. */
  readonly layer: string;
  /**
   * Output CRS as an EPSG code (default 4326): for shp, gpkg and csv one of PRJ_EPSG_CODES;
   * GeoJSON and KML are WGS 84 by definition.
   */
  readonly epsg?: number;
}

export interface ExportSummary {
  readonly format: Format;
  readonly file: string;
  readonly features: number;
  readonly epsg: number;
  readonly fields: readonly Field[];
  /** What the format forced (a Shapefile cutting long text…), one line per feature and field. */
  readonly warnings: readonly string[];
}

function isGeometryObject(v: JsonValue | undefined): boolean {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const o = v as Readonly<Record<string, JsonValue>>;
  return typeof o['type'] === 'string' && Array.isArray(o['coordinates']);
}

/**
 * A document's attributes as flat columns: `id`, then each top-level field; objects and arrays
 * become JSON text, a nested geometry is left out (it is the feature's geometry).
 */
export function flatProperties(doc: Doc): Record<string, Scalar> {
  const out: Record<string, Scalar> = { id: doc.id };
  for (const [k, v] of Object.entries(doc.data)) {
    if (k === 'id' || isGeometryObject(v)) continue;
    out[k] =
      v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
        ? v
        : JSON.stringify(v);
  }
  return out;
}

const typeOf = (v: Scalar): Field['type'] | undefined =>
  v === null
    ? undefined
    : typeof v === 'boolean'
      ? 'boolean'
      : typeof v === 'number'
        ? Number.isInteger(v)
          ? 'integer'
          : 'number'
        : 'string';

function merge(a: Field['type'] | undefined, b: Field['type']): Field['type'] {
  if (a === undefined || a === b) return b;
  if ((a === 'integer' && b === 'number') || (a === 'number' && b === 'integer')) return 'number';
  return 'string';
}

interface Scan {
  readonly fields: Field[];
  readonly widths: Map<string, number>;
  readonly families: Set<ShapeFamily>;
  readonly pointsOnly: boolean;
  readonly count: number;
}

async function scan(pages: DocPages): Promise<Scan> {
  const types = new Map<string, Field['type'] | undefined>();
  const widths = new Map<string, number>();
  const families = new Set<ShapeFamily>();
  let pointsOnly = true;
  let count = 0;
  for await (const page of pages()) {
    for (const d of page) {
      count++;
      const g = d.geometry as unknown as Geometry | null | undefined;
      if (g !== null && g !== undefined) {
        families.add(shapeFamily(g.type));
        if (g.type !== 'Point') pointsOnly = false;
      }
      for (const [k, v] of Object.entries(flatProperties(d))) {
        const t = typeOf(v);
        types.set(k, t === undefined ? types.get(k) : merge(types.get(k), t));
        if (v !== null) widths.set(k, Math.max(widths.get(k) ?? 0, Buffer.byteLength(String(v), 'utf8')));
      }
    }
  }
  const fields = [...types].map(([name, t]) => ({ name, type: t ?? 'string' }));
  return { fields, widths, families, pointsOnly: pointsOnly && families.size > 0, count };
}

/** Coerce a value to its column's type (a column of mixed types is text). */
function cell(v: Scalar | undefined, type: Field['type']): Scalar {
  if (v === undefined || v === null) return null;
  return type === 'string' && typeof v !== 'string' ? String(v) : v;
}

/** Write every document `pages` yields to `opts.out` in `opts.format`. */
export async function exportFeatures(pages: DocPages, opts: ExportOptions): Promise<Result<ExportSummary>> {
  const epsg = opts.epsg ?? 4326;
  const refused = crsRefusal(opts.format, epsg);
  if (refused !== undefined) return err([refused]);
  const to = fromWgs84Fn(epsg);
  if (!to.ok) return to;
  const s = await scan(pages);
  if (opts.format === 'shp' && s.families.size > 1) {
    return err([
      problem(
        'INTERCHANGE_GEOMETRY_TYPE',
        'format',
        `a Shapefile holds one kind of shape; this collection mixes ${[...s.families].join(', ')}: export gpkg or geojson instead`,
      ),
    ]);
  }
  const layer: LayerInfo = { name: opts.layer, epsg, fields: s.fields };
  const writer = openWriter(opts, layer, s);
  let n = 0;
  try {
    for await (const page of pages()) {
      const batch: OutFeature[] = [];
      for (const d of page) {
        const props = flatProperties(d);
        const raw = (d.geometry ?? null) as unknown as Geometry | null;
        let geometry = raw;
        if (raw !== null && to.value !== undefined) {
          try {
            geometry = mapGeometry(raw, to.value);
          } catch (e) {
            await writer.close();
            return err([
              problem(
                'INTERCHANGE_CRS_UNSUPPORTED',
                `features[${n}]`,
                `feature ${d.id} cannot be expressed in EPSG:${epsg}: ${e instanceof Error ? e.message : String(e)}`,
              ),
            ]);
          }
        }
        batch.push({
          id: d.id,
          geometry,
          properties: Object.fromEntries(s.fields.map((f) => [f.name, cell(props[f.name], f.type)])),
        });
        n++;
      }
      await writer.write(batch);
    }
  } catch (e) {
    await writer.close();
    throw e;
  }
  const warnings = await writer.close();
  return ok({ format: opts.format, file: opts.out, features: n, epsg, fields: s.fields, warnings });
}

/**
 * Why a format cannot be written in `epsg`, or undefined. GeoJSON (RFC 7946 §4) and KML (OGC
 * 07-147r2 §6.2) are WGS 84 longitude/latitude by definition; RFC 7946 removed the old `crs`
 * member, and readers (GDAL's RFC7946 mode, web maps) ignore it, so a projected GeoJSON would be
 * read as degrees and land in the wrong place. A Shapefile, GeoPackage or CSV takes any CRS Cairn
 * can describe in WKT (src/interchange/prj.ts), for the .prj, the srs table or the CSV's .prj.
 */
function crsRefusal(format: Format, epsg: number): Problem | undefined {
  if (epsg === 4326) return undefined;
  const supported = PRJ_EPSG_CODES.map((c) => `EPSG:${c}`);
  if (format === 'geojson' || format === 'kml') {
    const rule = format === 'kml' ? 'OGC 07-147r2 §6.2' : 'RFC 7946 §4';
    return problem(
      'INTERCHANGE_CRS_UNSUPPORTED',
      'crs',
      `${format === 'kml' ? 'KML' : 'GeoJSON'} coordinates are WGS 84 longitude/latitude only (${rule}); choose gpkg, shp or csv for EPSG:${epsg}`,
      { rule, format, value: `EPSG:${epsg}`, supported: ['EPSG:4326'] },
    );
  }
  if (!PRJ_EPSG_CODES.includes(epsg))
    return problem(
      'INTERCHANGE_CRS_UNSUPPORTED',
      'crs',
      `EPSG:${epsg} is not a CRS Cairn exports ${format} in; use one of ${supported.join(', ')}`,
      { format, value: `EPSG:${epsg}`, supported },
    );
  return undefined;
}

function openWriter(opts: ExportOptions, layer: LayerInfo, s: Scan): FeatureWriter {
  switch (opts.format) {
    case 'gpkg':
      return gpkgWriter(opts.out, layer, ogcWkt(layer.epsg), crsName(layer.epsg));
    case 'geojson':
      return geojsonWriter(opts.out, layer);
    case 'csv':
      return csvWriter(opts.out, layer, s.pointsOnly, esriWkt(layer.epsg));
    case 'kml':
      return kmlWriter(
        opts.out,
        layer,
        layer.fields.some((f) => f.name === 'name')
          ? 'name'
          : layer.fields.some((f) => f.name === 'humanId')
            ? 'humanId'
            : undefined,
      );
    case 'shp':
      return shpWriter(opts.out, layer, [...s.families][0] ?? 'polygon', s.widths, esriWkt(layer.epsg));
  }
}

/** Media type and file extension of each format (HTTP Content-Type, Content-Disposition). */
export const FORMAT_MEDIA: Readonly<Record<Format, { readonly type: string; readonly ext: string }>> = {
  gpkg: { type: 'application/geopackage+sqlite3', ext: 'gpkg' },
  kml: { type: 'application/vnd.google-earth.kml+xml', ext: 'kml' },
  shp: { type: 'application/zip', ext: 'zip' },
  csv: { type: 'text/csv; charset=utf-8', ext: 'csv' },
  geojson: { type: 'application/geo+json', ext: 'geojson' },
};
