/**
 * CQL2-JSON (OGC 21-065r2) as TypeScript types: the common form both parsers produce. The text
 * parser returns exactly the JSON encoding, so the round trip text → JSON → text → JSON is exact.
 */
export type Cql2Geometry =
  | { readonly type: 'Point'; readonly coordinates: readonly number[] }
  | { readonly type: 'MultiPoint' | 'LineString'; readonly coordinates: readonly (readonly number[])[] }
  | {
      readonly type: 'MultiLineString' | 'Polygon';
      readonly coordinates: readonly (readonly (readonly number[])[])[];
    }
  | {
      readonly type: 'MultiPolygon';
      readonly coordinates: readonly (readonly (readonly (readonly number[])[])[])[];
    }
  | { readonly type: 'GeometryCollection'; readonly geometries: readonly Cql2Geometry[] };

export type Cql2Value =
  | string
  | number
  | boolean
  | null
  | { readonly property: string }
  | { readonly timestamp: string }
  | { readonly date: string }
  | { readonly interval: readonly Cql2Value[] }
  | { readonly bbox: readonly number[] }
  | Cql2Geometry
  | Cql2Op
  | readonly Cql2Value[];

export interface Cql2Op {
  readonly op: string;
  readonly args: readonly Cql2Value[];
}

export const COMPARISON_OPS = ['=', '<>', '<', '<=', '>', '>='] as const;
export const SPATIAL_OPS = [
  's_intersects',
  's_equals',
  's_disjoint',
  's_touches',
  's_within',
  's_overlaps',
  's_crosses',
  's_contains',
] as const;
export const TEMPORAL_OPS = [
  't_after',
  't_before',
  't_contains',
  't_disjoint',
  't_during',
  't_equals',
  't_finishedby',
  't_finishes',
  't_intersects',
  't_meets',
  't_metby',
  't_overlappedby',
  't_overlaps',
  't_startedby',
  't_starts',
] as const;
export const ARRAY_OPS = ['a_equals', 'a_contains', 'a_containedby', 'a_overlaps'] as const;

export function isOp(v: Cql2Value): v is Cql2Op {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && 'op' in v && 'args' in v;
}
