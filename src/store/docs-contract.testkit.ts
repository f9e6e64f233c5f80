/**
 * The documents half of the store contract (style.md habit 3): what every `DocReader`/`DocWriter`
 * answers alike — SQLite, PostgreSQL and the in-memory MemoryDocs (the scratch target of replays
 * and `cairn verify`, whose answers must equal the stores'). The filter semantics tested here are
 * the ones written down on port.ts `Expr`; filters.property.test.ts compares random filters too.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Doc, DocQuery, DocReader, DocWriter, Expr, Store } from './port.js';
import { findPage } from './page.js';
import { docExtent, extentOfDocs } from './extent.js';

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

function doc(id: string, data: Doc['data'], geometry?: Doc['geometry']): Doc {
  return { collection: 'things', id, version: 1, data, ...(geometry === undefined ? {} : { geometry }) };
}

const square = (x: number, y: number, s: number) => ({
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

const CMP_OPS = ['=', '<>', '<', '<=', '>', '>='] as const;

export function runDocsContract(name: string, make: () => Promise<DocsUnderTest>): void {
  describe(`documents contract: ${name}`, () => {
    const opened: DocsUnderTest[] = [];
    const open = async () => {
      const h = await make();
      opened.push(h);
      return h;
    };
    afterEach(async () => {
      for (const h of opened.splice(0)) await h.close();
    });
    /** A fresh set of documents in collection `things` and a function listing the ids a query finds. */
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

    it('stores, replaces, finds and deletes documents', async () => {
      const h = await open();
      const s = h.docs;
      await h.write(async (tx) => {
        await tx.putDoc(doc('b', { status: 'open', n: 2, tags: { region: 'north' } }));
        await tx.putDoc(doc('a', { status: 'closed', n: 10, name: 'Alpha field' }));
        await tx.putDoc(doc('c', { status: 'open', n: 7, name: 'gamma', flag: true }));
        await tx.putDoc({ collection: 'other', id: 'a', version: 1, data: { status: 'open' } });
      });
      expect((await s.getDoc('things', 'a'))?.data).toEqual({ status: 'closed', n: 10, name: 'Alpha field' });
      const ids = async (q: Parameters<Store['findDocs']>[0]) => (await s.findDocs(q)).map((d) => d.id);
      expect(await ids({ collection: 'things' })).toEqual(['a', 'b', 'c']);
      expect(await ids({ collection: 'things', where: { op: '=', field: 'status', value: 'open' } })).toEqual(
        ['b', 'c'],
      );
      expect(await ids({ collection: 'things', where: { op: '>=', field: 'n', value: 7 } })).toEqual([
        'a',
        'c',
      ]);
      expect(await ids({ collection: 'things', where: { op: '=', field: 'flag', value: true } })).toEqual([
        'c',
      ]);
      expect(
        await ids({ collection: 'things', where: { op: '=', field: 'tags.region', value: 'north' } }),
      ).toEqual(['b']);
      expect(await ids({ collection: 'things', where: { op: 'in', field: 'n', values: [2, 10] } })).toEqual([
        'a',
        'b',
      ]);
      expect(
        await ids({ collection: 'things', where: { op: 'between', field: 'n', low: 3, high: 10 } }),
      ).toEqual(['a', 'c']);
      expect(await ids({ collection: 'things', where: { op: 'isNull', field: 'name' } })).toEqual(['b']);
      expect(
        await ids({
          collection: 'things',
          where: { op: 'not', arg: { op: '=', field: 'status', value: 'open' } },
        }),
      ).toEqual(['a']);
      expect(
        await ids({
          collection: 'things',
          where: {
            op: 'or',
            args: [
              { op: '=', field: 'id', value: 'a' },
              { op: '<', field: 'n', value: 3 },
            ],
          },
        }),
      ).toEqual(['a', 'b']);
      expect(
        await ids({ collection: 'things', where: { op: 'like', field: 'name', pattern: 'al%' } }),
      ).toEqual([]);
      expect(
        await ids({
          collection: 'things',
          where: { op: 'like', field: 'name', pattern: 'al%', caseInsensitive: true },
        }),
      ).toEqual(['a']);
      expect(
        await ids({ collection: 'things', where: { op: 'like', field: 'name', pattern: 'Al_ha%' } }),
      ).toEqual(['a']);
      expect(await ids({ collection: 'things', orderBy: { field: 'n', desc: true } })).toEqual([
        'a',
        'c',
        'b',
      ]);
      expect(await ids({ collection: 'things', limit: 2, offset: 1 })).toEqual(['b', 'c']);
      expect(
        await s.countDocs({ collection: 'things', where: { op: '=', field: 'status', value: 'open' } }),
      ).toBe(2);
      await h.write(async (tx) => {
        await tx.putDoc({ ...doc('a', { status: 'open', n: 11 }), version: 5 });
        await tx.deleteDoc('things', 'b');
        await tx.deleteDoc('things', 'nope');
      });
      expect(await s.getDoc('things', 'a')).toMatchObject({ version: 5, data: { status: 'open', n: 11 } });
      expect(await s.getDoc('things', 'b')).toBeUndefined();
      const all: string[] = [];
      for (const d of await h.all()) all.push(`${d.collection}/${d.id}`);
      expect(all).toEqual(['other/a', 'things/a', 'things/c']);
    });

    it('reads a page with its total exactly as findDocs and countDocs do, also past the last match', async () => {
      const h = await open();
      const s = h.docs;
      await h.write(async (tx) => {
        for (let i = 0; i < 12; i++)
          await tx.putDoc(
            doc(`d${String(i).padStart(2, '0')}`, { n: i, odd: i % 2 === 1 }, square(20 + i, 50, 0.5)),
          );
      });
      const queries: DocQuery[] = [
        { collection: 'things', limit: 5 },
        { collection: 'things', limit: 5, offset: 10 },
        { collection: 'things', limit: 5, offset: 40 },
        {
          collection: 'things',
          where: { op: '=', field: 'odd', value: true },
          orderBy: { field: 'n', desc: true },
          limit: 2,
          offset: 1,
        },
        { collection: 'things', bbox: [22.2, 49, 26.1, 51], limit: 3 },
        { collection: 'things', where: { op: '=', field: 'n', value: 99 } },
      ];
      for (const q of queries) {
        const page = await findPage(s, q);
        const all: DocQuery = {
          collection: q.collection,
          ...(q.where ? { where: q.where } : {}),
          ...(q.bbox ? { bbox: q.bbox } : {}),
        };
        expect(page.docs.map((d) => d.id)).toEqual((await s.findDocs(q)).map((d) => d.id));
        expect(page.numberMatched).toBe(await s.countDocs(all));
      }
      expect((await findPage(s, { collection: 'things', limit: 5, offset: 40 })).numberMatched).toBe(12);
    });

    it('gives the exact extent of a query and the range of a text field, without hidden or non-text values', async () => {
      const h = await open();
      const s = h.docs;
      // Corners that 32-bit floats cannot hold: an index-only extent would be off by up to 2e-6°.
      const tri = (x: number, y: number) => ({
        type: 'Polygon' as const,
        coordinates: [
          [
            [x, y],
            [x + 0.1234567891, y],
            [x, y + 0.0987654321],
            [x, y],
          ],
        ],
      });
      await h.write(async (tx) => {
        await tx.putDoc(doc('a', { on: '2026-03-01', open: true }, tri(24.1234567891, 60.0000001)));
        await tx.putDoc(
          doc(
            'b',
            { on: '2025-12-31T23:59:00Z', open: true },
            { type: 'Point', coordinates: [27.9999999, 59.5000001] },
          ),
        );
        await tx.putDoc(doc('c', { on: 20260501, open: true }, tri(29, 61)));
        await tx.putDoc(doc('d', { on: '2027-01-01', open: false }, tri(40, 70)));
        await tx.putDoc(doc('e', { on: '2024-01-01', open: true }));
        await tx.putDoc(
          doc(
            'f',
            { open: true },
            { type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [23.5, 59.25] }] },
          ),
        );
        await tx.putDoc({
          collection: 'other',
          id: 'z',
          version: 1,
          data: { on: '2000-01-01' },
          geometry: { type: 'Point', coordinates: [0, 0] },
        });
      });
      const open_ = { op: '=' as const, field: 'open', value: true };
      const e = await docExtent(
        s,
        { collection: 'things', where: open_, limit: 1, orderBy: { field: 'on' } },
        'on',
      );
      expect(e.bbox).toEqual([23.5, 59.25, 29.1234567891, 61.0987654321]);
      // 20260501 is a number, not a date string; 'e' has no geometry but its date counts.
      expect(e.range).toEqual(['2024-01-01', '2026-03-01']);
      expect(await docExtent(s, { collection: 'things' })).toEqual({
        bbox: [23.5, 59.25, 40.1234567891, 70.0987654321],
      });
      expect(
        await docExtent(s, { collection: 'things', where: { op: '=', field: 'open', value: 'maybe' } }, 'on'),
      ).toEqual({});
      expect(await docExtent(s, { collection: 'nothing' }, 'on')).toEqual({});
      // The store's own answer (where it has one) agrees with the documents'.
      expect(await docExtent(s, { collection: 'things', where: open_ }, 'on')).toEqual(
        extentOfDocs(await s.findDocs({ collection: 'things', where: open_ }), 'on'),
      );
      // Code-point order, as JavaScript compares, whatever the database's locale: 'B' < 'a' < 'é'.
      await h.write(async (tx) => {
        for (const [id, label] of [
          ['l1', 'a'],
          ['l2', 'B'],
          ['l3', 'é'],
        ])
          await tx.putDoc({ collection: 'labels', id: id ?? '', version: 1, data: { label: label ?? '' } });
      });
      expect((await docExtent(s, { collection: 'labels' }, 'label')).range).toEqual(['B', 'é']);
    });

    it('decides bbox queries on exact boxes, not on boxes rounded outward', async () => {
      const h = await open();
      const s = h.docs;
      await h.write(async (tx) => {
        await tx.putDoc(doc('edge', {}, { type: 'Point', coordinates: [24.0000001, 60.0000001] }));
      });
      // 24.00000005 and 24.0000001 are the same 32-bit float: only the exact box tells them apart.
      expect(await s.findDocs({ collection: 'things', bbox: [23, 59, 24.00000005, 61] })).toEqual([]);
      expect(
        (await s.findDocs({ collection: 'things', bbox: [23, 59, 24.0000001, 61] })).map((d) => d.id),
      ).toEqual(['edge']);
      expect(await s.countDocs({ collection: 'things', bbox: [24.00000015, 59, 25, 61] })).toBe(0);
    });

    it('finds documents by bounding box and keeps the box current when geometry changes', async () => {
      const h = await open();
      const s = h.docs;
      await h.write(async (tx) => {
        await tx.putDoc(doc('west', {}, square(20, 50, 1)));
        await tx.putDoc(doc('east', {}, square(30, 50, 1)));
        await tx.putDoc(doc('nowhere', {}));
      });
      const ids = async (bbox: readonly [number, number, number, number]) =>
        (await s.findDocs({ collection: 'things', bbox })).map((d) => d.id);
      expect(await ids([19, 49, 22, 52])).toEqual(['west']);
      expect(await ids([19, 49, 31, 52])).toEqual(['east', 'west']);
      expect(await s.countDocs({ collection: 'things', bbox: [29.5, 50.5, 29.9, 50.6] })).toBe(0);
      await h.write((tx) => tx.putDoc(doc('west', {}, square(29.6, 50.4, 0.5))));
      expect(await ids([29.5, 50.5, 29.9, 50.6])).toEqual(['west']);
      expect((await s.getDoc('things', 'west'))?.geometry).toEqual(square(29.6, 50.4, 0.5));
    });

    it('answers exact spatial predicates after the bbox step', async () => {
      const h = await open();
      const s = h.docs;
      await h.write(async (tx) => {
        await tx.putDoc(doc('big', {}, square(20, 50, 2)));
        await tx.putDoc(doc('small', {}, square(20.5, 50.5, 0.5)));
        await tx.putDoc(doc('far', {}, square(30, 50, 1)));
        await tx.putDoc(doc('pt', {}, { type: 'Point', coordinates: [20.75, 50.75] }));
        await tx.putDoc(doc('edge', {}, { type: 'Point', coordinates: [22, 51] }));
        // No geometry: unknown to every spatial operator and to its negation (port.ts `Expr`).
        await tx.putDoc(doc('nowhere', {}));
      });
      const q = square(20.4, 50.4, 0.7);
      const ids = async (op: 's_intersects' | 's_within' | 's_contains' | 's_disjoint') =>
        (await s.findDocs({ collection: 'things', where: { op, geometry: q } })).map((d) => d.id);
      expect(await ids('s_intersects')).toEqual(['big', 'pt', 'small']);
      expect(await ids('s_within')).toEqual(['pt', 'small']);
      expect(await ids('s_contains')).toEqual(['big']);
      expect(await ids('s_disjoint')).toEqual(['edge', 'far']);
      // A triangle whose bbox covers the point but whose area does not: bbox alone would say yes.
      const tri = {
        type: 'Polygon',
        coordinates: [
          [
            [20.7, 50.6],
            [21.9, 50.6],
            [21.9, 51.8],
            [20.7, 50.6],
          ],
        ],
      };
      expect(
        (await s.findDocs({ collection: 'things', where: { op: 's_intersects', geometry: tri } })).map(
          (d) => d.id,
        ),
      ).toEqual(['big', 'small']);
      expect(
        await s.countDocs({
          collection: 'things',
          where: {
            op: 'and',
            args: [
              { op: 's_intersects', geometry: q },
              { op: '=', field: 'id', value: 'pt' },
            ],
          },
        }),
      ).toBe(1);
      // Where an index may narrow by the filter's geometry and where it must not (or, not, disjoint).
      const farBox = square(30.2, 50.2, 0.1);
      const where = async (w: Parameters<Store['findDocs']>[0]['where']) =>
        (await s.findDocs({ collection: 'things', ...(w === undefined ? {} : { where: w }) })).map(
          (d) => d.id,
        );
      expect(
        await where({
          op: 'or',
          args: [
            { op: 's_intersects', geometry: q },
            { op: 's_intersects', geometry: farBox },
          ],
        }),
      ).toEqual(['big', 'far', 'pt', 'small']);
      expect(await where({ op: 'not', arg: { op: 's_intersects', geometry: q } })).toEqual(['edge', 'far']);
      expect(await where({ op: 'not', arg: { op: 's_disjoint', geometry: q } })).toEqual([
        'big',
        'pt',
        'small',
      ]);
      expect(
        await where({
          op: 'and',
          args: [
            { op: 's_intersects', geometry: square(19, 49, 4) },
            { op: 's_disjoint', geometry: q },
          ],
        }),
      ).toEqual(['edge']);
      expect(
        await where({
          op: 'and',
          args: [
            { op: 's_intersects', geometry: q },
            { op: 's_intersects', geometry: farBox },
          ],
        }),
      ).toEqual([]);
      expect(
        await s.countDocs({
          collection: 'things',
          bbox: [20.6, 50.6, 20.9, 50.9],
          where: { op: 's_within', geometry: q },
        }),
      ).toBe(2);
    });

    describe('filter semantics (port.ts Expr)', () => {
      it('treats a comparison with null as unknown instead of failing (issue #13: `<=` null crashed SQLite)', async () => {
        const q = await given([
          doc('nul', { x: null }),
          doc('one', { x: 1 }),
          doc('none', {}),
          doc('str', { x: 's' }),
        ]);
        for (const op of CMP_OPS) {
          expect(await q.ids({ op, field: 'x', value: null }), op).toEqual([]);
          expect(await q.ids({ op: 'not', arg: { op, field: 'x', value: null } }), `not ${op}`).toEqual([]);
          expect(await q.count({ op, field: 'x', value: null }), op).toBe(0);
        }
        expect(await q.ids({ op: 'between', field: 'x', low: null, high: 5 })).toEqual([]);
        expect(await q.ids({ op: 'not', arg: { op: 'between', field: 'x', low: 5, high: null } })).toEqual([
          'one',
        ]);
        expect(await q.ids({ op: 'in', field: 'x', values: [null] })).toEqual([]);
        expect(await q.ids({ op: 'in', field: 'x', values: [null, 1] })).toEqual(['one']);
        expect(await q.ids({ op: 'not', arg: { op: 'in', field: 'x', values: [null, 2] } })).toEqual([]);
        expect(await q.ids({ op: 'isNull', field: 'x' })).toEqual(['none', 'nul']);
        expect(await q.ids({ op: 'not', arg: { op: 'isNull', field: 'x' } })).toEqual(['one', 'str']);
      });

      // The mixed-type `in`: SQLite matched true against 1, the in-memory store did not.
      const mixed = [
        doc('num2', { n: 2 }),
        doc('num1', { n: 1 }),
        doc('numneg', { n: -0.5 }),
        doc('str2', { n: '2' }),
        doc('strx', { n: 'x' }),
        doc('true', { n: true }),
        doc('false', { n: false }),
        doc('null', { n: null }),
        doc('none', {}),
        doc('obj', { n: { v: 2 } }),
        doc('arr', { n: [2] }),
      ];

      it('keeps JSON types apart: a number never equals its string, true never equals 1 (issue #13: mixed-type in)', async () => {
        const q = await given(mixed);
        expect(await q.ids({ op: '=', field: 'n', value: 2 })).toEqual(['num2']);
        expect(await q.ids({ op: '=', field: 'n', value: '2' })).toEqual(['str2']);
        expect(await q.ids({ op: '=', field: 'n', value: 1 })).toEqual(['num1']);
        expect(await q.ids({ op: '=', field: 'n', value: true })).toEqual(['true']);
        expect(await q.ids({ op: 'in', field: 'n', values: [2, '2'] })).toEqual(['num2', 'str2']);
        expect(await q.ids({ op: 'in', field: 'n', values: ['2', true] })).toEqual(['str2', 'true']);
        expect(await q.ids({ op: 'in', field: 'n', values: [1, 0] })).toEqual(['num1']);
        expect(await q.ids({ op: 'in', field: 'n', values: ['1', 'true', 'null'] })).toEqual([]);
        expect(await q.ids({ op: '<>', field: 'n', value: 2 })).toEqual(['num1', 'numneg']);
        expect(await q.ids({ op: '<>', field: 'n', value: 'x' })).toEqual(['str2']);
        expect(await q.ids({ op: '>', field: 'n', value: 0 })).toEqual(['num1', 'num2']);
        expect(await q.ids({ op: '<', field: 'n', value: 'z' })).toEqual(['str2', 'strx']);
        expect(await q.ids({ op: '>', field: 'n', value: false })).toEqual(['true']);
        expect(await q.ids({ op: 'between', field: 'n', low: -1, high: 1.5 })).toEqual(['num1', 'numneg']);
        expect(await q.ids({ op: 'not', arg: { op: 'in', field: 'n', values: [2] } })).toEqual([
          'num1',
          'numneg',
        ]);
      });

      it('negates unknown to unknown, so not(x <> v) is x = v and not(x < v) is x >= v (issue #13: not(<>))', async () => {
        const q = await given(mixed);
        expect(await q.ids({ op: 'not', arg: { op: '<>', field: 'n', value: 2 } })).toEqual(['num2']);
        expect(await q.ids({ op: 'not', arg: { op: '<>', field: 'n', value: '2' } })).toEqual(['str2']);
        for (const value of [2, '2', true, 1, 'x'] as const) {
          expect(await q.ids({ op: 'not', arg: { op: '<>', field: 'n', value } }), String(value)).toEqual(
            await q.ids({ op: '=', field: 'n', value }),
          );
          expect(await q.ids({ op: 'not', arg: { op: '<', field: 'n', value } }), String(value)).toEqual(
            await q.ids({ op: '>=', field: 'n', value }),
          );
        }
        // Kleene logic: false decides an `and`, true an `or`, whatever the unknown beside it.
        const unknown: Expr = { op: '=', field: 'n', value: null };
        expect(
          await q.ids({
            op: 'not',
            arg: { op: 'and', args: [unknown, { op: '=', field: 'id', value: 'none' }] },
          }),
        ).toHaveLength(mixed.length - 1);
        expect(await q.ids({ op: 'or', args: [unknown, { op: '=', field: 'id', value: 'obj' }] })).toEqual([
          'obj',
        ]);
        expect(
          await q.ids({
            op: 'not',
            arg: { op: 'or', args: [unknown, { op: '=', field: 'id', value: 'obj' }] },
          }),
        ).toEqual([]);
        expect(await q.ids({ op: 'and', args: [] })).toHaveLength(mixed.length);
        expect(await q.ids({ op: 'or', args: [] })).toEqual([]);
      });

      it('matches LIKE on strings only, never on numbers, booleans, objects or null (issue #13: LIKE on non-strings)', async () => {
        const q = await given([...mixed, doc('strtrue', { n: 'true' }), doc('strobj', { n: '{"v":2}' })]);
        expect(await q.ids({ op: 'like', field: 'n', pattern: '2' })).toEqual(['str2']);
        expect(await q.ids({ op: 'like', field: 'n', pattern: 'tru_' })).toEqual(['strtrue']);
        expect(await q.ids({ op: 'like', field: 'n', pattern: '%' })).toEqual([
          'str2',
          'strobj',
          'strtrue',
          'strx',
        ]);
        expect(await q.ids({ op: 'like', field: 'n', pattern: '{%' })).toEqual(['strobj']);
        expect(await q.ids({ op: 'not', arg: { op: 'like', field: 'n', pattern: '%' } })).toEqual([]);
        expect(await q.ids({ op: 'not', arg: { op: 'like', field: 'n', pattern: '2' } })).toEqual([
          'strobj',
          'strtrue',
          'strx',
        ]);
        expect(await q.ids({ op: 'like', field: 'version', pattern: '%' })).toEqual([]);
        expect(await q.ids({ op: 'like', field: 'id', pattern: 'num_' })).toEqual(['num1', 'num2']);
      });

      it('reads LIKE patterns by code point, with backslash escapes and Unicode case folding', async () => {
        const q = await given([
          doc('pct', { s: '100%' }),
          doc('pcx', { s: '100x' }),
          doc('und', { s: 'a_b' }),
          doc('axb', { s: 'axb' }),
          doc('emoji', { s: '😀' }),
          doc('bs', { s: 'a\\' }),
          doc('apple', { s: 'Äpple' }),
          doc('kyiv', { s: 'КИЇВ' }),
          doc('kelvin', { s: '\u212a' }),
        ]);
        expect(await q.ids({ op: 'like', field: 's', pattern: '100\\%' })).toEqual(['pct']);
        expect(await q.ids({ op: 'like', field: 's', pattern: 'a\\_b' })).toEqual(['und']);
        expect(await q.ids({ op: 'like', field: 's', pattern: 'a_b' })).toEqual(['axb', 'und']);
        expect(await q.ids({ op: 'like', field: 's', pattern: '_' })).toEqual(['emoji', 'kelvin']);
        expect(await q.ids({ op: 'like', field: 's', pattern: 'a\\' })).toEqual(['bs']);
        expect(await q.ids({ op: 'like', field: 's', pattern: 'ä%' })).toEqual([]);
        expect(await q.ids({ op: 'like', field: 's', pattern: 'ä%', caseInsensitive: true })).toEqual([
          'apple',
        ]);
        expect(await q.ids({ op: 'like', field: 's', pattern: 'київ', caseInsensitive: true })).toEqual([
          'kyiv',
        ]);
        // U+212A KELVIN SIGN lower-cases to k.
        expect(await q.ids({ op: 'like', field: 's', pattern: 'k', caseInsensitive: true })).toEqual([
          'kelvin',
        ]);
        expect(await q.ids({ op: 'like', field: 's', pattern: 'APPLE', caseInsensitive: true })).toEqual([]);
      });

      it('orders mixed types in one total order, reverses it with desc and breaks ties by id (issue #13: ordering)', async () => {
        const q = await given([
          doc('a-none', {}),
          doc('b-null', { v: null }),
          doc('c-ten', { v: 10 }),
          doc('d-neg', { v: -1.5 }),
          doc('e-zero', { v: 0 }),
          doc('f-zero', { v: 0 }),
          doc('g-s10', { v: '10' }),
          doc('h-B', { v: 'B' }),
          doc('i-a', { v: 'a' }),
          doc('j-e', { v: 'é' }),
          doc('k-ffff', { v: '\uffff' }),
          doc('l-emoji', { v: '😀' }),
          doc('m-true', { v: true }),
          doc('n-false', { v: false }),
          doc('o-obj', { v: { a: 1 } }),
          doc('p-arr', { v: [1] }),
          doc('q-false', { v: false }),
        ]);
        const asc = [
          'a-none',
          'b-null',
          'd-neg',
          'e-zero',
          'f-zero',
          'c-ten',
          'g-s10',
          'h-B',
          'i-a',
          'j-e',
          'k-ffff',
          'l-emoji',
          'n-false',
          'q-false',
          'm-true',
          'o-obj',
          'p-arr',
        ];
        const desc = [
          'o-obj',
          'p-arr',
          'm-true',
          'n-false',
          'q-false',
          'l-emoji',
          'k-ffff',
          'j-e',
          'i-a',
          'h-B',
          'g-s10',
          'c-ten',
          'e-zero',
          'f-zero',
          'd-neg',
          'a-none',
          'b-null',
        ];
        expect(await q.ids(undefined, { field: 'v' })).toEqual(asc);
        expect(await q.ids(undefined, { field: 'v', desc: true })).toEqual(desc);
        // Strings compare by code point: U+FFFF sorts before an astral character, as UTF-8 bytes do.
        expect(await q.ids({ op: '>', field: 'v', value: '\uffff' })).toEqual(['l-emoji']);
        expect(await q.ids({ op: '<', field: 'v', value: 'a' })).toEqual(['g-s10', 'h-B']);
        expect(await q.ids(undefined, { field: 'id', desc: true })).toEqual([...asc].sort().reverse());
        expect(await q.ids({ op: '>=', field: 'id', value: 'o' })).toEqual(['o-obj', 'p-arr', 'q-false']);
      });

      it("reads a path only through objects' own members, never an array's length or an inherited name", async () => {
        const q = await given([
          doc('arr', { tags: ['a', 'b'], name: 'x' }),
          doc('obj', { tags: { length: 2 } }),
        ]);
        expect(await q.ids({ op: '=', field: 'tags.length', value: 2 })).toEqual(['obj']);
        expect(await q.ids({ op: 'isNull', field: 'tags.length' })).toEqual(['arr']);
        expect(await q.ids({ op: 'isNull', field: 'name.length' })).toEqual(['arr', 'obj']);
        expect(await q.ids({ op: 'isNull', field: 'constructor' })).toEqual(['arr', 'obj']);
        expect(await q.ids({ op: 'isNull', field: 'tags.toString' })).toEqual(['arr', 'obj']);
      });

      it('compares a field that holds different types in different documents without failing', async () => {
        const q = await given([
          doc('five', { n: 5 }),
          doc('big', { n: 'big' }),
          doc('yes', { n: true }),
          doc('obj', { n: {} }),
          doc('arr', { n: [] }),
          doc('nul', { n: null }),
        ]);
        expect(await q.ids({ op: '>=', field: 'n', value: 3 })).toEqual(['five']);
        expect(await q.ids({ op: 'between', field: 'n', low: 1, high: 9 })).toEqual(['five']);
        expect(await q.ids({ op: '=', field: 'n', value: 'big' })).toEqual(['big']);
        expect(await q.ids({ op: '=', field: 'n', value: true })).toEqual(['yes']);
        expect(await q.ids({ op: 'like', field: 'n', pattern: 'b%', caseInsensitive: true })).toEqual([
          'big',
        ]);
        expect(await q.ids(undefined, { field: 'n' })).toEqual(['nul', 'five', 'big', 'yes', 'arr', 'obj']);
      });
    });
  });
}
