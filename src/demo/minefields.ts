/**
 * Demo minefield records: SYNTHETIC DEMO DATA. Random small quadrilaterals in open country chosen
 * by the seeded PRNG — not real places of military relevance — with reports, marking, inspections
 * (one overdue) and a release to a national mine action centre.
 *
 * The data is coherent on purpose, so the demo shows the system working: every laid record's
 * contents are issued from stock (propose → approve → execute, `issue-emplacement` naming the
 * record), and all but the first record are laid after the state raised readiness to crisis
 * (treaty.ts). The deliberate findings, each explained where it is seeded:
 * - record 1 was laid before the crisis decision → `minefield.laid-in-peace`;
 * - record 1's marking inspection is overdue → `minefield.inspection-overdue`;
 * - record 3 records 2 AP mines more than stock issued → `minefield.unreconciled`.
 */
import type { Actor } from '../access/index.js';
import type { Cairn } from '../app/index.js';
import { STOCK_COLLECTIONS } from '../stock/index.js';
import { SYNTHETIC, demoInstant, demoCommand, type DemoContext } from './context.js';

/** AP mines record 3 says were laid but stock never issued: the demo's deliberate discrepancy. */
export const DEMO_UNISSUED_AP = 2;

const must = (app: Cairn, type: string, payload: Record<string, unknown>, actor: Actor) =>
  demoCommand(app, { type, payload }, actor);

interface Line {
  readonly typeId: string;
  readonly lotId?: string;
  readonly number: number;
}

/**
 * Issue `quantity` of a contents line from stock to the record through the two-person lifecycle:
 * the stock officer proposes, an approver approves, the officer executes with a witness
 * (IATG 09.10; the issue is what `minefield reconcile` compares with the record, APII TA 1(a)(iii)).
 * Draws from the storage locations holding the lot, largest balance first.
 */
async function issueForEmplacement(
  ctx: DemoContext,
  minefieldId: string,
  line: Line,
  quantity: number,
  effectiveAt: string,
): Promise<void> {
  const [officer, approver, witness] = ['stock', 'approver', 'approver2'].map((n) => ctx.actors.get(n));
  if (officer === undefined || approver === undefined || witness === undefined || line.lotId === undefined)
    throw new Error('demo: stock users or lot missing');
  const held = (
    await ctx.app.store.findDocs({
      collection: STOCK_COLLECTIONS.balances,
      where: {
        op: 'and',
        args: [
          { op: '=', field: 'lotId', value: line.lotId },
          { op: 'like', field: 'account', pattern: 'storage:%' },
        ],
      },
    })
  )
    .map((d) => d.data as unknown as { account: string; qty: number })
    .filter((b) => b.qty > 0)
    .sort((a, b) => b.qty - a.qty || a.account.localeCompare(b.account));
  let left = quantity;
  for (const b of held) {
    if (left === 0) break;
    const [, facilityId = '', locationId = ''] = b.account.split(':');
    const qty = Math.min(left, b.qty);
    const p = await demoCommand(
      ctx.app,
      {
        type: 'stock.movement.propose',
        effectiveAt,
        payload: {
          kind: 'issue-emplacement',
          lotId: line.lotId,
          quantity: qty,
          from: { facilityId, locationId },
          minefieldId,
          note: `${SYNTHETIC}: issued for emplacement`,
        },
      },
      officer,
    );
    const movementId = p['movementId'] as string;
    await demoCommand(ctx.app, { type: 'stock.movement.approve', payload: { movementId } }, approver);
    await demoCommand(
      ctx.app,
      { type: 'stock.movement.execute', effectiveAt, cosigner: witness.id, payload: { movementId } },
      officer,
    );
    left -= qty;
  }
  if (left > 0) throw new Error(`demo: stock holds too little of lot ${line.lotId} to issue ${quantity}`);
}

