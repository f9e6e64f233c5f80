/**
 * UTM on WGS 84 (NGA.SIG.0012_2.0.0_UTMUPS): zones, latitude bands with the Norway (32V) and
 * Svalbard (31X–37X) exceptions, and the band-letter versus hemisphere question that confuses
 * users (field-users.md §1.6). UPS (beyond 84°N and 80°S) is not supported.
 */
import { err, ok, problem, type Problem, type Result } from '../core/index.js';
import { tmForward, tmReverse } from './tm.js';
import type { Wgs84Point } from './types.js';

export const UTM_K0 = 0.9996;
export const UTM_FALSE_EASTING = 500000;
export const UTM_FALSE_NORTHING_SOUTH = 10000000;

/** MGRS/UTM latitude band letters from 80°S, 8° each, X being 12° (72°N–84°N). */
export const BANDS = 'CDEFGHJKLMNPQRSTUVWX';

export type Hemisphere = 'N' | 'S';

/** A UTM coordinate in one of the two written forms. */
export interface UtmCoordinate {
  readonly zone: number;
  readonly hemisphere: Hemisphere;
  /** Latitude band letter, present when the point is known (computed or written with a band). */
  readonly band: string;
  readonly easting: number;
  readonly northing: number;
}

/** Which written form a UTM coordinate uses: band letter (`35V`) or hemisphere (`35 north`). */
export type UtmForm = 'band' | 'hemisphere';

/** Band index 0..19 of a latitude in [-80, 84), following GeographicLib's LatitudeBand. */
export function bandIndex(lat: number): number {
  const ilat = Math.floor(lat);
  return Math.max(0, Math.min(19, Math.floor((ilat + 80) / 8)));
}

/** Band letter of a latitude. */
export function bandLetter(lat: number): string {
  return BANDS.charAt(bandIndex(lat));
}

/** Southern edge of a band, and its northern edge (84 for X). */
export function bandRange(letter: string): readonly [number, number] | undefined {
  const i = BANDS.indexOf(letter);
  if (i < 0) return undefined;
  const south = -80 + 8 * i;
  return [south, letter === 'X' ? 84 : south + 8];
}

/** Longitude normalised into [-180, 180). */
function normLon(lon: number): number {
  return ((((lon + 180) % 360) + 360) % 360) - 180;
}

/** The standard UTM zone of a point, with the Norway and Svalbard exceptions. */
export function standardZone(lat: number, lon: number): number {
  const ilon0 = Math.floor(normLon(lon));
  const ilon = ilon0 >= 180 ? ilon0 - 360 : ilon0;
  let zone = Math.floor((ilon + 186) / 6);
  const band = bandIndex(lat);
  if (band === 17 && zone === 31 && ilon >= 3)
    zone = 32; // 32V widened over south-west Norway
  else if (band === 19 && ilon >= 0 && ilon < 42) zone = 2 * Math.floor((ilon + 183) / 12) + 1; // Svalbard
  return zone;
}

/** Central meridian of a zone. */
export function centralMeridian(zone: number): number {
  return 6 * zone - 183;
}

/** Project a WGS 84 point to UTM, in its standard zone unless `zone` forces one. */
export function toUtm(p: Wgs84Point, zone?: number): Result<UtmCoordinate> {
  if (p.lat < -80 || p.lat >= 84) {
    return err([
      problem(
        'COORD_OUT_OF_RANGE',
        'lat',
        `latitude ${p.lat} is outside UTM (80°S to 84°N); UPS is not supported`,
        {
          value: p.lat,
        },
      ),
    ]);
  }
  const z = zone ?? standardZone(p.lat, p.lon);
  if (!Number.isInteger(z) || z < 1 || z > 60) {
    return err([problem('COORD_OUT_OF_RANGE', 'zone', `UTM zone ${z} is not in 1..60`, { value: z })]);
  }
  let dLon = normLon(p.lon - centralMeridian(z));
  if (dLon >= 180) dLon -= 360;
  const f = tmForward(p.lat, dLon, UTM_K0);
  const hemisphere: Hemisphere = p.lat < 0 ? 'S' : 'N';
  return ok({
    zone: z,
    hemisphere,
    band: bandLetter(p.lat),
    easting: f.x + UTM_FALSE_EASTING,
    northing: f.y + (hemisphere === 'S' ? UTM_FALSE_NORTHING_SOUTH : 0),
  });
}

/** Grid convergence (bearing of grid north from true north, degrees) of a UTM zone at a point. */
export function utmConvergence(p: Wgs84Point, zone?: number): number {
  const z = zone ?? standardZone(p.lat, p.lon);
  return tmForward(p.lat, normLon(p.lon - centralMeridian(z)), UTM_K0).convergence;
}

/** Unproject UTM to WGS 84 (no range checks; see parseUtm for those). */
export function fromUtmRaw(
  zone: number,
  hemisphere: Hemisphere,
  easting: number,
  northing: number,
): Wgs84Point {
  const y = northing - (hemisphere === 'S' ? UTM_FALSE_NORTHING_SOUTH : 0);
  const r = tmReverse(easting - UTM_FALSE_EASTING, y, UTM_K0);
  const lon = normLon(centralMeridian(zone) + r.dLon);
  return { lat: r.lat, lon } as Wgs84Point;
}

function num(text: string): number | undefined {
  return /^[+-]?\d+(\.\d+)?$/.test(text) ? Number(text) : undefined;
}

/** Tolerance when checking a written band against the computed latitude (about 10 km). */
const BAND_SLACK_DEG = 0.1;

