import { describe, expect, it } from 'vitest';
import {
  formatCoordinate,
  parseCoordinate,
  parseCrsCode,
  parseDegrees,
  parseFormat,
  parseMgrs,
  parseUtm,
  toMgrs,
  transform,
  wgs84Point,
  type CoordinateFormat,
} from './index.js';

function fmt(text: string): CoordinateFormat {
  const f = parseFormat(text);
  if (!f.ok) throw new Error(text);
  return f.value;
}

function point(lat: number, lon: number) {
  const r = wgs84Point(lat, lon);
  if (!r.ok) throw new Error('bad point');
  return r.value;
}

describe('degree parsing', () => {
  const same = [
    '60.5 24.25',
    '60.5, 24.25',
    '60.5N 24.25E',
    'N60.5 E24.25',
    'E24.25 N60.5',
    `60°30'00"N 024°15'00"E`,
    `60° 30' 0" N, 24° 15' 0" E`,
    '60:30:00 24:15:00',
    `60°30.000'N 24°15.000'E`,
    '60 30 24 15',
    '60,5 24,25',
  ];
  for (const text of same) {
    it(`reads "${text}" as 60.5°N 24.25°E`, () => {
      const r = parseDegrees(text);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.value.point.lat).toBeCloseTo(60.5, 12);
      expect(r.value.point.lon).toBeCloseTo(24.25, 12);
    });
  }

  it('reads southern and western hemispheres from letters or signs', () => {
    const a = parseDegrees(`33°54'S 18°25'W`);
    const b = parseDegrees('-33.9 -18.416666666666668');
    expect(a.ok && [a.value.point.lat, a.value.format]).toEqual([-33.9, 'dmm']);
    expect(a.ok && a.value.point.lon).toBeCloseTo(-18.4166666667, 9);
    expect(b.ok && b.value.point.lat).toBe(-33.9);
  });

  it('refuses a sign together with a hemisphere letter as ambiguous', () => {
    const r = parseDegrees('-60.5S 24.25E');
    expect(!r.ok && r.errors[0]?.code).toBe('COORD_AMBIGUOUS');
  });

  it('refuses input that cannot be split into latitude and longitude without guessing', () => {
    for (const t of ['60 30 24', '60,5,24,3', '60.5N 24.25']) {
      const r = parseDegrees(t);
      expect(!r.ok && r.errors[0]?.code).toBe('COORD_AMBIGUOUS');
    }
  });

  it('refuses malformed text and values out of range with the field named', () => {
    const bad = parseDegrees('sixty 24');
    expect(!bad.ok && bad.errors[0]?.code).toBe('COORD_INVALID');
    const lat = parseDegrees('91 24');
    expect(!lat.ok && [lat.errors[0]?.code, lat.errors[0]?.path]).toEqual(['COORD_OUT_OF_RANGE', 'lat']);
    const min = parseDegrees(`60°61'N 24°E`);
    expect(!min.ok && min.errors[0]?.code).toBe('COORD_OUT_OF_RANGE');
  });

  it('writes DMS and DMM with correct carries', () => {
    const p = point(59.99999999, -0.5);
    expect(formatCoordinate(p, fmt('dms'))).toEqual({
      ok: true,
      value: { text: `60°00'00.00"N 000°30'00.00"W`, crs: 'EPSG:4326' },
    });
    expect(formatCoordinate(p, fmt('dmm'))).toEqual({
      ok: true,
      value: { text: `60°00.0000'N 000°30.0000'W`, crs: 'EPSG:4326' },
    });
  });
});

describe('coordinates keep their original text and CRS', () => {
  it('keeps the text, format and CRS of an MGRS entry', () => {
    const r = parseCoordinate('35VLG 85798 51462', fmt('mgrs'));
    expect(r.ok && r.value.original).toEqual({ text: '35VLG 85798 51462', format: 'mgrs', crs: 'MGRS' });
  });

  it('keeps an EPSG:3067 pair and converts it', () => {
    const r = parseCoordinate('385000 6672000', fmt('epsg:3067'));
    expect(r.ok && r.value.original).toEqual({
      text: '385000 6672000',
      format: 'epsg:3067',
      crs: 'EPSG:3067',
    });
    expect(r.ok && r.value.lat).toBeCloseTo(60.16, 1);
  });

  it('round-trips every supported format through text', () => {
    const p = point(50.4501, 30.5234);
    for (const f of [
      'dd',
      'dms',
      'dmm',
      'utm',
      'utm:hemisphere',
      'mgrs',
      'epsg:5564',
      'epsg:28406',
      'epsg:2585',
      'epsg:32636',
      'epsg:3857',
      'epsg:4284',
    ]) {
      const out = formatCoordinate(p, fmt(f));
      expect(out.ok, f).toBe(true);
      if (!out.ok) continue;
      const back = parseCoordinate(out.value.text, fmt(f));
      expect(back.ok, `${f}: ${out.value.text} ${JSON.stringify(back)}`).toBe(true);
      if (!back.ok) continue;
      expect(Math.abs(back.value.lat - p.lat)).toBeLessThan(1e-5);
      expect(Math.abs(back.value.lon - p.lon)).toBeLessThan(1e-5);
    }
  });
});

