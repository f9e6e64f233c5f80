/**
 * MGRS (NGA.STND.0037_2.0.0_GRIDS, the AA lettering scheme of WGS 84) on our exact UTM. A
 * reference names a square, so encoding TRUNCATES to the square containing the point, never
 * rounds (rounding moves the point into the neighbouring square: Esri/solutions-webappbuilder-
 * widgets#399). Decoding returns the square's centre, as GeoConvert does, and its south-west
 * corner. The npm `mgrs` package was checked against the GeoConvert golden set: its encoder
 * truncates and applies the 32V and Svalbard exceptions, agreeing on all 2,975 references
 * (595 points × 5 precisions), but its decoder uses Snyder's series and lands up to 4.7 cm from
 * GeoConvert's square centre, and it does not check the band letter against the northing. So
 * encoding and decoding are done here on the exact TM of tm.ts, and npm `mgrs` is not imported.
 */
import { err, ok, problem, type Result } from '../core/index.js';
import { BANDS, bandRange, fromUtmRaw, toUtm, type Hemisphere } from './utm.js';
import type { Mgrs, Wgs84Point } from './types.js';

const COLUMN_SETS = ['ABCDEFGH', 'JKLMNPQR', 'STUVWXYZ'] as const;
const ROWS = 'ABCDEFGHJKLMNPQRSTUV';
const TILE = 100000;

/** MGRS precision in digits per axis: 1 = 10 km … 5 = 1 m. */
export type MgrsPrecision = 1 | 2 | 3 | 4 | 5;

/** True for an integer precision in 1..5. */
export function isMgrsPrecision(n: number): n is MgrsPrecision {
  return Number.isInteger(n) && n >= 1 && n <= 5;
}

/**
 * Encode a WGS 84 point as MGRS at `precision` digits, truncating.
 * @example toMgrs(point, 5) // ok('35VLG8579851462')
 */
export function toMgrs(p: Wgs84Point, precision: MgrsPrecision = 5): Result<Mgrs> {
  const u = toUtm(p);
  if (!u.ok) return u;
  const { zone, band, easting, northing } = u.value;
  const col = Math.floor(easting / TILE);
  const colLetter = COLUMN_SETS[(zone - 1) % 3]?.charAt(col - 1) ?? '';
  if (colLetter === '') {
    return err([
      problem('COORD_OUT_OF_RANGE', 'easting', `easting ${easting} is outside the MGRS columns`, {
        value: easting,
      }),
    ]);
  }
  const row = Math.floor(northing / TILE);
  const rowLetter = ROWS.charAt((row + (zone % 2 === 0 ? 5 : 0)) % 20);
  const unit = 10 ** (5 - precision);
  // Truncate inside the 100 km square; both terms are non-negative, so floor is truncation.
  const e = Math.floor((easting - col * TILE) / unit);
  const n = Math.floor((northing - row * TILE) / unit);
  const digits = `${String(e).padStart(precision, '0')}${String(n).padStart(precision, '0')}`;
  return ok(`${String(zone).padStart(2, '0')}${band}${colLetter}${rowLetter}${digits}` as Mgrs);
}

/** A decoded MGRS reference. */
export interface MgrsSquare {
  readonly mgrs: Mgrs;
  /** Digits per axis, 0 (100 km square) to 5 (1 m). */
  readonly precision: number;
  /** Centre of the square. */
  readonly centre: Wgs84Point;
  /** South-west corner of the square: the truncated position the reference was made from. */
  readonly southWest: Wgs84Point;
  /** Side of the square in metres. */
  readonly size: number;
}

const MGRS_RE = /^(\d{1,2})([C-HJ-NP-X])([A-HJ-NP-Z])([A-HJ-NP-V])(\d*)$/;

/**
 * Decode MGRS text (spaces allowed, any case). The band letter picks which 2000 km cycle the
 * row letter means; a band inconsistent with the square is refused.
 */
export function parseMgrs(text: string): Result<MgrsSquare> {
  const t = text.replace(/\s+/g, '').toUpperCase();
  const m = MGRS_RE.exec(t);
  if (m === null) {
    return err([
      problem(
        'COORD_INVALID',
        'mgrs',
        'MGRS must read zone (1–60), band (C–X), two square letters and an even number of digits',
        {
          value: text,
        },
      ),
    ]);
  }
  const zone = Number(m[1]);
  const band = m[2] ?? '';
  const colLetter = m[3] ?? '';
  const rowLetter = m[4] ?? '';
  const digits = m[5] ?? '';
  if (zone < 1 || zone > 60) {
    return err([problem('COORD_OUT_OF_RANGE', 'mgrs.zone', `zone ${zone} is not in 1..60`, { value: zone })]);
  }
  if (digits.length % 2 !== 0 || digits.length > 10) {
    return err([
      problem('COORD_INVALID', 'mgrs.digits', 'MGRS needs an even number of digits, at most 10', {
        value: digits,
      }),
    ]);
  }
  if (band === 'X' && (zone === 32 || zone === 34 || zone === 36)) {
    return err([
      problem(
        'COORD_INVALID',
        'mgrs.zone',
        `zone ${zone}X does not exist (Svalbard uses 31X, 33X, 35X, 37X)`,
        { value: `${zone}X` },
      ),
    ]);
  }
  const col = (COLUMN_SETS[(zone - 1) % 3] ?? '').indexOf(colLetter);
  if (col < 0) {
    return err([
      problem('COORD_INVALID', 'mgrs.column', `column letter ${colLetter} is not used in zone ${zone}`, {
        value: colLetter,
      }),
    ]);
  }
  const precision = digits.length / 2;
  const size = 10 ** (5 - precision);
  const e = precision === 0 ? 0 : Number(digits.slice(0, precision)) * size;
  const nIn = precision === 0 ? 0 : Number(digits.slice(precision)) * size;
  const easting = (col + 1) * TILE + e;
  const rowMod = (ROWS.indexOf(rowLetter) - (zone % 2 === 0 ? 5 : 0) + 20) % 20;
  const range = bandRange(band) ?? [0, 0];
  const hemisphere: Hemisphere = BANDS.indexOf(band) < 10 ? 'S' : 'N';
  const slack = 0.1 + size / 111000;
  for (let cycle = 0; cycle < 6; cycle++) {
    const northing = rowMod * TILE + cycle * 2000000 + nIn;
    if (northing > 10000000) break;
    const centre = fromUtmRaw(zone, hemisphere, easting + size / 2, northing + size / 2);
    if (centre.lat >= range[0] - slack && centre.lat < range[1] + slack) {
      return ok({
        mgrs: t as Mgrs,
        precision,
        centre,
        southWest: fromUtmRaw(zone, hemisphere, easting, northing),
        size,
      });
    }
  }
  return err([
    problem(
      'COORD_INVALID',
      'mgrs.band',
      `square ${colLetter}${rowLetter} does not lie in band ${band} of zone ${zone}`,
      {
        value: text,
      },
    ),
  ]);
}
