/**
 * A static spatial index over polygons for point-in-hazard lookups: flatbush (packed Hilbert
 * R-tree) over bounding boxes, then the exact winding-number test on coordinates packed into one
 * Float64Array. Items are numbered in input order, as in flatbush; the caller keeps the ids.
 */
import Flatbush from 'flatbush';
import { orient2d } from './robust.js';
import { bboxOf, polygonsOf } from './planar.js';
import type { ArealGeometry, BBox, Position } from './types.js';

export class HazardIndex {
  readonly #tree: Flatbush;
  /** x, y pairs of every ring, ring after ring. */
  readonly #xy: Float64Array;
  /** Start (in positions) of each ring; one extra entry closes the last ring. */
  readonly #ringStart: Uint32Array;
  /** First ring of each polygon part; one extra entry. */
  readonly #partStart: Uint32Array;
  /** First part of each item; one extra entry. */
  readonly #itemStart: Uint32Array;

  private constructor(
    tree: Flatbush,
    xy: Float64Array,
    ringStart: Uint32Array,
    partStart: Uint32Array,
    itemStart: Uint32Array,
  ) {
    this.#tree = tree;
    this.#xy = xy;
    this.#ringStart = ringStart;
    this.#partStart = partStart;
    this.#itemStart = itemStart;
  }

  /**
   * Index polygons (valid, as from validateGeometry). Item i is `geometries[i]`.
   * @example const idx = HazardIndex.build(hazards.map((h) => h.geometry)); idx.at([30.52, 50.45])
   */
  static build(geometries: readonly ArealGeometry[]): HazardIndex {
    let positions = 0;
    let rings = 0;
    let parts = 0;
    for (const g of geometries) {
      for (const p of polygonsOf(g)) {
        parts++;
        for (const r of p) {
          rings++;
          positions += r.length;
        }
      }
    }
    const xy = new Float64Array(positions * 2);
    const ringStart = new Uint32Array(rings + 1);
    const partStart = new Uint32Array(parts + 1);
    const itemStart = new Uint32Array(geometries.length + 1);
    const tree = new Flatbush(Math.max(1, geometries.length));
    let pos = 0;
    let ring = 0;
    let part = 0;
    geometries.forEach((g, i) => {
      itemStart[i] = part;
      for (const p of polygonsOf(g)) {
        partStart[part++] = ring;
        for (const r of p) {
          ringStart[ring++] = pos;
          for (const [x, y] of r) {
            xy[2 * pos] = x;
            xy[2 * pos + 1] = y;
            pos++;
          }
        }
      }
      const [a, b, c, d] = bboxOf(g);
      tree.add(a, b, c, d);
    });
    itemStart[geometries.length] = part;
    partStart[parts] = ring;
    ringStart[rings] = pos;
    if (geometries.length === 0) tree.add(0, 0, 0, 0);
    tree.finish();
    return new HazardIndex(tree, xy, ringStart, partStart, itemStart);
  }

  /** Number of indexed items. */
  get size(): number {
    return this.#itemStart.length - 1;
  }

  /** Items whose bounding box meets the box (a prefilter; not exact). */
  search(bbox: BBox): number[] {
    return this.#tree.search(bbox[0], bbox[1], bbox[2], bbox[3]).filter((i) => i < this.size);
  }

  /** Items whose polygon contains the point or has it on its boundary (as ST_Intersects). */
  at(p: Position): number[] {
    const [x, y] = p;
    return this.#tree.search(x, y, x, y, (i) => i < this.size && this.#covers(i, x, y));
  }

  /** True when item `i` covers (x, y). */
  #covers(i: number, x: number, y: number): boolean {
    const partEnd = this.#itemStart[i + 1] ?? 0;
    for (let p = this.#itemStart[i] ?? 0; p < partEnd; p++) {
      const ringEnd = this.#partStart[p + 1] ?? 0;
      const shell = this.#partStart[p] ?? 0;
      const s = this.#locate(shell, x, y);
      if (s === 0) continue;
      if (s === 2) return true;
      let inHole = false;
      for (let r = shell + 1; r < ringEnd; r++) {
        const h = this.#locate(r, x, y);
        if (h === 2) return true;
        if (h === 1) {
          inHole = true;
          break;
        }
      }
      if (!inHole) return true;
    }
    return false;
  }

  /** 0 outside, 1 inside, 2 on the boundary of ring r (exact winding number). */
  #locate(r: number, x: number, y: number): 0 | 1 | 2 {
    const xy = this.#xy;
    const start = this.#ringStart[r] ?? 0;
    const end = this.#ringStart[r + 1] ?? 0;
    let wn = 0;
    for (let k = start; k + 1 < end; k++) {
      const ax = xy[2 * k] as number;
      const ay = xy[2 * k + 1] as number;
      const bx = xy[2 * k + 2] as number;
      const by = xy[2 * k + 3] as number;
      if (y < (ay < by ? ay : by) || y > (ay > by ? ay : by)) continue;
      if (ay <= y) {
        if (by > y) {
          const o = orient2d(ax, ay, bx, by, x, y);
          if (o > 0) wn++;
          else if (o === 0) return 2;
          continue;
        }
      } else if (by <= y) {
        const o = orient2d(ax, ay, bx, by, x, y);
        if (o < 0) wn--;
        else if (o === 0) return 2;
        continue;
      }
      if (x >= Math.min(ax, bx) && x <= Math.max(ax, bx) && orient2d(ax, ay, bx, by, x, y) === 0) return 2;
    }
    return wn !== 0 ? 1 : 0;
  }
}
