/**
 * The event registry across the application: the pipeline refuses an event a decide function
 * built wrong and writes nothing; every event the demo writes matches its schema; verify names
 * the entry, type and field of a stored payload its schema refuses, on this thread and in worker
 * threads; a version-1 event already in a ledger projects and verifies as its version-2 form.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SYSTEM_ACTOR } from '../access/index.js';
import { defineCommand, defineEvents, eventDef, EventRegistry, type DomainModule } from '../command/index.js';
import { fixedClock, isoInstant, newId, ok, type JsonObject } from '../core/index.js';
import type { EventDraft } from '../ledger/index.js';
import { seedDemo } from '../demo/index.js';
import { stockEvents, STOCK_COLLECTIONS } from '../stock/index.js';
import { makeTestStore } from '../store/testing/index.js';
import type { Doc, Store } from '../store/index.js';
import type { Cairn } from './cairn.js';
import { domainEventSets } from './event-registry.js';
import { domainModules } from './modules.js';
import { Pipeline, projectEvent } from './pipeline.js';
import { readEvents } from './replay.js';
import { addTestUser, makeTestApp } from './testing/index.js';

const apps: Cairn[] = [];
async function app(): Promise<Cairn> {
  const a = await makeTestApp();
  apps.push(a);
  return a;
}
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
});

/** Append drafts straight to the ledger (as an import or an older Cairn would have) and project them. */
async function appendRaw(a: Cairn, drafts: readonly EventDraft[]): Promise<number[]> {
  return a.store.transaction(async (tx) => {
    const events = await tx.append(drafts, isoInstant(a.clock.now()));
    for (const e of events) await projectEvent(a.modules, e, tx);
    return events.map((e) => e.seq);
  });
}

const draft = (type: string, payload: JsonObject, schemaVersion = 1): EventDraft => ({
  type,
  schemaVersion,
  effectiveAt: '2026-05-01T00:00:00.000Z',
  actor: SYSTEM_ACTOR.id,
  payload,
  refs: [],
});

describe('the event registry', () => {
  it('is assembled from the same event sets the domain modules carry', () => {
    expect(domainModules.map((m) => m.events)).toEqual([...domainEventSets]);
    for (const s of domainEventSets) for (const d of s.defs) expect(d.type.startsWith(s.prefix)).toBe(true);
  });

  it('refuses an undeclared type or version, and a payload its schema refuses, naming the field', () => {
    const r = EventRegistry.of(domainModules);
    expect(r.check({ type: 'user.teleported', schemaVersion: 1, payload: {} }).map((p) => p.code)).toEqual([
      'EVENT_TYPE_UNKNOWN',
    ]);
    expect(
      r.check({ type: 'elsewhere.thing-done', schemaVersion: 1, payload: {} }).map((p) => p.code),
    ).toEqual(['EVENT_TYPE_UNKNOWN']);
    expect(
      r.check({ type: 'user.enabled', schemaVersion: 2, payload: { userId: 'u' } }).map((p) => p.code),
    ).toEqual(['EVENT_VERSION_UNKNOWN']);
    const bad = r.check({
      type: 'user.role-assigned',
      schemaVersion: 1,
      payload: { userId: 'u', role: 'wizard', extra: 1 },
    });
    expect(bad.map((p) => [p.code, p.path])).toEqual([
      ['EVENT_PAYLOAD_INVALID', 'payload.role'],
      ['EVENT_PAYLOAD_INVALID', 'payload'],
    ]);
  });

  it('lets the events of a module without an event set pass unchecked, but not undeclared types of a typed module', () => {
    const untyped: DomainModule = { name: 'notes', commands: [], project: () => Promise.resolve() };
    const r = EventRegistry.of([...domainModules, untyped]);
    expect(r.check({ type: 'note.created', schemaVersion: 1, payload: { anything: true } })).toEqual([]);
    expect(
      r.check({ type: 'stock.lot-teleported', schemaVersion: 1, payload: {} }).map((p) => p.code),
    ).toEqual(['EVENT_TYPE_UNKNOWN']);
  });
});

