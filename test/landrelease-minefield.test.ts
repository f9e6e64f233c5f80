/**
 * Issue #6 across modules, through the app: a minefield record handed to mine action becomes a
 * CHA by a recorded reaction event, and devices found in that CHA reconcile against the record's
 * contents in both directions (CCW APII Art 9(1), TA 1(a)(iii); IMAS 08.30). SYNTHETIC data.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addTestUser } from '../src/app/testing/index.js';
import { allRules, runRules, type Finding } from '../src/compliance/index.js';
import { parseEventBytes, type LedgerEvent } from '../src/ledger/index.js';
import { HAZARDS, MINEFIELD_HANDED, type HazardRecord } from '../src/landrelease/index.js';
import { getMinefield } from '../src/minefields/index.js';
import {
  createRecord,
  minefieldWorld,
  must,
  report,
  validPayload,
  type MinefieldWorld,
} from '../src/minefields/testing/fixture.js';
import { SYSTEM_ACTOR, type Actor } from '../src/access/index.js';

let w: MinefieldWorld;
let surveyor: Actor;
let orgId: string;
beforeEach(async () => {
  w = await minefieldWorld();
  surveyor = await addTestUser(w.app, 'sam', ['field-surveyor']);
  const org = await must(
    w.app,
    {
      type: 'stock.org.add',
      payload: { name: 'SYNTHETIC Demining Operator', kind: 'operator', country: 'FI' },
    },
    SYSTEM_ACTOR,
  );
  orgId = org.result['orgId'] as string;
});
afterEach(async () => {
  await w.app.close();
});

async function ledger(): Promise<LedgerEvent[]> {
  const size = await w.app.store.treeSize();
  return (await w.app.store.readEntries(0, size)).map((e) => parseEventBytes(e.bytes));
}

/** Hand a fresh record to the national mine action centre; returns the record id and the CHA. */
async function handOver(): Promise<{ minefieldId: string; hazard: HazardRecord }> {
  const { id } = await createRecord(w);
  await must(w.app, report(id, 'completion'), w.recorder);
  await must(
    w.app,
    {
      type: 'minefield.release',
      payload: {
        minefieldId: id,
        recipient: { kind: 'national-mac', name: 'SYNTHETIC National MAC' },
        legalBasis: 'CCW APII Art 9(2), Art 10',
        releasedAt: '2026-05-31T00:00:00Z',
      },
    },
    w.imo,
  );
  const linked = (await w.app.store.findDocs({ collection: HAZARDS }))
    .map((d) => d.data as unknown as HazardRecord)
    .filter((h) => h.minefieldIds.includes(id));
  expect(linked).toHaveLength(1);
  const [hazard] = linked;
  if (hazard === undefined) throw new Error('no CHA');
  return { minefieldId: id, hazard };
}

/** Clear part of the CHA and report `ap` AP mines of the record's AP type (and one AT mine). */
async function clearWith(hazardId: string, ap: number, corrects?: string): Promise<string> {
  const report = {
    hazardId,
    type: 'clearance',
    organisation: orgId,
    assets: ['manual', 'detector'],
    depthCm: 15,
    startDate: '2026-05-31',
    endDate: '2026-05-31',
    hours: 40,
    status: 'completed',
    devices: [
      {
        location: [25.502, 61.5018],
        category: 'ap-mine',
        typeId: w.stock.apTypeId,
        condition: 'intact',
        depthCm: 5,
        disposal: 'destroyed-in-place',
        count: ap,
      },
      {
        location: [25.5021, 61.5019],
        category: 'at-mine',
        typeId: w.stock.atTypeId,
        condition: 'intact',
        depthCm: 12,
        disposal: 'removed',
        count: 1,
      },
    ],
  };
  const s = await must(
    w.app,
    {
      type: 'landrelease.submit',
      payload: { kind: 'activity', report, ...(corrects === undefined ? {} : { corrects }) },
    },
    surveyor,
  );
  const submissionId = s.events[0]?.payload['submissionId'] as string;
  await must(w.app, { type: 'landrelease.review.approve', payload: { submissionId } }, w.imo);
  return submissionId;
}

const reconciliation = async (hazardId: string): Promise<Finding[]> =>
  (
    await runRules(allRules, {
      docs: w.app.store,
      now: new Date('2026-06-01T12:00:00Z'),
      config: {},
      events: async function* () {
        yield* await ledger();
      },
    })
  ).filter((f) => f.rule === 'landrelease.devices-reconcile-record' && f.subject.id === hazardId);

