/**
 * The field outbox against a stand-in server that runs each submission id once, as the pipeline
 * does (src/app/pipeline.ts): reports survive a dropped connection and a lost response, are sent
 * once however often they are retried, and are never dropped unless the server refuses them.
 */
import { describe, expect, it } from 'vitest';
import { ApiError } from './api/client.js';
import type { CommandResult } from './api/routes.js';
import { Outbox, newSubmissionId, type OutboxItem, type OutboxStorage } from './outbox.js';

class MemoryStorage implements OutboxStorage {
  readonly map = new Map<string, string>();
  getItem(k: string): string | null {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string): void {
    this.map.set(k, v);
  }
}

/** A server that appends one event per new submission id and replays a known one. */
class StandInServer {
  readonly ledger: { seq: number; submission: string; payload: unknown }[] = [];
  mode: 'up' | 'offline' | 'lose-response' | 'down' | 'expired' | 'refuse' = 'up';
  send = (item: OutboxItem): Promise<CommandResult> => {
    if (this.mode === 'offline') return Promise.reject(new ApiError(0, 'NETWORK', 'offline', []));
    if (this.mode === 'down') return Promise.reject(new ApiError(503, 'STORE_UNAVAILABLE', 'down', []));
    if (this.mode === 'expired') return Promise.reject(new ApiError(401, 'AUTH_REQUIRED', 'log in', []));
    if (this.mode === 'refuse')
      return Promise.reject(
        new ApiError(400, 'VALIDATION_REQUIRED', 'name', [
          { code: 'VALIDATION_REQUIRED', path: 'payload.report.name', message: 'name is required' },
        ]),
      );
    let e = this.ledger.find((x) => x.submission === item.id);
    if (e === undefined) {
      e = { seq: this.ledger.length, submission: item.id, payload: item.payload };
      this.ledger.push(e);
    }
    if (this.mode === 'lose-response')
      return Promise.reject(new ApiError(0, 'NETWORK', 'connection reset', []));
    return Promise.resolve({
      result: {},
      replayed: false,
      events: [{ seq: e.seq, type: 'landrelease.submitted', effectiveAt: '2026-12-04T00:00:00.000Z' }],
    });
  };
}

function setUp() {
  const storage = new MemoryStorage();
  const server = new StandInServer();
  let n = 0;
  const box = new Outbox(
    storage,
    server.send,
    () => new Date('2026-11-27T08:00:00Z'),
    () => `web:test-${n++}`,
  );
  box.setUser('surveyor-1');
  return { storage, server, box };
}