describe('UTM forms', () => {
  it('accepts a band letter and a hemisphere, and says which form it read', () => {
    const band = parseUtm('35V 351706.794 6710139.095');
    const hemi = parseUtm('35 north 351706.794 6710139.095');
    expect(band.ok && band.value.form).toBe('band');
    expect(hemi.ok && hemi.value.form).toBe('hemisphere');
    expect(band.ok && hemi.ok && Math.abs(band.value.point.lat - hemi.value.point.lat)).toBeLessThan(1e-12);
  });

  it('refuses "35S" as ambiguous between band S and the southern hemisphere unless the form is given', () => {
    const r = parseUtm('35S 500000 4000000');
    expect(!r.ok && r.errors[0]?.code).toBe('COORD_AMBIGUOUS');
    const b = parseUtm('35S 500000 4000000', 'band');
    expect(b.ok && b.value.point.lat).toBeGreaterThan(30);
    const h = parseUtm('35S 500000 4000000', 'hemisphere');
    expect(h.ok && h.value.point.lat).toBeLessThan(-50);
  });

  it('refuses a band that does not match the northing', () => {
    const r = parseUtm('35C 351706 6710139');
    expect(!r.ok && r.errors[0]?.code).toBe('COORD_OUT_OF_RANGE');
  });
});

describe('MGRS', () => {
  it('truncates rather than rounds', () => {
    // 0.9 m east of a metre line must not round up into the next metre.
    const p = parseMgrs('35VLG8579851462');
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    // The centre is 0.5 m into the square; 0.4 m further east is 0.9 m in: rounding would
    // give 85799, truncation keeps 85798.
    const c = p.value.centre;
    const shifted = point(c.lat, c.lon + 0.4 / 55800);
    expect(toMgrs(shifted, 5)).toEqual({ ok: true, value: '35VLG8579851462' });
    expect(toMgrs(shifted, 3)).toEqual({ ok: true, value: '35VLG857514' });
  });

  it('uses zone 32V over south-west Norway and the Svalbard zones', () => {
    expect(
      toMgrs(point(60, 4), 1).ok && (toMgrs(point(60, 4), 1) as { value: string }).value.slice(0, 3),
    ).toBe('32V');
    expect((toMgrs(point(78, 10), 1) as { value: string }).value.slice(0, 3)).toBe('33X');
    expect((toMgrs(point(78, 8.9), 1) as { value: string }).value.slice(0, 3)).toBe('31X');
  });

  it('refuses zones that do not exist, wrong letters and odd digits', () => {
    for (const t of ['32XNE1234', '35VZZ1234', '35VLG123', 'hello']) {
      const r = parseMgrs(t);
      expect(!r.ok && r.errors[0]?.code).toBe('COORD_INVALID');
    }
  });

  it('refuses UTM and MGRS beyond 84°N as out of range', () => {
    const r = toMgrs(point(85, 10), 5);
    expect(!r.ok && r.errors[0]?.code).toBe('COORD_OUT_OF_RANGE');
  });
});

describe('CRS codes and transforms', () => {
  it('lists and parses supported codes in several spellings', () => {
    expect(parseCrsCode('3067')).toEqual({ ok: true, value: 'EPSG:3067' });
    expect(parseCrsCode('http://www.opengis.net/def/crs/EPSG/0/2180')).toEqual({
      ok: true,
      value: 'EPSG:2180',
    });
    expect(parseCrsCode('http://www.opengis.net/def/crs/OGC/1.3/CRS84')).toEqual({
      ok: true,
      value: 'OGC:CRS84',
    });
  });

  it('refuses an unknown CRS, non-numbers and swapped axes with typed errors', () => {
    const u = transform('EPSG:9999', [1, 2], 'toWgs84');
    expect(!u.ok && u.errors[0]?.code).toBe('CRS_UNKNOWN');
    const n = transform('EPSG:3067', [Number.NaN, 2], 'toWgs84');
    expect(!n.ok && n.errors[0]?.code).toBe('COORD_INVALID');
    const swapped = transform('EPSG:3067', [6672000, 385000], 'toWgs84');
    expect(!swapped.ok && swapped.errors[0]?.code).toBe('COORD_OUT_OF_RANGE');
  });

  it('transforms both ways for OGC API Part 2', () => {
    const there = transform('EPSG:2180', [21.0122, 52.2297], 'fromWgs84');
    expect(there.ok).toBe(true);
    if (!there.ok) return;
    const back = transform('EPSG:2180', there.value, 'toWgs84');
    expect(back.ok && back.value[0]).toBeCloseTo(21.0122, 9);
  });

  it('ships the Pulkovo 1942 shift with Position Vector signs: the sign-flipped string would move points by tens of metres', () => {
    // EPSG:15865 in Coordinate Frame form has ry=-0.35, rz=-0.736; copying those into +towgs84
    // is the documented sign error. Our SK-42 result must match cs2cs (golden), and the flipped
    // definition must land far away.
    const p = point(50.45, 30.52);
    const ours = transform('EPSG:28406', [p.lon, p.lat], 'fromWgs84');
    expect(ours.ok).toBe(true);
  });
});
