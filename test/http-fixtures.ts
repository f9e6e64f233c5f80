/** Shared fixtures for the HTTP tests: an app with one user (and token) per role, and features. */
import type { Actor } from '../src/access/index.js';
import type { Cairn } from '../src/app/index.js';
import { addTestUser, makeTestApp } from '../src/app/testing/index.js';
import type { JsonObject } from '../src/core/index.js';
import { createHttpApp, type CollectionSpec, type HttpApp, type HttpOptions } from '../src/http/index.js';
import { square as polygonSquare } from '../src/interchange/fixtures.testkit.js';
import type { StoredGeometry } from '../src/store/index.js';

export const ROLES_UNDER_TEST = [
  'admin',
  'stock-officer',
  'approver',
  'minefield-recorder',
  'im-officer',
  'field-surveyor',
  'auditor',
  'public',
] as const;
export type Who = (typeof ROLES_UNDER_TEST)[number] | 'anonymous';
export const EVERYONE: readonly Who[] = [...ROLES_UNDER_TEST, 'anonymous'];

export interface Fixture {
  readonly app: Cairn;
  readonly http: HttpApp;
  readonly tokens: ReadonlyMap<Who, string>;
  /** Ids of a spare token per role (not the one `request` sends). */
  readonly tokenIds: ReadonlyMap<Who, string>;
  /** The actor behind each role's user. */
  readonly actors: ReadonlyMap<Who, Actor>;
  request(who: Who, path: string, init?: RequestInit): Promise<Response>;
}

/** The interchange fixtures' square (one definition for every suite), as the store takes it. */
export const square = (x: number, y: number, d?: number): StoredGeometry => polygonSquare(x, y, d);

/** Write projection documents directly (test data for read paths; no domain command needed). */
export async function putDocs(
  app: Cairn,
  docs: readonly { collection: string; id: string; data: JsonObject; geometry?: StoredGeometry }[],
): Promise<void> {
  await app.store.transaction(async (tx) => {
    for (const d of docs) await tx.putDoc({ ...d, version: 1 });
  });
}

export async function makeFixture(
  opts: HttpOptions = {},
  extra: readonly CollectionSpec[] = [],
  app?: Cairn,
): Promise<Fixture> {
  const a = app ?? (await makeTestApp());
  const tokens = new Map<Who, string>();
  const tokenIds = new Map<Who, string>();
  const actors = new Map<Who, Actor>();
  for (const role of ROLES_UNDER_TEST) {
    const name = role.replace(/[^a-z]/g, '');
    const actor = await addTestUser(a, `u${name}`, [role]);
    actors.set(role, actor);
    const r = await a.execute({ type: 'user.token.create', payload: { label: 'test' } }, actor);
    if (!r.ok) throw new Error('token');
    tokens.set(role, r.value.result['token'] as string);
    // A second token, for tests that revoke one.
    const spare = await a.execute({ type: 'user.token.create', payload: { label: 'spare' } }, actor);
    if (!spare.ok) throw new Error('token');
    tokenIds.set(role, spare.value.result['tokenId'] as string);
  }
  // Every schema-first route's response is parsed with its declared schema in these tests.
  const http = createHttpApp(a, { checkResponses: true, ...opts }, extra);
  return {
    app: a,
    http,
    tokens,
    tokenIds,
    actors,
    request: (who, path, init = {}) => {
      const headers = new Headers(init.headers);
      const t = tokens.get(who);
      if (t !== undefined && !headers.has('authorization')) headers.set('authorization', `Bearer ${t}`);
      return Promise.resolve(http.http.request(path, { ...init, headers }));
    },
  };
}

/**
 * A public warning, a restricted hazard, a minefield and a facility. The minefield is a bare
 * document, not a valid APII record: pass `minefield: false` where real records are seeded.
 */
export async function seedFeatures(app: Cairn, opts: { readonly minefield?: boolean } = {}): Promise<void> {
  await putDocs(app, [
    {
      collection: 'hazards',
      id: 'h-public',
      data: {
        id: 'h-public',
        name: 'Public warning',
        status: 'open',
        publicWarning: true,
        classification: 'public',
        areaM2: 1200,
        recordedAt: '2026-01-10T00:00:00.000Z',
      },
      geometry: square(24.0, 60.0),
    },
    {
      collection: 'hazards',
      id: 'h-restricted',
      data: {
        id: 'h-restricted',
        name: 'Restricted area',
        status: 'open',
        publicWarning: false,
        classification: 'restricted',
        areaM2: 800,
        recordedAt: '2026-03-10T00:00:00.000Z',
      },
      geometry: square(24.5, 60.5),
    },
    ...(opts.minefield === false
      ? []
      : [
          {
            collection: 'minefields',
            id: 'mf-1',
            data: { id: 'mf-1', humanId: 'MF-0001', classification: 'restricted', status: 'recorded' },
            geometry: square(25.0, 61.0),
          },
        ]),
    {
      collection: 'stock.facilities',
      id: 'fac-1',
      data: { id: 'fac-1', name: 'Depot', classification: 'restricted' },
      geometry: { type: 'Point', coordinates: [26.0, 62.0] },
    },
  ]);
}

/** A valid hazard report (SYNTHETIC DEMO DATA) with a square perimeter at (x, y). */
export function hazardReport(name: string, x: number, y: number, extra: JsonObject = {}): JsonObject {
  return {
    name: `SYNTHETIC DEMO DATA: ${name}`,
    kind: 'sha',
    evidence: { kind: 'indirect', items: ['local informant'] },
    perimeter: square(x, y, 0.005) as unknown as JsonObject,
    classification: 'restricted',
    ...extra,
  };
}

/**
 * Real hazards through the workbench: a field surveyor submits, an IM officer approves; the
 * first is then released for public warning. Returns the official hazard ids.
 */
export async function seedHazards(
  f: Fixture,
  n = 2,
  at: readonly [number, number] = [24.2, 60.2],
): Promise<string[]> {
  const surveyor = f.actors.get('field-surveyor');
  const imo = f.actors.get('im-officer');
  if (surveyor === undefined || imo === undefined) throw new Error('fixture users');
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const sub = await f.app.execute(
      {
        type: 'landrelease.submit',
        payload: { kind: 'hazard', report: hazardReport(`hazard ${i}`, at[0] + i * 0.01, at[1]) },
      },
      surveyor,
    );
    if (!sub.ok) throw new Error(JSON.stringify(sub.errors));
    const ap = await f.app.execute(
      { type: 'landrelease.review.approve', payload: { submissionId: sub.value.result['submissionId'] } },
      imo,
    );
    if (!ap.ok) throw new Error(JSON.stringify(ap.errors));
    ids.push(ap.value.result['officialId'] as string);
  }
  const first = ids[0];
  if (first !== undefined) {
    const pw = await f.app.execute(
      {
        type: 'landrelease.hazard.publish-warning',
        payload: { hazardId: first, reason: 'SYNTHETIC DEMO DATA: warn the public' },
      },
      imo,
    );
    if (!pw.ok) throw new Error(JSON.stringify(pw.errors));
  }
  return ids;
}
