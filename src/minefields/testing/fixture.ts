/** A minefield test world on top of the stock world: a recorder, an IM officer and a valid payload. SYNTHETIC. */
import { afterEach, beforeEach } from 'vitest';
import { SYSTEM_ACTOR, type Actor } from '../../access/index.js';
import type { Cairn } from '../../app/index.js';
import { addTestUser, makeTestApp } from '../../app/testing/index.js';
import { must, stockWorld, type StockWorld } from '../../stock/testing/fixture.js';

export { must };

export interface MinefieldWorld {
  readonly app: Cairn;
  readonly stock: StockWorld;
  readonly recorder: Actor;
  readonly imo: Actor;
}

/** App at 2026-06-01T12:00Z with FI in crisis from 2026-02-01 (so laying in May is not in peace). */
export async function minefieldWorld(
  opts: { readonly crisis?: boolean; readonly now?: string } = {},
): Promise<MinefieldWorld> {
  const app = await makeTestApp({ now: opts.now ?? '2026-06-01T12:00:00Z' });
  const stock = await stockWorld(app, 'FI');
  if (opts.crisis !== false) {
    await must(
      app,
      {
        type: 'treaty.readiness.set',
        effectiveAt: '2026-02-01',
        payload: {
          code: 'FI',
          status: 'crisis',
          legalReference: 'SYNTHETIC DEMO DATA test decision',
          sourceUrl: 'https://example.org/synthetic',
        },
      },
      SYSTEM_ACTOR,
    );
  }
  const recorder = await addTestUser(app, 'rita', ['minefield-recorder']);
  const imo = await addTestUser(app, 'ivan', ['im-officer']);
  return { app, stock, recorder, imo };
}

/** A complete hand-emplaced record payload (SYNTHETIC: a random square in open country). */
export function validPayload(
  w: MinefieldWorld,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    state: 'FI',
    classification: 'confidential',
    recordType: 'hand-emplaced',
    unit: 'SYNTHETIC 1st Engineer Company',
    copiesHeldAt: ['SYNTHETIC Brigade HQ'],
    referencePoints: [
      {
        label: 'RP1',
        coordinate: { text: '61.50000 25.50000', format: 'dd' },
        landmark: 'SYNTHETIC concrete survey pillar',
        toLandmark: { bearing: '1600mil', distanceM: 20 },
        fixedBy: 'gps',
        accuracyM: 3,
      },
      {
        label: 'RP2',
        coordinate: { text: '61.50000 25.51000', format: 'dd' },
        landmark: 'SYNTHETIC bridge abutment',
        fixedBy: 'survey',
        accuracyM: 1,
      },
    ],
    perimeter: {
      turningPoints: [
        { kind: 'bearing', from: 'RP1', bearing: '0', distanceM: 100 },
        { kind: 'coordinate', text: '61.50090 25.50400', format: 'dd' },
        { kind: 'coordinate', text: '61.50270 25.50400', format: 'dd' },
        { kind: 'coordinate', text: '61.50270 25.50000', format: 'dd' },
      ],
    },
    rows: [
      {
        label: 'R1',
        points: [
          { kind: 'coordinate', text: '61.50150 25.50050', format: 'dd' },
          { kind: 'coordinate', text: '61.50150 25.50350', format: 'dd' },
        ],
      },
    ],
    contents: [
      {
        typeId: w.stock.apTypeId,
        lotId: w.stock.lotId,
        number: 35,
        emplacingMethod: 'hand',
        fuzeType: 'SYNTHETIC pressure fuze',
        lifeTime: { kind: 'indefinite' },
        antiHandling: { present: false },
      },
      {
        typeId: w.stock.atTypeId,
        lotId: w.stock.atLotId,
        number: 10,
        emplacingMethod: 'hand',
        fuzeType: 'SYNTHETIC tilt-rod fuze',
        lifeTime: { kind: 'indefinite' },
        antiHandling: { present: true, type: 'SYNTHETIC pull device' },
      },
    ],
    layingStart: '2026-05-10T06:00:00Z',
    layingEnd: '2026-05-10T14:00:00Z',
    ...extra,
  };
}

/** A TA 4 conforming marking payload. */
export function validMarking(
  minefieldId: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    minefieldId,
    sign: {
      shape: 'triangle',
      widthCm: 28,
      heightCm: 20,
      colour: 'red',
      border: { colour: 'yellow', reflective: true },
      words: [
        { language: 'en', text: 'MINES' },
        { language: 'fi', text: 'MIINOJA' },
      ],
    },
    signSpacingM: 50,
    fenceType: 'SYNTHETIC single-strand wire, 1 m',
    monitoring: {
      arrangement: 'SYNTHETIC motorised patrol',
      unit: 'SYNTHETIC 2nd Platoon',
      patrolIntervalHours: 12,
    },
    installedAt: '2026-05-10T18:00:00Z',
    ...extra,
  };
}

/** Create a record and return its ids. */
export async function createRecord(
  w: MinefieldWorld,
  extra: Record<string, unknown> = {},
): Promise<{ id: string; humanId: string }> {
  const r = await must(w.app, { type: 'minefield.create', payload: validPayload(w, extra) }, w.recorder);
  return { id: r.result['minefieldId'] as string, humanId: r.result['humanId'] as string };
}

export const report = (minefieldId: string, reportType: string, extra: Record<string, unknown> = {}) => ({
  type: 'minefield.report.file',
  payload: {
    minefieldId,
    reportType,
    dtg: '2026-05-10T15:00:00Z',
    originator: 'SYNTHETIC 1 Eng Coy',
    recipient: 'SYNTHETIC Bde HQ',
    summary: 'SYNTHETIC DEMO DATA',
    ...extra,
  },
});

/** The codes of a refused result, none when it succeeded (tests match codes, not messages). */
export const errorCodes = (r: { ok: boolean; errors?: readonly { code: string }[] }): string[] =>
  r.ok ? [] : (r.errors ?? []).map((e) => e.code);

/** A fresh world (default options) before each test of the calling file, handed to `use`; closed after. */
export function worldPerTest(use: (w: MinefieldWorld) => void): void {
  let w: MinefieldWorld | undefined;
  beforeEach(async () => {
    w = await minefieldWorld();
    use(w);
  });
  afterEach(async () => {
    await w?.app.close();
  });
}
