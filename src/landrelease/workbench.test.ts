import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ANONYMOUS_ACTOR } from '../access/index.js';
import { addTestUser } from '../app/testing/index.js';
import { geodesicArea } from '../geo/index.js';
import { HAZARDS, RELEASES, getSubmission, readDocs, type HazardRecord } from './index.js';
import {
  activityReport,
  approve,
  hazardReport,
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

const codes = (r: { ok: boolean; errors?: readonly { code: string; path: string }[] }): string[] =>
  (r.errors ?? []).map((e) => e.code).sort();

async function hazard(id: string): Promise<HazardRecord> {
  const d = await f.app.store.getDoc(HAZARDS, id);
  return d?.data as unknown as HazardRecord;
}

describe('review workbench', () => {
  it('keeps a field report as submitted until a reviewer approves it into the official dataset', async () => {
    const sid = submissionIdOf(await submit(f, f.surveyor, 'hazard', hazardReport(square(10, 0.5, 0.001))));
    expect((await getSubmission(f.app.store, sid))?.status).toBe('submitted');
    expect(await f.app.store.countDocs({ collection: HAZARDS })).toBe(0);
    const a = await approve(f, sid);
    const h = await hazard(a.result['officialId'] as string);
    expect(h.status).toBe('open');
    expect(h.humanId).toBe('HA-0001');
    expect(h.hazardAreaM2).toBeCloseTo(geodesicArea(square(10, 0.5, 0.001)), 6);
    expect(h.remainingAreaM2).toBe(h.hazardAreaM2);
    expect((await getSubmission(f.app.store, sid))?.history.map((x) => x.action)).toEqual([
      'submitted',
      'approved',
    ]);
    expect((await f.app.verify()).ok).toBe(true);
  });

  it('refuses approval by the submitter and rejects with a reason', async () => {
    const sid = submissionIdOf(await submit(f, f.imo, 'hazard', hazardReport(square(10, 0.5, 0.001))));
    const self = await f.app.execute(
      { type: 'landrelease.review.approve', payload: { submissionId: sid } },
      f.imo,
    );
    expect(codes(self)).toEqual(['LANDRELEASE_SELF_REVIEW']);
    const noReason = await f.app.execute(
      { type: 'landrelease.review.reject', payload: { submissionId: sid, reason: '' } },
      f.imo2,
    );
    expect(codes(noReason)).toEqual(['VALIDATION_RANGE']);
    const r = await f.app.execute(
      {
        type: 'landrelease.review.reject',
        payload: { submissionId: sid, reason: 'perimeter walked on the wrong field' },
      },
      f.imo2,
    );
    expect(r.ok).toBe(true);
    const s = await getSubmission(f.app.store, sid);
    expect([s?.status, s?.reason]).toEqual(['rejected', 'perimeter walked on the wrong field']);
    const again = await f.app.execute(
      { type: 'landrelease.review.approve', payload: { submissionId: sid } },
      f.imo2,
    );
    expect(codes(again)).toEqual(['LANDRELEASE_SUBMISSION_NOT_PENDING']);
  });

  it('attaches a QA note for each missing recommended field and for geometry warnings', async () => {
    // Edges of ~11 km: the GICHD geocheck long-edge warning.
    const big = square(10, 0.5, 0.1);
    const r = await submit(f, f.surveyor, 'hazard', {
      name: 'SYNTHETIC DEMO DATA',
      kind: 'sha',
      evidence: { kind: 'direct', items: [] },
      perimeter: big,
    });
    expect(r.ok).toBe(true);
    const notes = r.ok
      ? (r.value.result['qaNotes'] as { code: string; path: string; severity: string }[])
      : [];
    expect(notes.filter((n) => n.code === 'GEOMETRY_LONG_EDGE').length).toBe(4);
    expect(
      notes
        .filter((n) => n.code === 'LANDRELEASE_FIELD_MISSING')
        .map((n) => n.path)
        .sort(),
    ).toEqual(
      [
        'payload.report.benchmark',
        'payload.report.beneficiaries',
        'payload.report.estimatedAreaM2',
        'payload.report.evidence.items',
        'payload.report.priority',
      ].sort(),
    );
    expect(notes.every((n) => n.severity === 'warning')).toBe(true);
  });

  it('notes releases outside the hazard, overlapping releases, devices outside and an empty report, and refuses to approve them', async () => {
    const hz = await recordHazard(f, square(10, 0.5, 0.001));
    const first = submissionIdOf(
      await submit(
        f,
        f.surveyor,
        'activity',
        activityReport(f, hz, { outputs: [{ method: 'cleared', geometry: square(10, 0.5, 0.0005) }] }),
      ),
    );
    await approve(f, first);
    const bad = await submit(
      f,
      f.surveyor,
      'activity',
      activityReport(f, hz, {
        outputs: [
          { method: 'cleared', geometry: square(10.0002, 0.5002, 0.0005) },
          { method: 'reduced', geometry: square(10.002, 0.5, 0.0005) },
        ],
        devices: [
          {
            location: [10.01, 0.51],
            category: 'ap-mine',
            typeId: f.apTypeId,
            disposal: 'destroyed-in-place',
            depthCm: 5,
          },
        ],
      }),
    );
    const notes = bad.ok
      ? (bad.value.result['qaNotes'] as { code: string; path: string; severity: string }[])
      : [];
    const blocking = notes.filter((n) => n.severity === 'blocking').map((n) => [n.code, n.path]);
    expect(blocking.sort()).toEqual([
      ['LANDRELEASE_RELEASE_OUTSIDE_HAZARD', 'payload.report.outputs[1]'],
      ['LANDRELEASE_RELEASE_OVERLAP', 'payload.report.outputs[0]'],
    ]);
    expect(
      notes.some((n) => n.code === 'LANDRELEASE_DEVICE_OUTSIDE_HAZARD' && n.severity === 'warning'),
    ).toBe(true);
    const size = await f.app.ledger.size();
    const refused = await f.app.execute(
      { type: 'landrelease.review.approve', payload: { submissionId: submissionIdOf(bad) } },
      f.imo,
    );
    expect(codes(refused)).toEqual(['LANDRELEASE_RELEASE_OUTSIDE_HAZARD', 'LANDRELEASE_RELEASE_OVERLAP']);
    expect(await f.app.ledger.size()).toBe(size);

    const empty = await submit(f, f.surveyor, 'activity', activityReport(f, hz, { hours: 0 }));
    expect(empty.ok && (empty.value.result['qaNotes'] as { code: string }[]).map((n) => n.code)).toContain(
      'LANDRELEASE_EMPTY_REPORT',
    );
    const noApprove = await f.app.execute(
      { type: 'landrelease.review.approve', payload: { submissionId: submissionIdOf(empty) } },
      f.imo,
    );
    expect(codes(noApprove)).toEqual(['LANDRELEASE_EMPTY_REPORT']);
  });

  it('refuses bad input listing every problem with its code and path, and writes nothing', async () => {
    const hz = await recordHazard(f, square(10, 0.5, 0.001));
    const size = await f.app.ledger.size();
    const bowtie = {
      type: 'Polygon',
      coordinates: [
        [
          [10, 0.5],
          [10.0005, 0.5005],
          [10.0005, 0.5],
          [10, 0.5005],
          [10, 0.5],
        ],
      ],
    };
    const r = await submit(
      f,
      f.surveyor,
      'activity',
      activityReport(f, hz, {
        organisation: 'no-such-org',
        hours: -3,
        outputs: [{ method: 'cleared', geometry: bowtie }],
        devices: [{ location: [10.0001, 0.5001], category: 'ap-mine', typeId: 'no-such-type', count: -1 }],
      }),
    );
    expect(r.ok).toBe(false);
    // Schema problems come first (negative numbers); state checks run once the shape is valid.
    expect(codes(r)).toEqual(['VALIDATION_RANGE', 'VALIDATION_RANGE']);
    const r2 = await submit(
      f,
      f.surveyor,
      'activity',
      activityReport(f, hz, {
        organisation: 'no-such-org',
        outputs: [{ method: 'cleared', geometry: bowtie }],
        devices: [{ location: [10.0001, 0.5001], category: 'ap-mine', typeId: 'no-such-type' }],
      }),
    );
    expect(
      r2.ok ? [] : r2.errors.map((e) => [e.code, e.path.replace(/\.coordinates.*$/, '')]).sort(),
    ).toEqual([
      ['GEOMETRY_SELF_INTERSECTION', 'payload.report.outputs[0].geometry'],
      ['LANDRELEASE_DEVICE_TYPE_UNKNOWN', 'payload.report.devices[0].typeId'],
      ['LANDRELEASE_ORGANISATION_UNKNOWN', 'payload.report.organisation'],
    ]);
    const r3 = await submit(f, f.surveyor, 'activity', activityReport(f, 'no-such-hazard'));
    expect(codes(r3)).toEqual(['LANDRELEASE_HAZARD_UNKNOWN']);
    expect(await f.app.ledger.size()).toBe(size);
  });

  it('accounts released and remaining area and moves an open hazard to worked-on', async () => {
    const perimeter = square(10, 0.5, 0.001);
    const hz = await recordHazard(f, perimeter);
    const sid = submissionIdOf(
      await submit(
        f,
        f.surveyor,
        'activity',
        activityReport(f, hz, {
          outputs: [
            { method: 'cleared', geometry: square(10, 0.5, 0.0005) },
            { method: 'cancelled', geometry: square(10.0005, 0.5, 0.0005) },
          ],
          devices: [
            {
              location: [10.0001, 0.5001],
              category: 'ap-mine',
              typeId: f.apTypeId,
              disposal: 'destroyed-in-place',
              depthCm: 8,
            },
          ],
        }),
      ),
    );
    await approve(f, sid);
    const h = await hazard(hz);
    const released = geodesicArea(square(10, 0.5, 0.0005)) + geodesicArea(square(10.0005, 0.5, 0.0005));
    expect(h.releasedAreaM2).toBeCloseTo(released, 3);
    expect(Math.abs(h.remainingAreaM2 + h.releasedAreaM2 - h.hazardAreaM2) / h.hazardAreaM2).toBeLessThan(
      1e-4,
    );
    expect(h.status).toBe('worked-on');
    expect(h.statusHistory.map((s) => s.status)).toEqual(['open', 'worked-on']);
    const rel = await f.app.store.findDocs({ collection: RELEASES });
    expect(rel.map((d) => d.data['method']).sort()).toEqual(['cancelled', 'cleared']);
  });

  it('makes a correction a new version, keeps every version visible and supersedes the old releases', async () => {
    const hz = await recordHazard(f, square(10, 0.5, 0.001));
    const v1 = submissionIdOf(
      await submit(
        f,
        f.surveyor,
        'activity',
        activityReport(f, hz, { outputs: [{ method: 'cleared', geometry: square(10, 0.5, 0.0005) }] }),
      ),
    );
    await approve(f, v1);
    // The same land, re-walked: not an overlap with itself, because it corrects that activity.
    const v2 = submissionIdOf(
      await submit(
        f,
        f.surveyor,
        'activity',
        activityReport(f, hz, { outputs: [{ method: 'cleared', geometry: square(10, 0.5, 0.0006) }] }),
        { corrects: v1 },
      ),
    );
    const s2 = await getSubmission(f.app.store, v2);
    expect(s2?.version).toBe(2);
    expect(s2?.qaNotes.filter((n) => n.severity === 'blocking')).toEqual([]);
    await approve(f, v2);
    const all = await f.app.store.findDocs({ collection: RELEASES });
    expect(all.map((d) => d.data['current']).sort()).toEqual([false, true]);
    expect((await getSubmission(f.app.store, v1))?.status).toBe('approved');
    expect((await getSubmission(f.app.store, v1))?.supersededBy).toBe(v2);
    const h = await hazard(hz);
    expect(h.releasedAreaM2).toBeCloseTo(geodesicArea(square(10, 0.5, 0.0006)), 3);
  });

  it('returns the original result for a resubmitted client id and writes nothing more', async () => {
    const report = hazardReport(square(10, 0.5, 0.001));
    const first = await submit(f, f.surveyor, 'hazard', report, { submission: 'tablet-3:000042' });
    const size = await f.app.ledger.size();
    const again = await submit(f, f.surveyor, 'hazard', report, { submission: 'tablet-3:000042' });
    expect(again.ok && again.value.replayed).toBe(true);
    expect(submissionIdOf(again)).toBe(submissionIdOf(first));
    // The original result itself, QA notes included, not only the original events.
    expect(first.ok && first.value.result['qaNotes']).toBeDefined();
    expect(again.ok && again.value.result).toEqual(first.ok && first.value.result);
    expect(await f.app.ledger.size()).toBe(size);
    const sid = submissionIdOf(first);
    const ap1 = await f.app.execute(
      { type: 'landrelease.review.approve', submission: 'desk:approve-1', payload: { submissionId: sid } },
      f.imo,
    );
    const ap2 = await f.app.execute(
      { type: 'landrelease.review.approve', submission: 'desk:approve-1', payload: { submissionId: sid } },
      f.imo,
    );
    expect(ap1.ok && ap2.ok && ap2.value.replayed).toBe(true);
    expect(ap2.ok && ap2.value.result).toEqual(ap1.ok && ap1.value.result);
    expect(ap1.ok && ap1.value.result['officialId']).toEqual(expect.any(String));
    expect(await f.app.store.countDocs({ collection: HAZARDS })).toBe(1);
  });
});

describe('hazard status', () => {
  const change = (id: string, status: string, effectiveAt = '2026-05-01') =>
    f.app.execute(
      {
        type: 'landrelease.hazard.status',
        effectiveAt,
        payload: { hazardId: id, status, reason: `SYNTHETIC to ${status}` },
      },
      f.imo,
    );

  it('follows open → worked-on → closed, with a date and reason for each change', async () => {
    const hz = await recordHazard(f, square(10, 0.5, 0.001));
    expect((await change(hz, 'worked-on')).ok).toBe(true);
    expect((await change(hz, 'closed', '2026-05-20')).ok).toBe(true);
    const h = await hazard(hz);
    expect(h.statusHistory.map((s) => [s.status, s.date.slice(0, 10), s.reason])).toEqual([
      ['open', h.createdAt.slice(0, 10), 'recorded'],
      ['worked-on', '2026-05-01', 'SYNTHETIC to worked-on'],
      ['closed', '2026-05-20', 'SYNTHETIC to closed'],
    ]);
  });

  it('follows open → worked-on → handed-over and open → closed (cancelled by survey)', async () => {
    const a = await recordHazard(f, square(10, 0.5, 0.001));
    expect((await change(a, 'worked-on')).ok && (await change(a, 'handed-over')).ok).toBe(true);
    expect((await hazard(a)).status).toBe('handed-over');
    const b = await recordHazard(f, square(10.01, 0.5, 0.001));
    expect((await change(b, 'closed')).ok).toBe(true);
  });

  it('refuses every other transition, a missing date, and work on a closed hazard', async () => {
    const a = await recordHazard(f, square(10, 0.5, 0.001));
    expect(codes(await change(a, 'handed-over'))).toEqual(['INVALID_TRANSITION']);
    expect(codes(await change(a, 'open'))).toEqual(['INVALID_TRANSITION']);
    const noDate = await f.app.execute(
      { type: 'landrelease.hazard.status', payload: { hazardId: a, status: 'closed', reason: 'x' } },
      f.imo,
    );
    expect(codes(noDate)).toEqual(['VALIDATION_DATE_MISSING']);
    await change(a, 'closed');
    for (const s of ['open', 'worked-on', 'handed-over', 'closed'])
      expect(codes(await change(a, s))).toEqual(['INVALID_TRANSITION']);
    const work = await submit(
      f,
      f.surveyor,
      'activity',
      activityReport(f, a, { outputs: [{ method: 'cleared', geometry: square(10, 0.5, 0.0005) }] }),
    );
    expect(codes(work)).toEqual(['LANDRELEASE_HAZARD_CLOSED']);
  });

  it('shows the anonymous user only hazards released for public warning', async () => {
    const a = await recordHazard(f, square(10, 0.5, 0.001));
    await recordHazard(f, square(10.01, 0.5, 0.001));
    expect(await readDocs(f.app.store, ANONYMOUS_ACTOR, { collection: HAZARDS })).toEqual([]);
    const r = await f.app.execute(
      {
        type: 'landrelease.hazard.publish-warning',
        payload: { hazardId: a, reason: 'SYNTHETIC community warning' },
      },
      f.imo,
    );
    expect(r.ok).toBe(true);
    expect((await readDocs(f.app.store, ANONYMOUS_ACTOR, { collection: HAZARDS })).map((d) => d.id)).toEqual([
      a,
    ]);
    const auditor = await addTestUser(f.app, 'audrey', ['auditor']);
    expect(await readDocs(f.app.store, auditor, { collection: HAZARDS })).toHaveLength(2);
  });
});