describe('the field outbox', () => {
  it('sends a report at once when the server is reachable, and keeps it as sent with its ledger seq', async () => {
    const { server, box } = setUp();
    const r = await box.submit('landrelease.submit', { kind: 'hazard' }, 'Hazard A');
    expect(r).toMatchObject({ status: 'sent', seq: 0, attempts: 1 });
    expect(server.ledger.map((e) => e.submission)).toEqual(['web:test-0']);
    expect(box.pendingCount()).toBe(0);
  });

  it('keeps reports made offline, across a reload, and sends them in order once back online', async () => {
    const { storage, server, box } = setUp();
    server.mode = 'offline';
    expect((await box.submit('landrelease.submit', { n: 1 }, 'first')).status).toBe('pending');
    expect((await box.submit('landrelease.submit', { n: 2 }, 'second')).status).toBe('pending');
    // The tab is closed and opened again: a new outbox over the same storage.
    const reopened = new Outbox(storage, server.send);
    reopened.setUser('surveyor-1');
    expect(reopened.list().map((i) => [i.label, i.status, i.attempts])).toEqual([
      ['first', 'pending', 1],
      ['second', 'pending', 1],
    ]);
    await reopened.flush(); // still offline: nothing sent, nothing lost
    expect(server.ledger).toEqual([]);
    expect(reopened.pendingCount()).toBe(2);
    server.mode = 'up';
    await reopened.flush();
    expect(server.ledger.map((e) => e.payload)).toEqual([{ n: 1 }, { n: 2 }]);
    expect(reopened.list().map((i) => i.status)).toEqual(['sent', 'sent']);
    // Sent: the content is gone from the device, the label and the ledger entry stay.
    expect(JSON.parse(storage.getItem('cairn.outbox') ?? '[]')).toMatchObject([
      { label: 'first', payload: null, seq: 0 },
      { label: 'second', payload: null, seq: 1 },
    ]);
  });

  it('makes one report however often a report whose response was lost is sent again', async () => {
    const { server, box } = setUp();
    server.mode = 'lose-response';
    const r = await box.submit('landrelease.submit', { n: 1 }, 'lost');
    expect(r.status).toBe('pending');
    expect(server.ledger).toHaveLength(1); // the server has it; the device does not know
    await box.flush();
    await box.flush();
    server.mode = 'up';
    await box.flush();
    await box.flush();
    expect(server.ledger).toHaveLength(1);
    expect(box.list()).toMatchObject([{ id: 'web:test-0', status: 'sent', seq: 0, attempts: 4 }]);
  });

  it('keeps waiting through a server outage and an expired session, saying why', async () => {
    const { server, box } = setUp();
    server.mode = 'down';
    expect(await box.submit('landrelease.submit', {}, 'a')).toMatchObject({ status: 'pending' });
    server.mode = 'expired';
    await box.flush();
    const [item] = box.list();
    expect(item?.status).toBe('pending');
    expect(item?.error).toBeTruthy();
    server.mode = 'up';
    await box.flush();
    expect(box.list()[0]?.status).toBe('sent');
  });

  it('takes a report the server refuses at once back out and throws why (for the form), and marks one refused later', async () => {
    const { server, box } = setUp();
    server.mode = 'refuse';
    const refused = await box.submit('landrelease.submit', {}, 'bad').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).problems[0]?.path).toBe('payload.report.name');
    expect(box.list()).toEqual([]);
    server.mode = 'offline';
    await box.submit('landrelease.submit', {}, 'later bad');
    server.mode = 'refuse';
    await box.flush();
    expect(box.list()).toMatchObject([
      { label: 'later bad', status: 'refused', problems: [{ path: 'payload.report.name' }] },
    ]);
    box.remove('web:test-1');
    expect(box.list()).toEqual([]);
  });

  it('does not send a report twice while its first request is still in flight', async () => {
    const storage = new MemoryStorage();
    const sent: string[] = [];
    let release: (() => void) | undefined;
    const slow = (i: OutboxItem) => {
      sent.push(i.id);
      return new Promise<CommandResult>((resolve) => {
        release = () =>
          resolve({
            result: {},
            replayed: false,
            events: [{ seq: 7, type: 'x', effectiveAt: '2026-12-04T00:00:00.000Z' }],
          });
      });
    };
    const box = new Outbox(storage, slow, undefined, () => 'web:slow');
    box.setUser('surveyor-1');
    const submitting = box.submit('landrelease.submit', {}, 'slow');
    await box.flush();
    release?.();
    expect((await submitting).status).toBe('sent');
    expect(sent).toEqual(['web:slow']);
  });

  it('sends a report only while the user who entered it is signed in, on a shared tablet', async () => {
    const { server, box } = setUp();
    server.mode = 'offline';
    await box.submit('landrelease.submit', { by: 'surveyor-1' }, 'mine');
    server.mode = 'up';
    box.setUser('surveyor-2');
    expect(box.mine()).toEqual([]);
    expect(box.pendingCount()).toBe(0);
    await box.flush();
    expect(server.ledger).toEqual([]);
    box.setUser(undefined);
    await expect(box.submit('landrelease.submit', {}, 'nobody')).rejects.toThrow('nobody is signed in');
    box.setUser('surveyor-1');
    expect(box.pendingCount()).toBe(1);
    await box.flush();
    expect(server.ledger.map((e) => e.payload)).toEqual([{ by: 'surveyor-1' }]);
  });

  it('keeps one report when the same report is submitted again, offline or sent, and a changed one is a new report', async () => {
    const { server, box } = setUp();
    server.mode = 'offline';
    const first = await box.submit('landrelease.submit', { name: 'North field' }, 'North field');
    const second = await box.submit('landrelease.submit', { name: 'North field' }, 'North field');
    expect(second.id).toBe(first.id);
    expect(box.list()).toHaveLength(1);
    server.mode = 'up';
    const third = await box.submit('landrelease.submit', { name: 'North field' }, 'North field');
    expect(third).toMatchObject({ id: first.id, status: 'sent' });
    expect((await box.submit('landrelease.submit', { name: 'North field' }, 'North field')).id).toBe(
      first.id,
    );
    expect(server.ledger).toHaveLength(1);
    const changed = await box.submit(
      'landrelease.submit',
      { name: 'North field, corrected' },
      'North field, corrected',
    );
    expect(changed.id).not.toBe(first.id);
    expect(server.ledger).toHaveLength(2);
  });

  it('sets damaged storage aside instead of writing over it', async () => {
    const { storage, server, box } = setUp();
    storage.setItem('cairn.outbox', '[{"id":"web:old","label":"half-writ');
    expect(box.list()).toEqual([]);
    server.mode = 'offline';
    await box.submit('landrelease.submit', {}, 'new');
    expect(box.list().map((i) => i.label)).toEqual(['new']);
    expect(storage.getItem('cairn.outbox.unreadable.2026-11-27T08:00:00.000Z')).toBe(
      '[{"id":"web:old","label":"half-writ',
    );
  });

  it('reads an item of another shape as no item, and sets the whole text aside before writing', async () => {
    const { storage, server, box } = setUp();
    const good: OutboxItem = {
      id: 'web:good',
      owner: 'surveyor-1',
      type: 'landrelease.submit',
      payload: { n: 1 },
      label: 'kept',
      createdAt: '2026-11-27T07:00:00.000Z',
      status: 'pending',
      attempts: 0,
    };
    // Another build's item: a status this build does not know, attempts as text.
    const other = { ...good, id: 'web:other', label: 'from a newer build', status: 'queued', attempts: '2' };
    const before = JSON.stringify([good, other]);
    storage.setItem('cairn.outbox', before);
    expect(box.list()).toEqual([good]);
    expect(box.pendingCount()).toBe(1);
    server.mode = 'offline';
    await box.submit('landrelease.submit', { n: 2 }, 'new');
    expect(box.list().map((i) => i.label)).toEqual(['kept', 'new']);
    // The other item is not lost: the text it was in is kept whole under its own key.
    const aside = storage.getItem('cairn.outbox.unreadable.2026-11-27T08:00:00.000Z');
    expect(aside).toBe(before);
    expect(JSON.parse(aside ?? '[]')).toContainEqual(other);
  });

  it('exports everything it holds, and makes ids of 128 random bits without a secure context', async () => {
    const { server, box } = setUp();
    server.mode = 'offline';
    await box.submit('landrelease.submit', { n: 1 }, 'kept');
    const doc = JSON.parse(box.exportJson()) as { format: string; items: OutboxItem[] };
    expect(doc.format).toBe('cairn-outbox/1');
    expect(doc.items.map((i) => [i.id, i.label, i.payload])).toEqual([['web:test-0', 'kept', { n: 1 }]]);
    const ids = new Set(Array.from({ length: 1000 }, newSubmissionId));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^web:[0-9a-f]{32}$/);
  });
});