describe('the pipeline', () => {
  const noteEvents = defineEvents('note.', [
    eventDef('note.taken', z.strictObject({ noteId: z.string(), text: z.string().min(1) })),
  ]);
  const module: DomainModule = {
    name: 'notes',
    events: noteEvents,
    commands: [
      defineCommand({
        type: 'note.take',
        permission: 'user.manage',
        schema: z.strictObject({ text: z.string() }),
        // A decide bug: an empty text passes the command schema but not the event's.
        decide: (p) => ok({ events: [noteEvents.event('note.taken', { noteId: 'n1', text: p.text })] }),
      }),
      defineCommand({
        type: 'note.forge',
        permission: 'user.manage',
        schema: z.strictObject({}),
        decide: () => ok({ events: [{ type: 'note.forged', payload: {} }] }),
      }),
    ],
    project: noteEvents.projector(async (e, { docs }) => {
      await docs.putDoc({
        collection: 'notes',
        id: e.payload.noteId,
        version: e.seq,
        data: { text: e.payload.text },
      });
    }),
  };

  it('refuses an event whose payload its schema refuses, or whose type is undeclared, and writes nothing', async () => {
    const store: Store = await makeTestStore();
    const pipeline = new Pipeline(store, fixedClock('2026-06-01T12:00:00Z', 1000), [module]);
    try {
      await expect(
        pipeline.execute({ type: 'note.take', payload: { text: '' } }, SYSTEM_ACTOR),
      ).rejects.toMatchObject({
        code: 'EVENT_PAYLOAD_INVALID',
        problems: [{ code: 'EVENT_PAYLOAD_INVALID', path: 'events[0].payload.text' }],
      });
      await expect(pipeline.execute({ type: 'note.forge', payload: {} }, SYSTEM_ACTOR)).rejects.toMatchObject(
        { code: 'EVENT_TYPE_UNKNOWN' },
      );
      expect(await store.treeSize()).toBe(0);
      expect(await store.getDoc('notes', 'n1')).toBeUndefined();
      const done = await pipeline.execute(
        { type: 'note.take', payload: { text: 'mark the lane' } },
        SYSTEM_ACTOR,
      );
      expect(done.ok && done.value.events.map((e) => [e.type, e.schemaVersion])).toEqual([['note.taken', 1]]);
      expect((await store.getDoc('notes', 'n1'))?.data).toEqual({ text: 'mark the lane' });
    } finally {
      await store.close();
    }
  });
});

describe('the demo ledger', () => {
  it('holds only events of declared types and versions whose payloads match their schemas, and verifies clean', async () => {
    const a = await app();
    await seedDemo(a);
    const registry = EventRegistry.of(a.modules);
    const types = new Set<string>();
    let n = 0;
    for await (const e of readEvents(a.store)) {
      expect({ seq: e.seq, type: e.type, problems: registry.check(e) }).toEqual({
        seq: e.seq,
        type: e.type,
        problems: [],
      });
      types.add(e.type.slice(0, e.type.indexOf('.')));
      n += 1;
    }
    expect(n).toBeGreaterThan(100);
    expect([...types].sort()).toEqual(['landrelease', 'minefield', 'stock', 'treaty', 'user']);
    const report = await a.verify({ workers: 0 });
    expect(report.failures).toEqual([]);
  });
});

describe('verify', () => {
  it('names the seq, type and field of a stored payload its schema refuses, the same on this thread and in workers', async () => {
    const a = await app();
    const alice = await addTestUser(a, 'alice', ['auditor']);
    // Written behind the pipeline's back, hashed and projected consistently: only the payload check can tell.
    const [seq] = await appendRaw(a, [draft('user.role-assigned', { userId: alice.id, role: 'wizard' })]);
    await addTestUser(a, 'bob', ['auditor']);
    await a.ledger.checkpoint();
    const inline = await a.verify({ workers: 0, batchSize: 2 });
    expect(inline.ok).toBe(false);
    expect(inline.failures.map((f) => f.check)).toEqual(['payloads']);
    expect(inline.failures[0]?.message).toMatch(
      new RegExp(`^entry ${String(seq)} \\(user\\.role-assigned v1\\): payload\\.role: `),
    );
    const pooled = await a.verify({ workers: 2, batchSize: 2 });
    expect(pooled).toEqual(inline);
  });
});

