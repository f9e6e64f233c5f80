/** An in-memory DocWriter: the scratch target of replays (verify, as-of queries). */
import { CairnError, deepFreeze } from '../core/index.js';
import { geometryBBox, bboxIntersects } from './bbox.js';
import {
  compareForOrder,
  compareStrings,
  evaluate,
  fieldValue,
  isValidField,
  type SpatialPredicate,
} from './expr.js';
import { extentOfDocs } from './extent.js';
import type { Doc, DocExtent, DocPage, DocQuery, DocWriter } from './port.js';

/**
 * Documents in memory, queried with the one filter semantics of port.ts `Expr` (the same answers
 * as the SQL adapters: the store contract suite and filters.property.test.ts hold it to them).
 */
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
        const c = compareForOrder(fieldValue(a, order.field), fieldValue(b, order.field));
        if (c !== 0) return order.desc === true ? -c : c;
      }
      return compareStrings(a.id, b.id);
    });
    return hits;
  }

  #page(hits: Doc[], q: DocQuery): Doc[] {
    const off = q.offset ?? 0;
    return q.limit === undefined ? hits.slice(off) : hits.slice(off, off + q.limit);
  }

  findDocs(q: DocQuery): Promise<Doc[]> {
    return Promise.resolve(this.#page(this.#select(q), q));
  }

  countDocs(q: DocQuery): Promise<number> {
    return Promise.resolve(this.#select(q).length);
  }

  /** As `Store.findPage`: one page and the number of all matches. */
  findPage(q: DocQuery): Promise<DocPage> {
    const hits = this.#select(q);
    return Promise.resolve({ docs: this.#page(hits, q), numberMatched: hits.length });
  }

  /** As `Store.extent`: the box of the matches' geometries and the range of a top-level text field. */
  extent(q: DocQuery, field?: string): Promise<DocExtent> {
    if (field !== undefined && (!isValidField(field) || field.includes('.')))
      return Promise.reject(
        new CairnError('VALIDATION_FORMAT', `extent: "${field}" is not a top-level field name`),
      );
    return Promise.resolve(extentOfDocs(this.#select(q), field));
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

  /** Every document ordered by (collection, id) in code-point order, as `Store.allDocs` yields them. */
  *all(): Iterable<Doc> {
    for (const c of [...this.#byCollection.keys()].sort(compareStrings)) {
      const m = this.#byCollection.get(c);
      if (m === undefined) continue;
      for (const id of [...m.keys()].sort(compareStrings)) {
        const d = m.get(id);
        if (d !== undefined) yield d;
      }
    }
  }
}
