/** A small stock world for tests: users, a state registry, a manufacturer, a facility, a type and a lot. */
import { SYSTEM_ACTOR, type Actor } from '../../access/index.js';
import type { Cairn, Executed } from '../../app/index.js';
import { addTestUser } from '../../app/testing/index.js';
import type { CommandEnvelope } from '../../command/index.js';
import { treatySeedCommands } from '../../treaty/index.js';

export interface StockWorld {
  readonly officer: Actor;
  readonly approver: Actor;
  readonly approver2: Actor;
  readonly auditor: Actor;
  readonly manufacturerId: string;
  readonly institutionId: string;
  readonly facilityId: string;
  readonly facility2Id: string;
  readonly apTypeId: string;
  readonly atTypeId: string;
  readonly lotId: string;
  readonly atLotId: string;
}

/** Execute or throw: for test setup only. */
export async function must(app: Cairn, cmd: CommandEnvelope, actor: Actor): Promise<Executed> {
  const r = await app.execute(cmd, actor);
  if (!r.ok)
    throw new Error(`${cmd.type}: ${r.errors.map((e) => `${e.code} ${e.path} ${e.message}`).join('; ')}`);
  return r.value;
}

const square = (lon: number, lat: number) => ({ type: 'Point', coordinates: [lon, lat] });

export async function seedTreaty(app: Cairn): Promise<void> {
  for (const c of treatySeedCommands()) await must(app, c, SYSTEM_ACTOR);
}

/** Build the world. `state` is the owning state of both facilities. */
export async function stockWorld(app: Cairn, state = 'FI'): Promise<StockWorld> {
  const officer = await addTestUser(app, 'olli', ['stock-officer']);
  const approver = await addTestUser(app, 'aino', ['approver']);
  const approver2 = await addTestUser(app, 'aapo', ['approver']);
  const auditor = await addTestUser(app, 'audrey', ['auditor']);
  await seedTreaty(app);
  const id = async (cmd: CommandEnvelope, key: string) =>
    (await must(app, cmd, officer)).result[key] as string;
  const manufacturerId = await id(
    { type: 'stock.org.add', payload: { name: 'Synthetic Works', kind: 'manufacturer', country: state } },
    'orgId',
  );
  const operatorId = await id(
    {
      type: 'stock.org.add',
      payload: { name: 'Synthetic Depot Unit', kind: 'armed-forces-unit', country: state },
    },
    'orgId',
  );
  const institutionId = await id(
    {
      type: 'stock.org.add',
      payload: { name: 'Synthetic Demining School', kind: 'training-institution', country: state },
    },
    'orgId',
  );
  const facility = (name: string, lon: number) => ({
    type: 'stock.facility.add',
    payload: {
      name,
      operatorId,
      state,
      location: square(lon, 61),
      licenceRef: `LIC-${name}`,
      neqLimitsKg: { '1.1': 1000 },
      securityLevel: 2,
      twoPersonRule: false,
      lastInspection: '2026-03-01',
      inspectionIntervalDays: 365,
      locations: [
        { id: 'A1', building: 'A', bay: '1' },
        { id: 'A2', building: 'A', bay: '2' },
      ],
    },
  });
  const facilityId = await id(facility('Depot North', 25), 'facilityId');
  const facility2Id = await id(facility('Depot South', 26), 'facilityId');
  const typeFacts = {
    detectable: true,
    selfDestruct: false,
    selfDestructPeriodDays: null,
    selfDeactivation: false,
    selfDeactivationPeriodDays: null,
    remotelyDelivered: false,
    hazardDivision: '1.1',
    compatibilityGroup: 'D',
  };
  const apTypeId = await id(
    {
      type: 'stock.type.add',
      payload: {
        designation: 'SYN-AP-1',
        category: 'AP',
        ottawaStatus: 'banned-ap',
        neqKg: 0.1,
        ...typeFacts,
      },
    },
    'typeId',
  );
  const atTypeId = await id(
    {
      type: 'stock.type.add',
      payload: {
        designation: 'SYN-AT-1',
        category: 'AT',
        ottawaStatus: 'anti-vehicle',
        neqKg: 5,
        ...typeFacts,
      },
    },
    'typeId',
  );
  const lotId = await id(
    {
      type: 'stock.lot.add',
      payload: {
        typeId: apTypeId,
        lotNumber: 'L-001',
        manufacturerId,
        countryOfOrigin: state,
        productionMonth: '2026-01',
      },
    },
    'lotId',
  );
  const atLotId = await id(
    {
      type: 'stock.lot.add',
      payload: {
        typeId: atTypeId,
        lotNumber: 'T-001',
        manufacturerId,
        countryOfOrigin: state,
        productionMonth: '2026-01',
      },
    },
    'lotId',
  );
  return {
    officer,
    approver,
    approver2,
    auditor,
    manufacturerId,
    institutionId,
    facilityId,
    facility2Id,
    apTypeId,
    atTypeId,
    lotId,
    atLotId,
  };
}

/** Propose, approve and execute one movement; returns its id. */
export async function move(
  app: Cairn,
  w: StockWorld,
  payload: Record<string, unknown>,
  effectiveAt = '2026-05-01',
): Promise<string> {
  const p = await must(app, { type: 'stock.movement.propose', effectiveAt, payload }, w.officer);
  const movementId = p.result['movementId'] as string;
  await must(app, { type: 'stock.movement.approve', payload: { movementId } }, w.approver);
  await must(app, { type: 'stock.movement.execute', effectiveAt, payload: { movementId } }, w.officer);
  return movementId;
}
