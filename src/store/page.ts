/** Reading a page of documents with its total, on any adapter. */
import type { DocPage, DocQuery, DocReader, Store } from './port.js';

/**
 * A page and its total: `Store.findPage` where the adapter has it, else `findDocs` and `countDocs`.
 * Takes any reader (a transaction's, a replayed `MemoryDocs`), so module queries page in the store.
 */
export async function findPage(
  store: Pick<DocReader, 'findDocs' | 'countDocs'> & Partial<Pick<Store, 'findPage'>>,
  query: DocQuery,
): Promise<DocPage> {
  if (store.findPage !== undefined) return store.findPage(query);
  const all: DocQuery = {
    collection: query.collection,
    ...(query.where === undefined ? {} : { where: query.where }),
    ...(query.bbox === undefined ? {} : { bbox: query.bbox }),
  };
  const [docs, numberMatched] = await Promise.all([store.findDocs(query), store.countDocs(all)]);
  return { docs, numberMatched };
}

/** What a list query asks for: at most `limit` items after skipping `offset`. */
export interface PageRequest {
  readonly limit: number;
  readonly offset: number;
}

/** One page of a module query's read model and the number of rows the actor may see in all. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
}
