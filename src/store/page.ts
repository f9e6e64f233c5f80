/** Reading a page of documents with its total, on any adapter. */
import type { DocPage, DocQuery, Store } from './port.js';

/** A page and its total: `Store.findPage` where the adapter has it, else `findDocs` and `countDocs`. */
export async function findPage(
  store: Pick<Store, 'findDocs' | 'countDocs' | 'findPage'>,
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
