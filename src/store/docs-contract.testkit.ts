/**
 * The documents half of the store contract (style.md habit 3): what every `DocReader`/`DocWriter`
 * answers alike — SQLite, PostgreSQL and the in-memory MemoryDocs (the scratch target of replays
 * and `cairn verify`, whose answers must equal the stores'). The filter semantics tested here are
 * the ones written down on port.ts `Expr`; filters.property.test.ts compares random filters too.
 * The spatial and filter parts live in docs-spatial-contract and docs-filter-contract.
 */
import { describe, expect, it } from 'vitest';
import { docExtent, extentOfDocs } from './extent.js';
import { findPage } from './page.js';
import type { DocQuery, Store } from './port.js';
import { docsHarness, doc, square, type DocsUnderTest } from './docs-contract-harness.testkit.js';
import { filterDocsContract } from './docs-filter-contract.testkit.js';
import { spatialDocsContract } from './docs-spatial-contract.testkit.js';

export { storeDocs, type DocsUnderTest } from './docs-contract-harness.testkit.js';

export function runDocsContract(name: string, make: () => Promise<DocsUnderTest>): void {
  describe(`documents contract: ${name}`, () => {
    const harness = docsHarness(make);
    const { open } = harness;

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

    spatialDocsContract(harness);
    filterDocsContract(harness);
  });
}
