/** The extent of a query's documents, on any adapter. */
import { geometryBBox } from './bbox.js';
import { compareStrings } from './expr.js';
import type { BBox, Doc, DocExtent, DocQuery, Store } from './port.js';

/** The extent of documents already in hand: the box of their geometries and the code-point range of the string values of `field`. */
export function extentOfDocs(docs: Iterable<Doc>, field?: string): DocExtent {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  let lo: string | undefined;
  let hi: string | undefined;
  for (const d of docs) {
    const b = geometryBBox(d.geometry);
    if (b !== undefined) {
      box[0] = Math.min(box[0], b[0]);
      box[1] = Math.min(box[1], b[1]);
      box[2] = Math.max(box[2], b[2]);
      box[3] = Math.max(box[3], b[3]);
    }
    const v = field === undefined || !Object.hasOwn(d.data, field) ? undefined : d.data[field];
    if (typeof v === 'string') {
      if (lo === undefined || compareStrings(v, lo) < 0) lo = v;
      if (hi === undefined || compareStrings(v, hi) > 0) hi = v;
    }
  }
  const bbox: BBox | undefined = box[0] <= box[2] ? box : undefined;
  return {
    ...(bbox === undefined ? {} : { bbox }),
    ...(lo === undefined || hi === undefined ? {} : { range: [lo, hi] as const }),
  };
}

/** `Store.extent` where the adapter has it, else computed over `findDocs`. */
export async function docExtent(
  store: Pick<Store, 'findDocs' | 'extent'>,
  query: DocQuery,
  field?: string,
): Promise<DocExtent> {
  const all: DocQuery = {
    collection: query.collection,
    ...(query.where === undefined ? {} : { where: query.where }),
    ...(query.bbox === undefined ? {} : { bbox: query.bbox }),
  };
  if (store.extent !== undefined) return store.extent(all, field);
  return extentOfDocs(await store.findDocs(all), field);
}

/** One aggregate row of an adapter's extent query (SQL NULL where nothing matched). */
export interface ExtentRow {
  readonly x0: number | null;
  readonly y0: number | null;
  readonly x1: number | null;
  readonly y1: number | null;
  readonly lo: string | null;
  readonly hi: string | null;
}

export function extentFromRow(r: ExtentRow | undefined): DocExtent {
  if (r === undefined) return {};
  const bbox =
    r.x0 === null || r.y0 === null || r.x1 === null || r.y1 === null
      ? undefined
      : ([r.x0, r.y0, r.x1, r.y1] as const);
  return {
    ...(bbox === undefined ? {} : { bbox }),
    ...(r.lo === null || r.hi === null ? {} : { range: [r.lo, r.hi] as const }),
  };
}
