/**
 * One entry point for coordinate text in any supported format, and one for writing it. A parsed
 * coordinate keeps the exact text and the format and CRS it was given in, because the original
 * record is evidence (design.md §4).
 */
import { err, ok, problem, type Result } from '../core/index.js';
import { crsDefinition, fromWgs84, parseCrsCode, toWgs84 } from './crs.js';
import { formatDd, formatDmm, formatDms, parseDegrees } from './degrees.js';
import { isMgrsPrecision, parseMgrs, toMgrs, type MgrsPrecision } from './mgrs.js';
import type { CrsCode, Wgs84Point } from './types.js';
import { formatUtm, parseUtm, toUtm, type UtmForm } from './utm.js';
import { assertNever } from '../core/index.js';

/** A coordinate format, tagged on `kind`. */
export type CoordinateFormat =
  | { readonly kind: 'dd' }
  | { readonly kind: 'dms' }
  | { readonly kind: 'dmm' }
  | { readonly kind: 'utm'; readonly form?: UtmForm }
  | { readonly kind: 'mgrs'; readonly precision: MgrsPrecision }
  | { readonly kind: 'crs'; readonly code: CrsCode };

/** The record of what the user entered. */
export interface OriginalCoordinate {
  readonly text: string;
  /** Format name as given to the parser: `dd`, `dms`, `dmm`, `utm`, `mgrs` or `epsg:CODE`. */
  readonly format: string;
  /** The CRS the text is in, e.g. `EPSG:4326`, `EPSG:32635`, `EPSG:3067`, `MGRS`. */
  readonly crs: string;
}

/** A parsed coordinate: WGS 84 plus its original text. */
export interface ParsedCoordinate {
  readonly lat: number;
  readonly lon: number;
  readonly point: Wgs84Point;
  readonly original: OriginalCoordinate;
}

/**
 * Parse a format name: `dd`, `dms`, `dmm`, `utm`, `utm:band`, `utm:hemisphere`, `mgrs`,
 * `mgrs:1`…`mgrs:5` (default 5), `epsg:CODE`.
 */
export function parseFormat(text: string): Result<CoordinateFormat> {
  const t = text.trim().toLowerCase();
  if (t === 'dd' || t === 'dms' || t === 'dmm') return ok({ kind: t });
  if (t === 'utm') return ok({ kind: 'utm' });
  if (t === 'utm:band' || t === 'utm:hemisphere')
    return ok({ kind: 'utm', form: t === 'utm:band' ? 'band' : 'hemisphere' });
  const m = /^mgrs(?::(\d+))?$/.exec(t);
  if (m !== null) {
    const p = m[1] === undefined ? 5 : Number(m[1]);
    if (!isMgrsPrecision(p)) {
      return err([
        problem('VALIDATION_RANGE', 'format', 'MGRS precision must be 1 to 5 digits', { value: text }),
      ]);
    }
    return ok({ kind: 'mgrs', precision: p });
  }
  if (/^(epsg:\d+|ogc:crs84|crs84)$/.test(t)) {
    const c = parseCrsCode(t);
    return c.ok ? ok({ kind: 'crs', code: c.value }) : c;
  }
  return err([
    problem('VALIDATION_ENUM', 'format', `unknown format "${text}"`, {
      value: text,
      allowed: ['dd', 'dms', 'dmm', 'utm', 'utm:band', 'utm:hemisphere', 'mgrs', 'mgrs:N', 'epsg:CODE'],
    }),
  ]);
}

/** Name of a format as written in `original.format`. */
export function formatName(f: CoordinateFormat): string {
  switch (f.kind) {
    case 'dd':
    case 'dms':
    case 'dmm':
      return f.kind;
    case 'utm':
      return f.form === undefined ? 'utm' : `utm:${f.form}`;
    case 'mgrs':
      return 'mgrs';
    case 'crs':
      return f.code.toLowerCase();
    default:
      return assertNever(f, 'format');
  }
}

