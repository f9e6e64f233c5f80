import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addTestUser } from '../app/testing/index.js';
import { ACCIDENTS, casualtyCounts, progressReport, readDocs, readVictims } from './index.js';
import {
  approve,
  makeFixture,
  recordHazard,
  square,
  submissionIdOf,
  submit,
  type Fixture,
} from './fixtures.testkit.js';

let f: Fixture;
beforeEach(async () => {
  f = await makeFixture();
});
afterEach(async () => {
  await f.app.close();
});

const accident = (hazardId: string) => ({
  kind: 'mine',
  date: '2026-04-02',
  location: [10.0003, 0.5003],
  hazardId,
  device: { category: 'ap-mine' },
  cause: 'SYNTHETIC',
  areaMarked: false,
  description: 'SYNTHETIC DEMO DATA accident',
  victims: [
    {
      sex: 'male',
      ageGroup: 'child',
      age: 11,
      name: 'SYNTHETIC Victim A',
      consent: true,
      outcome: 'injured',
      injuries: ['C1.2.3.2'],
    },
    { sex: 'female', ageGroup: 'adult', outcome: 'killed' },
  ],
});

describe('accidents and victims (IMAS 10.60)', () => {
  it('keeps personal data for victim.read and gives everyone else counts by sex and age', async () => {
    const hz = await recordHazard(f, square(10, 0.5, 0.001));
    const a = await approve(f, submissionIdOf(await submit(f, f.surveyor, 'accident', accident(hz))));
    const accidentId = a.result['officialId'] as string;
    const doc = await f.app.store.getDoc(ACCIDENTS, accidentId);
    expect(JSON.stringify(doc?.data)).not.toContain('SYNTHETIC Victim A');
    const auditor = await addTestUser(f.app, 'audrey', ['auditor']);
    const denied = await readVictims(f.app.store, auditor);
    expect(!denied.ok && denied.errors[0]?.code).toBe('AUTH_FORBIDDEN');
    const granted = await readVictims(f.app.store, f.imo, accidentId);
    expect(granted.ok && granted.value.map((d) => d.data['name']).sort()).toEqual([
      'SYNTHETIC Victim A',
      undefined,
    ]);
    expect(await casualtyCounts(f.app.store, auditor)).toEqual([
      { outcome: 'injured', sex: 'male', ageGroup: 'child', count: 1 },
      { outcome: 'killed', sex: 'female', ageGroup: 'adult', count: 1 },
    ]);
    expect(await readDocs(f.app.store, auditor, { collection: 'victims' })).toEqual([]);
  });

  it('refers a victim for assistance only with the victim-data permission', async () => {
    await approve(
      f,
      submissionIdOf(
        await submit(f, f.surveyor, 'accident', accident(await recordHazard(f, square(10, 0.5, 0.001)))),
      ),
    );
    const v = await readVictims(f.app.store, f.imo);
    const victimId = v.ok ? (v.value[0]?.id ?? '') : '';
    const r = await f.app.execute(
      {
        type: 'landrelease.assistance.refer',
        payload: { victimId, type: 'rehabilitation', provider: 'SYNTHETIC clinic' },
      },
      f.imo,
    );
    expect(r.ok).toBe(true);
    const after = await readVictims(f.app.store, f.imo);
    expect(
      after.ok && (after.value.find((d) => d.id === victimId)?.data['referrals'] as unknown[]).length,
    ).toBe(1);
    const unknown = await f.app.execute(
      { type: 'landrelease.assistance.refer', payload: { victimId: 'nope', type: 'medical', provider: 'x' } },
      f.imo,
    );
    expect(!unknown.ok && unknown.errors[0]?.code).toBe('LANDRELEASE_VICTIM_UNKNOWN');
  });

  it('records an EORE session with its audience and puts everything in the progress report', async () => {
    const hz = await recordHazard(f, square(10, 0.5, 0.001));
    await approve(f, submissionIdOf(await submit(f, f.surveyor, 'accident', accident(hz))));
    await approve(
      f,
      submissionIdOf(
        await submit(f, f.surveyor, 'eore', {
          date: '2026-04-10',
          location: [10.01, 0.51],
          organisation: f.orgId,
          audience: { women: 12, men: 8, girls: 15, boys: 11 },
          hazardIds: [hz],
          materials: ['SYNTHETIC leaflet'],
        }),
      ),
    );
    await approve(
      f,
      submissionIdOf(
        await submit(f, f.surveyor, 'activity', {
          hazardId: hz,
          type: 'clearance',
          organisation: f.orgId,
          assets: ['manual'],
          depthCm: 13,
          startDate: '2026-04-01',
          endDate: '2026-04-20',
          hours: 80,
          status: 'completed',
          outputs: [{ method: 'cleared', geometry: square(10, 0.5, 0.0005) }],
          devices: [
            {
              location: [10.0001, 0.5001],
              category: 'ap-mine',
              typeId: f.apTypeId,
              disposal: 'destroyed-in-place',
              depthCm: 6,
            },
          ],
        }),
      ),
    );
    const cp = await f.app.ledger.currentCheckpoint();
    const r = await progressReport(
      f.app.store,
      f.imo,
      { from: '2026-01-01', to: '2026-12-31' },
      { origin: cp.origin, size: cp.size, root: Buffer.from(cp.root).toString('hex') },
    );
    expect(r.checkpoint.size).toBe(await f.app.ledger.size());
    expect(r.area.byMethod.cleared).toBeGreaterThan(0);
    expect(r.area.byOrganisation.map((o) => o.organisation)).toEqual([f.orgId]);
    expect(r.area.byMonth.map((m) => m.month)).toEqual(['2026-04']);
    expect(r.devices.byType).toEqual([{ typeId: f.apTypeId, category: 'ap-mine', count: 1 }]);
    expect([r.casualties.killed, r.casualties.injured]).toEqual([1, 1]);
    expect(r.eore).toEqual({ sessions: 1, audience: { women: 12, men: 8, girls: 15, boys: 11 } });
  });
});
