/**
 * OGC API Features Part 2 (CRS by reference): CRS URIs, axis order and geometry transforms
 * through the geo module. CRS84 is lon/lat; EPSG:4326 is lat/lon, as the EPSG registry says
 * (field-users.md §1.9: axis confusion broke QGIS and pygeoapi users).
 */
import { crsDefinition, parseCrsCode, supportedCrs, transform, type CrsCode } from '../geo/index.js';
import { problem, type Result, err, ok } from '../core/index.js';
import type { BBox, StoredGeometry } from '../store/index.js';
import { refuseAll } from './errors.js';

export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
export const CRS84H = 'http://www.opengis.net/def/crs/OGC/0/CRS84h';

/**
 * The EPSG codes offered: every CRS the geo module defines (issue 7's CRS84, 4326, 3857, national
 * grids and UTM 34N–37N; issue 12 added the SK-42 6° and 3° Gauss-Krüger zones and the
 * geographic ETRS89, Pulkovo 1942 and UCS-2000 systems, which the file exports already wrote).
 * CRS84 is listed once, by its OGC URI.
 */
const OFFERED: ReadonlySet<string> = new Set(
  supportedCrs()
    .map((d) => d.code)
    .filter((c) => c !== 'OGC:CRS84'),
);

/** A resolved CRS: its URI, its code for the geo module, and whether axes are swapped vs x/y. */
export interface OgcCrs {
  readonly uri: string;
  readonly code: CrsCode | 'OGC:CRS84';
  /** True when the first axis is latitude or northing (EPSG:4326, many national grids). */
  readonly swap: boolean;
}

export const CRS84_CRS: OgcCrs = { uri: CRS84, code: 'OGC:CRS84', swap: false };

function uriOf(code: string): string {
  const [auth, num] = code.split(':');
  return `http://www.opengis.net/def/crs/${auth ?? 'EPSG'}/0/${num ?? ''}`;
}

/** Every CRS URI the server offers, CRS84 first. */
export function offeredCrs(): string[] {
  return [
    CRS84,
    ...supportedCrs()
      .filter((d) => OFFERED.has(d.code))
      .map((d) => uriOf(d.code)),
  ];
}

/** Resolve a `crs`, `bbox-crs`, `filter-crs` or `Content-Crs` value, or refuse with 400 CRS_UNKNOWN. */
export function resolveCrs(value: string | undefined, param: string): OgcCrs {
  if (value === undefined || value === '') return CRS84_CRS;
  const v = value.trim().replace(/^<(.*)>$/, '$1');
  if (v === CRS84 || v === CRS84H || /^\[?OGC:CRS84\]?$/i.test(v)) return CRS84_CRS;
  const parsed = parseCrsCode(v.replace(/^\[(.*)\]$/, '$1'));
  if (!parsed.ok || !OFFERED.has(parsed.value)) {
    refuseAll([
      problem('CRS_UNKNOWN', param, `CRS "${value}" is not supported; see the collection's crs list`, {
        value,
        supported: offeredCrs(),
      }),
    ]);
  }
  const def = crsDefinition(parsed.value);
  const swap = def?.registryAxisOrder === 'lat-lon' || def?.registryAxisOrder === 'north-east';
  return { uri: uriOf(parsed.value), code: parsed.value, swap };
}

type Pos = readonly number[];

function mapCoords(c: unknown, f: (p: Pos) => Pos): unknown {
  if (!Array.isArray(c)) return c;
  if (typeof c[0] === 'number') return f(c as Pos);
  return (c as unknown[]).map((x) => mapCoords(x, f));
}

function mapGeometry(g: StoredGeometry, f: (p: Pos) => Pos): StoredGeometry {
  if (g.type === 'GeometryCollection')
    return { type: g.type, geometries: (g.geometries ?? []).map((x) => mapGeometry(x, f)) };
  return { type: g.type, coordinates: mapCoords(g.coordinates, f) };
}

