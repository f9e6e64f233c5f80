/**
 * The exact spatial predicate for CQL2 S_ functions on stores that narrow by bounding box in SQL
 * and decide exactly in memory (the SQLite adapter). DE-9IM relations from JSTS.
 */
import 'jsts/org/locationtech/jts/monkey.js';
import GeometryFactory from 'jsts/org/locationtech/jts/geom/GeometryFactory.js';
import GeoJSONReader from 'jsts/org/locationtech/jts/io/GeoJSONReader.js';
import type { SpatialOp, SpatialPredicate, StoredGeometry } from '../store/index.js';

interface Relatable {
  intersects(o: Relatable): boolean;
  disjoint(o: Relatable): boolean;
  within(o: Relatable): boolean;
  contains(o: Relatable): boolean;
  equalsTopo(o: Relatable): boolean;
  touches(o: Relatable): boolean;
  crosses(o: Relatable): boolean;
  overlaps(o: Relatable): boolean;
}

const reader = new GeoJSONReader(new GeometryFactory()) as unknown as { read(g: unknown): Relatable };
const cache = new WeakMap<StoredGeometry, Relatable>();

function jsts(g: StoredGeometry): Relatable {
  let j = cache.get(g);
  if (j === undefined) {
    j = reader.read(g);
    cache.set(g, j);
  }
  return j;
}

/** `doc op query` by DE-9IM. */
export const jstsSpatialPredicate: SpatialPredicate = (op: SpatialOp, doc: StoredGeometry, query: StoredGeometry): boolean => {
  const a = jsts(doc);
  const b = jsts(query);
  switch (op) {
    case 's_intersects':
      return a.intersects(b);
    case 's_disjoint':
      return a.disjoint(b);
    case 's_within':
      return a.within(b);
    case 's_contains':
      return a.contains(b);
    case 's_equals':
      return a.equalsTopo(b);
    case 's_touches':
      return a.touches(b);
    case 's_crosses':
      return a.crosses(b);
    case 's_overlaps':
      return a.overlaps(b);
  }
};
