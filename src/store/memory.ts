/** An in-memory DocWriter: the scratch target of replays (verify, as-of queries). */
import { deepFreeze } from '../core/index.js';
import { geometryBBox, bboxIntersects } from './bbox.js';
import { evaluate, fieldValue, type SpatialPredicate } from './expr.js';
import type { Doc, DocQuery, DocWriter } from './port.js';

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = a === undefined || a === null ? '' : typeof a === 'string' ? a : JSON.stringify(a);
  const sb = b === undefined || b === null ? '' : typeof b === 'string' ? b : JSON.stringify(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

export class MemoryDocs implements DocWriter {
  readonly #byCollection = new Map<string, Map<string, Doc>>();
  readonly #spatial: SpatialPredicate;

  constructor(spatial: SpatialPredicate = () => false) {
    this.#spatial = spatial;
  }

  getDoc(collection: string, id: string): Promise<Doc | undefined> {
    return Promise.resolve(this.#byCollection.get(collection)?.get(id));
  }

  #select(q: DocQuery): Doc[] {
    const all = [...(this.#byCollection.get(q.collection)?.values() ?? [])];
    const where = q.where;
    const hits = all.filter((d) => {
      if (q.bbox !== undefined) {
        const b = geometryBBox(d.geometry);
        if (b === undefined || !bboxIntersects(b, q.bbox)) return false;
      }
      return where === undefined || evaluate(where, d, this.#spatial);
    });
    const order = q.orderBy;
    hits.sort((a, b) => {
      if (order !== undefined) {
        const c = compare(fieldValue(a, order.field), fieldValue(b, order.field));
        if (c !== 0) return order.desc === true ? -c : c;
      }
      return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    });
    return hits;
  }

  findDocs(q: DocQuery): Promise<Doc[]> {
    const hits = this.#select(q);
    const off = q.offset ?? 0;
    return Promise.resolve(q.limit === undefined ? hits.slice(off) : hits.slice(off, off + q.limit));
  }

  countDocs(q: DocQuery): Promise<number> {
    return Promise.resolve(this.#select(q).length);
  }

  putDoc(doc: Doc): Promise<void> {
    let m = this.#byCollection.get(doc.collection);
    if (m === undefined) this.#byCollection.set(doc.collection, (m = new Map<string, Doc>()));
    m.set(doc.id, deepFreeze(structuredClone(doc)));
    return Promise.resolve();
  }

  deleteDoc(collection: string, id: string): Promise<void> {
    this.#byCollection.get(collection)?.delete(id);
    return Promise.resolve();
  }

  /** Every document ordered by (collection, id), as `Store.allDocs` yields them. */
  *all(): Iterable<Doc> {
    for (const c of [...this.#byCollection.keys()].sort()) {
      const m = this.#byCollection.get(c);
      if (m === undefined) continue;
      for (const id of [...m.keys()].sort()) {
        const d = m.get(id);
        if (d !== undefined) yield d;
      }
    }
  }
}
