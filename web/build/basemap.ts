/**
 * The offline basemap: country polygons from the npm package `world-atlas` (Natural Earth 1:50m,
 * public domain), converted from TopoJSON with topojson-client at build time and written into
 * `dist/web/basemap/`. No tile server, nothing fetched from the internet.
 *
 * Natural Earth cuts polygons at ±180°, which a planar (Web Mercator) renderer draws as bands
 * across the whole world. Two repairs make it planar-safe:
 * - rings that cross the antimeridian (Russia's Chukotka and Wrangel Island, Fiji's Vanua Levu
 *   group) are unwrapped by adding 360° to their western longitudes, so they run continuously
 *   past 180° (MapLibre draws longitudes beyond ±180 on the next world copy);
 * - Antarctica's coastline ring, which runs once around the pole, is closed through the pole
 *   along (180, -90) → (-180, -90), and the spherical "pole circle" ring at -89.999° is dropped.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';

type Ring = Position[];

/** Longitude steps above this are antimeridian crossings, not real edges. */
const JUMP_DEG = 180;

/** Indexes k where the edge ring[k-1] → ring[k] jumps across the antimeridian. */
export function antimeridianJumps(ring: readonly Position[]): number[] {
  const out: number[] = [];
  for (let k = 1; k < ring.length; k++) {
    const a = ring[k - 1]?.[0] ?? 0;
    const b = ring[k]?.[0] ?? 0;
    if (Math.abs(b - a) > JUMP_DEG) out.push(k);
  }
  return out;
}

/** A ring that crosses the antimeridian, unwrapped eastwards: western longitudes + 360°. */
export function unwrapRing(ring: readonly Position[]): Ring {
  return ring.map(([x = 0, y = 0]) => [x < 0 ? x + 360 : x, y]);
}

/**
 * A ring that encircles a pole once (one jump), closed through the pole: cut at the jump, then go
 * down the meridian to the pole, along it, and back up.
 */
export function closeAroundPole(ring: readonly Position[], pole: -90 | 90): Ring {
  const jumps = antimeridianJumps(ring);
  const k = jumps[0];
  if (jumps.length !== 1 || k === undefined)
    throw new Error(`closeAroundPole: ring must cross the antimeridian once, crosses ${jumps.length}`);
  // Rotate so the ring starts just after the jump and ends just before it, without the closing duplicate.
  const open = ring.slice(0, -1);
  const start = k % open.length;
  const seq = [...open.slice(start), ...open.slice(0, start)];
  const first = seq[0] ?? [0, 0];
  const last = seq[seq.length - 1] ?? [0, 0];
  const x0 = Math.sign(first[0] ?? 0) * 180;
  const x1 = Math.sign(last[0] ?? 0) * 180;
  const y0 = first[1] ?? 0;
  const y1 = last[1] ?? 0;
  const closed: Ring = [
    [x0, y0],
    ...seq.map(([x = 0, y = 0]) => [x, y]),
    [x1, y1],
    [x1, pole],
    [x0, pole],
    [x0, y0],
  ];
  return closed;
}

function round(ring: Ring, digits: number): Ring {
  const f = 10 ** digits;
  const out: Ring = [];
  for (const [x = 0, y = 0] of ring) {
    const p = [Math.round(x * f) / f, Math.round(y * f) / f];
    const prev = out[out.length - 1];
    if (prev !== undefined && prev[0] === p[0] && prev[1] === p[1]) continue;
    out.push(p);
  }
  return out;
}

function polygonsOf(g: Polygon | MultiPolygon): Ring[][] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

/** Repair one country's polygons for a planar renderer (see the file comment). */
export function repairCountry(name: string, polygons: readonly (readonly Ring[])[]): Ring[][] {
  const out: Ring[][] = [];
  for (const poly of polygons) {
    if (name === 'Antarctica') {
      const crossing = poly.filter((r) => antimeridianJumps(r).length === 1);
      if (crossing.length > 0) {
        // The spherical outer ring hugs the pole at -89.999°; the real coastline is the ring with
        // the lowest latitude above it. Keep the coastline, closed through the pole.
        const coast = crossing.filter((r) => r.every((p) => (p[1] ?? 0) > -89.99));
        for (const r of coast) out.push([closeAroundPole(r, -90)]);
        continue;
      }
    }
    out.push(poly.map((r) => (antimeridianJumps(r).length > 0 ? unwrapRing(r) : [...r])));
  }
  return out;
}

export interface BasemapOptions {
  /** world-atlas resolution: 110m (small) or 50m (default). */
  readonly scale?: '110m' | '50m';
  /** Decimal places kept (4 ≈ 11 m, below the 1:50m source's precision). */
  readonly digits?: number;
}

/** Build the basemap FeatureCollection: one MultiPolygon per country with its name. */
export function buildBasemap(opts: BasemapOptions = {}): FeatureCollection<MultiPolygon, { name: string }> {
  const require = createRequire(import.meta.url);
  const file = require.resolve(`world-atlas/countries-${opts.scale ?? '50m'}.json`);
  const topo = JSON.parse(readFileSync(file, 'utf8')) as Topology<{
    countries: GeometryCollection<{ name: string }>;
  }>;
  const fc = feature(topo, topo.objects.countries) as FeatureCollection<
    Polygon | MultiPolygon | null,
    { name: string }
  >;
  const features: Feature<MultiPolygon, { name: string }>[] = [];
  for (const f of fc.features) {
    if (f.geometry === null) continue;
    const name = f.properties.name;
    const polys = repairCountry(name, polygonsOf(f.geometry)).map((p) =>
      p.map((r) => round(r, opts.digits ?? 4)).filter((r) => r.length >= 4),
    );
    features.push({
      type: 'Feature',
      properties: { name },
      geometry: { type: 'MultiPolygon', coordinates: polys.filter((p) => p.length > 0) },
    });
  }
  return { type: 'FeatureCollection', features };
}
