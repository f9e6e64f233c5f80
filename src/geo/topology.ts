/**
 * Topological checks of polygon rings: self-intersection (rings that cross or touch themselves or
 * each other), holes outside their shell, and overlapping parts of a MultiPolygon. Segment pairs
 * are found through a flatbush index, so a 10,000-vertex GPS walk is checked in milliseconds;
 * every contact is then decided by the exact predicates in robust.ts.
 */
import Flatbush from 'flatbush';
import { segmentContact, onSegment } from './robust.js';
import { locateInPolygon, locateInRing } from './planar.js';
import { issue, type GeometryIssue } from './issues.js';
import type { Position } from './types.js';

interface Seg {
  readonly part: number;
  readonly ring: number;
  /** Index of the segment's first vertex in the original ring. */
  readonly vertex: number;
  /** Position of the segment within its ring after exact duplicates are skipped. */
  readonly k: number;
  /** Number of segments in its ring after exact duplicates are skipped. */
  readonly ringSegs: number;
  readonly a: Position;
  readonly b: Position;
}

type PathOf = (part: number, ring: number, vertex: number) => string;

function segmentsOf(polygons: readonly (readonly (readonly Position[])[])[]): Seg[] {
  const segs: Seg[] = [];
  polygons.forEach((rings, part) => {
    rings.forEach((ring, r) => {
      // Zero-length segments (exact repeats) are reported as duplicate vertices elsewhere.
      const idx: number[] = [];
      for (let i = 0; i < ring.length; i++) {
        const p = ring[i] as Position;
        const prevIdx = idx[idx.length - 1];
        const prev = prevIdx === undefined ? undefined : ring[prevIdx];
        if (prev === undefined || prev[0] !== p[0] || prev[1] !== p[1]) idx.push(i);
      }
      const n = idx.length - 1;
      for (let k = 0; k < n; k++) {
        const i = idx[k] as number;
        const j = idx[k + 1] as number;
        segs.push({
          part,
          ring: r,
          vertex: i,
          k,
          ringSegs: n,
          a: ring[i] as Position,
          b: ring[j] as Position,
        });
      }
    });
  });
  return segs;
}

/** Adjacent segments of one ring legitimately share one vertex; anything more is a spike. */
function adjacentContactIsLegal(s: Seg, t: Seg): boolean | undefined {
  if (s.part !== t.part || s.ring !== t.ring) return undefined;
  const d = Math.abs(s.k - t.k);
  const first = s.k < t.k ? s : t;
  const second = s.k < t.k ? t : s;
  if (d === 1) {
    // first.b === second.a; illegal if the far end of one lies on the other (a back-track).
    return !(
      onSegment(first.a[0], first.a[1], first.b[0], first.b[1], second.b[0], second.b[1]) ||
      onSegment(second.a[0], second.a[1], second.b[0], second.b[1], first.a[0], first.a[1])
    );
  }
  if (d === s.ringSegs - 1 && s.ringSegs > 2) {
    // Closing pair: second.b === first.a.
    return !(
      onSegment(first.a[0], first.a[1], first.b[0], first.b[1], second.a[0], second.a[1]) ||
      onSegment(second.a[0], second.a[1], second.b[0], second.b[1], first.b[0], first.b[1])
    );
  }
  return undefined;
}

function sameRing(s: Seg, t: Seg): boolean {
  return s.part === t.part && s.ring === t.ring;
}

/** Below this many segments a flat scan of the boxes is cheaper than building an index. */
const SCAN_BELOW = 48;

/**
 * The segments whose boxes meet segment i's box (i itself and earlier ones included; the caller
 * skips them): a flat scan for the few segments of a typical field polygon, a Flatbush index
 * for more.
 */
function segmentPairs(segs: readonly Seg[]): (i: number) => readonly number[] {
  const box = (s: Seg): [number, number, number, number] => [
    Math.min(s.a[0], s.b[0]),
    Math.min(s.a[1], s.b[1]),
    Math.max(s.a[0], s.b[0]),
    Math.max(s.a[1], s.b[1]),
  ];
  const boxes = segs.map(box);
  if (segs.length < SCAN_BELOW) {
    return (i) => {
      const [x0, y0, x1, y1] = boxes[i] as [number, number, number, number];
      const out: number[] = [];
      for (let j = i + 1; j < boxes.length; j++) {
        const b = boxes[j] as [number, number, number, number];
        if (b[0] <= x1 && b[2] >= x0 && b[1] <= y1 && b[3] >= y0) out.push(j);
      }
      return out;
    };
  }
  const index = new Flatbush(segs.length);
  for (const b of boxes) index.add(b[0], b[1], b[2], b[3]);
  index.finish();
  return (i) => {
    const [x0, y0, x1, y1] = boxes[i] as [number, number, number, number];
    return index.search(x0, y0, x1, y1);
  };
}

