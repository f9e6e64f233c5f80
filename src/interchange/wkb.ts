/**
 * WKB (ISO/OGC Simple Features, 2D) and the GeoPackage binary geometry header (OGC GeoPackage
 * 1.3 §2.1.3). Written here rather than taken from a package: about a hundred lines, no Buffer
 * copies per coordinate, and the GeoPackage envelope needs the same walk (docs/decisions.md).
 */
import type { Geometry, Position } from '../geo/index.js';

const TYPE_CODES = {
  Point: 1,
  LineString: 2,
  Polygon: 3,
  MultiPoint: 4,
  MultiLineString: 5,
  MultiPolygon: 6,
} as const;

function size(g: Geometry): number {
  switch (g.type) {
    case 'Point':
      return 5 + 16;
    case 'LineString':
      return 9 + 16 * g.coordinates.length;
    case 'Polygon':
      return 9 + g.coordinates.reduce((n, r) => n + 4 + 16 * r.length, 0);
    case 'MultiPoint':
      return 9 + 21 * g.coordinates.length;
    case 'MultiLineString':
      return 9 + g.coordinates.reduce((n, l) => n + 9 + 16 * l.length, 0);
    case 'MultiPolygon':
      return 9 + g.coordinates.reduce((n, p) => n + 9 + p.reduce((m, r) => m + 4 + 16 * r.length, 0), 0);
  }
}

class Out {
  o = 0;
  constructor(readonly b: Buffer) {}
  u8(v: number) {
    this.b.writeUInt8(v, this.o);
    this.o += 1;
  }
  u32(v: number) {
    this.b.writeUInt32LE(v, this.o);
    this.o += 4;
  }
  pos(p: Position) {
    this.b.writeDoubleLE(p[0], this.o);
    this.b.writeDoubleLE(p[1], this.o + 8);
    this.o += 16;
  }
  head(type: number) {
    this.u8(1);
    this.u32(type);
  }
  line(l: readonly Position[]) {
    this.u32(l.length);
    for (const p of l) this.pos(p);
  }
  poly(rings: readonly (readonly Position[])[]) {
    this.u32(rings.length);
    for (const r of rings) this.line(r);
  }
}

function writeInto(out: Out, g: Geometry): void {
  out.head(TYPE_CODES[g.type]);
  switch (g.type) {
    case 'Point':
      out.pos(g.coordinates);
      return;
    case 'LineString':
      out.line(g.coordinates);
      return;
    case 'Polygon':
      out.poly(g.coordinates);
      return;
    case 'MultiPoint':
      out.u32(g.coordinates.length);
      for (const p of g.coordinates) writeInto(out, { type: 'Point', coordinates: p });
      return;
    case 'MultiLineString':
      out.u32(g.coordinates.length);
      for (const l of g.coordinates) writeInto(out, { type: 'LineString', coordinates: l });
      return;
    case 'MultiPolygon':
      out.u32(g.coordinates.length);
      for (const p of g.coordinates) writeInto(out, { type: 'Polygon', coordinates: p });
      return;
  }
}

/** Little-endian 2D WKB of a geometry. */
export function toWkb(g: Geometry): Buffer {
  const out = new Out(Buffer.allocUnsafe(size(g)));
  writeInto(out, g);
  return out.b;
}

/** [minX, maxX, minY, maxY] — the order of the GeoPackage envelope. */
export function envelope(g: Geometry): [number, number, number, number] {
  const e: [number, number, number, number] = [Infinity, -Infinity, Infinity, -Infinity];
  const add = (p: Position) => {
    if (p[0] < e[0]) e[0] = p[0];
    if (p[0] > e[1]) e[1] = p[0];
    if (p[1] < e[2]) e[2] = p[1];
    if (p[1] > e[3]) e[3] = p[1];
  };
  switch (g.type) {
    case 'Point':
      add(g.coordinates);
      break;
    case 'LineString':
    case 'MultiPoint':
      g.coordinates.forEach(add);
      break;
    case 'Polygon':
    case 'MultiLineString':
      for (const r of g.coordinates) r.forEach(add);
      break;
    case 'MultiPolygon':
      for (const p of g.coordinates) for (const r of p) r.forEach(add);
      break;
  }
  return e;
}

