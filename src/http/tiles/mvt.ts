/**
 * A minimal Mapbox Vector Tile 2.1 encoder for one layer: protobuf written by hand (varints and
 * length-delimited fields), features deduplicating keys and values as the spec asks. Replaces
 * vt-pbf on the hot path, which builds a Point object per vertex before writing it.
 */

/** Geometry in tile units: 1 points, 2 lines, 3 polygons (closed rings, exteriors clockwise on screen). */
export interface MvtFeature {
  readonly type: 1 | 2 | 3;
  readonly geometry: readonly (readonly (readonly [number, number])[])[];
  readonly tags: Readonly<Record<string, string | number | boolean>>;
}

class Writer {
  buf = new Uint8Array(1024);
  pos = 0;
  #view = new DataView(this.buf.buffer);
  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.#view = new DataView(next.buffer);
  }
  varint(v: number): void {
    this.ensure(10);
    let n = v;
    while (n >= 0x80) {
      this.buf[this.pos++] = (n % 0x80) | 0x80;
      n = Math.floor(n / 0x80);
    }
    this.buf[this.pos++] = n;
  }
  tag(field: number, wire: 0 | 1 | 2): void {
    this.varint(field * 8 + wire);
  }
  bytes(field: number, b: Uint8Array): void {
    this.tag(field, 2);
    this.varint(b.length);
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }
  string(field: number, s: string): void {
    this.bytes(field, Buffer.from(s, 'utf8'));
  }
  double(field: number, v: number): void {
    this.tag(field, 1);
    this.ensure(8);
    this.#view.setFloat64(this.pos, v, true);
    this.pos += 8;
  }
  /** A packed repeated varint field of `size` bytes (see `packedSize`). */
  packed(field: number, values: readonly number[], size: number): void {
    this.tag(field, 2);
    this.varint(size);
    for (const v of values) this.varint(v);
  }
  done(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }
}

const varintSize = (v: number): number => (v < 0x80 ? 1 : v < 0x4000 ? 2 : v < 0x200000 ? 3 : v < 0x10000000 ? 4 : Math.ceil(Math.log2(v + 1) / 7));
const packedSize = (values: readonly number[]): number => values.reduce((n, v) => n + varintSize(v), 0);

const zigzag = (n: number): number => (n < 0 ? -2 * n - 1 : 2 * n);
const command = (id: number, count: number): number => (count << 3) + (id & 0x7);

function geometryCommands(f: MvtFeature): number[] {
  const out: number[] = [];
  let x = 0;
  let y = 0;
  const to = (p: readonly [number, number]) => {
    out.push(zigzag(p[0] - x), zigzag(p[1] - y));
    x = p[0];
    y = p[1];
  };
  if (f.type === 1) {
    const pts = f.geometry.flat();
    out.push(command(1, pts.length));
    for (const p of pts) to(p);
    return out;
  }
  for (const part of f.geometry) {
    // MVT 2.1 §4.3.4.4: a polygon ring's closing point is not written; ClosePath ends it.
    const n = f.type === 3 ? part.length - 1 : part.length;
    const first = part[0];
    if (first === undefined || n < 1) continue;
    out.push(command(1, 1));
    to(first);
    if (n > 1) {
      out.push(command(2, n - 1));
      for (let i = 1; i < n; i++) to(part[i] as readonly [number, number]);
    }
    if (f.type === 3) out.push(command(7, 1));
  }
  return out;
}

function writeValue(w: Writer, v: string | number | boolean): void {
  if (typeof v === 'string') w.string(1, v);
  else if (typeof v === 'boolean') {
    w.tag(7, 0);
    w.varint(v ? 1 : 0);
  } else if (!Number.isInteger(v) || Math.abs(v) > Number.MAX_SAFE_INTEGER) w.double(3, v);
  else if (v < 0) {
    w.tag(6, 0);
    w.varint(zigzag(v));
  } else {
    w.tag(5, 0);
    w.varint(v);
  }
}

function indexOf<T extends string | number | boolean>(m: Map<T, number>, v: T, list: (string | number | boolean)[]): number {
  let i = m.get(v);
  if (i === undefined) {
    i = list.length;
    m.set(v, i);
    list.push(v);
  }
  return i;
}

/** The tile bytes (one layer), or an empty buffer for no features. */
export function encodeMvt(layer: string, features: readonly MvtFeature[], extent: number): Uint8Array {
  if (features.length === 0) return new Uint8Array(0);
  const l = new Writer();
  l.tag(15, 0);
  l.varint(2); // version
  l.string(1, layer);
  const keys = new Map<string, number>();
  // One index per distinct value, by type (the string "1" and the number 1 are different values).
  const strings = new Map<string, number>();
  const numbers = new Map<number, number>();
  const booleans = new Map<boolean, number>();
  const valueList: (string | number | boolean)[] = [];
  const tags: number[] = [];
  for (const f of features) {
    tags.length = 0;
    for (const k in f.tags) {
      const v = f.tags[k];
      if (v === undefined) continue;
      let ki = keys.get(k);
      if (ki === undefined) {
        ki = keys.size;
        keys.set(k, ki);
      }
      tags.push(ki, typeof v === 'string' ? indexOf(strings, v, valueList) : typeof v === 'number' ? indexOf(numbers, v, valueList) : indexOf(booleans, v, valueList));
    }
    // Feature fields: tags (2, packed), type (3), geometry (4, packed); sizes known up front.
    const geometry = geometryCommands(f);
    const tagBytes = packedSize(tags);
    const geomBytes = packedSize(geometry);
    const size = (tags.length > 0 ? 1 + varintSize(tagBytes) + tagBytes : 0) + 2 + 1 + varintSize(geomBytes) + geomBytes;
    l.tag(2, 2);
    l.varint(size);
    if (tags.length > 0) l.packed(2, tags, tagBytes);
    l.tag(3, 0);
    l.varint(f.type);
    l.packed(4, geometry, geomBytes);
  }
  for (const k of keys.keys()) l.string(3, k);
  const vw = new Writer();
  for (const v of valueList) {
    vw.pos = 0;
    writeValue(vw, v);
    l.bytes(4, vw.done());
  }
  l.tag(5, 0);
  l.varint(extent);
  const t = new Writer();
  t.bytes(3, l.done());
  return t.done().slice();
}
