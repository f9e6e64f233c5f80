import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS_ACTOR, SYSTEM_ACTOR, type Actor } from '../../access/index.js';
import { geodesicArea } from '../../geo/index.js';
import { HAZARDS } from '../../landrelease/index.js';
import { computeArticle7, type Article7Report } from './index.js';
import {
  FORM_H,
  FOUND,
  H1,
  H1_CLEARED,
  MOVES,
  SESSIONS,
  VICTIMS,
  buildScenario,
  type LotKey,
  type Move,
  type Scenario,
} from './scenario.testkit.js';

/*
 * Expected figures are computed here from the scenario's commands (MOVES, SESSIONS, VICTIMS,
 * FOUND), never from the stock statement or the report code.
 */
const LOT_NUMBER: Readonly<Record<LotKey, string>> = { L1: 'L-001', L2: 'L-002', T1: 'T-001' };
const DESIGNATION: Readonly<Record<LotKey, string>> = { L1: 'SYN-AP-1', L2: 'SYN-AP-2', T1: 'SYN-AT-1' };
const AP_LOTS: readonly LotKey[] = ['L1', 'L2'];
const upTo = (to: string) => (m: Move) => m.date <= to;
const sumOf = (moves: readonly Move[], pred: (m: Move) => boolean): number =>
  moves.filter(pred).reduce((s, m) => s + m.qty, 0);

/** Stockpiled (not retained) quantity of a lot at the end of `to`. */
function stockpiled(lot: LotKey, to: string): number {
  const ms = MOVES.filter((m) => m.lot === lot && upTo(to)(m));
  return (
    sumOf(ms, (m) => m.kind === 'receipt') - sumOf(ms, (m) => m.kind === 'retain' || m.kind === 'destroy')
  );
}
function retained(lot: LotKey, to: string): number {
  const ms = MOVES.filter((m) => m.lot === lot && upTo(to)(m));
  return sumOf(ms, (m) => m.kind === 'retain') - sumOf(ms, (m) => m.kind === 'consume-training');
}
const inYear = (m: Move) => m.date >= '2026-01-01' && m.date <= '2026-12-31';
const destroyedIn2026 = (lot: LotKey, basis: 'art4' | 'art5') =>
  sumOf(MOVES, (m) => m.lot === lot && m.kind === 'destroy' && m.basis === basis && inYear(m));

let s: Scenario;
let report: Article7Report;
beforeAll(async () => {
  s = await buildScenario();
  s.clock.set('2027-01-05T09:00:00Z');
  const r = await computeArticle7(s.app, SYSTEM_ACTOR, { state: 'FI', year: 2026 });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  report = r.value.body;
});
afterAll(async () => {
  await s.app.close();
});

async function as(actor: Actor): Promise<Article7Report> {
  const r = await computeArticle7(s.app, actor, { state: 'FI', year: 2026 });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value.body;
}

