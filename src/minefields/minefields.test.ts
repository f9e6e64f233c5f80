/** Recording a minefield record: creation, turning points, refusals, reports and statuses (CCW APII, TA 1). */
import { describe, expect, it } from 'vitest';
import { bearingBetween, wgs84Point } from '../geo/index.js';
import { MINEFIELDS, REFERENCE_POINTS, getMinefield } from './index.js';
import {
  createRecord,
  worldPerTest,
  must,
  report,
  validMarking,
  validPayload,
  type MinefieldWorld,
  errorCodes as codes,
} from './testing/fixture.js';

let w: MinefieldWorld;
worldPerTest((world) => (w = world));

describe('recording a minefield', () => {
  it('creates a complete record with a minted human id, perimeter geometry and reference point documents', async () => {
    const { id, humanId } = await createRecord(w);
    expect(humanId).toBe('FI-MF-2026-0001');
    const doc = await w.app.store.getDoc(MINEFIELDS, id);
    expect(doc?.geometry?.type).toBe('Polygon');
    const rec = await getMinefield(w.app.store, id);
    expect(rec?.status).toBe('laying');
    expect(rec?.perimeter?.areaM2).toBeGreaterThan(30_000);
    const rps = await w.app.store.findDocs({ collection: REFERENCE_POINTS });
    expect(rps.map((d) => d.data['label']).sort()).toEqual(['RP1', 'RP2']);
    expect(
      rps.every(
        (d) =>
          d.geometry?.type === 'Point' &&
          d.data['minefieldId'] === id &&
          d.data['classification'] === 'confidential',
      ),
    ).toBe(true);
    expect((await createRecord(w)).humanId).toBe('FI-MF-2026-0002');
  });

  it('solves a turning point given as bearing and distance from a reference point and keeps the entry', async () => {
    const { id } = await createRecord(w);
    const rec = await getMinefield(w.app.store, id);
    const tp = rec?.perimeter?.turningPoints?.[0];
    expect(tp?.original).toEqual({ kind: 'bearing', from: 'RP1', bearing: '0', distanceM: 100 });
    const a = wgs84Point(61.5, 25.5);
    const b = wgs84Point(tp?.position[1], tp?.position[0]);
    if (!a.ok || !b.ok) throw new Error('points');
    const bd = bearingBetween(a.value, b.value);
    if (!bd.ok) throw new Error('bearing');
    expect(bd.value.distance).toBeCloseTo(100, 3);
    expect(Math.min(bd.value.trueBearing, 360 - bd.value.trueBearing)).toBeLessThan(1e-6);
    expect(rec?.referencePoints[0]?.point.original).toEqual({
      kind: 'coordinate',
      text: '61.50000 25.50000',
      format: 'dd',
      crs: 'EPSG:4326',
    });
  });

  it('refuses bad input listing every problem with a catalogued code, and writes nothing', async () => {
    const before = await w.app.store.treeSize();
    const r = await w.app.execute(
      {
        type: 'minefield.create',
        payload: validPayload(w, {
          referencePoints: [
            {
              label: 'RP1',
              coordinate: { text: '61.5 25.5', format: 'dd' },
              landmark: 'pillar',
              fixedBy: 'gps',
              accuracyM: 3,
            },
          ],
          perimeter: {
            turningPoints: [
              { kind: 'coordinate', text: '61.500 25.500', format: 'dd' },
              { kind: 'coordinate', text: '61.502 25.504', format: 'dd' },
              { kind: 'coordinate', text: '61.500 25.504', format: 'dd' },
              { kind: 'coordinate', text: '61.502 25.500', format: 'dd' },
            ],
          },
          contents: [
            {
              typeId: 'no-such-type',
              number: 5,
              emplacingMethod: 'hand',
              fuzeType: 'x',
              lifeTime: { kind: 'indefinite' },
              antiHandling: { present: false },
            },
            {
              typeId: w.stock.apTypeId,
              lotId: w.stock.atLotId,
              number: 5,
              emplacingMethod: 'hand',
              fuzeType: 'x',
              lifeTime: { kind: 'indefinite' },
              antiHandling: { present: false },
            },
            {
              typeId: w.stock.apTypeId,
              lotId: 'no-such-lot',
              number: 5,
              emplacingMethod: 'hand',
              fuzeType: 'x',
              lifeTime: { kind: 'indefinite' },
              antiHandling: { present: false },
            },
          ],
          layingStart: '2026-05-10T14:00:00Z',
          layingEnd: '2026-05-10T06:00:00Z',
        }),
      },
      w.recorder,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const got = r.errors.map((e) => `${e.code}@${e.path}`);
    expect(got).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^GEOMETRY_SELF_INTERSECTION@payload\.perimeter/),
        'MINEFIELD_UNKNOWN_MINE_TYPE@payload.contents[0].typeId',
        'MINEFIELD_UNKNOWN_LOT@payload.contents[1].lotId',
        'MINEFIELD_UNKNOWN_LOT@payload.contents[2].lotId',
        'MINEFIELD_LAYING_DATES_ORDER@payload.layingEnd',
      ]),
    );
    expect(await w.app.store.treeSize()).toBe(before);
  });

  it('refuses a missing mandatory field and a bearing from an unknown reference point', async () => {
    const payload = validPayload(w, {
      perimeter: {
        turningPoints: [
          { kind: 'bearing', from: 'RP9', bearing: '0', distanceM: 100 },
          { kind: 'coordinate', text: '61.501 25.504' },
          { kind: 'coordinate', text: '61.503 25.504' },
        ],
      },
    });
    delete payload['unit'];
    const r = await w.app.execute({ type: 'minefield.create', payload }, w.recorder);
    expect(r.ok ? [] : r.errors.map((e) => `${e.code}@${e.path}`)).toEqual([
      'VALIDATION_REQUIRED@payload.unit',
    ]);
    const r2 = await w.app.execute(
      { type: 'minefield.create', payload: { ...payload, unit: 'u' } },
      w.recorder,
    );
    expect(r2.ok ? [] : r2.errors.map((e) => `${e.code}@${e.path}`)).toEqual([
      'MINEFIELD_UNKNOWN_REFERENCE_POINT@payload.perimeter.turningPoints[0].from',
    ]);
  });

  it('lists every missing Technical Annex 1 field when completion is reported too early', async () => {
    const r = await must(
      w.app,
      {
        type: 'minefield.create',
        payload: {
          state: 'FI',
          classification: 'restricted',
          recordType: 'hand-emplaced',
          unit: 'SYNTHETIC unit',
          intention: {
            dtg: '2026-05-01T08:00:00Z',
            originator: 'a',
            recipient: 'b',
            summary: 'SYNTHETIC intention',
          },
        },
      },
      w.recorder,
    );
    const id = r.result['minefieldId'] as string;
    expect((await getMinefield(w.app.store, id))?.status).toBe('intention-reported');
    expect((await getMinefield(w.app.store, id))?.reports.map((x) => x.reportType)).toEqual(['intention']);
    await must(w.app, report(id, 'initiation'), w.recorder);
    const before = await w.app.store.treeSize();
    const done = await w.app.execute(report(id, 'completion'), w.recorder);
    expect(done.ok ? [] : done.errors.map((e) => `${e.code}@${e.path}`).sort()).toEqual([
      'MINEFIELD_REFERENCE_POINTS_MIN@payload.referencePoints',
      'MINEFIELD_TA1_FIELD_MISSING@payload.contents',
      'MINEFIELD_TA1_FIELD_MISSING@payload.copiesHeldAt',
      'MINEFIELD_TA1_FIELD_MISSING@payload.layingEnd',
      'MINEFIELD_TA1_FIELD_MISSING@payload.layingStart',
      'MINEFIELD_TA1_FIELD_MISSING@payload.perimeter',
      'MINEFIELD_TA1_FIELD_MISSING@payload.rows',
    ]);
    expect(await w.app.store.treeSize()).toBe(before);
  });

  it('refuses an amendment that would leave a laid-recorded record with one reference point', async () => {
    const { id } = await createRecord(w);
    await must(w.app, report(id, 'completion'), w.recorder);
    const r = await w.app.execute(
      {
        type: 'minefield.amend',
        payload: {
          minefieldId: id,
          referencePoints: [
            {
              label: 'RP1',
              coordinate: { text: '61.5 25.5', format: 'dd' },
              landmark: 'pillar',
              fixedBy: 'gps',
              accuracyM: 3,
            },
          ],
        },
      },
      w.recorder,
    );
    expect(codes(r)).toEqual(['MINEFIELD_REFERENCE_POINTS_MIN']);
    const ok = await w.app.execute(
      {
        type: 'minefield.amend',
        payload: { minefieldId: id, copiesHeldAt: ['SYNTHETIC Division HQ', 'SYNTHETIC Army HQ'] },
      },
      w.recorder,
    );
    expect(ok.ok).toBe(true);
    expect((await getMinefield(w.app.store, id))?.copiesHeldAt).toEqual([
      'SYNTHETIC Division HQ',
      'SYNTHETIC Army HQ',
    ]);
  });

  it('walks a record through reports and statuses to closed, and replay equals the projection', async () => {
    const { id } = await createRecord(w);
    await must(w.app, report(id, 'completion'), w.recorder);
    await must(w.app, { type: 'minefield.marking.record', payload: validMarking(id) }, w.recorder);
    await must(
      w.app,
      { type: 'minefield.status.change', payload: { minefieldId: id, to: 'marked-fenced-monitored' } },
      w.recorder,
    );
    await must(w.app, report(id, 'change', { summary: 'SYNTHETIC lane closed' }), w.recorder);
    await must(
      w.app,
      report(id, 'loss-of-control', { reason: 'SYNTHETIC area overrun by enemy action' }),
      w.recorder,
    );
    await must(
      w.app,
      { type: 'minefield.status.change', payload: { minefieldId: id, to: 'clearance-in-progress' } },
      w.recorder,
    );
    await must(w.app, report(id, 'clearance-complete'), w.recorder);
    await must(
      w.app,
      { type: 'minefield.status.change', payload: { minefieldId: id, to: 'closed' } },
      w.recorder,
    );
    const rec = await getMinefield(w.app.store, id);
    expect(rec?.statusHistory.map((s) => s.status)).toEqual([
      'laying',
      'laid-recorded',
      'marked-fenced-monitored',
      'changed',
      'control-lost',
      'clearance-in-progress',
      'cleared',
      'closed',
    ]);
    expect(rec?.controlLostReason).toBe('SYNTHETIC area overrun by enemy action');
    expect(rec?.reports.map((x) => x.reportType)).toEqual([
      'completion',
      'change',
      'loss-of-control',
      'clearance-complete',
    ]);
    expect(
      codes(
        await w.app.execute({ type: 'minefield.amend', payload: { minefieldId: id, unit: 'x' } }, w.recorder),
      ),
    ).toEqual(['MINEFIELD_CLOSED']);
    expect((await w.app.verify()).ok).toBe(true);
  });

  it('refuses a transfer without the receiving force and loss of control without a reason', async () => {
    const { id } = await createRecord(w);
    await must(w.app, report(id, 'completion'), w.recorder);
    expect(codes(await w.app.execute(report(id, 'transfer'), w.recorder))).toEqual([
      'MINEFIELD_REASON_REQUIRED',
    ]);
    expect(codes(await w.app.execute(report(id, 'loss-of-control'), w.recorder))).toEqual([
      'MINEFIELD_REASON_REQUIRED',
    ]);
    expect(
      codes(
        await w.app.execute(
          { type: 'minefield.status.change', payload: { minefieldId: id, to: 'marked-fenced-monitored' } },
          w.recorder,
        ),
      ),
    ).toEqual(['MINEFIELD_MARKING_MISSING']);
    await must(w.app, report(id, 'transfer', { receivingForce: 'SYNTHETIC allied brigade' }), w.recorder);
    expect((await getMinefield(w.app.store, id))?.receivingForce).toBe('SYNTHETIC allied brigade');
    expect(codes(await w.app.execute(report(id, 'change'), w.recorder))).toEqual(['INVALID_TRANSITION']);
  });
});
