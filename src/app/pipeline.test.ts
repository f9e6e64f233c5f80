import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../access/index.js';
import type { Cairn } from './index.js';
import { z } from 'zod';
import { defineCommand, type DomainModule, type ResultEvent } from '../command/index.js';
import { fixedClock, ok, type JsonObject } from '../core/index.js';
import { makeTestStore } from '../store/testing/index.js';
import { Pipeline } from './pipeline.js';
import { geoSpatialPredicate } from './spatial.js';
import { addTestUser, makeTestApp } from './testing/index.js';

let app: Cairn;
beforeEach(async () => {
  app = await makeTestApp();
});
afterEach(async () => {
  await app.close();
});

describe('command pipeline', () => {
  it('appends events and updates projections in one step', async () => {
    const r = await app.execute(
      { type: 'user.add', payload: { name: 'alice', roles: ['admin'], password: 'long enough pw' } },
      SYSTEM_ACTOR,
    );
    expect(r.ok).toBe(true);
    expect(await app.ledger.size()).toBe(2);
    const [doc] = await app.store.findDocs({ collection: 'users' });
    expect(doc?.data['name']).toBe('alice');
    expect((await app.verify()).ok).toBe(true);
  });

  it('refuses with every problem, each with a code and path, and writes nothing', async () => {
    const r = await app.execute(
      { type: 'user.add', payload: { name: 'X', roles: [], password: 'short', extra: 1 } },
      SYSTEM_ACTOR,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.code, e.path]).sort()).toEqual(
      [
        ['VALIDATION_FORMAT', 'payload.name'],
        ['VALIDATION_RANGE', 'payload.roles'],
        ['VALIDATION_RANGE', 'payload.password'],
        ['VALIDATION_UNKNOWN_FIELD', 'payload'],
      ].sort(),
    );
    expect(await app.ledger.size()).toBe(0);
  });

  it('refuses an unknown command type and an unauthorised actor', async () => {
    const bad = await app.execute({ type: 'nope.never', payload: {} }, SYSTEM_ACTOR);
    expect(!bad.ok && bad.errors[0]?.code).toBe('VALIDATION_ENUM');
    const auditor = await addTestUser(app, 'audrey', ['auditor']);
    const r = await app.execute(
      { type: 'user.add', payload: { name: 'eve', roles: ['admin'], password: 'long enough pw' } },
      auditor,
    );
    expect(!r.ok && r.errors[0]?.code).toBe('AUTH_FORBIDDEN');
  });

  it('refuses a future effective date and flags a backdated one', async () => {
    const future = await app.execute(
      {
        type: 'user.add',
        effectiveAt: '2030-01-01',
        payload: { name: 'bob', roles: ['auditor'], password: 'long enough pw' },
      },
      SYSTEM_ACTOR,
    );
    expect(!future.ok && future.errors[0]?.code).toBe('VALIDATION_DATE_FUTURE');
    const back = await app.execute(
      {
        type: 'user.add',
        effectiveAt: '2026-01-01',
        payload: { name: 'bob', roles: ['auditor'], password: 'long enough pw' },
      },
      SYSTEM_ACTOR,
    );
    expect(back.ok && back.value.events[0]?.flags).toEqual(['backdated']);
  });

  it('returns the original result for a repeated submission id and writes nothing more', async () => {
    const cmd = {
      type: 'user.add',
      submission: 'tablet-7:0001',
      payload: { name: 'carol', roles: ['auditor'], password: 'long enough pw' },
    };
    const first = await app.execute(cmd, SYSTEM_ACTOR);
    const again = await app.execute(cmd, SYSTEM_ACTOR);
    expect(first.ok && again.ok).toBe(true);
    if (!first.ok || !again.ok) return;
    expect(again.value.replayed).toBe(true);
    expect(again.value.events.map((e) => e.seq)).toEqual(first.value.events.map((e) => e.seq));
    expect(await app.ledger.size()).toBe(2);
    const other = await app.execute(
      { ...cmd, type: 'user.role.assign', payload: { name: 'carol', role: 'admin' } },
      SYSTEM_ACTOR,
    );
    expect(!other.ok && other.errors[0]?.code).toBe('CONFLICT');
    expect((await app.verify()).ok).toBe(true);
  });

  it('answers a resent submission with the result its events give, and refuses a command whose result they do not', async () => {
    const store = await makeTestStore(geoSpatialPredicate);
    const note = (type: string, resultOf: (events: readonly ResultEvent[]) => JsonObject) =>
      defineCommand({
        type,
        permission: 'user.manage',
        schema: z.object({ text: z.string() }).strict(),
        decide: (p) =>
          ok({
            events: [{ type: 'test.noted', payload: { noteId: `n-${p.text}`, text: p.text } }],
            result: { noteId: `n-${p.text}` },
          }),
        resultOf,
      });
    const module: DomainModule = {
      name: 'test',
      commands: [
        note('test.note', (events) => ({ noteId: events[0]?.payload['noteId'] ?? null })),
        note('test.note-wrong', () => ({ noteId: 'something else' })),
      ],
      project: () => Promise.resolve(),
    };
    const pipeline = new Pipeline(store, fixedClock('2026-06-01T12:00:00Z', 1000), [module]);
    try {
      const first = await pipeline.execute(
        { type: 'test.note', submission: 'tablet:1', payload: { text: 'a' } },
        SYSTEM_ACTOR,
      );
      const again = await pipeline.execute(
        { type: 'test.note', submission: 'tablet:1', payload: { text: 'a' } },
        SYSTEM_ACTOR,
      );
      expect(first.ok && first.value.result).toEqual({ noteId: 'n-a' });
      expect(again.ok && again.value.replayed && again.value.result).toEqual({ noteId: 'n-a' });
      await expect(
        pipeline.execute({ type: 'test.note-wrong', payload: { text: 'b' } }, SYSTEM_ACTOR),
      ).rejects.toMatchObject({ code: 'INTERNAL' });
      expect(await store.treeSize()).toBe(1);
    } finally {
      await store.close();
    }
  });

  it('keeps secrets out of the ledger', async () => {
    await app.execute(
      { type: 'user.add', payload: { name: 'dave', roles: ['auditor'], password: 'a very secret pw' } },
      SYSTEM_ACTOR,
    );
    const entries = await app.store.readEntries(0, 10);
    for (const e of entries) {
      expect(e.bytes.toString('utf8')).not.toContain('a very secret pw');
      expect(e.bytes.toString('utf8')).not.toContain('scrypt$');
    }
    const actor = await app.authenticate('dave', 'a very secret pw');
    expect(actor.name).toBe('dave');
    await expect(app.authenticate('dave', 'wrong password')).rejects.toMatchObject({
      code: 'AUTH_INVALID_CREDENTIALS',
    });
  });

  it('never lets the last admin go', async () => {
    await addTestUser(app, 'root', ['admin']);
    const r = await app.execute(
      { type: 'user.disable', payload: { name: 'root', reason: 'test' } },
      SYSTEM_ACTOR,
    );
    expect(!r.ok && r.errors[0]?.code).toBe('USER_LAST_ADMIN');
  });
});

describe('validation codes', () => {
  it('tells a missing field from a field of the wrong type', async () => {
    const app2 = await makeTestApp();
    try {
      const r = await app2.execute(
        { type: 'user.add', payload: { name: 'okname', roles: 'admin' } },
        SYSTEM_ACTOR,
      );
      expect(r.ok).toBe(false);
      if (r.ok) return;
      const byPath = Object.fromEntries(r.errors.map((e) => [e.path, e.code]));
      expect(byPath['payload.password']).toBe('VALIDATION_REQUIRED');
      expect(byPath['payload.roles']).toBe('VALIDATION_TYPE');
    } finally {
      await app2.close();
    }
  });
});
