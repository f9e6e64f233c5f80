/**
 * The harness of the documents contract (docs-contract.testkit.ts): documents under test, how a
 * store becomes them, and the sample documents and polygons the contract's parts share.
 */
import { afterEach } from 'vitest';
import type { Doc, DocQuery, DocReader, DocWriter, Expr, Store } from './port.js';
/** Documents under test: a reader, how to write (a store's transaction), and every document. */
export interface DocsUnderTest {
  readonly docs: DocReader & Pick<Store, 'findPage' | 'extent'>;
  write(fn: (w: DocWriter) => Promise<void>): Promise<void>;
  /** Every document ordered by (collection, id), as `Store.allDocs` yields them. */
  all(): Promise<Doc[]>;
  close(): Promise<void>;
}

/** A store as documents under test: writes go through its transactions. */
export function storeDocs(s: Store): DocsUnderTest {
  return {
    docs: s,
    write: (fn) => s.transaction(fn),
    all: async () => {
      const out: Doc[] = [];
      for await (const d of s.allDocs()) out.push(d);
      return out;
    },
    close: () => s.close(),
  };
}

/** A document of collection `things`. */
export function doc(id: string, data: Doc['data'], geometry?: Doc['geometry']): Doc {
  return { collection: 'things', id, version: 1, data, ...(geometry === undefined ? {} : { geometry }) };
}

/** A closed square polygon of side `s` degrees with its south-west corner at (x, y). */
export const square = (x: number, y: number, s: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + s, y],
      [x + s, y + s],
      [x, y + s],
      [x, y],
    ],
  ],
});

export const CMP_OPS = ['=', '<>', '<', '<=', '>', '>='] as const;

/** What each part of the contract opens documents with; everything opened is closed after each test. */
export interface DocsHarness {
  readonly open: () => Promise<DocsUnderTest>;
  /** A fresh set of documents in collection `things` and a function listing the ids a query finds. */
  readonly given: (docs: readonly Doc[]) => Promise<{
    ids(where?: Expr, orderBy?: DocQuery['orderBy']): Promise<string[]>;
    count(where: Expr): Promise<number>;
  }>;
}

/** The harness over `make`; call inside a describe (it registers the afterEach that closes). */
export function docsHarness(make: () => Promise<DocsUnderTest>): DocsHarness {
  const opened: DocsUnderTest[] = [];
  const open = async () => {
    const h = await make();
    opened.push(h);
    return h;
  };
  afterEach(async () => {
    for (const h of opened.splice(0)) await h.close();
  });
  const given = async (docs: readonly Doc[]) => {
    const h = await open();
    await h.write(async (w) => {
      for (const d of docs) await w.putDoc(d);
    });
    return {
      ids: async (where?: Expr, orderBy?: DocQuery['orderBy']) =>
        (
          await h.docs.findDocs({
            collection: 'things',
            ...(where === undefined ? {} : { where }),
            ...(orderBy === undefined ? {} : { orderBy }),
          })
        ).map((d) => d.id),
      count: (where: Expr) => h.docs.countDocs({ collection: 'things', where }),
    };
  };
  return { open, given };
}
