/** Direct entry of hazardous areas by a reviewer (landrelease.hazard.record). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFixture, square, type Fixture } from './fixtures.testkit.js';

const report = (name: string, lon: number, extra: Record<string, unknown> = {}) => ({
  name: `SYNTHETIC DEMO DATA: ${name}`,
  kind: 'sha',
  evidence: { kind: 'indirect', items: ['SYNTHETIC informant'] },
  perimeter: square(lon, 60, 0.01),
  ...extra,
});

let f: Fixture;
beforeAll(async () => {
  f = await makeFixture();
});
afterAll(async () => {
  await f.app.close();
});

describe('landrelease.hazard.record', () => {
  it('records a new hazardous area directly for a reviewer, with a human id and a geodesic area', async () => {
    const r = await f.app.execute(
      { type: 'landrelease.hazard.record', payload: { report: report('direct', 24) } },
      f.imo,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const id = r.value.result['hazardId'] as string;
    const d = await f.app.store.getDoc('hazards', id);
    expect(d?.data['humanId']).toBe(r.value.result['humanId']);
    expect(d?.data['status']).toBe('open');
    expect(d?.data['hazardAreaM2']).toBeGreaterThan(500_000);
    expect(d?.data['versions']).toEqual([{ version: 1, submissionId: null, seq: r.value.events[0]?.seq }]);
    expect(r.value.events[0]?.actor).toBe(f.imo.id);
  });

  it('refuses a field surveyor, who must submit to the workbench, and writes nothing', async () => {
    const size = await f.app.ledger.size();
    const r = await f.app.execute(
      { type: 'landrelease.hazard.record', payload: { report: report('surveyor', 25) } },
      f.surveyor,
    );
    expect(r.ok ? [] : r.errors.map((e) => e.code)).toEqual(['AUTH_FORBIDDEN']);
    expect(await f.app.ledger.size()).toBe(size);
  });

  it('lists every problem of an invalid report with its path and writes nothing', async () => {
    const size = await f.app.ledger.size();
    const bowtie = {
      type: 'Polygon',
      coordinates: [
        [
          [24, 60],
          [24.01, 60.01],
          [24.01, 60],
          [24, 60.01],
          [24, 60],
        ],
      ],
    };
    const r = await f.app.execute(
      {
        type: 'landrelease.hazard.record',
        payload: { report: report('bad', 26, { perimeter: bowtie, estimatedAreaM2: -5 }) },
      },
      f.imo,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.path)).toEqual(expect.arrayContaining(['payload.report.estimatedAreaM2']));
    expect(await f.app.ledger.size()).toBe(size);
    const geo = await f.app.execute(
      { type: 'landrelease.hazard.record', payload: { report: report('bowtie', 26, { perimeter: bowtie }) } },
      f.imo,
    );
    expect(geo.ok ? [] : geo.errors.map((e) => e.code)).toContain('GEOMETRY_SELF_INTERSECTION');
  });

  it('corrects a hazard as version 2, keeping its human id and status, and refuses unknown and closed hazards', async () => {
    const first = await f.app.execute(
      { type: 'landrelease.hazard.record', payload: { report: report('to correct', 27) } },
      f.imo,
    );
    if (!first.ok) throw new Error('record');
    const hazardId = first.value.result['hazardId'] as string;
    const second = await f.app.execute(
      {
        type: 'landrelease.hazard.record',
        payload: { hazardId, report: report('corrected', 27, { perimeter: square(27, 60, 0.02) }) },
      },
      f.imo2,
    );
    expect(second.ok).toBe(true);
    const d = await f.app.store.getDoc('hazards', hazardId);
    expect(d?.data['version']).toBe(2);
    expect(d?.data['humanId']).toBe(first.value.result['humanId']);
    expect(d?.data['name']).toBe('SYNTHETIC DEMO DATA: corrected');
    expect(d?.data['hazardAreaM2']).toBeGreaterThan(3 * 500_000);
    const unknown = await f.app.execute(
      { type: 'landrelease.hazard.record', payload: { hazardId: 'nope', report: report('x', 28) } },
      f.imo,
    );
    expect(unknown.ok ? [] : unknown.errors.map((e) => e.code)).toEqual(['LANDRELEASE_HAZARD_UNKNOWN']);
    const closed = await f.app.execute(
      {
        type: 'landrelease.hazard.status',
        effectiveAt: f.app.clock.now().toISOString(),
        payload: { hazardId, status: 'closed', reason: 'cancelled by non-technical survey' },
      },
      f.imo,
    );
    expect(closed.ok).toBe(true);
    const late = await f.app.execute(
      { type: 'landrelease.hazard.record', payload: { hazardId, report: report('late', 27) } },
      f.imo,
    );
    expect(late.ok ? [] : late.errors.map((e) => e.code)).toEqual(['LANDRELEASE_HAZARD_CLOSED']);
  });

  it('replays to the same projections', async () => {
    expect((await f.app.verify()).ok).toBe(true);
  });
});
