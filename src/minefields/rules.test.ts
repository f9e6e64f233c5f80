import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../access/index.js';
import { readEvents } from '../app/index.js';
import { allRules, type ComplianceConfig, type Finding } from '../compliance/index.js';
import { move } from '../stock/testing/fixture.js';
import { minefieldRules, reconcileLines, reconcileMinefield } from './index.js';
import {
  createRecord,
  minefieldWorld,
  must,
  report,
  validMarking,
  validPayload,
  type MinefieldWorld,
} from './testing/fixture.js';

let w: MinefieldWorld;
const NOW = new Date('2026-06-01T12:00:00Z');

async function findings(
  ruleId: string,
  subjectId: string,
  config: ComplianceConfig = {},
): Promise<Finding[]> {
  const rule = minefieldRules.find((r) => r.id === ruleId);
  if (rule === undefined) throw new Error(`no rule ${ruleId}`);
  const all = await rule.evaluate({
    docs: w.app.store,
    now: NOW,
    config,
    events: () => readEvents(w.app.store),
  });
  return all.filter((f) => f.subject.id === subjectId);
}

const line = (typeId: string, number: number, extra: Record<string, unknown> = {}) => ({
  typeId,
  number,
  emplacingMethod: 'hand',
  fuzeType: 'SYNTHETIC fuze',
  lifeTime: { kind: 'indefinite' },
  antiHandling: { present: false },
  ...extra,
});
const place = () => ({ facilityId: w.stock.facilityId, locationId: 'A1' });

beforeAll(async () => {
  w = await minefieldWorld();
});
afterAll(async () => {
  await w.app.close();
});

