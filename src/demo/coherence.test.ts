import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../access/index.js';
import { readEvents } from '../app/index.js';
import { makeTestApp } from '../app/testing/index.js';
import { allRules, runRules } from '../compliance/index.js';
import { listMinefields, reconcileMinefield } from '../minefields/index.js';
import { STOCK_COLLECTIONS } from '../stock/index.js';
import { getTreatyState } from '../treaty/index.js';
import { findUserByName } from '../users/index.js';
import { DEMO_FINDINGS, seedDemo } from './index.js';

const DAY = 86_400_000;

describe('demo coherence', () => {
  // Seeded just after midnight and just before it: no seeded event may fall in the demo's future
  // (a fixed noon once did, and the demo failed to start every morning).
  it.each(['2026-11-27T00:00:30Z', '2026-11-26T23:59:30Z'])(
    'at %s shows exactly the deliberate findings, issues every laid record from stock, and records the crisis before laying',
    async (now) => {
      const app = await makeTestApp({ now });
      try {
        await seedDemo(app);
        const findings = await runRules(allRules, {
          docs: app.store,
          now: app.clock.now(),
          config: {},
          events: () => readEvents(app.store),
        });
        const byRule = (fs: readonly { rule: string }[]) =>
          Object.fromEntries(
            [...new Set(fs.map((f) => f.rule))].sort().map((r) => [r, fs.filter((f) => f.rule === r).length]),
          );
        // The exact set: a seeder change that breaks coherence (or adds a finding) fails here.
        expect(byRule(findings)).toEqual({
          'landrelease.devices-reconcile-record': 1,
          'minefield.inspection-overdue': 1,
          'minefield.laid-in-peace': 1,
          'minefield.unreconciled': 1,
          'stock.discrepancy-open-too-long': 1,
          'stock.facility-inspection-overdue': 1,
        });
        // DEMO_FINDINGS documents the same set, one explanation per rule.
        expect(Object.fromEntries(DEMO_FINDINGS.map((f) => [f.rule, f.count]))).toEqual(byRule(findings));

        // The crisis decision is an authorised event citing a synthetic reference, 30 days ago.
        const fi = await getTreatyState(app.store, 'FI');
        const crisis = fi?.readiness.find((p) => p.status === 'crisis');
        expect(crisis?.legalReference).toContain('SYNTHETIC DEMO DATA');
        expect(crisis?.from).toBe(
          `${new Date(Date.parse(now) - 30 * DAY).toISOString().slice(0, 10)}T00:00:00.000Z`,
        );

        // Laid records: one laid in peace (before the crisis), the others after it.
        const laid = (await listMinefields(app.store, SYSTEM_ACTOR)).filter(
          (r) => r.layingStart !== undefined,
        );
        expect(laid).toHaveLength(2);
        const before = laid.filter(
          (r) => new Date(r.layingStart ?? '').getTime() < new Date(crisis?.from ?? '').getTime(),
        );
        expect(before).toHaveLength(1);
        expect(findings.find((f) => f.rule === 'minefield.laid-in-peace')?.message).toContain(
          before[0]?.humanId,
        );

        // Every laid record was issued from stock; one keeps a difference of +2 AP (recorded, not issued).
        const differences = await Promise.all(
          laid.map(async (r) =>
            (await reconcileMinefield(app.store, r.id))
              .filter((l) => l.difference !== 0)
              .map((l) => l.difference),
          ),
        );
        expect(differences.flat()).toEqual([2]);
        for (const r of laid)
          expect((await reconcileMinefield(app.store, r.id)).every((l) => l.issued > 0)).toBe(true);

        // Issues went through the two-person lifecycle: proposed by stock, approved by approver, executed.
        const issues = (
          await app.store.findDocs({
            collection: STOCK_COLLECTIONS.movements,
            where: { op: '=', field: 'kind', value: 'issue-emplacement' },
          })
        ).map((d) => d.data);
        expect(issues.length).toBeGreaterThanOrEqual(4);
        const [stock, approver] = await Promise.all([
          findUserByName(app.store, 'stock'),
          findUserByName(app.store, 'approver'),
        ]);
        expect(issues.map((m) => [m['status'], m['proposedBy'], m['approvedBy']])).toEqual(
          issues.map(() => ['executed', stock?.id, approver?.id]),
        );
        expect(
          issues.every((m) =>
            (m['details'] as Record<string, string>)['note']?.includes('SYNTHETIC DEMO DATA'),
          ),
        ).toBe(true);
        // Each issue names a laid record by its human id.
        expect(new Set(issues.map((m) => m['minefieldId']))).toEqual(new Set(laid.map((r) => r.humanId)));

        const v = await app.verify();
        expect(v.failures).toEqual([]);
      } finally {
        await app.close();
      }
    },
    120_000,
  );
});