describe('Ottawa Article 7 report from the ledger', () => {
  it('reports in Form B the stockpiled AP mines by type and lot as issued, without retained or anti-vehicle mines', () => {
    const expected = AP_LOTS.map((l) => ({
      designation: DESIGNATION[l],
      lotNumber: LOT_NUMBER[l],
      quantity: stockpiled(l, '2026-12-31'),
    }));
    expect(report.formB.rows).toEqual(expected);
    expect(report.formB.total).toBe(expected.reduce((a, r) => a + r.quantity, 0));
    expect(report.formB.rows.map((r) => r.designation)).not.toContain('SYN-AT-1');
  });

  it('reports in Form D the mines retained under Art 3 with their institution, and their use in training in the period', () => {
    expect(report.formD.rows).toEqual([
      {
        designation: 'SYN-AP-1',
        lotNumber: 'L-001',
        quantity: retained('L1', '2026-12-31'),
        institution: 'Synthetic Demining School',
      },
    ]);
    expect(report.formD.used).toEqual([
      {
        designation: 'SYN-AP-1',
        lotNumber: 'L-001',
        quantity: sumOf(MOVES, (m) => m.kind === 'consume-training' && inYear(m)),
      },
    ]);
  });

  it('reports in Form G only the destruction of the period, Art 4 apart from Art 5, adding AP mines destroyed in place by land release', () => {
    expect(report.formG.art4).toEqual(
      AP_LOTS.filter((l) => destroyedIn2026(l, 'art4') > 0).map((l) => ({
        designation: DESIGNATION[l],
        lotNumber: LOT_NUMBER[l],
        quantity: destroyedIn2026(l, 'art4'),
        source: 'stock-destruction',
      })),
    );
    expect(report.formG.totalArt4).toBe(
      sumOf(MOVES, (m) => m.kind === 'destroy' && m.basis === 'art4' && inYear(m)),
    );
    expect(report.formG.art5).toEqual([
      {
        designation: 'SYN-AP-2',
        lotNumber: 'L-002',
        quantity: destroyedIn2026('L2', 'art5'),
        source: 'stock-destruction',
      },
      {
        designation: 'SYN-AP-2',
        lotNumber: '',
        quantity: FOUND.apDestroyedInPlace,
        source: 'land-release-in-place',
      },
    ]);
    expect(report.formG.totalArt5).toBe(destroyedIn2026('L2', 'art5') + FOUND.apDestroyedInPlace);
    expect(report.formG.notes.some((n) => n.startsWith(`${FOUND.apRemoved} AP mine(s) were removed`))).toBe(
      true,
    );
  });

  it('reports in Form F each destruction of the period by basis, method and site with its certificates', () => {
    const destroys = MOVES.filter(
      (m): m is Extract<Move, { kind: 'destroy' }> => m.kind === 'destroy' && inYear(m),
    );
    const keys = [...new Set(destroys.map((m) => `${m.basis}|${m.method}|${m.site}`))].sort();
    expect(report.formF.programmes).toEqual(
      keys.map((k) => {
        const ms = destroys.filter((m) => `${m.basis}|${m.method}|${m.site}` === k);
        const [basis, method, site] = k.split('|');
        return {
          basis,
          method,
          site,
          quantity: ms.reduce((a, m) => a + m.qty, 0),
          destructions: ms.length,
          certificates: ms.map((m) => m.certificate).sort(),
        };
      }),
    );
  });

  it("lists in Form C the state's open hazards with AP mines, remaining area in m² with ha and km², and the minefield record for a cleared actor", async () => {
    const h1 = await s.app.store.getDoc(HAZARDS, s.hazards.h1);
    expect(report.formC.hazards.map((h) => h.humanId)).toEqual([h1?.data['humanId']]);
    const remaining = geodesicArea(H1) - geodesicArea(H1_CLEARED);
    const line = report.formC.hazards[0];
    expect(line?.hazardArea.m2).toBeCloseTo(geodesicArea(H1), 1);
    // Land release clips the polygon and measures the difference geodesically; plain subtraction
    // agrees to well within 0.01 % (the clipped edges are straight in degrees, not geodesics).
    expect(Math.abs((line?.remainingArea.m2 ?? 0) - remaining) / remaining).toBeLessThan(1e-4);
    expect(Number(line?.remainingArea.display.ha.replace(/[^0-9.]/g, '')) * 10_000).toBeCloseTo(
      remaining,
      -1,
    );
    expect(report.formC.minefields.map((m) => [m.humanId, m.apContents])).toEqual([
      [s.minefield.humanId, [{ designation: 'SYN-AP-1', number: 35 }]],
    ]);
    expect(report.formC.minefieldRecordCount).toBe(1);
    // The hazard with no region and no link is left out and counted in the limits.
    expect(report.limits.some((l) => l.startsWith('1 land-release record(s) carry no region'))).toBe(true);
  });

  it('gives Form H the identification fields of every AP type held, from the catalogue', () => {
    expect(report.formH.types.map((t) => t.designation)).toEqual(['SYN-AP-1', 'SYN-AP-2']);
    expect(report.formH.types.find((t) => t.designation === 'SYN-AP-2')?.formH).toEqual(FORM_H);
  });

  it('reports risk education, public warnings and marking in Form I, and casualties by sex and age only in Form J', () => {
    const fi = SESSIONS.filter((x) => x.region.startsWith('FI'));
    const audience = { women: 0, men: 0, girls: 0, boys: 0 };
    for (const x of fi)
      for (const k of ['women', 'men', 'girls', 'boys'] as const) audience[k] += x.audience[k];
    expect(report.formI.riskEducation.sessions).toBe(fi.length);
    expect(report.formI.riskEducation.audience).toEqual(audience);
    expect(report.formI.publicWarnings).toBe(1);
    expect(report.formI.markings.map((m) => [m.humanId, m.markings])).toEqual([[s.minefield.humanId, 1]]);
    const counts = new Map<string, number>();
    for (const v of VICTIMS)
      counts.set(
        `${v.outcome}|${v.sex}|${v.ageGroup}`,
        (counts.get(`${v.outcome}|${v.sex}|${v.ageGroup}`) ?? 0) + 1,
      );
    expect(report.formJ.casualties.map((c) => [`${c.outcome}|${c.sex}|${c.ageGroup}`, c.count])).toEqual(
      [...counts.entries()].sort(([a], [b]) => a.localeCompare(b)),
    );
    const text = JSON.stringify(report);
    for (const v of VICTIMS) expect(text).not.toContain(v.name);
  });

  it('states "no information recorded" for Forms A and E, and notes the state has withdrawn by the period end', () => {
    expect([report.formA.status, report.formE.status]).toEqual([
      'no-information-recorded',
      'no-information-recorded',
    ]);
    expect(report.formA.instruments.map((i) => i.kind)).toContain('withdrawal');
    expect(report.ottawaStatus).toBe('withdrawn');
    expect(report.limits.some((l) => l.includes('voluntary transparency'))).toBe(true);
  });
});