/**
 * Every crossing or touching between segments of the given polygons:
 * - a ring may not cross or touch itself;
 * - two rings of one polygon may not cross or share a stretch of boundary. A touch at single
 *   points is an error too, unless `ogcTouches`: then, as OGC Simple Features and JTS judge
 *   validity, it is allowed as long as the touches do not cut the interior in two, which happens
 *   exactly when the graph of rings and touch points has a cycle (a hole touching its shell
 *   twice, or a chain of holes running from the shell back to it);
 * - parts of a MultiPolygon may touch at single points but not cross or share a stretch (a repaired
 *   bow-tie is two triangles meeting at one point; there is no other way to write it).
 */
export function intersectionIssues(
  polygons: readonly (readonly (readonly Position[])[])[],
  pathOf: PathOf,
  multi: boolean,
  ogcTouches = false,
): GeometryIssue[] {
  const segs = segmentsOf(polygons);
  const out: GeometryIssue[] = [];
  if (segs.length < 2) return out;
  const hitsOf = segmentPairs(segs);
  const touches = new TouchGraph();
  segs.forEach((s, i) => {
    const hits = hitsOf(i);
    for (const j of hits) {
      if (j <= i) continue;
      const t = segs[j] as Seg;
      const legal = adjacentContactIsLegal(s, t);
      if (legal === true) continue;
      const contact =
        legal === false
          ? 'touch'
          : segmentContact(s.a[0], s.a[1], s.b[0], s.b[1], t.a[0], t.a[1], t.b[0], t.b[1]);
      if (contact === 'none') continue;
      let point: Position | undefined;
      if (contact === 'touch' && !sameRing(s, t)) {
        point = touchPoint(s, t);
        if (point !== undefined && s.part !== t.part) continue;
        if (point !== undefined && !ogcTouches)
          point = undefined; // reported as rings that touch
        else if (point !== undefined && !touches.cutsInterior(s, t, point)) continue;
      }
      const what = point
        ? `rings ${s.ring} and ${t.ring} touch at more than one point, which cuts the polygon's interior in two`
        : sameRing(s, t)
          ? `ring ${s.ring} ${contact === 'cross' ? 'crosses' : 'touches'} itself`
          : s.part === t.part
            ? `rings ${s.ring} and ${t.ring} ${contact === 'cross' ? 'cross' : 'touch'}`
            : `polygons ${s.part} and ${t.part} ${contact === 'cross' ? 'cross' : 'share boundary'}`;
      out.push(
        issue(
          'GEOMETRY_SELF_INTERSECTION',
          'error',
          pathOf(s.part, s.ring, s.vertex),
          `${what}: segment from vertex ${s.vertex} meets segment from vertex ${t.vertex} of ring ${t.ring}`,
          {
            ...(multi ? { part: s.part } : {}),
            ring: s.ring,
            vertex: s.vertex,
            value: [s.a, s.b],
            contact,
            other: { ...(multi ? { part: t.part } : {}), ring: t.ring, vertex: t.vertex, value: [t.a, t.b] },
          },
        ),
      );
    }
  });
  return out;
}

/**
 * The single point at which two touching segments meet, or undefined when they overlap along a
 * stretch. Segments that touch always meet at an end of one of them, so the ends decide.
 */
function touchPoint(s: Seg, t: Seg): Position | undefined {
  const onT = (p: Position): boolean => onSegment(t.a[0], t.a[1], t.b[0], t.b[1], p[0], p[1]);
  const onS = (p: Position): boolean => onSegment(s.a[0], s.a[1], s.b[0], s.b[1], p[0], p[1]);
  const pts = [s.a, s.b].filter(onT).concat([t.a, t.b].filter(onS));
  const distinct = new Map(pts.map((p) => [`${p[0]},${p[1]}`, p]));
  return distinct.size === 1 ? [...distinct.values()][0] : undefined;
}

