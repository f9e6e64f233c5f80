import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../access/index.js';
import type { Cairn } from '../app/index.js';
import { makeTestApp } from '../app/testing/index.js';
import { balanceSummary, movementQueue, stockChecks, type QueuedMovement } from './index.js';
import { move, must, stockWorld, type StockWorld } from './testing/fixture.js';

let app: Cairn;
let w: StockWorld;
/** The 250 proposals as made: id and effective date, in the order they were proposed. */
const proposed: { id: string; effectiveAt: string }[] = [];
const N = 250;

beforeAll(async () => {
  app = await makeTestApp();
  w = await stockWorld(app);
  await move(
    app,
    w,
    { kind: 'receipt', lotId: w.lotId, quantity: 5000, to: { facilityId: w.facilityId, locationId: 'A1' } },
    '2026-01-02',
  );
  for (let i = 0; i < N; i++) {
    // 50 distinct dates, five proposals on each: ties that the order must still settle.
    const effectiveAt = `2026-03-${String(1 + (i % 25)).padStart(2, '0')}T${i % 50 < 25 ? '08' : '14'}:00:00Z`;
    const r = await must(
      app,
      {
        type: 'stock.movement.propose',
        effectiveAt,
        payload: {
          kind: 'internal-transfer',
          lotId: w.lotId,
          quantity: 1,
          from: { facilityId: w.facilityId, locationId: 'A1' },
          to: { facilityId: w.facility2Id, locationId: 'A2' },
        },
      },
      w.officer,
    );
    proposed.push({ id: r.result['movementId'] as string, effectiveAt });
  }
}, 300_000);
afterAll(async () => {
  await app.close();
});

const ids = (xs: readonly QueuedMovement[]) => xs.map((m) => m.id);

async function allPages(
  actor: Actor,
  limit: number,
): Promise<{ pages: QueuedMovement[][]; totals: number[] }> {
  const pages: QueuedMovement[][] = [];
  const totals: number[] = [];
  for (let offset = 0; offset < N + limit; offset += limit) {
    const r = await movementQueue(app.store, actor, { limit, offset });
    if (!r.ok) throw new Error(r.errors[0]?.message);
    pages.push([...r.value.items]);
    totals.push(r.value.total);
  }
  return { pages, totals };
}

