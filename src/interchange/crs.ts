/**
 * Coordinates between a file's CRS and WGS 84, through src/geo (its EPSG definitions, proj4)
 * or, for a CRS a file states only as WKT (.prj, a GeoPackage definition), proj4's WKT parser.
 */
import proj4 from 'proj4';
import { err, ok, problem, type Result } from '../core/index.js';
import { parseCrsCode, transform, type Geometry, type Position } from '../geo/index.js';
import type { SourceCrs } from './types.js';

/** A position converter; throws a message when a position cannot be converted. */
export type PositionFn = (p: Position) => Position;

const WGS84 = '+proj=longlat +datum=WGS84 +no_defs';

/** The name of a source CRS, for reports. */
export function crsLabel(crs: SourceCrs): string {
  return crs.kind === 'wgs84' ? 'EPSG:4326' : crs.kind === 'epsg' ? `EPSG:${crs.code}` : 'a CRS given as WKT';
}

/** A converter from a file's CRS to WGS 84 lon/lat, or a refusal naming the CRS. */
export function toWgs84Fn(crs: SourceCrs): Result<PositionFn | undefined> {
  if (crs.kind === 'wgs84' || (crs.kind === 'epsg' && (crs.code === 4326 || crs.code === 4258)))
    return ok(undefined);
  if (crs.kind === 'epsg') {
    const code = parseCrsCode(`EPSG:${crs.code}`);
    if (!code.ok)
      return err([
        problem(
          'INTERCHANGE_CRS_UNSUPPORTED',
          'crs',
          `the file's CRS EPSG:${crs.code} is not one Cairn ships a definition for (docs/cli-geo.md lists them); reproject it to EPSG:4326 first`,
        ),
      ]);
    return ok((p: Position): Position => {
      const r = transform(code.value, p, 'toWgs84');
      if (!r.ok) throw new Error(r.errors[0]?.message ?? 'cannot convert');
      return r.value;
    });
  }
  let conv: { forward(xy: number[]): number[] };
  try {
    conv = proj4(crs.wkt, WGS84);
  } catch (e) {
    return err([
      problem(
        'INTERCHANGE_CRS_UNSUPPORTED',
        'crs',
        `the file's CRS WKT cannot be read: ${e instanceof Error ? e.message : String(e)}`,
      ),
    ]);
  }
  return ok((p: Position): Position => {
    const [x, y] = conv.forward([p[0], p[1]]);
    if (x === undefined || y === undefined || !Number.isFinite(x) || !Number.isFinite(y))
      throw new Error(`position ${p[0]} ${p[1]} cannot be converted to WGS 84`);
    return [x, y];
  });
}

/** A converter from WGS 84 to an EPSG code Cairn ships (undefined: 4326, nothing to do). */
export function fromWgs84Fn(epsg: number): Result<PositionFn | undefined> {
  if (epsg === 4326) return ok(undefined);
  const code = parseCrsCode(`EPSG:${epsg}`);
  if (!code.ok)
    return err([
      problem(
        'INTERCHANGE_CRS_UNSUPPORTED',
        'crs',
        `EPSG:${epsg} is not a CRS Cairn ships (docs/cli-geo.md lists them)`,
      ),
    ]);
  return ok((p: Position): Position => {
    const r = transform(code.value, p, 'fromWgs84');
    if (!r.ok) throw new Error(r.errors[0]?.message ?? 'cannot convert');
    return r.value;
  });
}

/** Apply a converter to every position of a geometry. */
export function mapGeometry(g: Geometry, f: PositionFn): Geometry {
  switch (g.type) {
    case 'Point':
      return { type: 'Point', coordinates: f(g.coordinates) };
    case 'MultiPoint':
      return { type: 'MultiPoint', coordinates: g.coordinates.map(f) };
    case 'LineString':
      return { type: 'LineString', coordinates: g.coordinates.map(f) };
    case 'MultiLineString':
      return { type: 'MultiLineString', coordinates: g.coordinates.map((l) => l.map(f)) };
    case 'Polygon':
      return { type: 'Polygon', coordinates: g.coordinates.map((r) => r.map(f)) };
    case 'MultiPolygon':
      return { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map((r) => r.map(f))) };
  }
}
