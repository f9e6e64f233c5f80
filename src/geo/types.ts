/**
 * Geometry and measure types of the geo module. Geometries are RFC 7946 GeoJSON in WGS 84,
 * positions `[lon, lat]`, and every brand here is minted only by a parser in this module.
 */
import type { Brand } from '../core/index.js';

/** A GeoJSON position, `[longitude, latitude]` in degrees (RFC 7946 §3.1.1). */
export type Position = readonly [lon: number, lat: number];

/** A point known to be in WGS 84 with latitude in [-90, 90] and longitude in [-180, 180]. */
export type Wgs84Point = Brand<{ readonly lat: number; readonly lon: number }, 'Wgs84Point'>;

/** An area in square metres: the only area unit stored (design.md §4). */
export type SquareMetres = Brand<number, 'SquareMetres'>;

/** A length in metres. */
export type Metres = Brand<number, 'Metres'>;

/** A syntactically and geodetically valid MGRS reference, upper case without spaces. */
export type Mgrs = Brand<string, 'Mgrs'>;

/** A supported CRS code in the form `EPSG:NNNN`. */
export type CrsCode = Brand<string, 'CrsCode'>;

export interface PointGeometry {
  readonly type: 'Point';
  readonly coordinates: Position;
}
export interface MultiPointGeometry {
  readonly type: 'MultiPoint';
  readonly coordinates: readonly Position[];
}
export interface LineStringGeometry {
  readonly type: 'LineString';
  readonly coordinates: readonly Position[];
}
export interface MultiLineStringGeometry {
  readonly type: 'MultiLineString';
  readonly coordinates: readonly (readonly Position[])[];
}
export interface PolygonGeometry {
  readonly type: 'Polygon';
  /** Ring 0 is the shell, the rest are holes; each ring is closed (first = last). */
  readonly coordinates: readonly (readonly Position[])[];
}
export interface MultiPolygonGeometry {
  readonly type: 'MultiPolygon';
  readonly coordinates: readonly (readonly (readonly Position[])[])[];
}

/** The geometries Cairn accepts, tagged on `type`. */
export type Geometry =
  | PointGeometry
  | MultiPointGeometry
  | LineStringGeometry
  | MultiLineStringGeometry
  | PolygonGeometry
  | MultiPolygonGeometry;

/** Areal geometries, the only ones that have an area. */
export type ArealGeometry = PolygonGeometry | MultiPolygonGeometry;

/** A bounding box `[minLon, minLat, maxLon, maxLat]`. */
export type BBox = readonly [minLon: number, minLat: number, maxLon: number, maxLat: number];