function inBand(lat: number, letter: string): boolean {
  const r = bandRange(letter);
  return r !== undefined && lat >= r[0] - BAND_SLACK_DEG && lat < r[1] + BAND_SLACK_DEG;
}

/**
 * Parse UTM text: `35V 385000 6650000`, `35 north 385000 6650000`, `35N 385000 6650000`.
 * A letter after the zone is a band letter, except that N and S may also mean a hemisphere: `N`
 * reads the same either way (a northern point), while `S` (band S is 32°N–40°N, hemisphere S is
 * the south) is refused as COORD_AMBIGUOUS unless `form` says which is meant or only one reading
 * is possible.
 */
export function parseUtm(
  text: string,
  form?: UtmForm,
): Result<{ readonly point: Wgs84Point; readonly utm: UtmCoordinate; readonly form: UtmForm }> {
  const t = text.trim().replace(/,/g, ' ').replace(/\s+/g, ' ');
  const m =
    /^(\d{1,2})\s?([A-Za-z]+)\s([+-]?\d+(?:\.\d+)?)(?:\s?m?E)?\s([+-]?\d+(?:\.\d+)?)(?:\s?m?N)?$/i.exec(t);
  if (m === null) {
    return err([
      problem(
        'COORD_INVALID',
        'utm',
        'UTM must read "ZONE BAND EASTING NORTHING" or "ZONE north|south EASTING NORTHING"',
        {
          value: text,
        },
      ),
    ]);
  }
  const zone = Number(m[1]);
  const letter = (m[2] ?? '').toUpperCase();
  const easting = num(m[3] ?? '');
  const northing = num(m[4] ?? '');
  const problems: Problem[] = [];
  if (zone < 1 || zone > 60)
    problems.push(
      problem('COORD_OUT_OF_RANGE', 'utm.zone', `UTM zone ${zone} is not in 1..60`, { value: zone }),
    );
  if (easting === undefined || easting < 100000 || easting > 900000) {
    problems.push(
      problem('COORD_OUT_OF_RANGE', 'utm.easting', 'UTM easting must be within 100000..900000 m', {
        value: m[3],
      }),
    );
  }
  if (northing === undefined || northing < 0 || northing > 10000000) {
    problems.push(
      problem('COORD_OUT_OF_RANGE', 'utm.northing', 'UTM northing must be within 0..10000000 m', {
        value: m[4],
      }),
    );
  }
  const word = letter === 'NORTH' ? 'N' : letter === 'SOUTH' ? 'S' : undefined;
  if (word === undefined && (letter.length !== 1 || !BANDS.includes(letter))) {
    problems.push(
      problem(
        'COORD_INVALID',
        'utm.band',
        `"${m[2] ?? ''}" is neither a latitude band (C–X without I, O) nor north/south`,
        { value: m[2] },
      ),
    );
  }
  if (problems.length > 0 || easting === undefined || northing === undefined) return err(problems);

  const readings: { point: Wgs84Point; utm: UtmCoordinate; form: UtmForm }[] = [];
  const asHemisphere = (h: Hemisphere): void => {
    const point = fromUtmRaw(zone, h, easting, northing);
    if (h === 'N' ? point.lat >= 0 && point.lat < 84.5 : point.lat < 0 && point.lat >= -80.5) {
      readings.push({
        point,
        utm: { zone, hemisphere: h, band: bandLetter(point.lat), easting, northing },
        form: 'hemisphere',
      });
    }
  };
  const asBand = (b: string): void => {
    const range = bandRange(b);
    if (range === undefined) return;
    const h: Hemisphere = range[0] < 0 ? 'S' : 'N';
    const point = fromUtmRaw(zone, h, easting, northing);
    if (inBand(point.lat, b))
      readings.push({ point, utm: { zone, hemisphere: h, band: b, easting, northing }, form: 'band' });
  };
  if (word !== undefined) asHemisphere(word);
  else if (letter === 'N' || letter === 'S') {
    if (form !== 'band') asHemisphere(letter);
    if (form !== 'hemisphere') asBand(letter);
  } else if (form === 'hemisphere') {
    return err([
      problem('COORD_INVALID', 'utm.band', `"${letter}" is a band letter, not a hemisphere`, {
        value: letter,
      }),
    ]);
  } else asBand(letter);

  const [first, second] = readings;
  if (first === undefined) {
    return err([
      problem(
        'COORD_OUT_OF_RANGE',
        'utm.northing',
        `northing ${northing} does not fall in ${word ?? letter} of zone ${zone}`,
        {
          value: northing,
        },
      ),
    ]);
  }
  if (second !== undefined && Math.abs(second.point.lat - first.point.lat) > 1e-9) {
    return err([
      problem(
        'COORD_AMBIGUOUS',
        'utm.band',
        `"${zone}${letter}" reads as ${first.form} ${letter} (lat ${first.point.lat.toFixed(3)}) or ${second.form} ${letter} (lat ${second.point.lat.toFixed(3)}); write "${zone} north|south" or pass the form`,
        { value: text, readings: readings.map((r) => r.point) },
      ),
    ]);
  }
  return ok(first);
}

/** Format UTM in the chosen form, metres to the millimetre: `35V 385000.000 6650000.000` or `35 north …`. */
export function formatUtm(u: UtmCoordinate, form: UtmForm, decimals = 3): string {
  const head =
    form === 'band' ? `${u.zone}${u.band}` : `${u.zone} ${u.hemisphere === 'N' ? 'north' : 'south'}`;
  return `${head} ${u.easting.toFixed(decimals)} ${u.northing.toFixed(decimals)}`;
}
