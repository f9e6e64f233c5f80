import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Cairn } from '../app/index.js';
import { makeTestApp } from '../app/testing/index.js';
import {
  balanceOf,
  emplacementByMinefield,
  getFacility,
  getLot,
  getMineType,
  getMovement,
  accountKey,
} from './index.js';
import { move, must, stockWorld, type StockWorld } from './testing/fixture.js';

let app: Cairn;
let w: StockWorld;
beforeEach(async () => {
  app = await makeTestApp();
  w = await stockWorld(app);
});
afterEach(async () => {
  await app.close();
});

const at = (w: StockWorld, loc = 'A1', f = w.facilityId) => ({ facilityId: f, locationId: loc });

describe('stock movements', () => {
  it('exports the catalogue through the door', async () => {
    const t = await getMineType(app.store, w.apTypeId);
    expect(t).toMatchObject({
      id: w.apTypeId,
      designation: 'SYN-AP-1',
      category: 'AP',
      ottawaStatus: 'banned-ap',
      detectable: true,
      selfDestruct: false,
      remotelyDelivered: false,
    });
    expect(await getLot(app.store, w.lotId)).toMatchObject({
      typeId: w.apTypeId,
      lotNumber: 'L-001',
      recalled: false,
    });
  });

  it('receives from production through propose, approve and execute, recording every actor', async () => {
    const id = await move(app, w, { kind: 'receipt', lotId: w.lotId, quantity: 100, to: at(w) });
    expect(await balanceOf(app.store, accountKey.storage(w.facilityId, 'A1'), w.lotId)).toBe(100);
    expect(await balanceOf(app.store, 'production', w.lotId)).toBe(-100);
    expect(await getMovement(app.store, id)).toMatchObject({
      status: 'executed',
      proposedBy: w.officer.id,
      approvedBy: w.approver.id,
      executedBy: w.officer.id,
    });
    expect((await getFacility(app.store, w.facilityId))?.neqHeldKg['1.1']).toBe(10);
    expect((await app.verify()).ok).toBe(true);
  });

  it('refuses a movement approved by its own proposer', async () => {
    const both = (await import('../app/testing/index.js')).addTestUser;
    const dual = await both(app, 'dual', ['stock-officer', 'approver']);
    const p = await must(
      app,
      {
        type: 'stock.movement.propose',
        effectiveAt: '2026-05-01',
        payload: { kind: 'receipt', lotId: w.lotId, quantity: 1, to: at(w) },
      },
      dual,
    );
    const size = await app.ledger.size();
    const r = await app.execute(
      { type: 'stock.movement.approve', payload: { movementId: p.result['movementId'] } },
      dual,
    );
    expect(!r.ok && r.errors.map((e) => e.code)).toEqual(['STOCK_SELF_APPROVAL']);
    expect(await app.ledger.size()).toBe(size);
    // Found by the property test: a cancelled movement still reports self-approval, with the state.
    await must(
      app,
      { type: 'stock.movement.cancel', payload: { movementId: p.result['movementId'], reason: 'typo' } },
      dual,
    );
    const late = await app.execute(
      { type: 'stock.movement.approve', payload: { movementId: p.result['movementId'] } },
      dual,
    );
    expect(!late.ok && late.errors.map((e) => e.code).sort()).toEqual([
      'INVALID_TRANSITION',
      'STOCK_SELF_APPROVAL',
    ]);
  });

  it('refuses an overdraw with the balance and the amount asked', async () => {
    await move(app, w, { kind: 'receipt', lotId: w.lotId, quantity: 5, to: at(w) });
    const r = await app.execute(
      {
        type: 'stock.movement.propose',
        effectiveAt: '2026-05-02',
        payload: { kind: 'internal-transfer', lotId: w.lotId, quantity: 8, from: at(w), to: at(w, 'A2') },
      },
      w.officer,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]).toMatchObject({
      code: 'STOCK_INSUFFICIENT_BALANCE',
      details: { balance: 5, requested: 8 },
    });
  });

  it('refuses a receipt above the licensed NEQ, giving the computed NEQ and the limit', async () => {
    const r = await app.execute(
      {
        type: 'stock.movement.propose',
        effectiveAt: '2026-05-02',
        payload: { kind: 'receipt', lotId: w.atLotId, quantity: 201, to: at(w) },
      },
      w.officer,
    );
    expect(!r.ok && r.errors[0]).toMatchObject({
      code: 'STOCK_LICENCE_EXCEEDED',
      details: { computedNeqKg: 1005, limitKg: 1000, hazardDivision: '1.1' },
    });
  });

  it('lists every problem of a bad proposal and writes nothing', async () => {
    const size = await app.ledger.size();
    const r = await app.execute(
      {
        type: 'stock.movement.propose',
        payload: { kind: 'receipt', lotId: '00000000-0000-4000-8000-000000000000', quantity: 2.5, to: at(w) },
      },
      w.officer,
    );
    expect(!r.ok && r.errors.map((e) => [e.code, e.path])).toEqual([
      ['VALIDATION_DATE_MISSING', 'effectiveAt'],
    ]);
    const r2 = await app.execute(
      {
        type: 'stock.movement.propose',
        effectiveAt: '2026-05-01',
        payload: { kind: 'receipt', lotId: w.lotId, quantity: -3, to: at(w, 'Z9') },
      },
      w.officer,
    );
    expect(!r2.ok && r2.errors.map((e) => [e.code, e.path])).toEqual([
      ['VALIDATION_RANGE', 'payload.quantity'],
    ]);
    const r3 = await app.execute(
      {
        type: 'stock.movement.propose',
        effectiveAt: '2026-05-01',
        payload: {
          kind: 'receipt',
          lotId: '00000000-0000-4000-8000-000000000000',
          quantity: 3,
          to: at(w, 'Z9'),
        },
      },
      w.officer,
    );
    expect(!r3.ok && r3.errors.map((e) => [e.code, e.path]).sort()).toEqual([
      ['STOCK_FACILITY_UNKNOWN', 'payload.to'],
      ['STOCK_LOT_UNKNOWN', 'payload.lotId'],
    ]);
    const r4 = await app.execute(
      {
        type: 'stock.movement.propose',
        effectiveAt: '2030-01-01',
        payload: { kind: 'receipt', lotId: w.lotId, quantity: 3, to: at(w) },
      },
      w.officer,
    );
    expect(!r4.ok && r4.errors[0]?.code).toBe('VALIDATION_DATE_FUTURE');
    expect(await app.ledger.size()).toBe(size);
  });

  it('flags a backdated movement in its events', async () => {
    const p = await must(
      app,
      {
        type: 'stock.movement.propose',
        effectiveAt: '2026-02-01',
        payload: { kind: 'receipt', lotId: w.lotId, quantity: 1, to: at(w) },
      },
      w.officer,
    );
    expect(p.events[0]?.flags).toEqual(['backdated']);
  });

  it('refuses to issue a recalled lot', async () => {
    await move(app, w, { kind: 'receipt', lotId: w.lotId, quantity: 5, to: at(w) });
    await must(
      app,
      { type: 'stock.lot.recall', payload: { lotId: w.lotId, reason: 'fuze fault' } },
      w.officer,
    );
    const r = await app.execute(
      {
        type: 'stock.movement.propose',
        effectiveAt: '2026-05-02',
        payload: {
          kind: 'issue-emplacement',
          lotId: w.lotId,
          quantity: 1,
          from: at(w),
          minefieldId: 'FI-MF-2026-0001',
        },
      },
      w.officer,
    );
    expect(!r.ok && r.errors.map((e) => e.code)).toEqual(['STOCK_LOT_RECALLED']);
  });

  it('tallies issues for emplacement and returns per minefield', async () => {
    await move(app, w, { kind: 'receipt', lotId: w.lotId, quantity: 50, to: at(w) });
    await move(app, w, {
      kind: 'issue-emplacement',
      lotId: w.lotId,
      quantity: 20,
      from: at(w),
      minefieldId: 'FI-MF-2026-0001',
    });
    await move(app, w, {
      kind: 'return',
      lotId: w.lotId,
      quantity: 3,
      to: at(w, 'A2'),
      minefieldId: 'FI-MF-2026-0001',
    });
    expect(await emplacementByMinefield(app.store, 'FI-MF-2026-0001')).toEqual([
      { typeId: w.apTypeId, lotId: w.lotId, issued: 20, returned: 3 },
    ]);
    expect(await emplacementByMinefield(app.store, 'FI-MF-2026-0002')).toEqual([]);
  });

  it('rejects and cancels only from the right states, and an auditor writes nothing', async () => {
    const p = await must(
      app,
      {
        type: 'stock.movement.propose',
        effectiveAt: '2026-05-01',
        payload: { kind: 'receipt', lotId: w.lotId, quantity: 1, to: at(w) },
      },
      w.officer,
    );
    const movementId = p.result['movementId'] as string;
    await must(
      app,
      { type: 'stock.movement.reject', payload: { movementId, reason: 'wrong lot' } },
      w.approver,
    );
    const again = await app.execute({ type: 'stock.movement.approve', payload: { movementId } }, w.approver);
    expect(!again.ok && again.errors[0]?.code).toBe('INVALID_TRANSITION');
    const cancel = await app.execute(
      { type: 'stock.movement.cancel', payload: { movementId, reason: 'x' } },
      w.officer,
    );
    expect(!cancel.ok && cancel.errors[0]?.code).toBe('INVALID_TRANSITION');
    const audit = await app.execute(
      {
        type: 'stock.movement.propose',
        effectiveAt: '2026-05-01',
        payload: { kind: 'receipt', lotId: w.lotId, quantity: 1, to: at(w) },
      },
      w.auditor,
    );
    expect(!audit.ok && audit.errors[0]?.code).toBe('AUTH_FORBIDDEN');
    const officerApproves = await app.execute(
      { type: 'stock.movement.approve', payload: { movementId } },
      w.officer,
    );
    expect(!officerApproves.ok && officerApproves.errors[0]?.code).toBe('AUTH_FORBIDDEN');
  });

  it('needs a witness to execute where the facility applies the two-person rule', async () => {
    await must(
      app,
      {
        type: 'stock.movement.propose',
        effectiveAt: '2026-05-01',
        payload: { kind: 'receipt', lotId: w.lotId, quantity: 1, to: at(w) },
      },
      w.officer,
    );
    const op = (await app.store.findDocs({ collection: 'stock.orgs' }))[1]?.data['id'] as string;
    const f = await must(
      app,
      {
        type: 'stock.facility.add',
        payload: {
          name: 'Guarded',
          operatorId: op,
          state: 'FI',
          location: { type: 'Point', coordinates: [24, 60] },
          licenceRef: 'L',
          neqLimitsKg: { '1.1': 10 },
          securityLevel: 3,
          twoPersonRule: true,
          locations: [{ id: 'B1', building: 'B', bay: '1' }],
        },
      },
      w.officer,
    );
    const p = await must(
      app,
      {
        type: 'stock.movement.propose',
        effectiveAt: '2026-05-01',
        payload: {
          kind: 'receipt',
          lotId: w.lotId,
          quantity: 1,
          to: { facilityId: f.result['facilityId'], locationId: 'B1' },
        },
      },
      w.officer,
    );
    const movementId = p.result['movementId'] as string;
    await must(app, { type: 'stock.movement.approve', payload: { movementId } }, w.approver);
    const alone = await app.execute(
      { type: 'stock.movement.execute', effectiveAt: '2026-05-01', payload: { movementId } },
      w.officer,
    );
    expect(!alone.ok && alone.errors[0]?.code).toBe('STOCK_WITNESS_REQUIRED');
    const ok = await must(
      app,
      {
        type: 'stock.movement.execute',
        effectiveAt: '2026-05-01',
        cosigner: w.approver2.id,
        payload: { movementId },
      },
      w.officer,
    );
    expect(ok.events[0]?.cosigner).toBe(w.approver2.id);
  });
});
