/**
 * The filter semantics part of the documents contract: what port.ts `Expr` says of null, missing
 * fields, mixed types and negation, answered alike by every implementation.
 */
import { describe, expect, it } from 'vitest';
import type { Expr } from './port.js';
import { CMP_OPS, doc, type DocsHarness } from './docs-contract-harness.testkit.js';

/** The filter semantics tests, in the caller's describe. */
export function filterDocsContract({ given }: DocsHarness): void {
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
      expect(await q.ids({ op: 'like', field: 'n', pattern: 'b%', caseInsensitive: true })).toEqual(['big']);
      expect(await q.ids(undefined, { field: 'n' })).toEqual(['nul', 'five', 'big', 'yes', 'arr', 'obj']);
    });
  });
}
