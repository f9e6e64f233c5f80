import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../access/index.js';
import { readEvents } from '../app/index.js';
import { makeTestApp } from '../app/testing/index.js';
import { listMinefields, minefieldRules } from '../minefields/index.js';
import { seedDemo } from './index.js';

describe('minefield demo data', () => {
  it('seeds three labelled fictional records with reports, marking, one overdue inspection and a handover', async () => {
    const app = await makeTestApp({ now: '2026-06-01T12:00:00Z' });
    try {
      await seedDemo(app);
      const list = await listMinefields(app.store, SYSTEM_ACTOR);
      expect(list.map((r) => r.status).sort()).toEqual([
        'intention-reported',
        'laid-recorded',
        'marked-fenced-monitored',
      ]);
      expect(list.every((r) => r.unit.includes('SYNTHETIC DEMO DATA'))).toBe(true);
      expect(list.filter((r) => r.handedToMineAction !== undefined).length).toBe(1);
      const overdue = minefieldRules.find((r) => r.id === 'minefield.inspection-overdue');
      const f = await overdue?.evaluate({
        docs: app.store,
        now: app.clock.now(),
        config: {},
        events: () => readEvents(app.store),
      });
      expect(f?.length).toBe(1);
      expect((await app.verify()).ok).toBe(true);
    } finally {
      await app.close();
    }
  });
});
