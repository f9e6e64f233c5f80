import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../access/index.js';
import { fixedClock } from '../core/index.js';
import { generateSigningKeyPem, loadSigner, type Signer } from '../ledger/index.js';
import { makeTestStore } from '../store/testing/index.js';
import { Cairn, domainModules, exportLedger, importLedger } from './index.js';

function signer(origin = 'cairn/test'): Signer {
  const s = loadSigner(origin, generateSigningKeyPem());
  if (!s.ok) throw new Error('test key');
  return s.value;
}

async function app(sig: Signer): Promise<Cairn> {
  return new Cairn({
    store: await makeTestStore(),
    signer: sig,
    clock: fixedClock('2026-06-01T12:00:00Z', 1000),
    modules: domainModules,
  });
}

/** A source ledger with users, a role change, a token and two checkpoints. */
async function source(sig: Signer): Promise<Cairn> {
  const a = await app(sig);
  for (const name of ['alice', 'bob']) {
    const r = await a.execute(
      { type: 'user.add', payload: { name, roles: ['auditor'], password: 'correct horse battery' } },
      SYSTEM_ACTOR,
    );
    if (!r.ok) throw new Error(r.errors[0]?.message);
  }
  await a.ledger.checkpoint();
  await a.execute({ type: 'user.role.assign', payload: { name: 'bob', role: 'approver' } }, SYSTEM_ACTOR);
  await a.execute({ type: 'user.token.create', payload: { name: 'alice', label: 'qgis' } }, SYSTEM_ACTOR);
  await a.ledger.checkpoint();
  return a;
}

async function exported(a: Cairn, credentials = true): Promise<string[]> {
  const lines: string[] = [];
  await exportLedger(
    a,
    (l) => {
      lines.push(l);
      return Promise.resolve();
    },
    { credentials },
  );
  return lines;
}

async function* iterate(lines: readonly string[]): AsyncIterable<string> {
  await Promise.resolve();
  yield* lines;
}

describe('ledger export and import', () => {
  it('copies a ledger into an empty store with the identical root, checkpoints and logins, and the copy verifies', async () => {
    const sig = signer();
    const src = await source(sig);
    const dst = await app(sig);
    try {
      const lines = await exported(src);
      const r = await importLedger(dst, iterate(lines));
      const srcRoot = (await src.ledger.root()).toString('hex');
      expect(r.root).toBe(srcRoot);
      expect((await dst.ledger.root()).toString('hex')).toBe(srcRoot);
      expect(r.size).toBe(await src.store.treeSize());
      const a = await src.store.readEntries(0, r.size);
      const b = await dst.store.readEntries(0, r.size);
      expect(b.map((e) => e.bytes.toString('hex'))).toEqual(a.map((e) => e.bytes.toString('hex')));
      expect(r.checkpoints).toBe(2);
      expect(r.credentials).toBe(3);
      const v = await dst.verify();
      expect(v.failures).toEqual([]);
      expect(v).toMatchObject({ ok: true, checkpoints: 2, size: r.size });
      expect((await dst.authenticate('bob', 'correct horse battery')).name).toBe('bob');
      // No secret and no hash enters the ledger itself.
      const events = lines.filter((l) => l.includes('"kind":"event"')).join('\n');
      expect(events).not.toContain('scrypt$');
    } finally {
      await src.close();
      await dst.close();
    }
  });

  it('leaves credentials out when asked, and the copy still verifies but nobody can log in', async () => {
    const sig = signer();
    const src = await source(sig);
    const dst = await app(sig);
    try {
      const lines = await exported(src, false);
      expect(lines.some((l) => l.includes('"kind":"credential"'))).toBe(false);
      const r = await importLedger(dst, iterate(lines));
      expect(r.credentials).toBe(0);
      expect((await dst.verify()).ok).toBe(true);
      await expect(dst.authenticate('bob', 'correct horse battery')).rejects.toMatchObject({
        code: 'AUTH_INVALID_CREDENTIALS',
      });
    } finally {
      await src.close();
      await dst.close();
    }
  });

  it('refuses a file of another log and key, naming both, and writes nothing', async () => {
    const src = await source(signer('cairn/elsewhere'));
    const dst = await app(signer());
    try {
      const err = await importLedger(dst, iterate(await exported(src))).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'LEDGER_IMPORT_INVALID' });
      expect((err as { problems: { path: string }[] }).problems.map((p) => p.path)).toEqual([
        'line 1.origin',
        'line 1.verifierKey',
      ]);
      expect(await dst.store.treeSize()).toBe(0);
    } finally {
      await src.close();
      await dst.close();
    }
  });

  it('refuses to import into a ledger that already has events', async () => {
    const sig = signer();
    const src = await source(sig);
    try {
      await expect(importLedger(src, iterate(await exported(src)))).rejects.toMatchObject({
        code: 'LEDGER_IMPORT_NOT_EMPTY',
      });
    } finally {
      await src.close();
    }
  });

  it('refuses an altered event, a gap and a truncated file, leaving the target empty', async () => {
    const sig = signer();
    const src = await source(sig);
    const dst = await app(sig);
    try {
      const lines = await exported(src);
      const altered = lines.map((l, i) => (i === 1 ? l.replace('"alice"', '"mallory"') : l));
      const gap = lines.filter((_, i) => i !== 1);
      const truncated = lines.slice(0, -1);
      const paths: string[] = [];
      for (const bad of [altered, gap, truncated]) {
        const e = await importLedger(dst, iterate(bad)).catch((x: unknown) => x);
        expect(e).toMatchObject({ code: 'LEDGER_IMPORT_INVALID' });
        paths.push((e as { problems: { path: string }[] }).problems[0]?.path ?? '');
        expect(await dst.store.treeSize()).toBe(0);
        expect(await dst.store.findDocs({ collection: 'users' })).toEqual([]);
      }
      expect(altered[1]).toContain('"mallory"');
      expect(paths[0]).toBe('line 2.leafHash');
      expect(paths[1]).toBe('line 2.event.seq');
      expect(paths[2]).toMatch(/^line \d+$/);
    } finally {
      await src.close();
      await dst.close();
    }
  });
});