describe('movementQueue pages in the store', () => {
  it('pages 250 proposals in pages of 100, 100 and 50, each total 250, every proposal once', async () => {
    const { pages, totals } = await allPages(w.approver, 100);
    expect(pages.map((p) => p.length)).toEqual([100, 100, 50, 0]);
    expect(new Set(totals)).toEqual(new Set([N]));
    const seen = pages.flat().map((m) => m.id);
    expect(new Set(seen).size).toBe(N);
    expect(new Set(seen)).toEqual(new Set(proposed.map((p) => p.id)));
  });

  it('orders by effective date, ties by id, the same whatever the page size', async () => {
    const expected = [...proposed]
      .sort((a, b) =>
        a.effectiveAt === b.effectiveAt ? (a.id < b.id ? -1 : 1) : a.effectiveAt < b.effectiveAt ? -1 : 1,
      )
      .map((p) => p.id);
    const by7 = (await allPages(w.approver, 7)).pages.flat();
    const by100 = (await allPages(w.approver, 100)).pages.flat();
    expect(ids(by7)).toEqual(expected);
    expect(ids(by100)).toEqual(expected);
  });

  it('joins names and decides the two-person state for the actor who asks', async () => {
    const first = proposed[0]?.id;
    const mine = await movementQueue(app.store, w.officer, { limit: N, offset: 0 });
    const theirs = await movementQueue(app.store, w.approver, { limit: N, offset: 0 });
    if (!mine.ok || !theirs.ok) throw new Error('queue');
    const asProposer = mine.value.items.find((m) => m.id === first);
    const asApprover = theirs.value.items.find((m) => m.id === first);
    expect(asProposer).toMatchObject({
      ownProposal: true,
      mayApprove: false,
      proposer: { id: w.officer.id, name: 'olli' },
      lotNumber: 'L-001',
      designation: 'SYN-AP-1',
      fromLabel: 'Depot North · A1',
      toLabel: 'Depot South · A2',
    });
    expect(asApprover).toMatchObject({ ownProposal: false, mayApprove: true, mayExecute: false });
    // An auditor reads the queue but approves nothing.
    const audit = await movementQueue(app.store, w.auditor, { limit: 1, offset: 0 });
    expect(audit.ok && audit.value.items[0]?.mayApprove).toBe(false);
  });

  it('shows an approved movement as executable to the stock officer only, and filters by status', async () => {
    const id = proposed[1]?.id ?? '';
    await must(app, { type: 'stock.movement.approve', payload: { movementId: id } }, w.approver2);
    const approved = await movementQueue(app.store, w.officer, {
      limit: 10,
      offset: 0,
      status: ['approved'],
    });
    if (!approved.ok) throw new Error('queue');
    expect(approved.value.total).toBe(1);
    expect(approved.value.items[0]).toMatchObject({
      id,
      status: 'approved',
      mayExecute: true,
      mayApprove: false,
    });
    const waiting = await movementQueue(app.store, w.approver, { limit: 1, offset: 0, status: ['proposed'] });
    expect(waiting.ok && waiting.value.total).toBe(N - 1);
  });

  it('counts nothing for an actor without clearance for restricted stock, and refuses one without stock.read', async () => {
    const uncleared: Actor = { ...w.approver, id: 'uncleared', clearance: 'public' };
    const r = await movementQueue(app.store, uncleared, { limit: 10, offset: 0 });
    expect(r.ok && r.value).toEqual({ items: [], total: 0 });
    const outsider: Actor = { ...w.approver, id: 'outsider', roles: ['field-surveyor'] };
    const refused = await movementQueue(app.store, outsider, { limit: 10, offset: 0 });
    expect(refused.ok ? 'ok' : refused.errors[0]?.code).toBe('AUTH_FORBIDDEN');
  });
});

describe('balanceSummary and stockChecks', () => {
  it('groups held stock by facility, location and lot with names, the sum equal to what was received', async () => {
    const r = await balanceSummary(app.store, w.auditor, {
      by: ['facility', 'location', 'lot'],
      limit: 100,
      offset: 0,
    });
    if (!r.ok) throw new Error('balances');
    // Proposals move nothing until executed: all 5000 still lie in Depot North A1.
    expect(r.value.items).toEqual([
      {
        facilityId: w.facilityId,
        facility: 'Depot North',
        locationId: 'A1',
        lotId: w.lotId,
        lotNumber: 'L-001',
        quantity: 5000,
      },
    ]);
    expect(r.value.total).toBe(1);
  });

  it('lists a stock check with its counters\u2019 names and the discrepancy it opened', async () => {
    await must(
      app,
      {
        type: 'stock.check.record',
        effectiveAt: '2026-05-02T10:00:00Z',
        payload: {
          facilityId: w.facilityId,
          counters: ['olli', 'aino'],
          lines: [{ locationId: 'A1', lotId: w.lotId, counted: 4999 }],
        },
      },
      w.officer,
    );
    const r = await stockChecks(app.store, w.auditor, { limit: 10, offset: 0, facilityId: w.facilityId });
    if (!r.ok) throw new Error('checks');
    expect(r.value.total).toBe(1);
    expect(r.value.items[0]).toMatchObject({ facilityName: 'Depot North', counterNames: ['olli', 'aino'] });
    expect(r.value.items[0]?.discrepancies.map((d) => [d.expected, d.counted])).toEqual([[5000, 4999]]);
    const other = await stockChecks(app.store, w.auditor, {
      limit: 10,
      offset: 0,
      facilityId: w.facility2Id,
    });
    expect(other.ok && other.value.total).toBe(0);
  });
});