function pair(text: string): Result<readonly [number, number]> {
  const parts = text
    .trim()
    .split(/[\s,;]+/)
    .filter((s) => s !== '');
  const nums = parts.map((s) => (/^[+-]?\d+(\.\d+)?$/.test(s) ? Number(s) : Number.NaN));
  if (nums.length !== 2 || nums.some((n) => Number.isNaN(n))) {
    return err([
      problem('COORD_INVALID', 'coordinate', 'a projected coordinate is two numbers, "E N"', { value: text }),
    ]);
  }
  return ok([nums[0] as number, nums[1] as number] as const);
}

function parsed(point: Wgs84Point, text: string, format: string, crs: string): ParsedCoordinate {
  return { lat: point.lat, lon: point.lon, point, original: { text, format, crs } };
}

/**
 * Parse coordinate text in the given format into WGS 84, keeping the original.
 * @example parseCoordinate('35VLG8579851462', { kind: 'mgrs', precision: 5 })
 */
export function parseCoordinate(text: string, format: CoordinateFormat): Result<ParsedCoordinate> {
  const name = formatName(format);
  switch (format.kind) {
    case 'dd':
    case 'dms':
    case 'dmm': {
      const r = parseDegrees(text);
      return r.ok ? ok(parsed(r.value.point, text, r.value.format, 'EPSG:4326')) : r;
    }
    case 'utm': {
      const r = parseUtm(text, format.form);
      if (!r.ok) return r;
      const u = r.value.utm;
      return ok(
        parsed(
          r.value.point,
          text,
          `utm:${r.value.form}`,
          `EPSG:32${u.hemisphere === 'N' ? 6 : 7}${String(u.zone).padStart(2, '0')}`,
        ),
      );
    }
    case 'mgrs': {
      const r = parseMgrs(text);
      return r.ok ? ok(parsed(r.value.centre, text, name, 'MGRS')) : r;
    }
    case 'crs': {
      const def = crsDefinition(format.code);
      if (def?.axes === 'lon-lat') {
        // Degrees are read LAT LON, whatever the CRS's internal order.
        const d = parseDegrees(text);
        if (!d.ok) return d;
        const w = toWgs84(format.code, [d.value.point.lon, d.value.point.lat]);
        return w.ok ? ok(parsed(w.value, text, name, format.code)) : w;
      }
      const xy = pair(text);
      if (!xy.ok) return xy;
      const w = toWgs84(format.code, xy.value);
      return w.ok ? ok(parsed(w.value, text, name, format.code)) : w;
    }
    default:
      return assertNever(format, 'format');
  }
}

/** Text of a WGS 84 point in a format, with the CRS that text is in. */
export interface FormattedCoordinate {
  readonly text: string;
  readonly crs: string;
}

/**
 * Write a WGS 84 point in a format. UTM defaults to the band form; MGRS truncates.
 * @example formatCoordinate(p, { kind: 'utm', form: 'hemisphere' }) // ok({ text: '35 north 385000.000 6650000.000', crs: 'EPSG:32635' })
 */
export function formatCoordinate(p: Wgs84Point, format: CoordinateFormat): Result<FormattedCoordinate> {
  switch (format.kind) {
    case 'dd':
      return ok({ text: formatDd(p), crs: 'EPSG:4326' });
    case 'dms':
      return ok({ text: formatDms(p), crs: 'EPSG:4326' });
    case 'dmm':
      return ok({ text: formatDmm(p), crs: 'EPSG:4326' });
    case 'utm': {
      const u = toUtm(p);
      if (!u.ok) return u;
      const crs = `EPSG:32${u.value.hemisphere === 'N' ? 6 : 7}${String(u.value.zone).padStart(2, '0')}`;
      return ok({ text: formatUtm(u.value, format.form ?? 'band'), crs });
    }
    case 'mgrs': {
      const m = toMgrs(p, format.precision);
      return m.ok ? ok({ text: m.value, crs: 'MGRS' }) : m;
    }
    case 'crs': {
      const def = crsDefinition(format.code);
      const xy = fromWgs84(format.code, p);
      if (!xy.ok) return xy;
      const [x, y] = xy.value;
      // Geographic CRSs are written LAT LON like every other degree output.
      const text =
        def?.axes === 'lon-lat' ? `${y.toFixed(9)} ${x.toFixed(9)}` : `${x.toFixed(3)} ${y.toFixed(3)}`;
      return ok({ text, crs: format.code });
    }
    default:
      return assertNever(format, 'format');
  }
}
