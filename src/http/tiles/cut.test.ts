/**
 * The direct tile cutter (cut.ts) against geojson-vt, which cut Cairn's tiles before: for the
 * same SYNTHETIC random geometries, each tile decodes to the same features with the same
 * geometry (rings compared from their lowest vertex, since clipping may start a ring elsewhere;
 * geojson-vt quantises coordinates before it clips, so points where the tile's edge cuts a line
 * or ring may land two tile units apart; a shape that only grazes the buffer's outer edge, and
 * so is cut down to a line on it, may be kept by one and not the other, and is left out here).
 */
import { createRequire } from 'node:module';
import GeoJSONVT from 'geojson-vt';
import { fromGeojsonVt } from 'vt-pbf';
import { describe, expect, it } from 'vitest';
import type { StoredGeometry } from '../../store/index.js';
import { cutTile, type TileInput } from './cut.js';

interface Pt {
  x: number;
  y: number;
}
interface Feature {
  type: number;
  properties: Record<string, string | number | boolean>;
  loadGeometry(): Pt[][];
}
interface Layer {
  length: number;
  feature(i: number): Feature;
}
const require = createRequire(import.meta.url);
const { VectorTile } = require('@mapbox/vector-tile') as { VectorTile: new (p: unknown) => { layers: Record<string, Layer | undefined> } };
const Pbf = require('pbf') as new (b: Uint8Array) => unknown;

const EXTENT = 4096;
const BUFFER = 64;

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** SYNTHETIC DEMO DATA: random squares (some with a square hole), lines and points near (25, 61). */
function shapes(n: number, seed: number): TileInput[] {
  const r = rng(seed);
  const out: TileInput[] = [];
  for (let i = 0; i < n; i++) {
    const x = 25 + r() * 0.5;
    const y = 61 + r() * 0.25;
    const d = 0.0005 + r() * 0.05;
    const tags = { id: `s${String(i)}`, kind: i % 2 === 0 ? 'sha' : 'cha', n: i };
    let geometry: StoredGeometry;
    if (i % 5 === 3) geometry = { type: 'LineString', coordinates: [[x, y], [x + d, y + d / 2], [x + 2 * d, y - d]] };
    else if (i % 5 === 4) geometry = { type: 'MultiPoint', coordinates: [[x, y], [x + d, y + d]] };
    else {
      const shell = [[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]];
      const h = d / 4;
      const hole = [[x + h, y + h], [x + h, y + 3 * h], [x + 3 * h, y + 3 * h], [x + 3 * h, y + h], [x + h, y + h]];
      geometry = { type: 'Polygon', coordinates: i % 5 === 2 ? [shell, hole] : [shell] };
    }
    out.push({ geometry, tags });
  }
  return out;
}

function viaGeojsonVt(rows: readonly TileInput[], z: number, x: number, y: number): Uint8Array {
  const features = rows.map((r) => ({ type: 'Feature', geometry: r.geometry, properties: r.tags }));
  const index = new GeoJSONVT({ type: 'FeatureCollection', features } as unknown as ConstructorParameters<typeof GeoJSONVT>[0], { maxZoom: z, indexMaxZoom: 0, buffer: BUFFER, extent: EXTENT });
  const tile = index.getTile(z, x, y);
  return tile === null || tile.features.length === 0 ? new Uint8Array(0) : fromGeojsonVt({ l: tile }, { version: 2, extent: EXTENT });
}

function signedArea(ring: readonly Pt[]): number {
  let a = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const p = ring[i] as Pt;
    const q = ring[i + 1] as Pt;
    a += p.x * q.y - q.x * p.y;
  }
  return a;
}

