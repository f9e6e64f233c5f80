import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR, type Actor } from '../../access/index.js';
import { geodesicArea } from '../../geo/index.js';
import { getMinefield } from '../../minefields/index.js';
import { computeCcwArticle13, type CcwArticle13Report } from './index.js';
import { FOUND, H1_CLEARED, MOVES, SESSIONS, buildScenario, type Scenario } from './scenario.testkit.js';

let s: Scenario;
let report: CcwArticle13Report;
beforeAll(async () => {
  s = await buildScenario();
  s.clock.set('2027-01-05T09:00:00Z');
  const r = await computeCcwArticle13(s.app, SYSTEM_ACTOR, { state: 'FI', year: 2026 });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  report = r.value.body;
});
afterAll(async () => {
  await s.app.close();
});

async function as(actor: Actor): Promise<CcwArticle13Report> {
  const r = await computeCcwArticle13(s.app, actor, { state: 'FI', year: 2026 });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value.body;
}

describe('CCW Amended Protocol II Article 13(4) report', () => {
  it('reports risk education sessions of the state in the period under dissemination (a)', () => {
    const fi = SESSIONS.filter((x) => x.region.startsWith('FI'));
    expect(report.dissemination.riskEducation.sessions).toBe(fi.length);
    expect(report.dissemination.riskEducation.audience.girls).toBe(
      fi.reduce((a, x) => a + x.audience.girls, 0),
    );
    expect(report.apii.party).toBe(true);
  });

  it('reports land released and devices found in the period under clearance programmes (b)', () => {
    expect(report.clearance.released.cleared.m2).toBeCloseTo(geodesicArea(H1_CLEARED), 1);
    expect(report.clearance.released.total.m2).toBe(report.clearance.released.cleared.m2);
    expect(report.clearance.devicesByCategory).toEqual({
      'ap-mine': FOUND.apDestroyedInPlace + FOUND.apRemoved,
      'at-mine': FOUND.atDestroyedInPlace,
    });
  });

  it('lists the types held at the period end with their detectability and self-destruction facts (c)', () => {
    const held = (lot: string) =>
      MOVES.filter((m) => m.lot === lot).reduce(
        (a, m) => a + (m.kind === 'receipt' ? m.qty : m.kind === 'consume-training' ? 0 : -m.qty),
        0,
      ) +
      MOVES.filter((m) => m.lot === lot && m.kind === 'retain').reduce((a, m) => a + m.qty, 0) -
      MOVES.filter((m) => m.lot === lot && m.kind === 'consume-training').reduce((a, m) => a + m.qty, 0);
    expect(
      report.technical.types.map((t) => [t.designation, t.quantity, t.detectable, t.selfDestruct]),
    ).toEqual([
      ['SYN-AP-1', held('L1'), true, false],
      ['SYN-AP-2', held('L2'), true, false],
      ['SYN-AT-1', held('T1'), true, false],
    ]);
    expect([report.legislation.status, report.exchange.status]).toEqual([
      'no-information-recorded',
      'no-information-recorded',
    ]);
  });

  it('summarises minefield records by status only, never their contents', async () => {
    const rec = await getMinefield(s.app.store, s.minefield.id);
    expect(report.minefieldRecords.byStatus).toEqual({ [rec?.status ?? '']: 1 });
    const text = JSON.stringify(report);
    for (const secret of [
      s.minefield.humanId,
      s.minefield.id,
      'SYNTHETIC 1st Engineer Company',
      'SYNTHETIC pressure fuze',
      '61.50',
    ])
      expect(text).not.toContain(secret);
  });

  it('withholds the minefield summary from an actor with neither minefield.read nor minefield.count, and types from one without stock.read', async () => {
    const olli = await as(s.stock.officer);
    expect([olli.minefieldRecords.status, olli.minefieldRecords.byStatus]).toEqual(['withheld', null]);
    const ivan = await as(s.field.imo);
    expect([ivan.technical.status, ivan.technical.types]).toEqual(['withheld', []]);
    expect(ivan.minefieldRecords.total).toBe(1);
  });
});
