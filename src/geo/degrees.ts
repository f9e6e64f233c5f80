/**
 * Degree input and output: decimal degrees, degrees-minutes-seconds and degrees-decimal-minutes,
 * with hemisphere letters or signs and the usual separators. Input order is LAT LON, as read off a
 * GPS, unless hemisphere letters say otherwise. Anything that could be read two ways (a sign and
 * a hemisphere letter together, an odd number of bare fields, commas that may be decimal marks)
 * is refused as COORD_AMBIGUOUS rather than guessed: sign errors are the classic field mistake.
 */
import { err, ok, problem, type Problem, type Result } from '../core/index.js';
import type { Wgs84Point } from './types.js';

export type DegreeFormat = 'dd' | 'dms' | 'dmm';

interface Angle {
  readonly value: number;
  readonly format: DegreeFormat;
  /** Hemisphere letter given, if any. */
  readonly hemi: 'N' | 'S' | 'E' | 'W' | undefined;
}

const NUM = String.raw`\d+(?:\.\d+)?`;

function normalise(text: string): string {
  return text
    .trim()
    .replace(/[º˚]/g, '°')
    .replace(/[′’‘`´]/g, "'")
    .replace(/[″”“]/g, '"')
    .replace(/''/g, '"')
    .replace(/[\u2212\u2012\u2013]/g, '-')
    .toUpperCase();
}

/** Parse one angle group such as `60°30'15.2"N`, `N 60 30.5`, `-24.3`, `60:30:15`. */
function parseGroup(raw: string, path: string, problems: Problem[]): Angle | undefined {
  let s = raw.trim();
  let hemi: Angle['hemi'];
  const pre = /^([NSEW])\s*/.exec(s);
  if (pre) {
    hemi = pre[1] as Angle['hemi'];
    s = s.slice(pre[0].length);
  }
  const post = /\s*([NSEW])$/.exec(s);
  if (post) {
    if (hemi !== undefined) {
      problems.push(problem('COORD_INVALID', path, `"${raw}" has two hemisphere letters`, { value: raw }));
      return undefined;
    }
    hemi = post[1] as Angle['hemi'];
    s = s.slice(0, s.length - post[0].length);
  }
  let sign = 1;
  const signM = /^([+-])\s*/.exec(s);
  if (signM) {
    sign = signM[1] === '-' ? -1 : 1;
    s = s.slice(signM[0].length);
    if (hemi !== undefined) {
      problems.push(
        problem(
          'COORD_AMBIGUOUS',
          path,
          `"${raw}" has both a sign and a hemisphere letter; give one of them`,
          { value: raw },
        ),
      );
      return undefined;
    }
  }
  const parts = new RegExp(
    String.raw`^(${NUM})\s*(?:°|D)?\s*(?:(?::|\s)\s*)?(?:(${NUM})\s*(?:'|M)?\s*(?:(?::|\s)\s*)?(?:(${NUM})\s*(?:")?)?)?$`,
  ).exec(s);
  if (parts === null) {
    problems.push(
      problem('COORD_INVALID', path, `"${raw}" is not a degree value (DD, DMS or DMM)`, { value: raw }),
    );
    return undefined;
  }
  const deg = Number(parts[1]);
  const min = parts[2] === undefined ? undefined : Number(parts[2]);
  const sec = parts[3] === undefined ? undefined : Number(parts[3]);
  const degFrac = (parts[1] ?? '').includes('.');
  if ((min !== undefined && degFrac) || (sec !== undefined && (parts[2] ?? '').includes('.'))) {
    problems.push(
      problem('COORD_INVALID', path, `"${raw}": only the last field may have decimals`, { value: raw }),
    );
    return undefined;
  }
  if ((min !== undefined && min >= 60) || (sec !== undefined && sec >= 60)) {
    problems.push(
      problem('COORD_OUT_OF_RANGE', path, `"${raw}": minutes and seconds must be below 60`, { value: raw }),
    );
    return undefined;
  }
  const value = sign * (deg + (min ?? 0) / 60 + (sec ?? 0) / 3600);
  const format: DegreeFormat = sec !== undefined ? 'dms' : min !== undefined ? 'dmm' : 'dd';
  return { value, format, hemi };
}

/** Split the text into exactly two angle groups, or report why it cannot be done safely. */
function splitGroups(s: string, problems: Problem[]): readonly [string, string] | null {
  const fail = (code: 'COORD_INVALID' | 'COORD_AMBIGUOUS', msg: string): null => {
    problems.push(problem(code, 'coordinate', msg, { value: s }));
    return null;
  };
  if (/[^0-9NSEWDM°'":,;.+\-\s]/.test(s))
    return fail('COORD_INVALID', 'the text has characters that are not part of a coordinate');
  // 1. Explicit separators: ';', or a comma followed by a space.
  const hard = s.split(/\s*;\s*|,\s+/);
  if (hard.length === 2) {
    const [a, b] = hard as [string, string];
    return [a.replace(/(\d),(\d)/g, '$1.$2'), b.replace(/(\d),(\d)/g, '$1.$2')];
  }
  if (hard.length > 2) return fail('COORD_INVALID', 'expected two values, latitude and longitude');
  // 2. Tight commas: a separator when decimals use dots; a decimal mark when separated by spaces.
  if (s.includes(',')) {
    const commas = (s.match(/,/g) ?? []).length;
    if (/\s/.test(s) && !s.includes('.') && /^\S*\d,\d\S*\s+\S*\d,\d\S*$/.test(s)) {
      s = s.replace(/(\d),(\d)/g, '$1.$2');
    } else if (commas === 1) {
      const [a, b] = s.split(',') as [string, string];
      return [a.trim(), b.trim()];
    } else {
      return fail(
        'COORD_AMBIGUOUS',
        'commas could be decimal marks or separators; use "LAT, LON" with a space after the comma',
      );
    }
  }
  // 3. Hemisphere letters delimit groups: `N60 30 E24 18` or `60 30N 24 18E`.
  const letters = [...s.matchAll(/[NSEW]/g)];
  if (letters.length === 2) {
    const prefix = /^[NSEW]/.test(s);
    const cut = prefix ? (letters[1]?.index ?? 0) : (letters[0]?.index ?? 0) + 1;
    return [s.slice(0, cut).trim(), s.slice(cut).trim()];
  }
  if (letters.length === 1)
    return fail('COORD_AMBIGUOUS', 'only one value has a hemisphere letter; give both or neither');
  if (letters.length > 2) return fail('COORD_INVALID', 'too many hemisphere letters');
  // 4. Degree marks start a group: `60°30'15" 24°18'`.
  const tokens = s.split(/\s+/).filter((t) => t !== '');
  const marked = tokens.map((t, i) => (/°/.test(t) ? i : -1)).filter((i) => i >= 0);
  if (marked.length === 2 && marked[0] === 0) {
    const k = marked[1] ?? 0;
    return [tokens.slice(0, k).join(' '), tokens.slice(k).join(' ')];
  }
  // 5. Bare numbers: 2 → DD, 4 → DMM, 6 → DMS; anything else cannot be split without guessing.
  if (tokens.length % 2 === 0 && tokens.length <= 6 && marked.length === 0) {
    const h = tokens.length / 2;
    return [tokens.slice(0, h).join(' '), tokens.slice(h).join(' ')];
  }
  return fail(
    tokens.length > 1 ? 'COORD_AMBIGUOUS' : 'COORD_INVALID',
    'cannot tell where latitude ends and longitude starts; use hemisphere letters or "LAT, LON"',
  );
}

/** A parsed degree coordinate with the text it came from. */
export interface ParsedDegrees {
  readonly point: Wgs84Point;
  readonly format: DegreeFormat;
}

/**
 * Parse `LAT LON` in DD, DMS or DMM. Hemisphere letters may reorder (`E24 N60` is accepted).
 * @example parseDegrees(`60°30'15"N 24°18'E`) // ok({ point: { lat: 60.504…, lon: 24.3 }, format: 'dms' })
 */
export function parseDegrees(text: string): Result<ParsedDegrees> {
  const problems: Problem[] = [];
  const s = normalise(text);
  if (s === '')
    return err([problem('COORD_INVALID', 'coordinate', 'the coordinate is empty', { value: text })]);
  const groups = splitGroups(s, problems);
  if (groups === null) return err(problems);
  const a = parseGroup(groups[0], 'lat', problems);
  const b = parseGroup(groups[1], 'lon', problems);
  if (a === undefined || b === undefined) return err(problems);
  const isLon = (x: Angle): boolean => x.hemi === 'E' || x.hemi === 'W';
  const isLat = (x: Angle): boolean => x.hemi === 'N' || x.hemi === 'S';
  if ((isLat(a) && isLat(b)) || (isLon(a) && isLon(b))) {
    return err([problem('COORD_INVALID', 'coordinate', 'both values name the same axis', { value: text })]);
  }
  const [latA, lonA] = isLon(a) || isLat(b) ? [b, a] : [a, b];
  const lat = latA.hemi === 'S' ? -latA.value : latA.value;
  const lon = lonA.hemi === 'W' ? -lonA.value : lonA.value;
  if (Math.abs(lat) > 90) {
    problems.push(
      problem('COORD_OUT_OF_RANGE', 'lat', `latitude ${lat} is outside [-90, 90] (input order is LAT LON)`, {
        value: lat,
      }),
    );
  }
  if (Math.abs(lon) > 180) {
    problems.push(
      problem('COORD_OUT_OF_RANGE', 'lon', `longitude ${lon} is outside [-180, 180]`, { value: lon }),
    );
  }
  if (problems.length > 0) return err(problems);
  const rank = { dd: 0, dmm: 1, dms: 2 } as const;
  const format = rank[a.format] >= rank[b.format] ? a.format : b.format;
  return ok({ point: { lat, lon } as Wgs84Point, format });
}

/** Split |x| into integer degrees and a remainder in units of 1/`per` degree, carrying exactly. */
function splitUnits(x: number, per: number, decimals: number): { deg: number; rest: number } {
  const scale = per * 10 ** decimals;
  const total = Math.round(Math.abs(x) * scale);
  return { deg: Math.floor(total / scale), rest: (total % scale) / 10 ** decimals };
}

function dmsOne(x: number, pos: string, neg: string, decimals: number, width: number): string {
  const { deg, rest } = splitUnits(x, 3600, decimals);
  const min = Math.floor(rest / 60);
  const sec = rest - min * 60;
  const secText = sec.toFixed(decimals).padStart(decimals > 0 ? 3 + decimals : 2, '0');
  return `${String(deg).padStart(width, '0')}°${String(min).padStart(2, '0')}'${secText}"${x < 0 ? neg : pos}`;
}

function dmmOne(x: number, pos: string, neg: string, decimals: number, width: number): string {
  const { deg, rest } = splitUnits(x, 60, decimals);
  const minText = rest.toFixed(decimals).padStart(decimals > 0 ? 3 + decimals : 2, '0');
  return `${String(deg).padStart(width, '0')}°${minText}'${x < 0 ? neg : pos}`;
}

/** `LAT LON` in decimal degrees, signed, `decimals` places (7 ≈ 1 cm). */
export function formatDd(p: Wgs84Point, decimals = 7): string {
  return `${p.lat.toFixed(decimals)} ${p.lon.toFixed(decimals)}`;
}

/** `LAT LON` as `60°30'15.20"N 024°18'00.00"E` (rounded at the last decimal, carried correctly). */
export function formatDms(p: Wgs84Point, secondDecimals = 2): string {
  return `${dmsOne(p.lat, 'N', 'S', secondDecimals, 2)} ${dmsOne(p.lon, 'E', 'W', secondDecimals, 3)}`;
}

/** `LAT LON` as `60°30.2533'N 024°18.0000'E`. */
export function formatDmm(p: Wgs84Point, minuteDecimals = 4): string {
  return `${dmmOne(p.lat, 'N', 'S', minuteDecimals, 2)} ${dmmOne(p.lon, 'E', 'W', minuteDecimals, 3)}`;
}
