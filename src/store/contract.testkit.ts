/**
 * The one store contract suite (style.md habit 3). Every adapter calls
 * `runStoreContract(name, makeStore)`; the same expectations hold for SQLite and PostgreSQL.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryTree, eventLeafHash, parseEventBytes, rootHash, mapSource, nodesRead, type EventDraft } from '../ledger/index.js';
import type { Doc, DocQuery, Store } from './port.js';
import { findPage } from './page.js';
import { docExtent, extentOfDocs } from './extent.js';

export type MakeStore = () => Promise<Store>;

function draft(i: number, extra: Record<string, string> = {}): EventDraft {
  return {
    type: 'test.happened',
    schemaVersion: 1,
    effectiveAt: '2026-01-01T00:00:00.000Z',
    actor: 'tester',
    payload: { i, ...extra },
    refs: [],
  };
}

function doc(id: string, data: Doc['data'], geometry?: Doc['geometry']): Doc {
  return { collection: 'things', id, version: 1, data, ...(geometry === undefined ? {} : { geometry }) };
}

const square = (x: number, y: number, s: number) => ({
  type: 'Polygon',
  coordinates: [[[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]]],
});

export function runStoreContract(name: string, makeStore: MakeStore): void {
  describe(`store contract: ${name}`, () => {
    const opened: Store[] = [];
    const open = async () => {
      const s = await makeStore();
      opened.push(s);
      return s;
    };
    afterEach(async () => {
      for (const s of opened.splice(0)) await s.close();
    });

    it('migrates idempotently and then passes the schema check', async () => {
      const s = await open();
      const again = await s.migrate();
      expect(again.applied).toEqual([]);
      await expect(s.checkSchema()).resolves.toBeUndefined();
    });

    it('assigns gap-free seq numbers and stores canonical bytes whose leaf hashes match', async () => {
      const s = await open();
      const events = await s.transaction((tx) => tx.append([draft(0), draft(1), draft(2)], '2026-01-02T00:00:00.000Z'));
      expect(events.map((e) => e.seq)).toEqual([0, 1, 2]);
      expect(Object.isFrozen(events[0])).toBe(true);
      const more = await s.transaction((tx) => tx.append([draft(3)], '2026-01-02T00:00:01.000Z'));
      expect(more[0]?.seq).toBe(3);
      expect(await s.treeSize()).toBe(4);
      const entries = await s.readEntries(0, 10);
      expect(entries.map((e) => e.seq)).toEqual([0, 1, 2, 3]);
      for (const e of entries) {
        const ev = parseEventBytes(e.bytes);
        expect(ev.seq).toBe(e.seq);
        expect(eventLeafHash(ev).equals(e.leafHash)).toBe(true);
      }
      expect((await s.readEntries(1, 3)).map((e) => e.seq)).toEqual([1, 2]);
    });

    it('keeps Merkle nodes from which every root equals an in-memory tree', async () => {
      const s = await open();
      const mem = new MemoryTree();
      for (let batch = 0; batch < 7; batch++) {
        const evs = await s.transaction((tx) =>
          tx.append(Array.from({ length: batch + 1 }, (_, i) => draft(batch * 10 + i)), '2026-01-02T00:00:00.000Z'),
        );
        for (const e of evs) mem.append(eventLeafHash(e));
      }
      const size = await s.treeSize();
      for (const n of [1, 5, 16, size]) {
        const refs = nodesRead((get) => rootHash(n, get));
        const nodes = await s.getNodes(refs);
        expect(Buffer.from(rootHash(n, mapSource(nodes))).equals(Buffer.from(mem.root(n)))).toBe(true);
      }
    });

    it('writes nothing when a transaction throws', async () => {
      const s = await open();
      await s.transaction((tx) => tx.append([draft(0)], '2026-01-02T00:00:00.000Z'));
      await expect(
        s.transaction(async (tx) => {
          await tx.append([draft(1)], '2026-01-02T00:00:00.000Z');
          await tx.putDoc(doc('a', { x: 1 }));
          throw new Error('refused midway');
        }),
      ).rejects.toThrow('refused midway');
      expect(await s.treeSize()).toBe(1);
      expect(await s.getDoc('things', 'a')).toBeUndefined();
      // The tree still extends correctly after a rollback.
      const [e] = await s.transaction((tx) => tx.append([draft(2)], '2026-01-02T00:00:00.000Z'));
      expect(e?.seq).toBe(1);
      const mem = new MemoryTree();
      for (const en of await s.readEntries(0, 2)) mem.append(en.leafHash);
      const nodes = await s.getNodes(nodesRead((get) => rootHash(2, get)));
      expect(Buffer.from(rootHash(2, mapSource(nodes))).equals(Buffer.from(mem.root()))).toBe(true);
    });

    it('copies events verbatim into another store with identical bytes and root, refusing a gap', async () => {
      const src = await open();
      await src.transaction((tx) => tx.append([draft(0), draft(1)], '2026-01-02T00:00:00.000Z'));
      await src.transaction((tx) => tx.append([draft(2)], '2026-01-03T00:00:00.000Z'));
      const events = (await src.readEntries(0, 3)).map((e) => parseEventBytes(e.bytes));
      const dst = await open();
      await dst.transaction(async (tx) => {
        if (tx.appendVerbatim === undefined) throw new Error('adapter lacks appendVerbatim');
        await tx.appendVerbatim(events.slice(0, 2));
        await tx.appendVerbatim(events.slice(2));
      });
      const a = await src.readEntries(0, 3);
      const b = await dst.readEntries(0, 3);
      expect(b.map((e) => e.bytes.toString('hex'))).toEqual(a.map((e) => e.bytes.toString('hex')));
      const root = async (s: Store) => Buffer.from(rootHash(3, mapSource(await s.getNodes(nodesRead((get) => rootHash(3, get)))))).toString('hex');
      expect(await root(dst)).toBe(await root(src));
      await expect(dst.transaction(async (tx) => tx.appendVerbatim?.([events[0] as (typeof events)[0]]))).rejects.toMatchObject({ code: 'LEDGER_IMPORT_INVALID' });
      expect(await dst.treeSize()).toBe(3);
    });

    it('serialises concurrent transactions so seq stays total', async () => {
      const s = await open();
      await Promise.all(
        Array.from({ length: 20 }, (_, i) => s.transaction((tx) => tx.append([draft(i), draft(i + 100)], '2026-01-02T00:00:00.000Z'))),
      );
      const entries = await s.readEntries(0, 100);
      expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    });

    it('stores, replaces, finds and deletes documents', async () => {
      const s = await open();
      await s.transaction(async (tx) => {
        await tx.putDoc(doc('b', { status: 'open', n: 2, tags: { region: 'north' } }));
        await tx.putDoc(doc('a', { status: 'closed', n: 10, name: 'Alpha field' }));
        await tx.putDoc(doc('c', { status: 'open', n: 7, name: 'gamma', flag: true }));
        await tx.putDoc({ collection: 'other', id: 'a', version: 1, data: { status: 'open' } });
      });
      expect((await s.getDoc('things', 'a'))?.data).toEqual({ status: 'closed', n: 10, name: 'Alpha field' });
      const ids = async (q: Parameters<Store['findDocs']>[0]) => (await s.findDocs(q)).map((d) => d.id);
      expect(await ids({ collection: 'things' })).toEqual(['a', 'b', 'c']);
      expect(await ids({ collection: 'things', where: { op: '=', field: 'status', value: 'open' } })).toEqual(['b', 'c']);
      expect(await ids({ collection: 'things', where: { op: '>=', field: 'n', value: 7 } })).toEqual(['a', 'c']);
      expect(await ids({ collection: 'things', where: { op: '=', field: 'flag', value: true } })).toEqual(['c']);
      expect(await ids({ collection: 'things', where: { op: '=', field: 'tags.region', value: 'north' } })).toEqual(['b']);
      expect(await ids({ collection: 'things', where: { op: 'in', field: 'n', values: [2, 10] } })).toEqual(['a', 'b']);
      expect(await ids({ collection: 'things', where: { op: 'between', field: 'n', low: 3, high: 10 } })).toEqual(['a', 'c']);
      expect(await ids({ collection: 'things', where: { op: 'isNull', field: 'name' } })).toEqual(['b']);
      expect(await ids({ collection: 'things', where: { op: 'not', arg: { op: '=', field: 'status', value: 'open' } } })).toEqual(['a']);
      expect(
        await ids({
          collection: 'things',
          where: { op: 'or', args: [{ op: '=', field: 'id', value: 'a' }, { op: '<', field: 'n', value: 3 }] },
        }),
      ).toEqual(['a', 'b']);
      expect(await ids({ collection: 'things', where: { op: 'like', field: 'name', pattern: 'al%' } })).toEqual([]);
      expect(await ids({ collection: 'things', where: { op: 'like', field: 'name', pattern: 'al%', caseInsensitive: true } })).toEqual(['a']);
      expect(await ids({ collection: 'things', where: { op: 'like', field: 'name', pattern: 'Al_ha%' } })).toEqual(['a']);
      expect(await ids({ collection: 'things', orderBy: { field: 'n', desc: true } })).toEqual(['a', 'c', 'b']);
      expect(await ids({ collection: 'things', limit: 2, offset: 1 })).toEqual(['b', 'c']);
      expect(await s.countDocs({ collection: 'things', where: { op: '=', field: 'status', value: 'open' } })).toBe(2);
      await s.transaction(async (tx) => {
        await tx.putDoc({ ...doc('a', { status: 'open', n: 11 }), version: 5 });
        await tx.deleteDoc('things', 'b');
        await tx.deleteDoc('things', 'nope');
      });
      expect(await s.getDoc('things', 'a')).toMatchObject({ version: 5, data: { status: 'open', n: 11 } });
      expect(await s.getDoc('things', 'b')).toBeUndefined();
      const all: string[] = [];
      for await (const d of s.allDocs()) all.push(`${d.collection}/${d.id}`);
      expect(all).toEqual(['other/a', 'things/a', 'things/c']);
    });

    it('reads a page with its total exactly as findDocs and countDocs do, also past the last match', async () => {
      const s = await open();
      await s.transaction(async (tx) => {
        for (let i = 0; i < 12; i++) await tx.putDoc(doc(`d${String(i).padStart(2, '0')}`, { n: i, odd: i % 2 === 1 }, square(20 + i, 50, 0.5)));
      });
      const queries: DocQuery[] = [
        { collection: 'things', limit: 5 },
        { collection: 'things', limit: 5, offset: 10 },
        { collection: 'things', limit: 5, offset: 40 },
        { collection: 'things', where: { op: '=', field: 'odd', value: true }, orderBy: { field: 'n', desc: true }, limit: 2, offset: 1 },
        { collection: 'things', bbox: [22.2, 49, 26.1, 51], limit: 3 },
        { collection: 'things', where: { op: '=', field: 'n', value: 99 } },
      ];
      for (const q of queries) {
        const page = await findPage(s, q);
        const all: DocQuery = { collection: q.collection, ...(q.where ? { where: q.where } : {}), ...(q.bbox ? { bbox: q.bbox } : {}) };
        expect(page.docs.map((d) => d.id)).toEqual((await s.findDocs(q)).map((d) => d.id));
        expect(page.numberMatched).toBe(await s.countDocs(all));
      }
      expect((await findPage(s, { collection: 'things', limit: 5, offset: 40 })).numberMatched).toBe(12);
    });

    it('gives the exact extent of a query and the range of a text field, without hidden or non-text values', async () => {
      const s = await open();
      // Corners that 32-bit floats cannot hold: an index-only extent would be off by up to 2e-6°.
      const tri = (x: number, y: number) => ({ type: 'Polygon' as const, coordinates: [[[x, y], [x + 0.1234567891, y], [x, y + 0.0987654321], [x, y]]] });
      await s.transaction(async (tx) => {
        await tx.putDoc(doc('a', { on: '2026-03-01', open: true }, tri(24.1234567891, 60.0000001)));
        await tx.putDoc(doc('b', { on: '2025-12-31T23:59:00Z', open: true }, { type: 'Point', coordinates: [27.9999999, 59.5000001] }));
        await tx.putDoc(doc('c', { on: 20260501, open: true }, tri(29, 61)));
        await tx.putDoc(doc('d', { on: '2027-01-01', open: false }, tri(40, 70)));
        await tx.putDoc(doc('e', { on: '2024-01-01', open: true }));
        await tx.putDoc(doc('f', { open: true }, { type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [23.5, 59.25] }] }));
        await tx.putDoc({ collection: 'other', id: 'z', version: 1, data: { on: '2000-01-01' }, geometry: { type: 'Point', coordinates: [0, 0] } });
      });
      const open_ = { op: '=' as const, field: 'open', value: true };
      const e = await docExtent(s, { collection: 'things', where: open_, limit: 1, orderBy: { field: 'on' } }, 'on');
      expect(e.bbox).toEqual([23.5, 59.25, 29.1234567891, 61.0987654321]);
      // 20260501 is a number, not a date string; 'e' has no geometry but its date counts.
      expect(e.range).toEqual(['2024-01-01', '2026-03-01']);
      expect(await docExtent(s, { collection: 'things' })).toEqual({ bbox: [23.5, 59.25, 40.1234567891, 70.0987654321] });
      expect(await docExtent(s, { collection: 'things', where: { op: '=', field: 'open', value: 'maybe' } }, 'on')).toEqual({});
      expect(await docExtent(s, { collection: 'nothing' }, 'on')).toEqual({});
      // The store's own answer (where it has one) agrees with the documents'.
      expect(await docExtent(s, { collection: 'things', where: open_ }, 'on')).toEqual(extentOfDocs(await s.findDocs({ collection: 'things', where: open_ }), 'on'));
      // Code-point order, as JavaScript compares, whatever the database's locale: 'B' < 'a' < 'é'.
      await s.transaction(async (tx) => {
        for (const [id, label] of [['l1', 'a'], ['l2', 'B'], ['l3', 'é']]) await tx.putDoc({ collection: 'labels', id: id ?? '', version: 1, data: { label: label ?? '' } });
      });
      expect((await docExtent(s, { collection: 'labels' }, 'label')).range).toEqual(['B', 'é']);
    });

    it('decides bbox queries on exact boxes, not on boxes rounded outward', async () => {
      const s = await open();
      await s.transaction(async (tx) => {
        await tx.putDoc(doc('edge', {}, { type: 'Point', coordinates: [24.0000001, 60.0000001] }));
      });
      // 24.00000005 and 24.0000001 are the same 32-bit float: only the exact box tells them apart.
      expect(await s.findDocs({ collection: 'things', bbox: [23, 59, 24.00000005, 61] })).toEqual([]);
      expect((await s.findDocs({ collection: 'things', bbox: [23, 59, 24.0000001, 61] })).map((d) => d.id)).toEqual(['edge']);
      expect(await s.countDocs({ collection: 'things', bbox: [24.00000015, 59, 25, 61] })).toBe(0);
    });

    it('finds documents by bounding box and keeps the box current when geometry changes', async () => {
      const s = await open();
      await s.transaction(async (tx) => {
        await tx.putDoc(doc('west', {}, square(20, 50, 1)));
        await tx.putDoc(doc('east', {}, square(30, 50, 1)));
        await tx.putDoc(doc('nowhere', {}));
      });
      const ids = async (bbox: readonly [number, number, number, number]) =>
        (await s.findDocs({ collection: 'things', bbox })).map((d) => d.id);
      expect(await ids([19, 49, 22, 52])).toEqual(['west']);
      expect(await ids([19, 49, 31, 52])).toEqual(['east', 'west']);
      expect(await s.countDocs({ collection: 'things', bbox: [29.5, 50.5, 29.9, 50.6] })).toBe(0);
      await s.transaction((tx) => tx.putDoc(doc('west', {}, square(29.6, 50.4, 0.5))));
      expect(await ids([29.5, 50.5, 29.9, 50.6])).toEqual(['west']);
      expect((await s.getDoc('things', 'west'))?.geometry).toEqual(square(29.6, 50.4, 0.5));
    });

    it('answers exact spatial predicates after the bbox step', async () => {
      const s = await open();
      await s.transaction(async (tx) => {
        await tx.putDoc(doc('big', {}, square(20, 50, 2)));
        await tx.putDoc(doc('small', {}, square(20.5, 50.5, 0.5)));
        await tx.putDoc(doc('far', {}, square(30, 50, 1)));
        await tx.putDoc(doc('pt', {}, { type: 'Point', coordinates: [20.75, 50.75] }));
        await tx.putDoc(doc('edge', {}, { type: 'Point', coordinates: [22, 51] }));
      });
      const q = square(20.4, 50.4, 0.7);
      const ids = async (op: 's_intersects' | 's_within' | 's_contains' | 's_disjoint') =>
        (await s.findDocs({ collection: 'things', where: { op, geometry: q } })).map((d) => d.id);
      expect(await ids('s_intersects')).toEqual(['big', 'pt', 'small']);
      expect(await ids('s_within')).toEqual(['pt', 'small']);
      expect(await ids('s_contains')).toEqual(['big']);
      expect(await ids('s_disjoint')).toEqual(['edge', 'far']);
      // A triangle whose bbox covers the point but whose area does not: bbox alone would say yes.
      const tri = { type: 'Polygon', coordinates: [[[20.7, 50.6], [21.9, 50.6], [21.9, 51.8], [20.7, 50.6]]] };
      expect((await s.findDocs({ collection: 'things', where: { op: 's_intersects', geometry: tri } })).map((d) => d.id)).toEqual(['big', 'small']);
      expect(await s.countDocs({ collection: 'things', where: { op: 'and', args: [{ op: 's_intersects', geometry: q }, { op: '=', field: 'id', value: 'pt' }] } })).toBe(1);
      // Where an index may narrow by the filter's geometry and where it must not (or, not, disjoint).
      const farBox = square(30.2, 50.2, 0.1);
      const where = async (w: Parameters<Store['findDocs']>[0]['where']) => (await s.findDocs({ collection: 'things', ...(w === undefined ? {} : { where: w }) })).map((d) => d.id);
      expect(await where({ op: 'or', args: [{ op: 's_intersects', geometry: q }, { op: 's_intersects', geometry: farBox }] })).toEqual(['big', 'far', 'pt', 'small']);
      expect(await where({ op: 'not', arg: { op: 's_intersects', geometry: q } })).toEqual(['edge', 'far']);
      expect(await where({ op: 'and', args: [{ op: 's_intersects', geometry: square(19, 49, 4) }, { op: 's_disjoint', geometry: q }] })).toEqual(['edge']);
      expect(await where({ op: 'and', args: [{ op: 's_intersects', geometry: q }, { op: 's_intersects', geometry: farBox }] })).toEqual([]);
      expect(await s.countDocs({ collection: 'things', bbox: [20.6, 50.6, 20.9, 50.9], where: { op: 's_within', geometry: q } })).toBe(2);
    });

    it('keeps credentials outside the ledger and finds them by secret until revoked', async () => {
      const s = await open();
      await s.transaction(async (tx) => {
        await tx.putCredential({ id: 't1', userId: 'u1', kind: 'token', secret: 'digest1', label: 'qgis', createdAt: '2026-01-01T00:00:00.000Z' });
        await tx.putCredential({ id: 'p1', userId: 'u1', kind: 'password', secret: 'scrypt$x', createdAt: '2026-01-01T00:00:00.000Z' });
      });
      expect(await s.treeSize()).toBe(0);
      expect((await s.findCredentialBySecret('token', 'digest1'))?.userId).toBe('u1');
      expect((await s.findCredentials('u1')).map((c) => c.id).sort()).toEqual(['p1', 't1']);
      expect((await s.findCredentials('u1', 'password')).map((c) => c.id)).toEqual(['p1']);
      await s.transaction((tx) => tx.revokeCredential('t1', '2026-01-02T00:00:00.000Z'));
      expect(await s.findCredentialBySecret('token', 'digest1')).toBeUndefined();
      expect((await s.getCredential('t1'))?.revokedAt).toBe('2026-01-02T00:00:00.000Z');
    });

    it('keeps sealed records outside the ledger, returns them exactly, refuses a second write of an id and erases them', async () => {
      const s = await open();
      const data = { name: 'SYNTHETIC Person', age: 11, injuries: ['C1.2'], nested: { b: 2, a: 1.5 }, note: 'ünïcode ✓' };
      await s.transaction(async (tx) => {
        await tx.putSealed('v1', data, 'ab'.repeat(32));
        await tx.putSealed('v2', { name: 'SYNTHETIC Other' }, 'cd'.repeat(32));
      });
      expect(await s.treeSize()).toBe(0);
      expect(await s.getSealed('v1')).toEqual({ data, salt: 'ab'.repeat(32) });
      expect(await s.getSealed('nope')).toBeUndefined();
      await expect(s.transaction((tx) => tx.putSealed('v1', { name: 'changed' }, 'ef'.repeat(32)))).rejects.toMatchObject({ code: 'CONFLICT' });
      expect((await s.getSealed('v1'))?.data).toEqual(data);
      // A rolled-back transaction writes no sealed record.
      await expect(
        s.transaction(async (tx) => {
          await tx.putSealed('v3', { name: 'never' }, '00'.repeat(32));
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await s.getSealed('v3')).toBeUndefined();
      await s.transaction(async (tx) => {
        await tx.eraseSealed('v2');
        await tx.eraseSealed('unknown');
      });
      expect(await s.getSealed('v2')).toBeUndefined();
      expect(await s.getSealed('v1')).toBeDefined();
    });

    it('stores checkpoints and meta values', async () => {
      const s = await open();
      await s.putCheckpoint({ size: 3, root: Buffer.alloc(32, 1), text: 'cp3', createdAt: '2026-01-01T00:00:00.000Z' });
      await s.putCheckpoint({ size: 1, root: Buffer.alloc(32, 2), text: 'cp1', createdAt: '2026-01-01T00:00:00.000Z' });
      expect((await s.listCheckpoints()).map((c) => [c.size, c.text])).toEqual([[1, 'cp1'], [3, 'cp3']]);
      expect(await s.getMeta('origin')).toBeUndefined();
      await s.setMeta('origin', 'cairn/test');
      expect(await s.getMeta('origin')).toBe('cairn/test');
    });
  });
}
