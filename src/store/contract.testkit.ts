/**
 * The one store contract suite (style.md habit 3). Every adapter calls
 * `runStoreContract(name, makeStore)`; the same expectations hold for SQLite and PostgreSQL. The
 * documents half (docs-contract.testkit.ts) runs on MemoryDocs too.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  MemoryTree,
  eventLeafHash,
  parseEventBytes,
  rootHash,
  mapSource,
  nodesRead,
  type EventDraft,
} from '../ledger/index.js';
import type { Doc, Store } from './port.js';
import { runDocsContract, storeDocs } from './docs-contract.testkit.js';

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

export function runStoreContract(name: string, makeStore: MakeStore): void {
  runDocsContract(name, async () => storeDocs(await makeStore()));
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
      const events = await s.transaction((tx) =>
        tx.append([draft(0), draft(1), draft(2)], '2026-01-02T00:00:00.000Z'),
      );
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
          tx.append(
            Array.from({ length: batch + 1 }, (_, i) => draft(batch * 10 + i)),
            '2026-01-02T00:00:00.000Z',
          ),
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
      const root = async (s: Store) =>
        Buffer.from(rootHash(3, mapSource(await s.getNodes(nodesRead((get) => rootHash(3, get)))))).toString(
          'hex',
        );
      expect(await root(dst)).toBe(await root(src));
      await expect(
        dst.transaction(async (tx) => tx.appendVerbatim?.([events[0] as (typeof events)[0]])),
      ).rejects.toMatchObject({ code: 'LEDGER_IMPORT_INVALID' });
      expect(await dst.treeSize()).toBe(3);
    });

    it('serialises concurrent transactions so seq stays total', async () => {
      const s = await open();
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          s.transaction((tx) => tx.append([draft(i), draft(i + 100)], '2026-01-02T00:00:00.000Z')),
        ),
      );
      const entries = await s.readEntries(0, 100);
      expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    });

    it('keeps credentials outside the ledger and finds them by secret until revoked', async () => {
      const s = await open();
      await s.transaction(async (tx) => {
        await tx.putCredential({
          id: 't1',
          userId: 'u1',
          kind: 'token',
          secret: 'digest1',
          label: 'qgis',
          createdAt: '2026-01-01T00:00:00.000Z',
        });
        await tx.putCredential({
          id: 'p1',
          userId: 'u1',
          kind: 'password',
          secret: 'scrypt$x',
          createdAt: '2026-01-01T00:00:00.000Z',
        });
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
      const data = {
        name: 'SYNTHETIC Person',
        age: 11,
        injuries: ['C1.2'],
        nested: { b: 2, a: 1.5 },
        note: 'ünïcode ✓',
      };
      await s.transaction(async (tx) => {
        await tx.putSealed('v1', data, 'ab'.repeat(32));
        await tx.putSealed('v2', { name: 'SYNTHETIC Other' }, 'cd'.repeat(32));
      });
      expect(await s.treeSize()).toBe(0);
      expect(await s.getSealed('v1')).toEqual({ data, salt: 'ab'.repeat(32) });
      expect(await s.getSealed('nope')).toBeUndefined();
      await expect(
        s.transaction((tx) => tx.putSealed('v1', { name: 'changed' }, 'ef'.repeat(32))),
      ).rejects.toMatchObject({ code: 'CONFLICT' });
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
      await s.putCheckpoint({
        size: 3,
        root: Buffer.alloc(32, 1),
        text: 'cp3',
        createdAt: '2026-01-01T00:00:00.000Z',
      });
      await s.putCheckpoint({
        size: 1,
        root: Buffer.alloc(32, 2),
        text: 'cp1',
        createdAt: '2026-01-01T00:00:00.000Z',
      });
      expect((await s.listCheckpoints()).map((c) => [c.size, c.text])).toEqual([
        [1, 'cp1'],
        [3, 'cp3'],
      ]);
      expect(await s.getMeta('origin')).toBeUndefined();
      await s.setMeta('origin', 'cairn/test');
      expect(await s.getMeta('origin')).toBe('cairn/test');
    });
  });
}
