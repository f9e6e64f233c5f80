/**
 * The built web app: a ceiling on bundle size, and the offline basemap's antimeridian repairs.
 * Sizes are of the files in dist/web as built by `npm run build:web`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, requireBuild } from './harness.js';
import { antimeridianJumps } from '../../web/build/basemap.js';

const WEB = join(ROOT, 'dist', 'web');
const KB = 1024;

function files(dir: string): { path: string; size: number }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? files(p) : [{ path: p.slice(WEB.length + 1), size: statSync(p).size }];
  });
}

describe('the built web app', () => {
  requireBuild();
  const all = files(WEB);

  it('keeps the entry script under 1.2 MB and all scripts under 2.8 MB', () => {
    const html = readFileSync(join(WEB, 'index.html'), 'utf8');
    const entry = /src="\/(assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(entry, 'index.html names its entry script').toBeDefined();
    const entrySize = all.find((f) => f.path === entry)?.size ?? Infinity;
    expect(entrySize).toBeLessThan(1200 * KB);
    const scripts = all.filter((f) => /\.(m?js)$/.test(f.path)).reduce((n, f) => n + f.size, 0);
    expect(scripts).toBeLessThan(2800 * KB);
  });

  it('keeps styles under 120 kB and the basemap under 2.5 MB', () => {
    const css = all.filter((f) => f.path.endsWith('.css')).reduce((n, f) => n + f.size, 0);
    expect(css).toBeLessThan(120 * KB);
    expect(all.find((f) => f.path === 'basemap/countries.json')?.size ?? Infinity).toBeLessThan(2500 * KB);
  });

  it('references no external URL from its HTML, scripts or styles except inert namespace strings', () => {
    for (const f of all.filter((x) => /\.(html|css)$/.test(x.path))) {
      const text = readFileSync(join(WEB, f.path), 'utf8');
      expect(text, f.path).not.toMatch(/(src|href)=["']https?:/);
      expect(text, f.path).not.toMatch(/url\(["']?https?:/);
    }
  });

  it('ships a basemap with no ring crossing the antimeridian, Russia and Fiji unwrapped, Antarctica closed at the pole', () => {
    const fc = JSON.parse(
      readFileSync(join(WEB, 'basemap', 'countries.json'), 'utf8'),
    ) as GeoJSON.FeatureCollection<GeoJSON.MultiPolygon, { name: string }>;
    expect(fc.features.length).toBeGreaterThan(170); // 177 countries at 1:110m, 241 at 1:50m
    // The one allowed long edge runs along the South Pole itself, closing Antarctica.
    const alongPole = (r: GeoJSON.Position[], k: number) => r[k]?.[1] === -90 && r[k - 1]?.[1] === -90;
    for (const f of fc.features)
      for (const p of f.geometry.coordinates)
        for (const r of p)
          expect(
            antimeridianJumps(r).filter((k) => !alongPole(r, k)),
            f.properties.name,
          ).toEqual([]);
    const byName = (n: string) => fc.features.find((f) => f.properties.name === n);
    const maxLon = (n: string) =>
      Math.max(
        ...(byName(n)
          ?.geometry.coordinates.flat(2)
          .map((c) => c[0] ?? 0) ?? []),
      );
    // Chukotka lies east of 180°: unwrapped, its longitudes run past 180 (about 190.6 at Cape Dezhnev).
    expect(maxLon('Russia')).toBeGreaterThan(185);
    expect(maxLon('Fiji')).toBeGreaterThan(180);
    const ant = byName('Antarctica')?.geometry.coordinates ?? [];
    const polar = ant.filter((p) => p[0]?.some((c) => c[1] === -90));
    expect(polar.length).toBe(1);
    const ring = polar[0]?.[0] ?? [];
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    expect(Math.min(...ring.map((c) => c[0] ?? 0))).toBe(-180);
    expect(Math.max(...ring.map((c) => c[0] ?? 0))).toBe(180);
  });
});