/** Each feature as `id type: rings`, every ring rotated to start at its lowest vertex. */
function decode(bytes: Uint8Array): string[] {
  if (bytes.length === 0) return [];
  const layer = new VectorTile(new Pbf(bytes)).layers['l'];
  const out: string[] = [];
  for (let i = 0; i < (layer?.length ?? 0); i++) {
    const f = layer?.feature(i);
    if (f === undefined) continue;
    const geometry = f.loadGeometry();
    const pts = geometry.flat();
    const onEdge = (v: number) => v === -BUFFER || v === EXTENT + BUFFER;
    if (pts.every((p) => onEdge(p.x)) || pts.every((p) => onEdge(p.y))) continue;
    const rings = geometry.map((ring) => {
      const pts = f.type === 3 ? ring.slice(0, -1) : ring;
      if (f.type !== 3) return pts.map((p) => `${String(p.x)},${String(p.y)}`).join(' ');
      let k = 0;
      pts.forEach((p, j) => {
        const q = pts[k];
        if (q !== undefined && (p.y < q.y || (p.y === q.y && p.x < q.x))) k = j;
      });
      return [...pts.slice(k), ...pts.slice(0, k)].map((p) => `${String(p.x)},${String(p.y)}`).join(' ');
    });
    out.push(`${String(f.properties['id'])} ${String(f.type)}: ${rings.join(' | ')}`);
  }
  return out.sort();
}

describe('cutTile', () => {
  const rows = shapes(400, 42);
  const tiles: [number, number, number][] = [];
  for (const z of [8, 10, 12]) {
    const n = 2 ** z;
    for (const [lon, lat] of [[25.1, 61.05], [25.4, 61.2], [25.25, 61.12]] as const) {
      const r = (lat * Math.PI) / 180;
      const t: [number, number, number] = [z, Math.floor(((lon + 180) / 360) * n), Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n)];
      if (!tiles.some((u) => u.join() === t.join())) tiles.push(t);
    }
  }

  it.each(tiles)('cuts tile %i/%i/%i to the same features and geometry as geojson-vt', (z, x, y) => {
    const mine = decode(cutTile('l', rows, z, x, y, EXTENT, BUFFER));
    const theirs = decode(viaGeojsonVt(rows, z, x, y));
    expect(theirs.length).toBeGreaterThan(0);
    expect(mine.filter((m) => !theirs.some((t) => t.split(' ')[0] === m.split(' ')[0])).concat(theirs.filter((t) => !mine.some((m) => t.split(' ')[0] === m.split(' ')[0]))), 'features only one side has').toEqual([]);
    expect(mine.length).toBe(theirs.length);
    mine.forEach((m, i) => {
      const t = theirs[i] ?? '';
      const nums = (v: string) => v.replace(/^\S+ /, '').split(/[^-0-9]+/).filter((w) => w !== '').map(Number);
      expect(m.replace(/[-0-9]+/g, '#'), 'feature, type and ring shapes').toBe(t.replace(/[-0-9]+/g, '#'));
      const [a, b] = [nums(m), nums(t)];
      expect(a.length).toBe(b.length);
      a.forEach((v, j) => expect(Math.abs(v - (b[j] ?? NaN)), `${m} vs ${t}`).toBeLessThanOrEqual(2));
    });
  });

  it('winds exterior rings clockwise on screen and holes anticlockwise (MVT 2.1 §4.3.4.4)', () => {
    const [z, x, y] = tiles.find((t) => t[0] === 10) ?? [10, 0, 0];
    const layer = new VectorTile(new Pbf(cutTile('l', rows, z, x, y, EXTENT, BUFFER))).layers['l'];
    let holes = 0;
    let shells = 0;
    for (let i = 0; i < (layer?.length ?? 0); i++) {
      const f = layer?.feature(i);
      if (f?.type !== 3) continue;
      const [outer, ...inner] = f.loadGeometry();
      // Rings that round to no area have no winding; every other one must wind the right way.
      expect(signedArea(outer ?? [])).toBeGreaterThanOrEqual(0);
      if (signedArea(outer ?? []) > 0) shells++;
      for (const h of inner) {
        expect(signedArea(h)).toBeLessThanOrEqual(0);
        if (signedArea(h) < 0) holes++;
      }
    }
    expect(shells).toBeGreaterThan(0);
    expect(holes).toBeGreaterThan(0);
  });

  it('returns an empty tile when no geometry reaches it', () => {
    expect(cutTile('l', rows, 10, 0, 0, EXTENT, BUFFER).length).toBe(0);
  });
});
