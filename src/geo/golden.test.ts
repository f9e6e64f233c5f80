/**
 * Golden vectors from independent tools (test/golden/geo/generate.sh): GeoConvert, GeodSolve,
 * Planimeter and cs2cs. The files are committed; the tools are not needed to run these tests.
 */
import { readFileSync } from 'node:fs';
import mgrsPackage from 'mgrs';
import { describe, expect, it } from 'vitest';
import {
  fromWgs84,
  geodesicDirect,
  geodesicInverse,
  gridConvergence,
  measure,
  parseMgrs,
  toMgrs,
  toUtm,
  toWgs84,
  wgs84Point,
  type MgrsPrecision,
  type PolygonGeometry,
  type Position,
  type Wgs84Point,
} from './index.js';

function golden(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../test/golden/geo/${name}`, import.meta.url), 'utf8'));
}

function pt(lat: number, lon: number): Wgs84Point {
  const r = wgs84Point(lat, lon);
  if (!r.ok) throw new Error(`bad golden point ${lat} ${lon}`);
  return r.value;
}

interface UtmCase {
  lat: number;
  lon: number;
  zone: number;
  hemisphere: 'N' | 'S';
  easting: number;
  northing: number;
  convergence: number;
  scale: number;
  mgrs: string[];
  centre5: [number, number];
  centre3: [number, number];
}

const utm = (golden('utm-mgrs.json') as { cases: UtmCase[] }).cases;

describe('UTM and MGRS against GeoConvert', () => {
  it('has at least 200 cases covering every zone from 20°E to 40°E, the equator and Norway/Svalbard', () => {
    expect(utm.length).toBeGreaterThanOrEqual(200);
    const zones = new Set(utm.map((c) => c.zone));
    for (const z of [31, 32, 33, 34, 35, 36, 37]) expect(zones.has(z)).toBe(true);
    expect(utm.some((c) => c.mgrs[0]?.startsWith('32V'))).toBe(true);
    expect(utm.some((c) => Math.abs(c.lat) < 0.001)).toBe(true);
  });

  it('projects every case to the same zone and within a micrometre of GeoConvert', () => {
    for (const c of utm) {
      const r = toUtm(pt(c.lat, c.lon));
      expect(r.ok).toBe(true);
      if (!r.ok) continue;
      expect([r.value.zone, r.value.hemisphere]).toEqual([c.zone, c.hemisphere]);
      expect(Math.abs(r.value.easting - c.easting)).toBeLessThan(2e-6);
      expect(Math.abs(r.value.northing - c.northing)).toBeLessThan(2e-6);
    }
  });

  it('writes the same MGRS as GeoConvert at every precision from 1 to 5 digits (truncated)', () => {
    for (const c of utm) {
      for (let p = 1; p <= 5; p++) {
        const r = toMgrs(pt(c.lat, c.lon), p as MgrsPrecision);
        expect(r.ok && r.value).toBe(c.mgrs[p - 1]);
      }
    }
  });

  it('reads MGRS back to the square centre GeoConvert gives', () => {
    for (const c of utm) {
      for (const [text, centre] of [
        [c.mgrs[4], c.centre5],
        [c.mgrs[2], c.centre3],
      ] as const) {
        const r = parseMgrs(text ?? '');
        expect(r.ok).toBe(true);
        if (!r.ok) continue;
        expect(Math.abs(r.value.centre.lat - centre[0])).toBeLessThan(1e-9);
        expect(Math.abs(r.value.centre.lon - centre[1])).toBeLessThan(1e-9);
      }
    }
  });

  it('cross-checks the npm mgrs encoder, which also truncates and knows 32V and Svalbard', () => {
    // A CommonJS package: Node gives it as a default export only.
    const npm = mgrsPackage as unknown as { forward: (ll: [number, number], accuracy: number) => string };
    for (const c of utm)
      for (let p = 1; p <= 5; p++) expect(npm.forward([c.lon, c.lat], p)).toBe(c.mgrs[p - 1]);
  });

  it('gives the UTM meridian convergence GeoConvert gives', () => {
    for (const c of utm) {
      const g = gridConvergence(pt(c.lat, c.lon));
      expect(g.ok && Math.abs(g.value - c.convergence)).toBeLessThan(1e-8);
    }
  });
});

describe('geodesic problems against GeodSolve', () => {
  const g = golden('geodesic.json') as {
    direct: {
      lat1: number;
      lon1: number;
      azi1: number;
      s12: number;
      lat2: number;
      lon2: number;
      azi2: number;
    }[];
    inverse: {
      lat1: number;
      lon1: number;
      lat2: number;
      lon2: number;
      azi1: number;
      azi2: number;
      s12: number;
    }[];
  };

  it('solves every direct problem to within a millimetre', () => {
    for (const c of g.direct) {
      const r = geodesicDirect(pt(c.lat1, c.lon1), c.azi1, c.s12);
      const back = geodesicInverse(r.point, pt(c.lat2, c.lon2));
      expect(back.distance).toBeLessThan(1e-3);
    }
  });

  it('solves every inverse problem to within a millimetre and a microdegree of azimuth', () => {
    for (const c of g.inverse) {
      const r = geodesicInverse(pt(c.lat1, c.lon1), pt(c.lat2, c.lon2));
      expect(Math.abs(r.distance - c.s12)).toBeLessThan(1e-3);
      const d = Math.abs(((r.initialAzimuth - c.azi1 + 540) % 360) - 180);
      expect(d).toBeLessThan(1e-6);
    }
  });
});

describe('geodesic areas against Planimeter', () => {
  const polys = (
    golden('areas.json') as {
      polygons: {
        ring: Position[];
        hole: Position[] | null;
        shellArea: number;
        holeArea?: number;
        shellPerimeter: number;
        holePerimeter?: number;
      }[];
    }
  ).polygons;

  it('spans 1 m² to 10,000 km²', () => {
    const areas = polys.map((p) => p.shellArea);
    expect(Math.min(...areas)).toBeLessThan(1);
    expect(Math.max(...areas)).toBeGreaterThan(1e10);
  });

  it('agrees with Planimeter within 0.01% for every polygon, holes subtracted', () => {
    for (const p of polys) {
      const rings = [[...p.ring, p.ring[0] as Position]];
      if (p.hole !== null) rings.push([...p.hole, p.hole[0] as Position]);
      const g: PolygonGeometry = { type: 'Polygon', coordinates: rings };
      const m = measure(g);
      const expected = Math.abs(p.shellArea) - Math.abs(p.holeArea ?? 0);
      expect(Math.abs(m.area - expected) / expected).toBeLessThan(1e-4);
      const per = p.shellPerimeter + (p.holePerimeter ?? 0);
      expect(Math.abs(m.perimeter - per) / per).toBeLessThan(1e-9);
    }
  });
});

describe('national grids against cs2cs', () => {
  const grids = (
    golden('national-grids.json') as {
      crs: { code: string; points: { lonlat: [number, number]; xy: [number, number] }[] }[];
    }
  ).crs;

  it('covers every required national grid and SK-42 zone', () => {
    const codes = new Set(grids.map((g) => g.code));
    for (const c of [
      3067, 3301, 3059, 10306, 3346, 2180, 2176, 2177, 2178, 2179, 5562, 5563, 5564, 5565, 28404, 28405,
      28406, 28407, 32634, 32637, 3857,
    ]) {
      expect(codes.has(`EPSG:${c}`)).toBe(true);
    }
  });

  it('agrees with cs2cs within 5 cm and round-trips within 1 mm', () => {
    for (const g of grids) {
      for (const { lonlat, xy } of g.points) {
        const f = fromWgs84(g.code, pt(lonlat[1], lonlat[0]));
        expect(f.ok).toBe(true);
        if (!f.ok) continue;
        expect(Math.hypot(f.value[0] - xy[0], f.value[1] - xy[1])).toBeLessThan(0.05);
        const back = toWgs84(g.code, f.value);
        expect(back.ok).toBe(true);
        if (!back.ok) continue;
        expect(geodesicInverse(back.value, pt(lonlat[1], lonlat[0])).distance).toBeLessThan(1e-3);
      }
    }
  });
});