class CrsFailure extends Error {}

function convert(crs: OgcCrs, direction: 'toWgs84' | 'fromWgs84'): (p: Pos) => Pos {
  return (p) => {
    const [a = NaN, b = NaN, ...rest] = p;
    if (crs.code === 'OGC:CRS84') return p;
    const xy: readonly [number, number] = direction === 'toWgs84' && crs.swap ? [b, a] : [a, b];
    if (crs.code === 'EPSG:4326') return direction === 'toWgs84' ? [xy[0], xy[1], ...rest] : [b, a, ...rest];
    const r = transform(crs.code, xy, direction);
    if (!r.ok) throw new CrsFailure(r.errors.map((e) => e.message).join('; '));
    const [x, y] = r.value;
    return direction === 'fromWgs84' && crs.swap ? [y, x, ...rest] : [x, y, ...rest];
  };
}

/** A stored (WGS 84 lon/lat) geometry in the requested CRS and axis order. */
export function geometryTo(g: StoredGeometry, crs: OgcCrs): Result<StoredGeometry> {
  if (crs.code === 'OGC:CRS84') return ok(g);
  try {
    return ok(mapGeometry(g, convert(crs, 'fromWgs84')));
  } catch (e) {
    if (e instanceof CrsFailure) return err([problem('COORD_OUT_OF_RANGE', 'crs', e.message)]);
    throw e;
  }
}

/** A client's geometry in `crs` converted to stored WGS 84 lon/lat. */
export function geometryFrom(g: StoredGeometry, crs: OgcCrs, path = 'geometry'): Result<StoredGeometry> {
  if (crs.code === 'OGC:CRS84') return ok(g);
  try {
    return ok(mapGeometry(g, convert(crs, 'toWgs84')));
  } catch (e) {
    if (e instanceof CrsFailure) return err([problem('COORD_OUT_OF_RANGE', path, e.message)]);
    throw e;
  }
}

/** Parse a `bbox` parameter (4 or 6 numbers) in `crs` into a WGS 84 lon/lat box. */
export function parseBbox(text: string, crs: OgcCrs): BBox {
  const n = text.split(',').map((s) => (s.trim() === '' ? NaN : Number(s)));
  if ((n.length !== 4 && n.length !== 6) || n.some((x) => !Number.isFinite(x))) {
    refuseAll([
      problem('VALIDATION_FORMAT', 'bbox', 'bbox takes 4 or 6 comma-separated numbers', { value: text }),
    ]);
  }
  const [x1, y1, x2, y2] = n.length === 6 ? [n[0], n[1], n[3], n[4]] : [n[0], n[1], n[2], n[3]];
  const corners = [
    [x1 ?? 0, y1 ?? 0],
    [x2 ?? 0, y1 ?? 0],
    [x2 ?? 0, y2 ?? 0],
    [x1 ?? 0, y2 ?? 0],
  ];
  if (crs.code === 'OGC:CRS84' || crs.code === 'EPSG:4326') {
    const [w, s, e, nn] = crs.swap ? [y1, x1, y2, x2] : [x1, y1, x2, y2];
    if ((s ?? 0) > (nn ?? 0) || Math.abs(s ?? 0) > 90 || Math.abs(nn ?? 0) > 90) {
      refuseAll([
        problem(
          'VALIDATION_RANGE',
          'bbox',
          'bbox latitudes must lie within ±90 with the lower one first (check the axis order of the CRS)',
          { value: text },
        ),
      ]);
    }
    return [w ?? 0, s ?? 0, e ?? 0, nn ?? 0];
  }
  const conv = geometryFrom({ type: 'MultiPoint', coordinates: corners }, crs, 'bbox');
  if (!conv.ok) refuseAll(conv.errors);
  const pts = conv.value.coordinates as number[][];
  const xs = pts.map((p) => p[0] ?? 0);
  const ys = pts.map((p) => p[1] ?? 0);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}