describe('minefield compliance rules', () => {
  it('are all listed in the compliance engine', () => {
    for (const r of minefieldRules) expect(allRules).toContain(r);
  });

  it('flags mines laid while the state is at peace, and not mines laid in crisis', async () => {
    const inPeace = await createRecord(w, {
      layingStart: '2026-01-15T06:00:00Z',
      layingEnd: '2026-01-15T10:00:00Z',
    });
    const inCrisis = await createRecord(w);
    expect((await findings('minefield.laid-in-peace', inPeace.id)).map((f) => f.severity)).toEqual([
      'violation',
    ]);
    expect(await findings('minefield.laid-in-peace', inCrisis.id)).toEqual([]);
  });

  it('flags a laid record missing TA 1 fields or with fewer than two reference points, and not a complete one', async () => {
    const partial = await must(
      w.app,
      {
        type: 'minefield.create',
        payload: {
          state: 'FI',
          classification: 'restricted',
          recordType: 'hand-emplaced',
          unit: 'SYNTHETIC unit',
          layingStart: '2026-05-01T06:00:00Z',
          layingEnd: '2026-05-01T08:00:00Z',
          contents: [line(w.stock.atTypeId, 4)],
        },
      },
      w.recorder,
    );
    const f = await findings('minefield.ta1-incomplete', partial.result['minefieldId'] as string);
    expect(f.map((x) => x.severity)).toEqual(['violation']);
    expect(f[0]?.message).toMatch(/fewer than two reference points.*missing perimeter/);
    const complete = await createRecord(w);
    expect(await findings('minefield.ta1-incomplete', complete.id)).toEqual([]);
  });

  it('flags an AP minefield not marked, fenced and monitored within 24 h of laying', async () => {
    const unmarked = await createRecord(w);
    const late = await createRecord(w);
    await must(
      w.app,
      {
        type: 'minefield.marking.record',
        payload: validMarking(late.id, { installedAt: '2026-05-12T08:00:00Z' }),
      },
      w.recorder,
    );
    const onTime = await createRecord(w);
    await must(w.app, { type: 'minefield.marking.record', payload: validMarking(onTime.id) }, w.recorder);
    const atOnly = await createRecord(w, { contents: [line(w.stock.atTypeId, 10)] });
    expect(
      (await findings('minefield.ap-not-marked', unmarked.id)).map((x) => [x.severity, x.since]),
    ).toEqual([['violation', '2026-05-11T14:00:00.000Z']]);
    expect((await findings('minefield.ap-not-marked', late.id)).length).toBe(1);
    expect(
      await findings('minefield.ap-not-marked', late.id, { 'minefield.markingWithinHours': 72 }),
    ).toEqual([]);
    expect(await findings('minefield.ap-not-marked', onTime.id)).toEqual([]);
    expect(await findings('minefield.ap-not-marked', atOnly.id)).toEqual([]);
  });

  it('warns of an overdue inspection by the configured interval', async () => {
    const r = await createRecord(w);
    await must(w.app, { type: 'minefield.marking.record', payload: validMarking(r.id) }, w.recorder);
    expect(await findings('minefield.inspection-overdue', r.id)).toEqual([]);
    const f = await findings('minefield.inspection-overdue', r.id, {
      'minefield.inspectionIntervalDays': 10,
    });
    expect(f.map((x) => [x.severity, x.since])).toEqual([['warning', '2026-05-20T18:00:00.000Z']]);
  });

  it('warns of a defect left unrepaired for more than N days, and not of a repaired one', async () => {
    const r = await createRecord(w);
    await must(w.app, { type: 'minefield.marking.record', payload: validMarking(r.id) }, w.recorder);
    const i = await must(
      w.app,
      {
        type: 'minefield.inspection.record',
        payload: {
          minefieldId: r.id,
          inspectedAt: '2026-05-20T10:00:00Z',
          inspector: 'SYNTHETIC',
          findings: [{ kind: 'sign-defaced' }, { kind: 'fence-breach' }],
        },
      },
      w.recorder,
    );
    const [fixed] = i.result['findingIds'] as string[];
    await must(
      w.app,
      {
        type: 'minefield.repair.record',
        payload: { minefieldId: r.id, findingIds: [fixed], repairedAt: '2026-05-21T10:00:00Z' },
      },
      w.recorder,
    );
    const f = await findings('minefield.defect-unrepaired', r.id);
    expect(f.map((x) => x.severity)).toEqual(['warning']);
    expect(f[0]?.message).toMatch(/fence-breach/);
    expect(await findings('minefield.defect-unrepaired', r.id, { 'minefield.defectRepairDays': 30 })).toEqual(
      [],
    );
  });

  it('flags a non-detectable AP type emplaced (TA 2), not a detectable one', async () => {
    const t = await must(
      w.app,
      {
        type: 'stock.type.add',
        payload: {
          designation: 'SYN-AP-ND',
          category: 'AP',
          ottawaStatus: 'banned-ap',
          detectable: false,
          selfDestruct: false,
          selfDestructPeriodDays: null,
          selfDeactivation: false,
          selfDeactivationPeriodDays: null,
          remotelyDelivered: false,
          hazardDivision: '1.1',
          compatibilityGroup: 'D',
          neqKg: 0.05,
        },
      },
      w.stock.officer,
    );
    const bad = await createRecord(w, { contents: [line(t.result['typeId'] as string, 5)] });
    const good = await createRecord(w);
    expect((await findings('minefield.non-detectable-ap', bad.id)).map((x) => x.severity)).toEqual([
      'violation',
    ]);
    expect(await findings('minefield.non-detectable-ap', good.id)).toEqual([]);
  });

  it('flags a remotely delivered AP type without self-destruction and self-deactivation (TA 3)', async () => {
    const base = {
      category: 'AP',
      ottawaStatus: 'banned-ap',
      detectable: true,
      remotelyDelivered: true,
      hazardDivision: '1.1',
      compatibilityGroup: 'D',
      neqKg: 0.05,
    };
    const noSd = await must(
      w.app,
      {
        type: 'stock.type.add',
        payload: {
          ...base,
          designation: 'SYN-RDM-1',
          selfDestruct: false,
          selfDestructPeriodDays: null,
          selfDeactivation: true,
          selfDeactivationPeriodDays: 120,
        },
      },
      w.stock.officer,
    );
    const sd = await must(
      w.app,
      {
        type: 'stock.type.add',
        payload: {
          ...base,
          designation: 'SYN-RDM-2',
          selfDestruct: true,
          selfDestructPeriodDays: 30,
          selfDeactivation: true,
          selfDeactivationPeriodDays: 120,
        },
      },
      w.stock.officer,
    );
    const corners = ['61.60 25.60', '61.60 25.61', '61.61 25.61', '61.61 25.60'].map((text) => ({
      kind: 'coordinate',
      text,
      format: 'dd',
    }));
    const rdm = (typeId: string) => ({
      recordType: 'remotely-delivered',
      referencePoints: [],
      rows: [],
      perimeter: { turningPoints: corners },
      contents: [
        line(typeId, 100, {
          emplacingMethod: 'remote-artillery',
          lifeTime: { kind: 'self-destruct', hours: 720 },
        }),
      ],
    });
    const bad = await createRecord(w, rdm(noSd.result['typeId'] as string));
    const good = await createRecord(w, rdm(sd.result['typeId'] as string));
    const f = await findings('minefield.rdm-ap-without-sd', bad.id);
    expect(f.map((x) => x.severity)).toEqual(['violation']);
    expect(f[0]?.message).toMatch(/lacks self-destruction/);
    expect(await findings('minefield.rdm-ap-without-sd', good.id)).toEqual([]);
  });
});

