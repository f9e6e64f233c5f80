/**
 * Demo stock and treaty data: the treaty registry seed (real treaty facts with sources), then a
 * SYNTHETIC DEMO DATA stockpile — organisations, facilities at random points, mine types, lots,
 * a year of movements through the two-person lifecycle, and a stock check with one discrepancy.
 */
import { SYSTEM_ACTOR, type Actor } from '../access/index.js';
import type { Cairn } from '../app/index.js';
import type { CommandEnvelope } from '../command/index.js';
import { CairnError } from '../core/index.js';
import { treatySeedCommands } from '../treaty/index.js';
import { SYNTHETIC, type DemoContext } from './context.js';

const DAY = 86_400_000;

async function run(app: Cairn, cmd: CommandEnvelope, actor: Actor): Promise<Record<string, unknown>> {
  const r = await app.execute(cmd, actor);
  if (!r.ok)
    throw new CairnError(
      r.errors[0]?.code ?? 'INTERNAL',
      `demo ${cmd.type}: ${r.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`,
    );
  return r.value.result;
}

function actor(ctx: DemoContext, name: string): Actor {
  const a = ctx.actors.get(name);
  if (a === undefined) throw new Error(`demo user ${name} missing`);
  return a;
}

/** Seed the treaty registry and a synthetic stockpile. */
export async function seedStockDemo(ctx: DemoContext): Promise<void> {
  const { app, random, today } = ctx;
  for (const c of treatySeedCommands()) await run(app, c, ctx.actors.get('admin') ?? SYSTEM_ACTOR);
  const officer = actor(ctx, 'stock');
  const approver = actor(ctx, 'approver');
  const witness = actor(ctx, 'approver2');
  const id = async (cmd: CommandEnvelope, key: string) => String((await run(app, cmd, officer))[key]);
  const day = (n: number) => new Date(today.getTime() - n * DAY).toISOString().slice(0, 10);

  const maker = await id(
    {
      type: 'stock.org.add',
      payload: { name: `Synthetic Munitions Works (${SYNTHETIC})`, kind: 'manufacturer', country: 'FI' },
    },
    'orgId',
  );
  const unit = await id(
    {
      type: 'stock.org.add',
      payload: { name: `Synthetic Depot Battalion (${SYNTHETIC})`, kind: 'armed-forces-unit', country: 'FI' },
    },
    'orgId',
  );
  const school = await id(
    {
      type: 'stock.org.add',
      payload: {
        name: `Synthetic Demining School (${SYNTHETIC})`,
        kind: 'training-institution',
        country: 'FI',
      },
    },
    'orgId',
  );
  const facilities: string[] = [];
  for (let i = 1; i <= 3; i++) {
    // Random points in open sea, far from any real site.
    const point = { type: 'Point', coordinates: [-30 + random() * 10, -40 + random() * 10] };
    facilities.push(
      await id(
        {
          type: 'stock.facility.add',
          payload: {
            name: `${SYNTHETIC} depot ${i}`,
            operatorId: unit,
            state: 'FI',
            location: point,
            licenceRef: `SYN-LIC-${i}`,
            neqLimitsKg: { '1.1': 200_000, '1.2': 50_000 },
            securityLevel: 2,
            twoPersonRule: i === 1,
            lastInspection: day(i === 3 ? 400 : 60),
            inspectionIntervalDays: 365,
            locations: [
              { id: 'B1-1', building: 'B1', bay: '1' },
              { id: 'B1-2', building: 'B1', bay: '2' },
              { id: 'B2-1', building: 'B2', bay: '1' },
            ],
          },
        },
        'facilityId',
      ),
    );
  }
  const facts = {
    detectable: true,
    selfDestruct: false,
    selfDestructPeriodDays: null,
    selfDeactivation: false,
    selfDeactivationPeriodDays: null,
    remotelyDelivered: false,
    compatibilityGroup: 'D',
  };
  const formH = (d: string) => ({
    dimensions: `${SYNTHETIC}: ${d}`,
    fuzing: 'synthetic',
    explosiveContent: 'synthetic',
    metalContent: 'synthetic',
    photoRefs: [],
    clearanceNotes: SYNTHETIC,
  });
  const apType = await id(
    {
      type: 'stock.type.add',
      payload: {
        designation: 'SYN-AP-A (synthetic)',
        category: 'AP',
        ottawaStatus: 'banned-ap',
        hazardDivision: '1.1',
        neqKg: 0.2,
        formH: formH('AP type A'),
        ...facts,
      },
    },
    'typeId',
  );
  const atType = await id(
    {
      type: 'stock.type.add',
      payload: {
        designation: 'SYN-AT-B (synthetic)',
        category: 'AT',
        ottawaStatus: 'anti-vehicle',
        hazardDivision: '1.1',
        neqKg: 6,
        formH: formH('AT type B'),
        ...facts,
      },
    },
    'typeId',
  );
  const lots: Array<{ id: string; ap: boolean }> = [];
  for (let i = 1; i <= 6; i++) {
    const ap = i <= 3;
    const month = ap ? '2026-02' : '2025-09';
    lots.push({
      id: await id(
        {
          type: 'stock.lot.add',
          payload: {
            typeId: ap ? apType : atType,
            lotNumber: `SYN-${ap ? 'A' : 'B'}-${String(i).padStart(3, '0')}`,
            manufacturerId: maker,
            countryOfOrigin: 'FI',
            productionMonth: month,
          },
        },
        'lotId',
      ),
      ap,
    });
  }

  const move = async (payload: Record<string, unknown>, date: string): Promise<boolean> => {
    const p = await app.execute({ type: 'stock.movement.propose', effectiveAt: date, payload }, officer);
    if (!p.ok) return false; // e.g. the random draw asked for more than the account holds
    const movementId = p.value.result['movementId'] as string;
    await run(app, { type: 'stock.movement.approve', payload: { movementId } }, approver);
    await run(
      app,
      { type: 'stock.movement.execute', effectiveAt: date, cosigner: witness.id, payload: { movementId } },
      officer,
    );
    return true;
  };
  const place = (f: number, l: number) => ({
    facilityId: facilities[f] as string,
    locationId: ['B1-1', 'B1-2', 'B2-1'][l] as string,
  });
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;

  // AP lots are produced after Finland's withdrawal took effect (10 Jan 2026); AT lots all year.
  for (const [i, l] of lots.entries())
    await move(
      { kind: 'receipt', lotId: l.id, quantity: l.ap ? 2000 : 400, to: place(i % 3, 0) },
      day(l.ap ? 200 - i : 330 - i),
    );
  for (let n = 0; n < 120; n++) {
    const l = pick(lots);
    const back = Math.floor(random() * (l.ap ? 180 : 320)) + 46;
    const src = lots.indexOf(l) % 3;
    const r = random();
    if (r < 0.6)
      await move(
        {
          kind: 'internal-transfer',
          lotId: l.id,
          quantity: 1 + Math.floor(random() * 40),
          from: place(src, 0),
          to: place(Math.floor(random() * 3), 1 + Math.floor(random() * 2)),
        },
        day(back),
      );
    else if (r < 0.75 && l.ap)
      await move(
        {
          kind: 'retain',
          lotId: l.id,
          quantity: 1 + Math.floor(random() * 5),
          from: place(src, 0),
          institutionId: school,
        },
        day(back),
      );
    else if (r < 0.85)
      await move(
        {
          kind: 'consume-training',
          lotId: l.id,
          quantity: 1 + Math.floor(random() * 3),
          from: place(src, 0),
        },
        day(back),
      );
    else
      await move(
        {
          kind: 'destroy',
          lotId: l.id,
          quantity: 1 + Math.floor(random() * 20),
          from: place(src, 0),
          method: 'industrial-demilitarisation',
          site: `${SYNTHETIC} demil plant`,
          supervisor: 'synthetic supervisor',
          certificate: `SYN-CERT-${n}`,
          basis: 'unserviceable',
        },
        day(back),
      );
  }

  // A stock check 45 days ago: one lot is one short at one location (an open discrepancy).
  const f0 = facilities[0] as string;
  const held = await app.store.findDocs({
    collection: 'stock.balances',
    where: { op: 'like', field: 'account', pattern: `storage:${f0}:%` },
  });
  const lines = held
    .map((d) => d.data as unknown as { account: string; lotId: string; qty: number })
    .map((b) => ({ locationId: b.account.split(':')[2] ?? '', lotId: b.lotId, counted: b.qty }))
    .filter((l) => l.counted > 0)
    .sort((a, b) => (a.locationId + a.lotId).localeCompare(b.locationId + b.lotId));
  const first = lines[0];
  if (first !== undefined) lines[0] = { ...first, counted: first.counted - 1 };
  await run(
    app,
    {
      type: 'stock.check.record',
      effectiveAt: day(45),
      payload: { facilityId: f0, counters: ['stock', 'approver2'], lines },
    },
    officer,
  );
}
