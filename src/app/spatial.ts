/** The exact spatial predicate the stores use for s_* filters, answered by the geo module. */
import { relate, type Geometry, type SpatialRelation } from '../geo/index.js';
import type { SpatialOp, SpatialPredicate } from '../store/index.js';

const RELATION: Readonly<Record<SpatialOp, SpatialRelation>> = {
  s_intersects: 'intersects',
  s_disjoint: 'disjoint',
  s_within: 'within',
  s_contains: 'contains',
  s_equals: 'equals',
  s_touches: 'touches',
  s_crosses: 'crosses',
  s_overlaps: 'overlaps',
};

/** Stored geometries were validated at entry, so they are GeoJSON geometries in WGS 84. */
export const geoSpatialPredicate: SpatialPredicate = (op, doc, query) =>
  relate(RELATION[op], doc as unknown as Geometry, query as unknown as Geometry);
