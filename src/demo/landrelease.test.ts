import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../access/index.js';
import { readEvents } from '../app/index.js';
import { makeTestApp } from '../app/testing/index.js';
import {
  ACCIDENTS,
  HAZARDS,
  landReleaseRules,
  progressReport,
  type HazardRecord,
} from '../landrelease/index.js';
import { seedDemo } from './index.js';

describe('land release demo data', () => {
  it('seeds labelled hazards with a year of releases, devices, an accident with sealed victims and an EORE session, and still verifies', async () => {
    const app = await makeTestApp({ now: '2026-06-01T12:00:00Z' });
    try {
      await seedDemo(app);
      const hazards = (await app.store.findDocs({ collection: HAZARDS })).map(
        (d) => d.data as unknown as HazardRecord,
      );
      const fictional = hazards.filter((h) => h.minefieldIds.length === 0);
      expect(fictional).toHaveLength(4);
      expect(fictional.every((h) => h.name.includes('SYNTHETIC DEMO DATA'))).toBe(true);
      expect(fictional.map((h) => h.status).sort()).toEqual([
        'handed-over',
        'worked-on',
        'worked-on',
        'worked-on',
      ]);
      for (const h of hazards) expect(h.releasedAreaM2).toBeLessThanOrEqual(h.hazardAreaM2 * (1 + 1e-9));
      const cp = await app.ledger.currentCheckpoint();
      const r = await progressReport(
        app.store,
        SYSTEM_ACTOR,
        { from: '2025-01-01', to: '2026-12-31' },
        { origin: cp.origin, size: cp.size, root: Buffer.from(cp.root).toString('hex') },
      );
      expect(
        [r.area.byMethod.cancelled, r.area.byMethod.reduced, r.area.byMethod.cleared].every((m) => m > 0),
      ).toBe(true);
      expect(new Set(r.area.byMonth.map((m) => m.month)).size).toBeGreaterThanOrEqual(6);
      expect(r.devices.byType.reduce((s, d) => s + d.count, 0)).toBeGreaterThan(0);
      expect([r.casualties.killed, r.casualties.injured]).toEqual([1, 1]);
      expect(r.eore.sessions).toBe(1);
      const [accident] = await app.store.findDocs({ collection: ACCIDENTS });
      expect(accident?.data['victimCount']).toBe(2);
      // The victims' personal data is sealed, not in the ledger.
      const size = await app.store.treeSize();
      expect(
        (await app.store.readEntries(0, size)).some((e) => e.bytes.toString('utf8').includes('person A')),
      ).toBe(false);
      // The CHA from the handed-over minefield record has fewer AP mines found than recorded so far.
      const findings = (
        await Promise.all(
          landReleaseRules.map((rule) =>
            rule.evaluate({
              docs: app.store,
              now: app.clock.now(),
              config: {},
              events: () => readEvents(app.store),
            }),
          ),
        )
      ).flat();
      expect(
        findings.filter((f) => f.rule === 'landrelease.devices-reconcile-record').map((f) => f.severity),
      ).toEqual(['warning']);
      const v = await app.verify();
      expect(v.failures).toEqual([]);
      expect(v.sealed).toBe(2);
    } finally {
      await app.close();
    }
  });
});