/**
 * Rings and touch points of each polygon as a bipartite graph, kept in a union-find. Each
 * ring–point link is added once; a link joining two nodes already connected closes a cycle, and a
 * cycle is what cuts a polygon's interior in two (the rule JTS's PolygonTopologyAnalyzer applies).
 */
class TouchGraph {
  private readonly parent = new Map<string, string>();
  private readonly links = new Set<string>();

  private find(x: string): string {
    let root = x;
    for (let p = this.parent.get(root); p !== undefined && p !== root; p = this.parent.get(root)) root = p;
    for (let y = x; y !== root;) {
      const next = this.parent.get(y) as string;
      this.parent.set(y, root);
      y = next;
    }
    return root;
  }

  /** Add the link of one ring to one point; true when it closes a cycle. */
  private link(ring: string, point: string): boolean {
    const key = `${ring}|${point}`;
    if (this.links.has(key)) return false;
    this.links.add(key);
    if (!this.parent.has(ring)) this.parent.set(ring, ring);
    if (!this.parent.has(point)) this.parent.set(point, point);
    const a = this.find(ring);
    const b = this.find(point);
    if (a === b) return true;
    this.parent.set(a, b);
    return false;
  }

  /** Record that rings of `s` and `t` (one polygon) touch at `p`; true when that disconnects it. */
  cutsInterior(s: Seg, t: Seg, p: Position): boolean {
    const point = `${s.part}@${p[0]},${p[1]}`;
    const first = this.link(`${s.part}/${s.ring}`, point);
    const second = this.link(`${t.part}/${t.ring}`, point);
    return first || second;
  }
}

/** A vertex of `ring` that is not on `other`'s boundary, for containment tests. */
function probe(ring: readonly Position[], other: readonly Position[]): Position | undefined {
  for (const p of ring) if (locateInRing(p[0], p[1], other) !== 'boundary') return p;
  return undefined;
}

/**
 * Holes outside their shell (or inside another hole), and MultiPolygon parts lying inside one
 * another. Run only when the rings do not cross, so one probe vertex per ring decides.
 */
export function containmentIssues(
  polygons: readonly (readonly (readonly Position[])[])[],
  pathOf: PathOf,
  multi: boolean,
): GeometryIssue[] {
  const out: GeometryIssue[] = [];
  polygons.forEach((rings, part) => {
    const shell = rings[0];
    if (shell === undefined) return;
    for (let h = 1; h < rings.length; h++) {
      const hole = rings[h] as readonly Position[];
      const p = probe(hole, shell);
      if (p !== undefined && locateInRing(p[0], p[1], shell) === 'outside') {
        out.push(
          issue(
            'GEOMETRY_HOLE_OUTSIDE_SHELL',
            'error',
            pathOf(part, h, 0),
            `hole ${h} lies outside its shell`,
            {
              ...(multi ? { part } : {}),
              ring: h,
              vertex: hole.indexOf(p),
              value: p,
            },
          ),
        );
        continue;
      }
      for (let g = 1; g < rings.length; g++) {
        if (g === h) continue;
        const q = probe(hole, rings[g] as readonly Position[]);
        if (q !== undefined && locateInRing(q[0], q[1], rings[g] as readonly Position[]) === 'inside') {
          out.push(
            issue(
              'GEOMETRY_HOLE_OUTSIDE_SHELL',
              'error',
              pathOf(part, h, 0),
              `hole ${h} lies inside hole ${g}`,
              {
                ...(multi ? { part } : {}),
                ring: h,
                vertex: hole.indexOf(q),
                value: q,
                nestedIn: g,
              },
            ),
          );
        }
      }
    }
  });
  if (multi) {
    polygons.forEach((rings, part) => {
      const shell = rings[0];
      if (shell === undefined) return;
      polygons.forEach((other, o) => {
        if (o === part || other[0] === undefined) return;
        const p = probe(shell, other[0]);
        if (p !== undefined && locateInPolygon(p[0], p[1], other) === 'inside') {
          out.push(
            issue(
              'GEOMETRY_INVALID',
              'error',
              pathOf(part, 0, 0),
              `polygon ${part} lies inside polygon ${o}`,
              {
                part,
                ring: 0,
                vertex: shell.indexOf(p),
                value: p,
                overlaps: o,
              },
            ),
          );
        }
      });
    });
  }
  return out;
}