describe('a minefield record handed to mine action', () => {
  it('creates a CHA linked to the record through a reaction event recorded in the same transaction', async () => {
    const { minefieldId, hazard } = await handOver();
    const events = await ledger();
    const handed = events.find(
      (e) => e.type === MINEFIELD_HANDED && e.payload['minefieldId'] === minefieldId,
    );
    const created = events.find(
      (e) =>
        e.type === 'landrelease.hazard-recorded' &&
        (e.payload['minefieldIds'] as string[] | undefined)?.includes(minefieldId),
    );
    expect(handed).toBeDefined();
    expect(created).toBeDefined();
    if (handed === undefined || created === undefined) return;
    // The reaction follows the hand-over, cites it and was appended in the same transaction.
    expect(created.seq).toBeGreaterThan(handed.seq);
    expect(created.refs).toEqual([handed.seq]);
    expect(created.recordedAt).toBe(handed.recordedAt);
    expect(created.actor).toBe(w.imo.id);
    expect(created.payload['hazardId']).toBe(hazard.id);
    expect(hazard.kind).toBe('cha');
    expect(hazard.status).toBe('open');
    expect(hazard.evidence.kind).toBe('direct');
    const rec = await getMinefield(w.app.store, minefieldId);
    expect((await w.app.store.getDoc(HAZARDS, hazard.id))?.geometry).toEqual(rec?.perimeter?.polygon);
    expect(hazard.hazardAreaM2).toBeGreaterThan(0);
    expect(hazard.remainingAreaM2).toBe(hazard.hazardAreaM2);
    // A second hand-over of the same record does not open a second CHA.
    await must(
      w.app,
      {
        type: 'minefield.release',
        payload: {
          minefieldId,
          recipient: { kind: 'clearance-operator', name: 'SYNTHETIC Operator' },
          legalBasis: 'x',
          releasedAt: '2026-05-31T00:00:00Z',
          parts: ['perimeter'],
        },
      },
      w.imo,
    );
    expect(
      (await w.app.store.findDocs({ collection: HAZARDS })).filter((d) =>
        (d.data['minefieldIds'] as string[]).includes(minefieldId),
      ),
    ).toHaveLength(1);
    expect((await w.app.verify()).failures).toEqual([]);
  });
});

describe('devices found in the CHA reconcile with the record\u2019s contents', () => {
  const recordedAp = (): number =>
    (validPayload(w)['contents'] as { typeId: string; number: number }[])
      .filter((c) => c.typeId === w.stock.apTypeId)
      .reduce((s, c) => s + c.number, 0);

  it('gives a residual-risk warning when fewer AP mines are found than recorded', async () => {
    const { hazard } = await handOver();
    const recorded = recordedAp();
    // Before any clearance every recorded AP mine is still unaccounted for.
    expect(
      (await reconciliation(hazard.id)).map((f) => [
        f.severity,
        f.message.startsWith(`${String(recorded)} of ${String(recorded)} recorded`),
      ]),
    ).toEqual([['warning', true]]);
    await clearWith(hazard.id, recorded - 5);
    const findings = await reconciliation(hazard.id);
    expect(findings.map((f) => [f.severity, f.subject.kind, f.legalBasis])).toEqual([
      ['warning', 'hazard', 'IMAS 08.30 (residual risk)'],
    ]);
    expect(findings[0]?.message).toContain(`5 of ${String(recorded)} recorded AP mines`);
  });

  it('gives a record-keeping violation when more AP mines are found than recorded, and none when the counts agree', async () => {
    const { hazard } = await handOver();
    const recorded = recordedAp();
    const first = await clearWith(hazard.id, recorded + 3);
    const findings = await reconciliation(hazard.id);
    expect(findings.map((f) => [f.severity, f.legalBasis])).toEqual([
      ['violation', 'CCW APII Art 9(1), TA 1(a)(iii)'],
    ]);
    expect(findings[0]?.message).toContain(
      `${String(recorded + 3)} AP mines of type ${w.stock.apTypeId} found`,
    );
    expect(findings[0]?.message).toContain(`record shows ${String(recorded)}`);
    // A corrected report supersedes the devices of the first: the counts now agree.
    await clearWith(hazard.id, recorded, first);
    expect(await reconciliation(hazard.id)).toEqual([]);
  });
});
