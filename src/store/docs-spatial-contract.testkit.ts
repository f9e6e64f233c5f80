/**
 * The spatial part of the documents contract: bounding boxes decided on exact boxes, and the exact
 * predicates (s_intersects, s_within, s_contains, s_disjoint) after the bbox step, alone and in
 * and/or/not, as port.ts `Expr` defines them.
 */
import { expect, it } from 'vitest';
import type { Store } from './port.js';
import { doc, square, type DocsHarness } from './docs-contract-harness.testkit.js';

/** The spatial tests, in the caller's describe. */
export function spatialDocsContract({ open }: DocsHarness): void {
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
      (await s.findDocs({ collection: 'things', ...(w === undefined ? {} : { where: w }) })).map((d) => d.id);
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
}
