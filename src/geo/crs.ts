/**
 * Coordinate reference systems through proj4js, with the repository's own definitions
 * (crs-defs.ts). `transform` is what the OGC API Features Part 2 layer needs: to and from WGS 84
 * for every supported code. Axes are always x = east/longitude, y = north/latitude here; callers
 * that speak EPSG axis order (4326 is lat, lon) swap using `registryAxisOrder`.
 */
import proj4 from 'proj4';
import { err, ok, problem, type Result } from '../core/index.js';
import { CRS_DEFINITIONS, type CrsDefinition } from './crs-defs.js';
import type { CrsCode, Wgs84Point } from './types.js';

/** The two-way converter proj4 returns for a pair of CRSs. */
interface Converter {
  forward(xy: readonly number[]): number[];
  inverse(xy: readonly number[]): number[];
}

const byCode = new Map<string, CrsDefinition>(CRS_DEFINITIONS.map((d) => [d.code, d]));
const converters = new Map<string, Converter>();
const WGS84 = '+proj=longlat +datum=WGS84 +no_defs';

function converter(def: CrsDefinition): Converter {
  let c = converters.get(def.code);
  if (c === undefined) {
    c = proj4(WGS84, def.proj4) as unknown as Converter;
    converters.set(def.code, c);
  }
  return c;
}

/** Every supported CRS, for listings and OGC API `crs` arrays. */
export function supportedCrs(): readonly CrsDefinition[] {
  return CRS_DEFINITIONS;
}

/** Supported CRS codes, e.g. `EPSG:3067`. */
export function supportedCrsCodes(): readonly CrsCode[] {
  return CRS_DEFINITIONS.map((d) => d.code as CrsCode);
}

const OGC_URI = /^https?:\/\/www\.opengis\.net\/def\/crs\/(EPSG|OGC)\/[^/]+\/([A-Za-z0-9]+)$/;

/**
 * Parse a CRS reference: `EPSG:3067`, `epsg:3067`, `3067`, `CRS84`, or an OGC URI such as
 * `http://www.opengis.net/def/crs/EPSG/0/3067`.
 */
export function parseCrsCode(text: string): Result<CrsCode> {
  const t = text.trim();
  let code: string | undefined;
  const uri = OGC_URI.exec(t);
  if (uri !== null) code = `${uri[1] ?? ''}:${uri[2] ?? ''}`.toUpperCase();
  else if (/^\d+$/.test(t)) code = `EPSG:${t}`;
  else if (/^(OGC:)?CRS84$/i.test(t)) code = 'OGC:CRS84';
  else if (/^EPSG:\d+$/i.test(t)) code = t.toUpperCase();
  if (code === 'OGC:CRS84') return ok(code as CrsCode);
  if (code === undefined || !byCode.has(code)) {
    return err([
      problem('CRS_UNKNOWN', 'crs', `CRS "${text}" is not supported`, {
        value: text,
        supported: supportedCrsCodes(),
      }),
    ]);
  }
  return ok(code as CrsCode);
}

/** The definition of a supported code. */
export function crsDefinition(code: CrsCode): CrsDefinition | undefined {
  return byCode.get(code);
}

function within(def: CrsDefinition, lon: number, lat: number): boolean {
  const [w, s, e, n] = def.area;
  const margin = def.area[2] - def.area[0] >= 360 ? 0 : 1;
  return lon >= w - margin && lon <= e + margin && lat >= s - margin && lat <= n + margin;
}

function outside(def: CrsDefinition, path: string, value: unknown): Result<never> {
  return err([
    problem(
      'COORD_OUT_OF_RANGE',
      path,
      `the position lies outside the area of use of ${def.code} (${def.name}); are the axes swapped?`,
      { value, area: def.area },
    ),
  ]);
}

/**
 * Convert a coordinate in `code` (x = easting or longitude, y = northing or latitude) to WGS 84.
 * Refuses non-numbers, unknown codes and positions outside the CRS's area of use.
 */
export function toWgs84(code: CrsCode | string, xy: readonly [number, number]): Result<Wgs84Point> {
  const parsed = parseCrsCode(code);
  if (!parsed.ok) return parsed;
  const def = byCode.get(parsed.value);
  if (def === undefined)
    return err([problem('CRS_UNKNOWN', 'crs', `CRS "${code}" is not supported`, { value: code })]);
  const [x, y] = xy;
  if (!Number.isFinite(x) || !Number.isFinite(y)) {
    return err([problem('COORD_INVALID', 'xy', 'coordinates must be finite numbers', { value: xy })]);
  }
  const [lon, lat] = converter(def).inverse([x, y]);
  if (
    lon === undefined ||
    lat === undefined ||
    !Number.isFinite(lon) ||
    !Number.isFinite(lat) ||
    Math.abs(lat) > 90
  ) {
    return outside(def, 'xy', xy);
  }
  if (!within(def, lon, lat)) return outside(def, 'xy', xy);
  return ok({ lat, lon } as Wgs84Point);
}

/** Convert a WGS 84 point to `code`, as [x, y] (easting/longitude, northing/latitude). */
export function fromWgs84(code: CrsCode | string, p: Wgs84Point): Result<readonly [number, number]> {
  const parsed = parseCrsCode(code);
  if (!parsed.ok) return parsed;
  const def = byCode.get(parsed.value);
  if (def === undefined)
    return err([problem('CRS_UNKNOWN', 'crs', `CRS "${code}" is not supported`, { value: code })]);
  if (!within(def, p.lon, p.lat)) return outside(def, 'point', p);
  const [x, y] = converter(def).forward([p.lon, p.lat]);
  if (x === undefined || y === undefined || !Number.isFinite(x) || !Number.isFinite(y))
    return outside(def, 'point', p);
  return ok([x, y] as const);
}

/** Which way `transform` goes. */
export type Direction = 'toWgs84' | 'fromWgs84';

/**
 * Transform one position between a supported CRS and WGS 84, either way. WGS 84 positions are
 * `[lon, lat]`; projected ones `[easting, northing]`.
 * @example transform('EPSG:3067', [385000, 6672000], 'toWgs84') // ok([24.9…, 60.1…])
 */
export function transform(
  code: CrsCode | string,
  xy: readonly [number, number],
  direction: Direction,
): Result<readonly [number, number]> {
  if (direction === 'toWgs84') {
    const r = toWgs84(code, xy);
    return r.ok ? ok([r.value.lon, r.value.lat] as const) : r;
  }
  const [lon, lat] = xy;
  if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
    return err([
      problem('COORD_OUT_OF_RANGE', 'xy', 'WGS 84 input must be [lon, lat] within range', { value: xy }),
    ]);
  }
  return fromWgs84(code, { lat, lon } as Wgs84Point);
}
