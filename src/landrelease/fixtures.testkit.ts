/** Test fixtures for land release: an app with an IM officer, a surveyor, an operator and a mine type. */
import { SYSTEM_ACTOR, type Actor } from '../access/index.js';
import type { Cairn, Executed } from '../app/index.js';
import { addTestUser, makeTestApp } from '../app/testing/index.js';
import type { CommandEnvelope } from '../command/index.js';
import type { Result } from '../core/index.js';
import type { PolygonGeometry } from '../geo/index.js';

export interface Fixture {
  readonly app: Cairn;
  readonly imo: Actor;
  readonly imo2: Actor;
  readonly surveyor: Actor;
  readonly orgId: string;
  readonly apTypeId: string;
  readonly atTypeId: string;
}

/** An axis-aligned square polygon, `size` degrees wide, with its south-west corner at (lon, lat). */
export function square(lon: number, lat: number, size: number): PolygonGeometry {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [lon, lat],
        [lon + size, lat],
        [lon + size, lat + size],
        [lon, lat + size],
        [lon, lat],
      ],
    ],
  };
}

async function must(app: Cairn, cmd: CommandEnvelope, actor: Actor): Promise<Executed> {
  const r = await app.execute(cmd, actor);
  if (!r.ok)
    throw new Error(`${cmd.type}: ${r.errors.map((e) => `${e.path} ${e.code} ${e.message}`).join('; ')}`);
  return r.value;
}

export async function mineType(app: Cairn, designation: string, category: 'AP' | 'AT'): Promise<string> {
  const r = await must(
    app,
    {
      type: 'stock.type.add',
      payload: {
        designation,
        category,
        ottawaStatus: category === 'AP' ? 'banned-ap' : 'anti-vehicle',
        detectable: true,
        selfDestruct: false,
        selfDeactivation: false,
        remotelyDelivered: false,
        hazardDivision: '1.1',
        compatibilityGroup: 'D',
        neqKg: 0.2,
      },
    },
    SYSTEM_ACTOR,
  );
  return r.result['typeId'] as string;
}

export async function organisation(app: Cairn, name: string): Promise<string> {
  const r = await must(
    app,
    { type: 'stock.org.add', payload: { name, kind: 'operator', country: 'FI' } },
    SYSTEM_ACTOR,
  );
  return r.result['orgId'] as string;
}

/** A fixture over a new test app, or over `app` when given (e.g. one built with a known signing key). */
export async function makeFixture(given?: Cairn): Promise<Fixture> {
  const app = given ?? (await makeTestApp());
  const imo = await addTestUser(app, 'imo', ['im-officer']);
  const imo2 = await addTestUser(app, 'imo2', ['im-officer']);
  const surveyor = await addTestUser(app, 'surveyor', ['field-surveyor']);
  const orgId = await organisation(app, 'SYNTHETIC Demining Operator');
  const apTypeId = await mineType(app, 'SYNTH-AP-1', 'AP');
  const atTypeId = await mineType(app, 'SYNTH-AT-1', 'AT');
  return { app, imo, imo2, surveyor, orgId, apTypeId, atTypeId };
}

/** Submit a report as `by` (with an optional client submission id). */
export function submit(
  f: Fixture,
  by: Actor,
  kind: string,
  report: object,
  extra: { corrects?: string; submission?: string } = {},
): Promise<Result<Executed>> {
  const { submission, corrects } = extra;
  return f.app.execute(
    {
      type: 'landrelease.submit',
      ...(submission ? { submission } : {}),
      payload: { kind, report, ...(corrects ? { corrects } : {}) },
    },
    by,
  );
}

export function submissionIdOf(r: Result<Executed>): string {
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.path} ${e.code} ${e.message}`).join('; '));
  return r.value.events[0]?.payload['submissionId'] as string;
}

export async function approve(f: Fixture, submissionId: string, by: Actor = f.imo): Promise<Executed> {
  return must(f.app, { type: 'landrelease.review.approve', payload: { submissionId } }, by);
}

export const hazardReport = (perimeter: object, extra: object = {}): object => ({
  name: 'SYNTHETIC DEMO DATA hazard',
  kind: 'sha',
  evidence: { kind: 'indirect', items: ['verbal reports'] },
  perimeter,
  benchmark: [10.0, 0.5],
  estimatedAreaM2: 10000,
  beneficiaries: { women: 3, men: 2, girls: 1, boys: 1 },
  priority: 'high',
  ...extra,
});

/** Record a hazard through the workbench (surveyor submits, IM officer approves); returns its id. */
export async function recordHazard(f: Fixture, perimeter: object, extra: object = {}): Promise<string> {
  const sid = submissionIdOf(await submit(f, f.surveyor, 'hazard', hazardReport(perimeter, extra)));
  const a = await approve(f, sid);
  return a.result['officialId'] as string;
}

export const activityReport = (f: Fixture, hazardId: string, extra: object = {}): object => ({
  hazardId,
  type: 'clearance',
  organisation: f.orgId,
  assets: ['manual'],
  depthCm: 13,
  startDate: '2026-03-01',
  endDate: '2026-03-20',
  hours: 120,
  status: 'completed',
  outputs: [],
  devices: [],
  ...extra,
});