describe('reconciliation with stock', () => {
  it('agrees when issues minus returns equal the recorded contents, and flags a partial issue', async () => {
    await move(w.app, w.stock, { kind: 'receipt', lotId: w.stock.lotId, quantity: 200, to: place() });
    await move(w.app, w.stock, { kind: 'receipt', lotId: w.stock.atLotId, quantity: 50, to: place() });
    const r = await createRecord(w);
    await move(w.app, w.stock, {
      kind: 'issue-emplacement',
      lotId: w.stock.lotId,
      quantity: 30,
      from: place(),
      minefieldId: r.humanId,
    });
    await move(w.app, w.stock, {
      kind: 'issue-emplacement',
      lotId: w.stock.lotId,
      quantity: 10,
      from: place(),
      minefieldId: r.id,
    });
    await move(w.app, w.stock, {
      kind: 'return',
      lotId: w.stock.lotId,
      quantity: 5,
      to: place(),
      minefieldId: r.humanId,
    });
    await move(w.app, w.stock, {
      kind: 'issue-emplacement',
      lotId: w.stock.atLotId,
      quantity: 8,
      from: place(),
      minefieldId: r.humanId,
    });
    const lines = await reconcileMinefield(w.app.store, r.id);
    const ap = lines.find((l) => l.typeId === w.stock.apTypeId);
    const at = lines.find((l) => l.typeId === w.stock.atTypeId);
    expect(ap).toEqual({
      typeId: w.stock.apTypeId,
      lotId: w.stock.lotId,
      issued: 40,
      returned: 5,
      net: 35,
      recorded: 35,
      difference: 0,
    });
    expect(at).toEqual({
      typeId: w.stock.atTypeId,
      lotId: w.stock.atLotId,
      issued: 8,
      returned: 0,
      net: 8,
      recorded: 10,
      difference: 2,
    });
    const f = await findings('minefield.unreconciled', r.id);
    expect(f.map((x) => x.message)).toEqual([
      expect.stringMatching(/issued 8, returned 0, recorded 10 \(difference \+2\)/),
    ]);
    await must(
      w.app,
      {
        type: 'minefield.amend',
        payload: {
          minefieldId: r.id,
          contents: [validPayload(w)['contents'] as unknown[]][0]?.map((c, i) =>
            i === 1 ? { ...(c as object), number: 8 } : c,
          ),
        },
      },
      w.recorder,
    );
    expect(await findings('minefield.unreconciled', r.id)).toEqual([]);
  });

  it('compares by type when recorded lines give no lot', () => {
    const lines = reconcileLines(
      [
        { typeId: 'T', lotId: 'L1', issued: 10, returned: 2 },
        { typeId: 'T', lotId: 'L2', issued: 5, returned: 0 },
      ],
      [{ typeId: 'T', number: 13 }],
    );
    expect(lines).toEqual([
      { typeId: 'T', lotId: '*', issued: 15, returned: 2, net: 13, recorded: 13, difference: 0 },
    ]);
    expect(reconcileLines([], [{ typeId: 'T', lotId: 'L', number: 3 }])).toEqual([
      { typeId: 'T', lotId: 'L', issued: 0, returned: 0, net: 0, recorded: 3, difference: 3 },
    ]);
  });
});

describe('handover after return to peace (APII Art 10)', () => {
  it('warns when a record is not handed to mine action within the configured days, and not once handed over', async () => {
    const v = await minefieldWorld();
    try {
      await must(
        v.app,
        {
          type: 'treaty.readiness.set',
          effectiveAt: '2026-03-01',
          payload: {
            code: 'FI',
            status: 'peace',
            legalReference: 'SYNTHETIC end of crisis',
            sourceUrl: 'https://example.org/synthetic',
          },
        },
        SYSTEM_ACTOR,
      );
      const stale = await must(
        v.app,
        {
          type: 'minefield.create',
          payload: validPayload(v, {
            layingStart: '2026-02-10T06:00:00Z',
            layingEnd: '2026-02-10T12:00:00Z',
          }),
        },
        v.recorder,
      );
      const handed = await must(
        v.app,
        {
          type: 'minefield.create',
          payload: validPayload(v, {
            layingStart: '2026-02-10T06:00:00Z',
            layingEnd: '2026-02-10T12:00:00Z',
          }),
        },
        v.recorder,
      );
      const handedId = handed.result['minefieldId'] as string;
      await must(v.app, report(handedId, 'completion'), v.recorder);
      await must(
        v.app,
        {
          type: 'minefield.release',
          payload: {
            minefieldId: handedId,
            recipient: { kind: 'national-mac', name: 'SYNTHETIC MAC' },
            legalBasis: 'APII Art 10',
            releasedAt: '2026-04-01T00:00:00Z',
          },
        },
        v.imo,
      );
      const prev = w;
      w = v;
      try {
        const f = await findings(
          'minefield.not-handed-to-mine-action',
          stale.result['minefieldId'] as string,
        );
        expect(f.map((x) => [x.severity, x.since])).toEqual([['warning', '2026-05-30T00:00:00.000Z']]);
        expect(
          await findings('minefield.not-handed-to-mine-action', stale.result['minefieldId'] as string, {
            'minefield.handoverAfterPeaceDays': 120,
          }),
        ).toEqual([]);
        expect(await findings('minefield.not-handed-to-mine-action', handedId)).toEqual([]);
      } finally {
        w = prev;
      }
    } finally {
      await v.app.close();
    }
  });
});
