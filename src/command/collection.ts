/**
 * Typed projection collections: a collection's name and the type of its documents' data, in one
 * place, so a projector writes and a module reads `TypedDoc<T>` without casting at each call.
 * The one cast lives here: a collection's documents are written only by its module's projector
 * (through this accessor), from events its schemas checked, so their data is a `T` by construction.
 */
import type { JsonObject } from '../core/index.js';
import type { Doc, DocQuery, DocReader, DocWriter, StoredGeometry } from '../store/index.js';

/** A document whose data is a `T`. */
export interface TypedDoc<T> extends Omit<Doc, 'data'> {
  readonly data: T;
}

/** One projection collection of documents whose data is a `T`. */
export interface Collection<T> {
  readonly name: string;
  /** The document with this id, typed. */
  get(docs: DocReader, id: string): Promise<TypedDoc<T> | undefined>;
  /** The data of the document with this id. */
  data(docs: DocReader, id: string): Promise<T | undefined>;
  /** The documents a query (of this collection) finds, typed. */
  find(docs: DocReader, query?: Omit<DocQuery, 'collection'>): Promise<TypedDoc<T>[]>;
  /** Write a document (the event's seq is its version); `geometry` is left unchanged when omitted. */
  put(docs: DocWriter, id: string, version: number, data: T, geometry?: StoredGeometry | null): Promise<void>;
  /** Rewrite an existing document's data with `f` at `version` (nothing when there is none). */
  update(docs: DocWriter, id: string, version: number, f: (data: T) => T): Promise<void>;
  /** A stored document as this collection's type (for documents read through a generic query). */
  typed(doc: Doc): TypedDoc<T>;
}

/**
 * Declare a collection and the type of its documents' data.
 * @example export const lots = collection<Lot>('stock.lots'); const lot = await lots.data(docs, id);
 */
export function collection<T extends object>(name: string): Collection<T> {
  const typed = (doc: Doc): TypedDoc<T> => doc as unknown as TypedDoc<T>;
  const json = (data: T): JsonObject => data as unknown as JsonObject;
  return {
    name,
    async get(docs, id) {
      const d = await docs.getDoc(name, id);
      return d === undefined ? undefined : typed(d);
    },
    async data(docs, id) {
      const d = await docs.getDoc(name, id);
      return d === undefined ? undefined : typed(d).data;
    },
    async find(docs, query = {}) {
      return (await docs.findDocs({ ...query, collection: name })).map(typed);
    },
    put(docs, id, version, data, geometry) {
      return docs.putDoc({
        collection: name,
        id,
        version,
        data: json(data),
        ...(geometry === undefined ? {} : { geometry }),
      });
    },
    async update(docs, id, version, f) {
      const d = await docs.getDoc(name, id);
      if (d !== undefined) await docs.putDoc({ ...d, version, data: json(f(typed(d).data)) });
    },
    typed,
  };
}
