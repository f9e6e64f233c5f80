/**
 * Cut one vector tile directly from WGS 84 GeoJSON geometries: project to the tile's integer
 * grid, clip to the buffered tile square, and encode it (mvt.ts). geojson-vt builds a whole tile pyramid (clipping at every zoom from 0 down to z) to
 * serve one tile; a server that cuts one tile per request needs only the last step. Geometry is
 * not simplified (geojson-vt does not simplify at its maxZoom either, which is how it was called).
 */
import type { StoredGeometry } from '../../store/index.js';
import { encodeMvt, type MvtFeature } from './mvt.js';

export type TileTags = Readonly<Record<string, string | number | boolean>>;

/** A row to draw: its geometry (GeoJSON, WGS 84) and the scalar properties the feature carries. */
export interface TileInput {
  readonly geometry: StoredGeometry;
  readonly tags: TileTags;
}

type Pt = [number, number];

interface Grid {
  readonly scale: number; // 2^z · extent
  readonly ox: number; // x · extent
  readonly oy: number; // y · extent
  readonly lo: number; // −buffer
  readonly hi: number; // extent + buffer
}

function px(g: Grid, lon: number): number {
  return ((lon + 180) / 360) * g.scale - g.ox;
}
function py(g: Grid, lat: number): number {
  const s = Math.sin((lat * Math.PI) / 180);
  const m = 0.5 - (0.25 * Math.log((1 + s) / (1 - s))) / Math.PI;
  return (m < 0 ? 0 : m > 1 ? 1 : m) * g.scale - g.oy;
}

function project(g: Grid, c: unknown): Pt | undefined {
  if (!Array.isArray(c) || typeof c[0] !== 'number' || typeof c[1] !== 'number') return undefined;
  return [px(g, c[0]), py(g, c[1])];
}

function projectAll(g: Grid, cs: unknown): Pt[] {
  const out: Pt[] = [];
  if (!Array.isArray(cs)) return out;
  for (const c of cs) {
    const p = project(g, c);
    if (p !== undefined) out.push(p);
  }
  return out;
}

/** Sutherland–Hodgman against one axis-aligned half-plane; `axis` 0 = x, 1 = y. */
function clipEdge(ring: readonly Pt[], axis: 0 | 1, bound: number, keepAbove: boolean): Pt[] {
  const out: Pt[] = [];
  const n = ring.length;
  if (n === 0) return out;
  const inside = (p: Pt) => (keepAbove ? p[axis] >= bound : p[axis] <= bound);
  let prev = ring[n - 1] as Pt;
  let prevIn = inside(prev);
  for (const cur of ring) {
    const curIn = inside(cur);
    if (curIn !== prevIn) {
      const t = (bound - prev[axis]) / (cur[axis] - prev[axis]);
      const o = axis === 0 ? 1 : 0;
      const q: Pt = [0, 0];
      q[axis] = bound;
      q[o] = prev[o] + t * (cur[o] - prev[o]);
      out.push(q);
    }
    if (curIn) out.push(cur);
    prev = cur;
    prevIn = curIn;
  }
  return out;
}

/** Clip an (open) ring to the grid square, round it, close it; undefined when nothing is left. */
function clipRing(g: Grid, open: Pt[], outer: boolean): Pt[] | undefined {
  let r = open;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of r) {
    if (p[0] < minX) minX = p[0];
    if (p[0] > maxX) maxX = p[0];
    if (p[1] < minY) minY = p[1];
    if (p[1] > maxY) maxY = p[1];
  }
  if (maxX < g.lo || minX > g.hi || maxY < g.lo || minY > g.hi) return undefined;
  if (minX < g.lo) r = clipEdge(r, 0, g.lo, true);
  if (maxX > g.hi) r = clipEdge(r, 0, g.hi, false);
  if (minY < g.lo) r = clipEdge(r, 1, g.lo, true);
  if (maxY > g.hi) r = clipEdge(r, 1, g.hi, false);
  if (r.length < 3) return undefined;
  const ring: Pt[] = r.map((p) => [Math.round(p[0]), Math.round(p[1])]);
  ring.push([ring[0]?.[0] ?? 0, ring[0]?.[1] ?? 0]);
  // MVT 2.1 §4.3.4.4: exterior rings wind clockwise on screen (positive area with y down), interior rings anticlockwise.
  let area = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const a = ring[i] as Pt;
    const b = ring[i + 1] as Pt;
    area += a[0] * b[1] - b[0] * a[1];
  }
  // A ring that rounds to no area is kept (as geojson-vt kept it): a small hazard seen from far
  // out still reaches the tile, and a map may draw it with a symbol or an outline.
  if ((area < 0 && outer) || (area > 0 && !outer)) ring.reverse();
  return ring;
}

