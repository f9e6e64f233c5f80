import { describe, expect, it } from 'vitest';
import { readEvents } from '../app/index.js';
import { makeTestApp } from '../app/testing/index.js';
import { runRules } from '../compliance/index.js';
import { STOCK_COLLECTIONS, stockRules, stockStatement } from '../stock/index.js';
import { SYSTEM_ACTOR } from '../access/index.js';
import { seedDemoUsers } from './users.js';
import { seededRandom } from './context.js';
import { seedStockDemo } from './stock.js';

describe('stock demo seeder', () => {
  it('seeds labelled facilities, lots, a year of movements and a check with one open discrepancy, and verifies', async () => {
    const app = await makeTestApp({ now: '2026-11-26T12:00:00Z' });
    try {
      const { actors } = await seedDemoUsers(app);
      await seedStockDemo({ app, actors, random: seededRandom(7), today: app.clock.now() });
      const facilities = await app.store.findDocs({ collection: STOCK_COLLECTIONS.facilities });
      expect(facilities.map((f) => f.data['name'])).toEqual(
        expect.arrayContaining([expect.stringContaining('SYNTHETIC DEMO DATA')]),
      );
      const executed = await app.store.countDocs({
        collection: STOCK_COLLECTIONS.movements,
        where: { op: '=', field: 'status', value: 'executed' },
      });
      expect(executed).toBeGreaterThan(50);
      const open = await app.store.findDocs({ collection: STOCK_COLLECTIONS.discrepancies });
      expect(
        open.map((d) => [d.data['status'], Number(d.data['expected']) - Number(d.data['counted'])]),
      ).toEqual([['open', 1]]);
      const findings = await runRules(stockRules, {
        docs: app.store,
        now: app.clock.now(),
        config: {},
        events: () => readEvents(app.store),
      });
      expect(findings.map((f) => f.rule)).toContain('stock.discrepancy-open-too-long');
      expect(findings.map((f) => f.rule)).not.toContain('stock.ap-acquired-while-party');
      const st = await stockStatement(app.store, SYSTEM_ACTOR, { asOf: app.clock.now() });
      expect(st.ok && st.value.formD.length).toBeGreaterThan(0);
      expect((await app.verify()).ok).toBe(true);
    } finally {
      await app.close();
    }
  }, 120_000);
});
