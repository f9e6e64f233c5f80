/** Decoding served vector tiles in tests: which layers, which features, where their points are. */
import { createRequire } from 'node:module';
import { expect } from 'vitest';
import type { Fixture, Who } from './http-fixtures.js';

interface Feature {
  readonly type: number;
  readonly properties: Record<string, string | number | boolean>;
  toGeoJSON(x: number, y: number, z: number): { geometry: { type: string; coordinates: unknown } };
}
interface Layer {
  readonly length: number;
  feature(i: number): Feature;
}
const require = createRequire(import.meta.url);
const { VectorTile } = require('@mapbox/vector-tile') as {
  VectorTile: new (p: unknown) => { layers: Record<string, Layer | undefined> };
};
const Pbf = require('pbf') as new (b: Uint8Array) => unknown;

/** The XYZ tile containing (lon, lat) at zoom z. */
export function tileOf(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const r = (lat * Math.PI) / 180;
  return [
    Math.floor(((lon + 180) / 360) * n),
    Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n),
  ];
}

export interface DecodedLayer {
  /** Feature ids, sorted. */
  readonly ids: string[];
  readonly props: Record<string, string | number | boolean>[];
  /** Point features as [lon, lat], keyed by id. */
  readonly points: ReadonlyMap<string, [number, number]>;
}

/** GET a tile as `who`, check its status and media type, and decode every layer. */
export async function fetchTile(f: Fixture, who: Who, path: string): Promise<Record<string, DecodedLayer>> {
  const res = await f.request(who, path);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile');
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (bytes.length === 0) return {};
  const m = /\/(\d+)\/(\d+)\/(\d+)\.mvt/.exec(path);
  const [z, x, y] = [Number(m?.[1]), Number(m?.[2]), Number(m?.[3])];
  const out: Record<string, DecodedLayer> = {};
  for (const [name, layer] of Object.entries(new VectorTile(new Pbf(bytes)).layers)) {
    if (layer === undefined) continue;
    const features = Array.from({ length: layer.length }, (_, i) => layer.feature(i));
    const points = new Map<string, [number, number]>();
    for (const ft of features) {
      const g = ft.toGeoJSON(x, y, z).geometry;
      if (g.type === 'Point') points.set(String(ft.properties['id']), g.coordinates as [number, number]);
    }
    out[name] = {
      ids: features.map((ft) => String(ft.properties['id'])).sort(),
      props: features.map((ft) => ft.properties),
      points,
    };
  }
  return out;
}
