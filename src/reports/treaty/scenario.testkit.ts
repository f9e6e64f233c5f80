/**
 * A small SYNTHETIC DEMO DATA scenario for the treaty report tests, built only through commands:
 * stock receipts, retention, training use and destructions (one before the period), hazards with a
 * clearance activity, risk education, an accident, and a marked minefield record — for FI in 2026.
 * The movements are data (MOVES) so tests compute expected figures from them independently.
 */
import type { Actor } from '../../access/index.js';
import type { Cairn } from '../../app/index.js';
import { addTestUser, makeTestApp } from '../../app/testing/index.js';
import type { Clock } from '../../core/index.js';
import {
  approve,
  makeFixture,
  square,
  submissionIdOf,
  submit,
  type Fixture,
} from '../../landrelease/fixtures.testkit.js';
import { createRecord, validMarking, type MinefieldWorld } from '../../minefields/testing/fixture.js';
import { move, must, stockWorld, type StockWorld } from '../../stock/testing/fixture.js';

/** A clock the test moves: each reading advances one second. */
export class TestClock implements Clock {
  #t: number;
  constructor(start: string) {
    this.#t = Date.parse(start);
  }
  now(): Date {
    const d = new Date(this.#t);
    this.#t += 1000;
    return d;
  }
  set(iso: string): void {
    this.#t = Date.parse(iso);
  }
}

export type LotKey = 'L1' | 'L2' | 'T1';
export type Move =
  | { readonly kind: 'receipt'; readonly lot: LotKey; readonly qty: number; readonly date: string }
  | { readonly kind: 'retain'; readonly lot: LotKey; readonly qty: number; readonly date: string }
  | { readonly kind: 'consume-training'; readonly lot: LotKey; readonly qty: number; readonly date: string }
  | {
      readonly kind: 'destroy';
      readonly lot: LotKey;
      readonly qty: number;
      readonly date: string;
      readonly basis: 'art4' | 'art5';
      readonly method: string;
      readonly site: string;
      readonly certificate: string;
    };

/** Every stock movement of the scenario, in order. L1 and L2 are AP lots; T1 is anti-vehicle. */
export const MOVES: readonly Move[] = [
  { kind: 'receipt', lot: 'L1', qty: 60, date: '2025-03-01' },
  {
    kind: 'destroy',
    lot: 'L1',
    qty: 50,
    date: '2025-09-01',
    basis: 'art4',
    method: 'open-detonation',
    site: 'SYNTHETIC Range North',
    certificate: 'CERT-2025-1',
  },
  { kind: 'receipt', lot: 'L1', qty: 500, date: '2026-02-01' },
  { kind: 'receipt', lot: 'L2', qty: 200, date: '2026-02-10' },
  { kind: 'receipt', lot: 'T1', qty: 100, date: '2026-02-01' },
  { kind: 'retain', lot: 'L1', qty: 30, date: '2026-03-01' },
  { kind: 'consume-training', lot: 'L1', qty: 5, date: '2026-04-01' },
  {
    kind: 'destroy',
    lot: 'L1',
    qty: 120,
    date: '2026-05-05',
    basis: 'art4',
    method: 'open-detonation',
    site: 'SYNTHETIC Range North',
    certificate: 'CERT-1',
  },
  {
    kind: 'destroy',
    lot: 'L2',
    qty: 40,
    date: '2026-06-01',
    basis: 'art4',
    method: 'industrial-demilitarisation',
    site: 'SYNTHETIC Demil Plant',
    certificate: 'CERT-2',
  },
  {
    kind: 'destroy',
    lot: 'L2',
    qty: 7,
    date: '2026-07-01',
    basis: 'art5',
    method: 'open-detonation',
    site: 'SYNTHETIC Range North',
    certificate: 'CERT-3',
  },
];

/** Risk education sessions: region, date, type and audience (women, men, girls, boys). */
export const SESSIONS = [
  {
    region: 'FI-18',
    date: '2026-09-10',
    type: 'community session',
    audience: { women: 10, men: 8, girls: 5, boys: 4 },
  },
  {
    region: 'FI-18',
    date: '2026-10-01',
    type: 'school session',
    audience: { women: 3, men: 2, girls: 20, boys: 18 },
  },
  {
    region: 'EE',
    date: '2026-09-11',
    type: 'community session',
    audience: { women: 1, men: 1, girls: 1, boys: 1 },
  },
] as const;

/** The victims of the scenario's one accident (FI, 2026-10-05). */
export const VICTIMS = [
  { sex: 'female', ageGroup: 'adult', outcome: 'injured', name: 'SYNTHETIC Person Alpha' },
  { sex: 'male', ageGroup: 'child', outcome: 'killed', name: 'SYNTHETIC Person Beta' },
  { sex: 'male', ageGroup: 'child', outcome: 'injured', name: 'SYNTHETIC Person Gamma' },
] as const;

/** AP mines found by the clearance activity on H1. */
export const FOUND = { apDestroyedInPlace: 3, apRemoved: 1, atDestroyedInPlace: 1 } as const;

export const H1 = square(25.0, 61.2, 0.01);
export const H1_CLEARED = square(25.0, 61.2, 0.004);

export const FORM_H = {
  dimensions: 'SYNTHETIC 80 mm diameter, 40 mm high',
  fuzing: 'SYNTHETIC mechanical fuze',
  explosiveContent: 'SYNTHETIC 50 g TNT',
  metalContent: 'SYNTHETIC 9 g',
  photoRefs: ['photo-syn-ap-2.jpg'],
  clearanceNotes: 'SYNTHETIC detectable with standard detectors',
};

export interface Scenario {
  readonly app: Cairn;
  readonly clock: TestClock;
  readonly stock: StockWorld;
  readonly field: Fixture;
  readonly recorder: Actor;
  readonly lots: Readonly<Record<LotKey, string>>;
  readonly ap2TypeId: string;
  readonly hazards: { readonly h1: string; readonly h2: string; readonly h3: string; readonly h4: string };
  readonly minefield: { readonly id: string; readonly humanId: string };
  /** The ledger size when the 2026 scenario was complete. */
  readonly sizeAtPeriodEnd: number;
}

async function recordHazard(f: Fixture, perimeter: object, extra: object): Promise<string> {
  const sid = submissionIdOf(
    await submit(f, f.surveyor, 'hazard', {
      name: 'SYNTHETIC DEMO DATA hazard',
      kind: 'sha',
      evidence: { kind: 'indirect', items: ['verbal reports'] },
      perimeter,
      ...extra,
    }),
  );
  return (await approve(f, sid)).result['officialId'] as string;
}

const place = (facilityId: string, locationId = 'A1') => ({ facilityId, locationId });

/** Issue one scenario move as propose, approve and execute. */
export async function issue(
  app: Cairn,
  w: StockWorld,
  lots: Readonly<Record<LotKey, string>>,
  m: Move,
): Promise<void> {
  const facility = m.lot === 'L2' ? w.facility2Id : w.facilityId;
  const at = m.lot === 'T1' ? 'A2' : 'A1';
  const base = { lotId: lots[m.lot], quantity: m.qty };
  switch (m.kind) {
    case 'receipt':
      await move(app, w, { kind: 'receipt', ...base, to: place(facility, at) }, m.date);
      return;
    case 'retain':
      await move(
        app,
        w,
        { kind: 'retain', ...base, from: place(facility, at), institutionId: w.institutionId },
        m.date,
      );
      return;
    case 'consume-training':
      await move(
        app,
        w,
        { kind: 'consume-training', ...base, from: { retainedBy: w.institutionId } },
        m.date,
      );
      return;
    case 'destroy':
      await move(
        app,
        w,
        {
          kind: 'destroy',
          ...base,
          from: place(facility, at),
          method: m.method,
          site: m.site,
          supervisor: 'SYNTHETIC Supervisor',
          certificate: m.certificate,
          basis: m.basis,
        },
        m.date,
      );
      return;
  }
}

/** Build the scenario. All of it is recorded on 30 December 2026, effective on the dates given. */
export async function buildScenario(): Promise<Scenario> {
  const clock = new TestClock('2026-12-30T08:00:00Z');
  const app = await makeTestApp({ clock });
  const field = await makeFixture(app);
  const stock = await stockWorld(app, 'FI');
  const ap2TypeId = (
    await must(
      app,
      {
        type: 'stock.type.add',
        payload: {
          designation: 'SYN-AP-2',
          category: 'AP',
          ottawaStatus: 'banned-ap',
          detectable: true,
          selfDestruct: false,
          selfDestructPeriodDays: null,
          selfDeactivation: false,
          selfDeactivationPeriodDays: null,
          remotelyDelivered: false,
          hazardDivision: '1.1',
          compatibilityGroup: 'D',
          neqKg: 0.05,
          formH: FORM_H,
        },
      },
      stock.officer,
    )
  ).result['typeId'] as string;
  const lot2 = (
    await must(
      app,
      {
        type: 'stock.lot.add',
        payload: {
          typeId: ap2TypeId,
          lotNumber: 'L-002',
          manufacturerId: stock.manufacturerId,
          countryOfOrigin: 'FI',
          productionMonth: '2025-11',
        },
      },
      stock.officer,
    )
  ).result['lotId'] as string;
  const lots = { L1: stock.lotId, L2: lot2, T1: stock.atLotId };
  for (const m of MOVES) await issue(app, stock, lots, m);

  const h1 = await recordHazard(field, H1, {
    region: 'FI-18',
    devices: { suspected: ['ap-mine'], confirmed: [] },
  });
  const h2 = await recordHazard(field, square(25.1, 61.2, 0.01), {
    region: 'FI-18',
    devices: { suspected: ['uxo'], confirmed: [] },
  });
  const h3 = await recordHazard(field, square(25.2, 61.2, 0.01), {
    region: 'EE',
    devices: { suspected: ['ap-mine'], confirmed: [] },
  });
  const h4 = await recordHazard(field, square(25.3, 61.2, 0.01), {
    devices: { suspected: ['ap-mine'], confirmed: [] },
  });
  await approve(
    field,
    submissionIdOf(
      await submit(field, field.surveyor, 'activity', {
        hazardId: h1,
        type: 'clearance',
        organisation: field.orgId,
        assets: ['manual'],
        depthCm: 13,
        startDate: '2026-08-01',
        endDate: '2026-08-20',
        hours: 120,
        status: 'completed',
        outputs: [{ method: 'cleared', geometry: H1_CLEARED }],
        devices: [
          {
            location: [25.001, 61.201],
            category: 'ap-mine',
            typeId: ap2TypeId,
            disposal: 'destroyed-in-place',
            count: FOUND.apDestroyedInPlace,
          },
          {
            location: [25.002, 61.201],
            category: 'ap-mine',
            typeId: ap2TypeId,
            disposal: 'removed',
            count: FOUND.apRemoved,
          },
          {
            location: [25.003, 61.201],
            category: 'at-mine',
            disposal: 'destroyed-in-place',
            count: FOUND.atDestroyedInPlace,
          },
        ],
      }),
    ),
  );
  for (const s of SESSIONS) {
    await approve(
      field,
      submissionIdOf(
        await submit(field, field.surveyor, 'eore', {
          date: s.date,
          location: [25.01, 61.21],
          organisation: field.orgId,
          type: s.type,
          audience: s.audience,
          region: s.region,
        }),
      ),
    );
  }
  await approve(
    field,
    submissionIdOf(
      await submit(field, field.surveyor, 'accident', {
        kind: 'mine',
        date: '2026-10-05',
        location: [25.004, 61.202],
        hazardId: h1,
        device: { category: 'ap-mine' },
        description: 'SYNTHETIC DEMO DATA accident',
        region: 'FI-18',
        victims: VICTIMS.map((v) => ({ ...v })),
      }),
    ),
  );
  await must(
    app,
    {
      type: 'landrelease.hazard.publish-warning',
      payload: { hazardId: h1, reason: 'SYNTHETIC public warning' },
    },
    field.imo,
  );

  const rita = await addTestUser(app, 'rita', ['minefield-recorder']);
  const mw: MinefieldWorld = { app, stock, recorder: rita, imo: field.imo };
  const minefield = await createRecord(mw);
  await must(app, { type: 'minefield.marking.record', payload: validMarking(minefield.id) }, rita);
  return {
    app,
    clock,
    stock,
    field,
    recorder: rita,
    lots,
    ap2TypeId,
    hazards: { h1, h2, h3, h4 },
    minefield,
    sizeAtPeriodEnd: await app.ledger.size(),
  };
}

/** Events of 2027: must never change the 2026 report. */
export async function addEventsAfterPeriod(s: Scenario): Promise<void> {
  s.clock.set('2027-02-01T08:00:00Z');
  await issue(s.app, s.stock, s.lots, { kind: 'receipt', lot: 'L1', qty: 1000, date: '2027-01-15' });
  await issue(s.app, s.stock, s.lots, {
    kind: 'destroy',
    lot: 'L1',
    qty: 100,
    date: '2027-01-20',
    basis: 'art4',
    method: 'open-detonation',
    site: 'SYNTHETIC Range North',
    certificate: 'CERT-2027-1',
  });
  await approve(
    s.field,
    submissionIdOf(
      await submit(s.field, s.field.surveyor, 'eore', {
        date: '2027-01-10',
        location: [25.01, 61.21],
        organisation: s.field.orgId,
        audience: { women: 50, men: 50, girls: 50, boys: 50 },
        region: 'FI-18',
      }),
    ),
  );
  await recordHazard(s.field, square(25.4, 61.2, 0.01), {
    region: 'FI-18',
    devices: { suspected: [], confirmed: ['ap-mine'] },
  });
}
