/**
 * The compliance findings the demo seeds on purpose, each with why. Everything else in the demo
 * is coherent (stock reconciles, mines laid in crisis, inspections on time), so `cairn compliance`
 * on a demo directory lists exactly these. SYNTHETIC DEMO DATA.
 */
export interface DemoFinding {
  readonly rule: string;
  readonly count: number;
  readonly why: string;
}

export const DEMO_FINDINGS: readonly DemoFinding[] = [
  {
    rule: 'minefield.laid-in-peace',
    count: 1,
    why: 'the first record was laid 40 days ago, ten days before the (fictional) crisis decision',
  },
  {
    rule: 'minefield.inspection-overdue',
    count: 1,
    why: "the first record's marking was last inspected 35 days ago",
  },
  {
    rule: 'minefield.unreconciled',
    count: 1,
    why: 'the record handed to mine action lists 2 AP mines more than stock issued for it',
  },
  {
    rule: 'landrelease.devices-reconcile-record',
    count: 1,
    why: 'clearance of that record has so far found fewer AP mines than it lists: residual risk',
  },
  {
    rule: 'stock.discrepancy-open-too-long',
    count: 1,
    why: 'a stock check 45 days ago found one mine short and the discrepancy is still open',
  },
  {
    rule: 'stock.facility-inspection-overdue',
    count: 1,
    why: 'depot 3 was last inspected 400 days ago; its interval is 365 days',
  },
];
