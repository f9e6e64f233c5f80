import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ANONYMOUS_ACTOR } from '../access/index.js';
import type { Cairn } from '../app/index.js';
import { makeTestApp } from '../app/testing/index.js';
import { accountKey, balanceAt, balanceOf, getDiscrepancy, getMovement, stockStatement } from './index.js';
import { move, must, stockWorld, type StockWorld } from './testing/fixture.js';

let app: Cairn;
let w: StockWorld;
beforeEach(async () => {
  app = await makeTestApp({ now: '2026-06-01T12:00:00Z' });
  w = await stockWorld(app, 'UA');
});
afterEach(async () => {
  await app.close();
});

const at = (loc = 'A1') => ({ facilityId: w.facilityId, locationId: loc });

describe('as-of balances and the stock statement', () => {
  it('answers balances of an account, lot, type and state at any date, and at a ledger size', async () => {
    await move(
      app,
      w,
      { kind: 'found', lotId: w.lotId, quantity: 40, to: at(), reference: 'r' },
      '2026-02-01',
    );
    const size = await app.ledger.size();
    await move(
      app,
      w,
      { kind: 'internal-transfer', lotId: w.lotId, quantity: 15, from: at(), to: at('A2') },
      '2026-03-01',
    );
    await move(
      app,
      w,
      {
        kind: 'destroy',
        lotId: w.lotId,
        quantity: 5,
        from: at('A2'),
        method: 'recycling',
        site: 'Plant',
        supervisor: 'S',
        certificate: 'C-9',
        basis: 'art4',
      },
      '2026-04-01',
    );
    const q = (query: Parameters<typeof balanceAt>[2], d?: string) =>
      balanceAt(app.store, w.auditor, query, d === undefined ? undefined : new Date(d));
    expect(await q({ account: accountKey.storage(w.facilityId, 'A1') }, '2026-02-15')).toEqual({
      ok: true,
      value: 40,
    });
    expect(await q({ account: accountKey.storage(w.facilityId, 'A1') }, '2026-03-01')).toEqual({
      ok: true,
      value: 25,
    });
    expect(await q({ lotId: w.lotId }, '2026-01-31')).toEqual({ ok: true, value: 0 });
    expect(await q({ typeId: w.apTypeId }, '2026-03-31')).toEqual({ ok: true, value: 40 });
    expect(await q({ state: 'UA' })).toEqual({ ok: true, value: 35 });
    const then = await app.replay({ toSize: size });
    expect(await balanceOf(then, accountKey.storage(w.facilityId, 'A2'), w.lotId)).toBe(0);
    expect(await balanceOf(then, accountKey.storage(w.facilityId, 'A1'), w.lotId)).toBe(40);
    const denied = await balanceAt(app.store, ANONYMOUS_ACTOR, {});
    expect(!denied.ok && denied.errors[0]?.code).toBe('AUTH_FORBIDDEN');
  });

  it('shapes Forms B, D and G from the holdings, retained and destroyed accounts', async () => {
    await move(
      app,
      w,
      { kind: 'found', lotId: w.lotId, quantity: 100, to: at(), reference: 'r' },
      '2026-02-01',
    );
    await move(app, w, { kind: 'receipt', lotId: w.atLotId, quantity: 7, to: at() }, '2026-02-01');
    await move(
      app,
      w,
      { kind: 'retain', lotId: w.lotId, quantity: 12, from: at(), institutionId: w.institutionId },
      '2026-03-01',
    );
    await move(
      app,
      w,
      {
        kind: 'destroy',
        lotId: w.lotId,
        quantity: 30,
        from: at(),
        method: 'open-detonation',
        site: 'Range',
        supervisor: 'S',
        certificate: 'C-1',
        basis: 'art4',
      },
      '2026-04-01',
    );
    const r = await stockStatement(app.store, w.auditor, { asOf: new Date('2026-05-01') });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const st = r.value;
    expect(st.formB).toEqual([
      { state: 'UA', designation: 'SYN-AP-1', lotNumber: 'L-001', quantity: 58, note: '' },
    ]);
    expect(st.formD).toEqual([
      {
        state: 'UA',
        designation: 'SYN-AP-1',
        lotNumber: 'L-001',
        quantity: 12,
        note: 'Synthetic Demining School',
      },
    ]);
    expect(st.formG).toEqual([
      { state: 'UA', designation: 'SYN-AP-1', lotNumber: 'L-001', quantity: 30, note: 'art4' },
    ]);
    expect(st.byState).toEqual([{ state: 'UA', quantity: 77 }]);
    expect(st.byType.map((t) => [t.designation, t.quantity])).toEqual([
      ['SYN-AP-1', 70],
      ['SYN-AT-1', 7],
    ]);
    const early = await stockStatement(app.store, w.auditor, { asOf: new Date('2026-02-15') });
    expect(early.ok && early.value.formB[0]?.quantity).toBe(100);
    expect(early.ok && early.value.formG).toEqual([]);
  });

  it('opens a discrepancy from a count by two counters and adjusts the books only on resolution', async () => {
    await move(app, w, { kind: 'receipt', lotId: w.atLotId, quantity: 10, to: at() }, '2026-05-01');
    await move(app, w, { kind: 'receipt', lotId: w.atLotId, quantity: 5, to: at('A2') }, '2026-05-01');
    const same = await app.execute(
      {
        type: 'stock.check.record',
        effectiveAt: '2026-05-10',
        payload: { facilityId: w.facilityId, counters: ['olli', 'olli'], lines: [] },
      },
      w.officer,
    );
    expect(!same.ok && same.errors.map((e) => e.code)).toEqual(['STOCK_COUNTERS']);
    // A2 is not on the sheet: it counts as zero.
    const c = await must(
      app,
      {
        type: 'stock.check.record',
        effectiveAt: '2026-05-10',
        payload: {
          facilityId: w.facilityId,
          counters: ['olli', 'aapo'],
          lines: [{ locationId: 'A1', lotId: w.atLotId, counted: 12 }],
        },
      },
      w.officer,
    );
    const ids = c.result['discrepancies'] as string[];
    expect(ids).toHaveLength(2);
    const ds = await Promise.all(ids.map((id) => getDiscrepancy(app.store, id)));
    expect(ds.map((d) => [d?.locationId, d?.expected, d?.counted, d?.status]).sort()).toEqual([
      ['A1', 10, 12, 'open'],
      ['A2', 5, 0, 'open'],
    ]);
    const a1 = ids[ds.findIndex((d) => d?.locationId === 'A1')] as string;
    const a2 = ids[ds.findIndex((d) => d?.locationId === 'A2')] as string;
    expect(await balanceOf(app.store, accountKey.storage(w.facilityId, 'A1'), w.atLotId)).toBe(10);
    const byCounter = await app.execute(
      {
        type: 'stock.discrepancy.resolve',
        effectiveAt: '2026-05-11',
        payload: { discrepancyId: a1, outcome: 'resolved-explained', explanation: 'x' },
      },
      w.approver2,
    );
    expect(!byCounter.ok && byCounter.errors.map((e) => e.code)).toEqual(['STOCK_SELF_APPROVAL']);
    await must(
      app,
      { type: 'stock.discrepancy.investigate', payload: { discrepancyId: a1, note: 'recount' } },
      w.officer,
    );
    const r1 = await must(
      app,
      {
        type: 'stock.discrepancy.resolve',
        effectiveAt: '2026-05-11',
        payload: { discrepancyId: a1, outcome: 'resolved-explained', explanation: 'receipt booked short' },
      },
      w.approver,
    );
    expect(await balanceOf(app.store, accountKey.storage(w.facilityId, 'A1'), w.atLotId)).toBe(12);
    expect((await getMovement(app.store, r1.result['adjustmentMovementId'] as string))?.kind).toBe(
      'adjustment',
    );
    const surplusAsLoss = await app.execute(
      {
        type: 'stock.discrepancy.resolve',
        effectiveAt: '2026-05-11',
        payload: { discrepancyId: a1, outcome: 'loss-reported', explanation: 'x' },
      },
      w.approver,
    );
    expect(!surplusAsLoss.ok && surplusAsLoss.errors[0]?.code).toBe('INVALID_TRANSITION');
    await must(
      app,
      {
        type: 'stock.discrepancy.resolve',
        effectiveAt: '2026-05-12',
        payload: { discrepancyId: a2, outcome: 'loss-reported', explanation: 'theft; police report 77' },
      },
      w.approver,
    );
    expect(await balanceOf(app.store, accountKey.storage(w.facilityId, 'A2'), w.atLotId)).toBe(0);
    expect(await balanceOf(app.store, accountKey.lost(a2), w.atLotId)).toBe(5);
    expect((await getDiscrepancy(app.store, a2))?.status).toBe('loss-reported');
    expect((await app.verify()).ok).toBe(true);
  });
});