function openRing(g: Grid, coords: unknown): Pt[] {
  const r = projectAll(g, coords);
  const first = r[0];
  const last = r[r.length - 1];
  if (r.length > 1 && first !== undefined && last !== undefined && first[0] === last[0] && first[1] === last[1]) r.pop();
  return r;
}

function polygonRings(g: Grid, polygon: unknown, into: Pt[][]): void {
  if (!Array.isArray(polygon)) return;
  const [shell, ...holes] = polygon as unknown[];
  const outer = clipRing(g, openRing(g, shell), true);
  if (outer === undefined) return;
  into.push(outer);
  for (const h of holes) {
    const ring = clipRing(g, openRing(g, h), false);
    if (ring !== undefined) into.push(ring);
  }
}

/** Liang–Barsky clip of a polyline to the grid square: the pieces inside, rounded. */
function clipLine(g: Grid, line: readonly Pt[], into: Pt[][]): void {
  let piece: Pt[] = [];
  const flush = () => {
    if (piece.length >= 2) into.push(piece);
    piece = [];
  };
  for (let i = 0; i + 1 < line.length; i++) {
    const a = line[i] as Pt;
    const b = line[i + 1] as Pt;
    const dx = b[0] - a[0];
    const dy = b[1] - a[1];
    let t0 = 0;
    let t1 = 1;
    let ok = true;
    for (const [p, q] of [
      [-dx, a[0] - g.lo],
      [dx, g.hi - a[0]],
      [-dy, a[1] - g.lo],
      [dy, g.hi - a[1]],
    ] as const) {
      if (p === 0) {
        if (q < 0) ok = false;
      } else {
        const t = q / p;
        if (p < 0) t0 = Math.max(t0, t);
        else t1 = Math.min(t1, t);
      }
    }
    if (!ok || t0 > t1) {
      flush();
      continue;
    }
    const s: Pt = [Math.round(a[0] + t0 * dx), Math.round(a[1] + t0 * dy)];
    const e: Pt = [Math.round(a[0] + t1 * dx), Math.round(a[1] + t1 * dy)];
    if (piece.length === 0 || t0 > 0) {
      flush();
      piece.push(s);
    }
    piece.push(e);
    if (t1 < 1) flush();
  }
  flush();
}

function addGeometry(g: Grid, geom: StoredGeometry, tags: TileTags, out: MvtFeature[]): void {
  const c = geom.coordinates;
  switch (geom.type) {
    case 'Point':
    case 'MultiPoint': {
      const pts = (geom.type === 'Point' ? [project(g, c)] : projectAll(g, c)).filter((p): p is Pt => p !== undefined && p[0] >= g.lo && p[0] <= g.hi && p[1] >= g.lo && p[1] <= g.hi);
      if (pts.length > 0) out.push({ type: 1, geometry: [pts.map((p) => [Math.round(p[0]), Math.round(p[1])] as Pt)], tags });
      return;
    }
    case 'LineString':
    case 'MultiLineString': {
      const lines: Pt[][] = [];
      for (const l of geom.type === 'LineString' ? [c] : Array.isArray(c) ? (c as unknown[]) : []) clipLine(g, projectAll(g, l), lines);
      if (lines.length > 0) out.push({ type: 2, geometry: lines, tags });
      return;
    }
    case 'Polygon':
    case 'MultiPolygon': {
      const rings: Pt[][] = [];
      for (const p of geom.type === 'Polygon' ? [c] : Array.isArray(c) ? (c as unknown[]) : []) polygonRings(g, p, rings);
      if (rings.length > 0) out.push({ type: 3, geometry: rings, tags });
      return;
    }
    case 'GeometryCollection':
      for (const part of geom.geometries ?? []) addGeometry(g, part, tags, out);
      return;
    default:
      return;
  }
}

/** The MVT bytes of tile z/x/y with one layer `layer`, or an empty buffer when no feature reaches it. */
export function cutTile(layer: string, rows: Iterable<TileInput>, z: number, x: number, y: number, extent: number, buffer: number): Uint8Array {
  const g: Grid = { scale: 2 ** z * extent, ox: x * extent, oy: y * extent, lo: -buffer, hi: extent + buffer };
  const features: MvtFeature[] = [];
  for (const r of rows) addGeometry(g, r.geometry, r.tags, features);
  return encodeMvt(layer, features, extent);
}
