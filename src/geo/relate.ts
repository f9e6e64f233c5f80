/**
 * DE-9IM spatial relations (OGC Simple Features / CQL2 S_* functions) for filters evaluated in
 * memory — the SQLite store's exact step after its R*Tree bbox prefilter. PostGIS answers the
 * same predicates with ST_* functions; the store contract suite holds both to the same answers.
 */
import { intersects } from './predicates.js';
import { toJsts } from './jsts.js';
import type { Geometry } from './types.js';

export type SpatialRelation =
  'intersects' | 'disjoint' | 'within' | 'contains' | 'equals' | 'touches' | 'crosses' | 'overlaps';

/** True when `a` stands in `relation` to `b`. Malformed input is never related. */
export function relate(relation: SpatialRelation, a: Geometry, b: Geometry): boolean {
  try {
    if (relation === 'intersects') return intersects(a, b);
    if (relation === 'disjoint') return !intersects(a, b);
    const ja = toJsts(a);
    const jb = toJsts(b);
    switch (relation) {
      case 'within':
        return ja.within(jb);
      case 'contains':
        return ja.contains(jb);
      case 'equals':
        return ja.equalsTopo(jb);
      case 'touches':
        return ja.touches(jb);
      case 'crosses':
        return ja.crosses(jb);
      case 'overlaps':
        return ja.overlaps(jb);
    }
  } catch {
    return false;
  }
}
