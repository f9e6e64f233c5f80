import { afterEach, describe, expect, it } from 'vitest';
import type { Cairn } from '../app/index.js';
import { makeTestApp } from '../app/testing/index.js';
import { readEvents } from '../app/index.js';
import { runRules, type ComplianceConfig } from '../compliance/index.js';
import { stockRules } from './index.js';
import { move, must, stockWorld, type StockWorld } from './testing/fixture.js';

let app: Cairn | undefined;
afterEach(async () => {
  await app?.close();
});

async function world(state: string): Promise<[Cairn, StockWorld]> {
  app = await makeTestApp({ now: '2026-06-01T12:00:00Z' });
  return [app, await stockWorld(app, state)];
}

async function findings(a: Cairn, rule: string, now = '2026-06-01T12:00:00Z', config: ComplianceConfig = {}) {
  const all = await runRules(stockRules, {
    docs: a.store,
    now: new Date(now),
    config,
    events: () => readEvents(a.store),
  });
  return all.filter((f) => f.rule === rule);
}

const at = (w: StockWorld, loc = 'A1') => ({ facilityId: w.facilityId, locationId: loc });

describe('stock compliance rules', () => {
  it('flags AP mines received while the state is still bound, and not after its withdrawal took effect', async () => {
    const [a, w] = await world('FI');
    const before = await move(
      a,
      w,
      { kind: 'receipt', lotId: w.lotId, quantity: 10, to: at(w) },
      '2025-12-01',
    );
    await move(a, w, { kind: 'receipt', lotId: w.lotId, quantity: 10, to: at(w) }, '2026-05-01');
    await move(a, w, { kind: 'receipt', lotId: w.atLotId, quantity: 1, to: at(w) }, '2025-12-01');
    const f = await findings(a, 'stock.ap-acquired-while-party');
    expect(f.map((x) => [x.severity, x.subject.id, x.legalBasis])).toEqual([
      ['violation', before, 'APMBC Art 1(1)(b)'],
    ]);
  });

  it('flags an AP stockpile held past the Art 4 deadline by a bound state, but not AT stock or a withdrawn state', async () => {
    const [a, w] = await world('UA');
    await move(a, w, {
      kind: 'found',
      lotId: w.lotId,
      quantity: 4,
      to: at(w),
      reference: 'found in depot audit',
    });
    await move(a, w, { kind: 'receipt', lotId: w.atLotId, quantity: 4, to: at(w) });
    const f = await findings(a, 'stock.ap-stock-past-art4-deadline');
    expect(f.map((x) => [x.severity, x.subject.id])).toEqual([['violation', `UA:${w.apTypeId}`]]);
    expect(f[0]?.since).toBe('2010-06-01');
    await move(a, w, {
      kind: 'destroy',
      lotId: w.lotId,
      quantity: 4,
      from: at(w),
      method: 'open-detonation',
      site: 'Range 1',
      supervisor: 'S. Visor',
      certificate: 'CERT-1',
      basis: 'art4',
    });
    expect(await findings(a, 'stock.ap-stock-past-art4-deadline')).toEqual([]);
  });

  it('does not flag an AP stockpile of a state whose withdrawal has taken effect', async () => {
    const [a, w] = await world('FI');
    await move(a, w, { kind: 'receipt', lotId: w.lotId, quantity: 4, to: at(w) });
    expect(await findings(a, 'stock.ap-stock-past-art4-deadline')).toEqual([]);
  });

  it('warns when retained AP mines exceed the configured ceiling', async () => {
    const [a, w] = await world('UA');
    await move(a, w, { kind: 'found', lotId: w.lotId, quantity: 30, to: at(w), reference: 'r' });
    await move(a, w, {
      kind: 'retain',
      lotId: w.lotId,
      quantity: 20,
      from: at(w),
      institutionId: w.institutionId,
    });
    const over = await findings(a, 'stock.retained-above-ceiling', undefined, {
      'stock.retainedCeiling': 10,
    });
    expect(over.map((x) => [x.severity, x.subject.id])).toEqual([['warning', 'UA']]);
    expect(
      await findings(a, 'stock.retained-above-ceiling', undefined, { 'stock.retainedCeiling': 20 }),
    ).toEqual([]);
  });

  it('flags a transfer to a recipient that is not a state, and not one to a state', async () => {
    const [a, w] = await world('FI');
    await move(a, w, { kind: 'receipt', lotId: w.atLotId, quantity: 10, to: at(w) });
    const transfer = {
      kind: 'export',
      lotId: w.atLotId,
      quantity: 2,
      from: at(w),
      endUserCertificate: 'EUC-1',
      exportLicence: 'EL-1',
      purpose: 'operational',
    };
    const bad = await move(a, w, {
      ...transfer,
      recipient: { kind: 'non-state', name: 'Synthetic Armed Group' },
    });
    await move(a, w, { ...transfer, recipient: { kind: 'state', code: 'EE' } });
    const f = await findings(a, 'stock.transfer-to-non-state');
    expect(f.map((x) => [x.severity, x.subject.id, x.legalBasis])).toEqual([
      ['violation', bad, 'CCW APII Art 8(1)(b)'],
    ]);
  });

  it('flags an AP transfer by a bound state other than for destruction or Art 3, and not one for destruction', async () => {
    const [a, w] = await world('UA');
    await move(a, w, { kind: 'found', lotId: w.lotId, quantity: 10, to: at(w), reference: 'r' });
    const transfer = {
      kind: 'export',
      lotId: w.lotId,
      quantity: 2,
      from: at(w),
      endUserCertificate: 'EUC-1',
      exportLicence: 'EL-1',
      recipient: { kind: 'state', code: 'PL' },
    };
    const bad = await move(a, w, { ...transfer, purpose: 'operational' });
    await move(a, w, { ...transfer, purpose: 'destruction' });
    const f = await findings(a, 'stock.ap-transfer-by-party');
    expect(f.map((x) => x.subject.id)).toEqual([bad]);
  });

  it('warns about a discrepancy open more than 30 days, and not once resolved', async () => {
    const [a, w] = await world('FI');
    await move(a, w, { kind: 'receipt', lotId: w.atLotId, quantity: 10, to: at(w) }, '2026-03-01');
    const c = await must(
      a,
      {
        type: 'stock.check.record',
        effectiveAt: '2026-04-01',
        payload: {
          facilityId: w.facilityId,
          counters: ['olli', 'aapo'],
          lines: [{ locationId: 'A1', lotId: w.atLotId, counted: 9 }],
        },
      },
      w.officer,
    );
    const [discrepancyId] = c.result['discrepancies'] as string[];
    expect(await findings(a, 'stock.discrepancy-open-too-long', '2026-04-20T00:00:00Z')).toEqual([]);
    expect(
      (await findings(a, 'stock.discrepancy-open-too-long')).map((x) => [x.severity, x.subject.id]),
    ).toEqual([['warning', discrepancyId]]);
    await must(
      a,
      {
        type: 'stock.discrepancy.resolve',
        effectiveAt: '2026-05-01',
        payload: { discrepancyId, outcome: 'loss-reported', explanation: 'theft reported to police' },
      },
      w.approver,
    );
    expect(await findings(a, 'stock.discrepancy-open-too-long')).toEqual([]);
  });

  it('warns when a facility inspection is overdue, and not within the interval', async () => {
    const [a, w] = await world('FI');
    expect(await findings(a, 'stock.facility-inspection-overdue')).toEqual([]);
    const later = await findings(a, 'stock.facility-inspection-overdue', '2027-03-05T00:00:00Z');
    expect(later.map((x) => x.subject.id).sort()).toEqual([w.facilityId, w.facility2Id].sort());
    await must(
      a,
      { type: 'stock.facility.inspect', effectiveAt: '2026-05-20', payload: { facilityId: w.facilityId } },
      w.officer,
    );
    expect(
      (await findings(a, 'stock.facility-inspection-overdue', '2027-03-05T00:00:00Z')).map(
        (x) => x.subject.id,
      ),
    ).toEqual([w.facility2Id]);
  });
});
