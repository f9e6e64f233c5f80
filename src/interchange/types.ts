/** The shapes every format reader and writer share. */
import type { JsonValue } from '../core/index.js';
import type { Geometry } from '../geo/index.js';

/** The formats Cairn reads and writes. */
export const FORMATS = ['gpkg', 'kml', 'shp', 'csv', 'geojson'] as const;
export type Format = (typeof FORMATS)[number];

/** A scalar attribute value as the formats carry it (objects and arrays travel as JSON text). */
export type Scalar = string | number | boolean | null;

/** One feature on its way out: geometry already in the output CRS. */
export interface OutFeature {
  readonly id: string;
  readonly geometry: Geometry | null;
  readonly properties: Readonly<Record<string, Scalar>>;
}

/** One attribute column of an output layer. */
export interface Field {
  readonly name: string;
  readonly type: 'string' | 'number' | 'integer' | 'boolean';
}

/** What a writer knows before the first feature. */
export interface LayerInfo {
  readonly name: string;
  /** The EPSG code of the coordinates written (4326: lon/lat). */
  readonly epsg: number;
  readonly fields: readonly Field[];
}

/**
 * A streaming writer: features arrive in batches, so 100k features never sit in memory at once.
 * `close` returns the warnings the format forced (e.g. a Shapefile cutting a long text).
 */
export interface FeatureWriter {
  write(batch: readonly OutFeature[]): Promise<void>;
  close(): Promise<readonly string[]>;
}

/** One feature as read from a file, geometry still in the source CRS (or null/undefined). */
export interface InFeature {
  /** 0-based position in the file. */
  readonly index: number;
  /** The file's own id for the feature (GPKG fid, KML id, a CSV `id` column), if any. */
  readonly sourceId: string | null;
  /** null: the file says null/empty; a problem text: the geometry could not be decoded. */
  readonly geometry: Geometry | null | { readonly undecodable: string };
  readonly properties: Readonly<Record<string, JsonValue>>;
}

/** A source CRS as the file declares it. */
export type SourceCrs =
  | { readonly kind: 'wgs84' }
  | { readonly kind: 'epsg'; readonly code: number }
  | { readonly kind: 'wkt'; readonly wkt: string };

export interface ReadLayer {
  readonly format: Format;
  readonly crs: SourceCrs;
  readonly features: readonly InFeature[];
}