describe('upcasting stock.movement-executed from version 1 (neqKg) to 2 (neqKgPerItem)', () => {
  /** A minimal catalogue, as drafts, with fixed ids so two ledgers hold the same records. */
  const ids = {
    maker: newId(),
    op: newId(),
    type: newId(),
    facility: newId(),
    lot: newId(),
    movement: newId(),
  };
  const catalogue: EventDraft[] = [
    draft('stock.org-added', { id: ids.maker, name: 'Synthetic Works', kind: 'manufacturer', country: 'FI' }),
    draft('stock.org-added', {
      id: ids.op,
      name: 'Synthetic Unit',
      kind: 'armed-forces-unit',
      country: 'FI',
    }),
    draft('stock.type-added', {
      id: ids.type,
      designation: 'SYN-AT',
      category: 'AT',
      ottawaStatus: 'anti-vehicle',
      detectable: true,
      selfDestruct: false,
      selfDestructPeriodDays: null,
      selfDeactivation: false,
      selfDeactivationPeriodDays: null,
      remotelyDelivered: false,
      hazardDivision: '1.1',
      compatibilityGroup: 'D',
      neqKg: 5,
      formH: {
        dimensions: '',
        fuzing: '',
        explosiveContent: '',
        metalContent: '',
        photoRefs: [],
        clearanceNotes: '',
      },
    }),
    draft('stock.facility-added', {
      id: ids.facility,
      name: 'Synthetic depot',
      operatorId: ids.op,
      state: 'FI',
      location: { type: 'Point', coordinates: [25, 61] },
      licenceRef: 'L1',
      neqLimitsKg: { '1.1': 1e6 },
      securityLevel: 2,
      twoPersonRule: false,
      lastInspection: '2026-01-10',
      inspectionIntervalDays: 365,
      locations: [{ id: 'A1', building: 'B', bay: 'A1' }],
    }),
    draft('stock.lot-added', {
      id: ids.lot,
      typeId: ids.type,
      lotNumber: 'SYN-1',
      manufacturerId: ids.maker,
      countryOfOrigin: 'FI',
      productionMonth: '2025-01',
      serialRange: null,
      condition: 'serviceable',
      recalled: false,
    }),
  ];
  const facts = {
    movementId: ids.movement,
    kind: 'receipt',
    lotId: ids.lot,
    typeId: ids.type,
    quantity: 40,
    state: 'FI',
    minefieldId: null,
    from: {
      key: 'production',
      kind: 'production',
      state: null,
      facilityId: null,
      locationId: null,
      ref: null,
      basis: null,
    },
    to: {
      key: `storage:${ids.facility}:A1`,
      kind: 'storage',
      state: 'FI',
      facilityId: ids.facility,
      locationId: 'A1',
      ref: null,
      basis: null,
    },
    details: {},
    hazardDivision: '1.1',
    approvedBy: null,
    executedAt: '2026-05-01T00:00:00.000Z',
  };

  async function docsOf(store: Store): Promise<Doc[]> {
    const out: Doc[] = [];
    for await (const d of store.allDocs()) if (d.collection.startsWith('stock.')) out.push(d);
    return out;
  }

  it('projects and verifies a version-1 event in the ledger exactly as its version-2 form', async () => {
    const v1 = await app();
    const v2 = await app();
    await appendRaw(v1, [...catalogue, draft('stock.movement-executed', { ...facts, neqKg: 5 }, 1)]);
    await appendRaw(v2, [...catalogue, draft('stock.movement-executed', { ...facts, neqKgPerItem: 5 }, 2)]);
    const [old] = (await v1.store.readEntries(5, 6)).map(
      (e) => JSON.parse(e.bytes.toString('utf8')) as { schemaVersion: number; payload: JsonObject },
    );
    // The stored event is never rewritten: it still says version 1 and neqKg.
    expect(old?.schemaVersion).toBe(1);
    expect(old?.payload['neqKg']).toBe(5);
    expect(await docsOf(v1.store)).toEqual(await docsOf(v2.store));
    const facility = await v1.store.getDoc(STOCK_COLLECTIONS.facilities, ids.facility);
    expect(facility?.data['neqHeldKg']).toEqual({ '1.1': 200 });
    for (const a of [v1, v2]) {
      await a.ledger.checkpoint();
      expect((await a.verify({ workers: 0 })).failures).toEqual([]);
    }
    // A version-1 event must say neqKg: one labelled 1 with the version-2 field is refused.
    expect(
      stockEvents
        .check({ type: 'stock.movement-executed', schemaVersion: 1, payload: { ...facts, neqKgPerItem: 5 } })
        .map((p) => p.path),
    ).toEqual(['payload.neqKgPerItem']);
  });

  it('writes new executed movements at version 2 with neqKgPerItem', async () => {
    const a = await app();
    await appendRaw(a, catalogue);
    const proposer = await addTestUser(a, 'proposer', ['stock-officer']);
    const r = await a.execute(
      {
        type: 'stock.movement.propose',
        effectiveAt: '2026-05-02T00:00:00Z',
        payload: {
          kind: 'receipt',
          lotId: ids.lot,
          quantity: 3,
          to: { facilityId: ids.facility, locationId: 'A1' },
          reference: 'SYN-DN-1',
        },
      },
      proposer,
    );
    expect(r.ok ? [] : r.errors).toEqual([]);
    const approver = await addTestUser(a, 'approver', ['approver']);
    const movementId = r.ok ? (r.value.result['movementId'] as string) : '';
    expect((await a.execute({ type: 'stock.movement.approve', payload: { movementId } }, approver)).ok).toBe(
      true,
    );
    const done = await a.execute(
      { type: 'stock.movement.execute', effectiveAt: '2026-05-02T00:00:00Z', payload: { movementId } },
      proposer,
    );
    const executed = done.ok
      ? done.value.events.find((e) => e.type === 'stock.movement-executed')
      : undefined;
    expect(executed?.schemaVersion).toBe(2);
    expect(executed?.payload['neqKgPerItem']).toBe(5);
    expect(executed?.payload['neqKg']).toBeUndefined();
  });
});