describe('need-to-know in the Article 7 report', () => {
  it('withholds the stock forms from an actor without stock.read', async () => {
    const r = await as(s.field.imo);
    expect([r.formB.status, r.formD.status, r.formF.status, r.formH.status]).toEqual([
      'withheld',
      'withheld',
      'withheld',
      'withheld',
    ]);
    expect([r.formB.rows, r.formH.types]).toEqual([[], []]);
    // Land-release and minefield parts stay: the IM officer reads them.
    expect(r.formC.minefields.map((m) => m.humanId)).toEqual([s.minefield.humanId]);
  });

  it('withholds minefield records from an actor with no minefield permission, and shows only public warnings without landrelease.read', async () => {
    const r = await as(s.stock.officer);
    expect(r.formB.rows.length).toBe(2);
    expect([
      r.formC.minefieldAccess,
      r.formC.minefields,
      r.formC.minefieldRecordCount,
      r.formI.minefieldsByStatus,
    ]).toEqual(['withheld', [], null, null]);
    expect(r.formC.hazards.map((h) => h.humanId)).toEqual(report.formC.hazards.map((h) => h.humanId));
    expect(r.formI.riskEducation.sessions).toBe(0);
    expect(r.limits.some((l) => l.includes('lacks landrelease.read'))).toBe(true);
  });

  it('gives an actor not cleared for the record counts only, never its contents', async () => {
    const rex: Actor = { id: 'rex', name: 'rex', roles: ['auditor'], clearance: 'restricted', regions: [] };
    const r = await as(rex);
    expect([r.formC.minefields, r.formI.markings, r.formC.minefieldRecordCount]).toEqual([[], [], 1]);
    expect(r.formC.notes.some((n) => n.startsWith('1 minefield record(s) of the state are beyond'))).toBe(
      true,
    );
    expect(JSON.stringify(r)).not.toContain(s.minefield.humanId);
  });

  it('refuses an actor without report.read, writing nothing', async () => {
    const before = [await s.app.ledger.size(), (await s.app.store.listCheckpoints()).length];
    for (const actor of [ANONYMOUS_ACTOR, s.field.surveyor]) {
      const r = await computeArticle7(s.app, actor, { state: 'FI', year: 2026 });
      expect(r.ok ? [] : r.errors.map((e) => e.code)).toEqual(['AUTH_FORBIDDEN']);
    }
    expect([await s.app.ledger.size(), (await s.app.store.listCheckpoints()).length]).toEqual(before);
  });

  it('refuses a malformed request, an open period and an unknown state, listing every problem with its path', async () => {
    const bad = await computeArticle7(s.app, SYSTEM_ACTOR, { state: 'fi1', year: 1990 });
    expect(bad.ok ? [] : bad.errors.map((e) => [e.code, e.path])).toEqual([
      ['VALIDATION_FORMAT', 'state'],
      ['VALIDATION_RANGE', 'year'],
    ]);
    const open = await computeArticle7(s.app, SYSTEM_ACTOR, { state: 'SE', year: 2027 });
    expect(open.ok ? [] : open.errors.map((e) => [e.code, e.path])).toEqual([
      ['REPORT_PERIOD_OPEN', 'year'],
      ['TREATY_STATE_UNKNOWN', 'state'],
    ]);
  });
});
