/**
 * Validation of a batch (an import file): each geometry on its own, plus duplicate and
 * near-duplicate polygons across the batch (GICHD geocheck flags duplicate polygons; IMSMA NG
 * never did). Near-duplicate: the symmetric difference is at most NEAR_DUPLICATE_RATIO of the
 * union's area (planar, in degrees², which is fine for a ratio between nearby shapes).
 */
import Flatbush from 'flatbush';
import { toJsts } from './jsts.js';
import { issue, type GeometryIssue } from './issues.js';
import { bboxOf } from './planar.js';
import type { ArealGeometry, Geometry } from './types.js';
import { validateGeometry } from './validate.js';

/** Polygons whose symmetric difference is at most 1% of their union are near-duplicates. */
export const NEAR_DUPLICATE_RATIO = 0.01;

export interface BatchReport {
  /** Per input: the normalised geometry when valid, else null. */
  readonly geometries: readonly (Geometry | null)[];
  /** Every issue of every item, paths prefixed with `[i]`. */
  readonly issues: readonly GeometryIssue[];
}

function prefix(i: number, path: string): string {
  return path === '' ? `[${i}]` : `[${i}].${path}`;
}

/**
 * Validate many geometries and look for duplicates among the valid polygons.
 * @example validateBatch(featureCollection.features.map((f) => f.geometry))
 */
export function validateBatch(inputs: readonly unknown[]): BatchReport {
  const issues: GeometryIssue[] = [];
  const geometries: (Geometry | null)[] = inputs.map((input, i) => {
    const v = validateGeometry(input);
    const list = v.ok ? v.value.warnings : v.errors;
    for (const x of list) issues.push({ ...x, path: prefix(i, x.path) });
    return v.ok ? v.value.geometry : null;
  });
  const areal: { i: number; g: ArealGeometry }[] = [];
  geometries.forEach((g, i) => {
    if (g !== null && (g.type === 'Polygon' || g.type === 'MultiPolygon')) areal.push({ i, g });
  });
  if (areal.length < 2) return { geometries, issues };
  const index = new Flatbush(areal.length);
  for (const { g } of areal) {
    const [a, b, c, d] = bboxOf(g);
    index.add(a, b, c, d);
  }
  index.finish();
  areal.forEach(({ i, g }, k) => {
    const [a, b, c, d] = bboxOf(g);
    for (const m of index.search(a, b, c, d)) {
      if (m <= k) continue;
      const other = areal[m];
      if (other === undefined) continue;
      const ratio = symmetricRatio(g, other.g);
      if (ratio === undefined || ratio > NEAR_DUPLICATE_RATIO) continue;
      issues.push(
        issue(
          'GEOMETRY_DUPLICATE_POLYGON',
          'warning',
          prefix(other.i, ''),
          ratio === 0
            ? `polygon ${other.i} duplicates polygon ${i}`
            : `polygon ${other.i} nearly duplicates polygon ${i}`,
          { value: ratio, duplicateOf: i },
        ),
      );
    }
  });
  return { geometries, issues };
}

function symmetricRatio(a: ArealGeometry, b: ArealGeometry): number | undefined {
  try {
    const ja = toJsts(a);
    const jb = toJsts(b);
    const u = ja.union(jb).getArea();
    if (u === 0) return undefined;
    return (u - ja.intersection(jb).getArea()) / u;
  } catch {
    return undefined;
  }
}