const coord = (lat: number, lon: number) => ({ text: `${lat.toFixed(6)} ${lon.toFixed(6)}`, format: 'dd' });
const dd = (lat: number, lon: number) => ({ kind: 'coordinate', ...coord(lat, lon) });

/** Seed three labelled fictional minefield records. */
export async function seedMinefieldDemo(ctx: DemoContext): Promise<void> {
  const { app, random, today } = ctx;
  const recorder = ctx.actors.get('recorder');
  const imo = ctx.actors.get('imo');
  if (recorder === undefined || imo === undefined) return;
  const types = await app.store.findDocs({
    collection: STOCK_COLLECTIONS.types,
    orderBy: { field: 'designation' },
  });
  const lots = await app.store.findDocs({ collection: STOCK_COLLECTIONS.lots });
  const ap = types.find((t) => t.data['category'] === 'AP');
  const at = types.find((t) => t.data['category'] === 'AT');
  if (ap === undefined || at === undefined) return;
  const lotOf = (typeId: string) => lots.find((l) => l.data['typeId'] === typeId)?.id;
  const at_ = (daysAgo: number, hour = 8) => demoInstant(today, daysAgo, hour);
  const record = (state: 'FI' | 'EE', laidDaysAgo: number) => {
    const lat = 62 + random() * 2;
    const lon = 26 + random() * 3;
    const s = 0.0015 + random() * 0.001;
    const j = () => (random() - 0.5) * 0.0004;
    const apLot = lotOf(ap.id);
    const atLot = lotOf(at.id);
    return {
      state,
      classification: 'restricted',
      recordType: 'hand-emplaced',
      unit: `${SYNTHETIC} engineer company`,
      copiesHeldAt: [`${SYNTHETIC} brigade HQ`],
      referencePoints: [
        {
          label: 'RP1',
          coordinate: coord(lat - 0.001, lon),
          landmark: `${SYNTHETIC} boulder`,
          fixedBy: 'gps',
          accuracyM: 3,
          toLandmark: { bearing: '3200mil', distanceM: 15 },
        },
        {
          label: 'RP2',
          coordinate: coord(lat - 0.001, lon + s * 2),
          landmark: `${SYNTHETIC} culvert`,
          fixedBy: 'survey',
          accuracyM: 1,
        },
      ],
      perimeter: {
        turningPoints: [
          { kind: 'bearing', from: 'RP1', bearing: '0', distanceM: 110 },
          dd(lat + j(), lon + s * 2 + j()),
          dd(lat + s + j(), lon + s * 2 + j()),
          dd(lat + s + j(), lon + j()),
        ],
      },
      positionsNotFeasible: `${SYNTHETIC}: positions not recorded individually`,
      contents: [
        {
          typeId: ap.id,
          ...(apLot === undefined ? {} : { lotId: apLot }),
          number: 20 + Math.floor(random() * 30),
          emplacingMethod: 'hand',
          fuzeType: `${SYNTHETIC} pressure fuze`,
          lifeTime: { kind: 'indefinite' },
          antiHandling: { present: false },
        },
        {
          typeId: at.id,
          ...(atLot === undefined ? {} : { lotId: atLot }),
          number: 5 + Math.floor(random() * 10),
          emplacingMethod: 'hand',
          fuzeType: `${SYNTHETIC} pressure fuze`,
          lifeTime: { kind: 'indefinite' },
          antiHandling: { present: false },
        },
      ],
      layingStart: at_(laidDaysAgo, 6),
      layingEnd: at_(laidDaysAgo, 12),
    };
  };
  const rep = (minefieldId: string, reportType: string, daysAgo: number) => ({
    minefieldId,
    reportType,
    dtg: at_(daysAgo, 13),
    originator: `${SYNTHETIC} engineer company`,
    recipient: `${SYNTHETIC} brigade HQ`,
    summary: `${SYNTHETIC}: ${reportType} report`,
  });
  const sign = {
    shape: 'triangle',
    widthCm: 28,
    heightCm: 20,
    colour: 'red',
    border: { colour: 'yellow', reflective: true },
    words: [
      { language: 'en', text: 'MINES' },
      { language: 'fi', text: 'MIINOJA' },
      { language: 'et', text: 'MIINID' },
    ],
  };
  const marking = (minefieldId: string, daysAgo: number) => ({
    minefieldId,
    sign,
    signSpacingM: 50,
    fenceType: `${SYNTHETIC} wire fence`,
    monitoring: { arrangement: `${SYNTHETIC} patrol`, patrolIntervalHours: 12 },
    installedAt: at_(daysAgo, 18),
  });

  /** Create a laid record, then issue its contents from stock the day before laying, less `short` AP mines. */
  const laidRecord = async (laidDaysAgo: number, short = 0): Promise<string> => {
    const payload = record('FI', laidDaysAgo);
    const created = await must(app, 'minefield.create', payload, recorder);
    const id = created['minefieldId'] as string;
    const humanId = typeof created['humanId'] === 'string' ? created['humanId'] : id;
    for (const line of payload.contents) {
      const n = line.typeId === ap.id ? line.number - short : line.number;
      await issueForEmplacement(ctx, humanId, line, n, at_(laidDaysAgo + 1, 14));
    }
    return id;
  };

  // 1: laid 40 days ago — before the crisis decision (treaty.ts, CRISIS_DAYS_AGO) — so the demo
  // shows a `minefield.laid-in-peace` violation. Marked, last inspected 35 days ago → an overdue inspection.
  const a = await laidRecord(40);
  await must(app, 'minefield.report.file', rep(a, 'completion', 40), recorder);
  await must(app, 'minefield.marking.record', marking(a, 40), recorder);
  await must(app, 'minefield.status.change', { minefieldId: a, to: 'marked-fenced-monitored' }, recorder);
  await must(
    app,
    'minefield.inspection.record',
    { minefieldId: a, inspectedAt: at_(35), inspector: `${SYNTHETIC} sergeant`, findings: [] },
    recorder,
  );

  // 2: an intention report only.
  await must(
    app,
    'minefield.create',
    {
      state: 'EE',
      classification: 'restricted',
      recordType: 'hand-emplaced',
      unit: `${SYNTHETIC} engineer platoon`,
      intention: {
        dtg: at_(2),
        originator: `${SYNTHETIC} platoon`,
        recipient: `${SYNTHETIC} battalion`,
        summary: `${SYNTHETIC}: intention to record`,
      },
    },
    recorder,
  );

  // 3: laid in crisis, marked, a defect found and repaired, released to a national mine action
  // centre. It records DEMO_UNISSUED_AP more AP mines than stock issued → `minefield.unreconciled`.
  const c = await laidRecord(20, DEMO_UNISSUED_AP);
  await must(app, 'minefield.report.file', rep(c, 'completion', 20), recorder);
  await must(app, 'minefield.marking.record', marking(c, 20), recorder);
  const insp = await must(
    app,
    'minefield.inspection.record',
    {
      minefieldId: c,
      inspectedAt: at_(6),
      inspector: `${SYNTHETIC} sergeant`,
      findings: [
        { kind: 'sign-defaced', note: `${SYNTHETIC}: east side`, photos: ['synthetic-photo-1.jpg'] },
      ],
    },
    recorder,
  );
  await must(
    app,
    'minefield.repair.record',
    {
      minefieldId: c,
      findingIds: insp['findingIds'],
      repairedAt: at_(5),
      note: `${SYNTHETIC}: sign replaced`,
    },
    recorder,
  );
  await must(
    app,
    'minefield.release',
    {
      minefieldId: c,
      recipient: { kind: 'national-mac', name: `${SYNTHETIC} national mine action centre` },
      legalBasis: 'CCW APII Art 9(2), Art 10',
      releasedAt: at_(1),
    },
    imo,
  );
}