/**
 * A GeoPackage geometry blob: "GP", version 0, flags (little-endian, envelope [minx,maxx,miny,maxy]
 * except for points, which GDAL also writes without one), srs_id, envelope, WKB.
 */
export function toGpkgBlob(g: Geometry, srsId: number): Buffer {
  const wkb = toWkb(g);
  const withEnv = g.type !== 'Point';
  const head = Buffer.allocUnsafe(8 + (withEnv ? 32 : 0));
  head.write('GP', 0, 'latin1');
  head.writeUInt8(0, 2);
  head.writeUInt8((withEnv ? 1 << 1 : 0) | 1, 3);
  head.writeInt32LE(srsId, 4);
  if (withEnv) envelope(g).forEach((v, i) => head.writeDoubleLE(v, 8 + 8 * i));
  return Buffer.concat([head, wkb]);
}

/** Parse WKB (either byte order; Z and M ordinates are read and dropped). Throws on malformed input. */
export function fromWkb(b: Buffer, start = 0): Geometry | null {
  let o = start;
  let le = true;
  const u32 = () => {
    const v = le ? b.readUInt32LE(o) : b.readUInt32BE(o);
    o += 4;
    return v;
  };
  const f64 = () => {
    const v = le ? b.readDoubleLE(o) : b.readDoubleBE(o);
    o += 8;
    return v;
  };
  let dims = 2;
  const pos = (): Position => {
    const x = f64();
    const y = f64();
    for (let i = 2; i < dims; i++) f64();
    return [x, y];
  };
  const line = () => {
    const n = u32();
    const out: Position[] = [];
    for (let i = 0; i < n; i++) out.push(pos());
    return out;
  };
  const rings = () => {
    const n = u32();
    const out: Position[][] = [];
    for (let i = 0; i < n; i++) out.push(line());
    return out;
  };
  const read = (): Geometry | null => {
    le = b.readUInt8(o) === 1;
    o += 1;
    let t = u32();
    // ISO (1000/2000/3000) and EWKB-style (high bits) dimension flags.
    const ewkbZ = (t & 0x80000000) !== 0;
    const ewkbM = (t & 0x40000000) !== 0;
    t &= 0x0fffffff;
    const iso = Math.floor(t / 1000);
    t %= 1000;
    dims = 2 + (iso === 1 || iso === 2 ? 1 : iso === 3 ? 2 : 0) + (ewkbZ ? 1 : 0) + (ewkbM ? 1 : 0);
    const d = dims;
    switch (t) {
      case 1: {
        const p = pos();
        return Number.isNaN(p[0]) && Number.isNaN(p[1]) ? null : { type: 'Point', coordinates: p };
      }
      case 2:
        return { type: 'LineString', coordinates: line() };
      case 3:
        return { type: 'Polygon', coordinates: rings() };
      case 4:
      case 5:
      case 6: {
        const n = u32();
        const parts: Geometry[] = [];
        for (let i = 0; i < n; i++) {
          const part = read();
          dims = d;
          if (part !== null) parts.push(part);
        }
        if (t === 4)
          return {
            type: 'MultiPoint',
            coordinates: parts.map((p) => (p as unknown as { coordinates: Position }).coordinates),
          };
        if (t === 5)
          return {
            type: 'MultiLineString',
            coordinates: parts.map((p) => (p as unknown as { coordinates: Position[] }).coordinates),
          };
        return {
          type: 'MultiPolygon',
          coordinates: parts.map((p) => (p as unknown as { coordinates: Position[][] }).coordinates),
        };
      }
      default:
        throw new Error(`WKB geometry type ${t} is not a point, line, polygon or their collections`);
    }
  };
  return read();
}

/** Parse a GeoPackage geometry blob; null for the empty flag or a null blob. Throws on malformed input. */
export function fromGpkgBlob(b: Buffer): Geometry | null {
  if (b.length < 8 || b.toString('latin1', 0, 2) !== 'GP')
    throw new Error('not a GeoPackage geometry (no "GP" magic)');
  const flags = b.readUInt8(3);
  if ((flags & 0x10) !== 0) return null;
  const envBytes = [0, 32, 48, 48, 64][(flags >> 1) & 0x07];
  if (envBytes === undefined) throw new Error('GeoPackage geometry has an invalid envelope indicator');
  return fromWkb(b, 8 + envBytes);
}
