/**
 * The offline-first modules without a browser: the identity kept for an offline start, the sync
 * state, tile arithmetic for saved areas, the device position fix, and sending a report's photos
 * before the report (issue #12 §2).
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/access/index.js';
import { ApiError } from '../api/client.js';
import type { OutboxItem } from '../outbox.js';
import { currentFix, failureOf } from './gps.js';
import { sendWithAttachments, type SendDeps } from './send.js';
import { OfflineIdentity, type IdentityStorage } from './session.js';
import { syncState } from './sync.js';
import { boxProblem, countTiles, tileAt, tileRange, tilesIn, tileUrl } from './tiles.js';
import type { StoredPhoto } from './photos.js';

class MemoryStorage implements IdentityStorage {
  readonly map = new Map<string, string>();
  getItem(k: string): string | null {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string): void {
    this.map.set(k, v);
  }
  removeItem(k: string): void {
    this.map.delete(k);
  }
}

const surveyor: Actor = {
  id: 'u-surveyor',
  name: 'surveyor',
  roles: ['field-surveyor'],
  clearance: 'restricted',
  regions: ['UA-14'],
};

describe('the offline identity', () => {
  it('keeps the identity of the last user signed in, and nothing else the server sent with it', () => {
    const storage = new MemoryStorage();
    const id = new OfflineIdentity(storage);
    expect(id.last()).toBeUndefined();
    id.remember({ ...surveyor, csrfToken: 'secret-csrf', password: 'pw' } as unknown as Actor);
    // A new page over the same storage (a cold start) finds the same user.
    expect(new OfflineIdentity(storage).last()).toEqual(surveyor);
    const stored = storage.getItem('cairn.offlineIdentity') ?? '';
    expect(stored).not.toContain('secret-csrf');
    expect(stored).not.toContain('pw');
  });

  it('forgets the user at sign-out and ignores damaged or partial storage', () => {
    const storage = new MemoryStorage();
    const id = new OfflineIdentity(storage);
    id.remember(surveyor);
    id.forget();
    expect(id.last()).toBeUndefined();
    expect(id.server()).toBe('signed-out');
    storage.setItem('cairn.offlineIdentity', '{"id":"x","name":');
    expect(id.last()).toBeUndefined();
    storage.setItem(
      'cairn.offlineIdentity',
      JSON.stringify({ id: 'x', name: 'y', roles: 'admin', clearance: 'secret', regions: [] }),
    );
    expect(id.last()).toBeUndefined();
  });

  it('keeps the roles this build knows from an identity a newer build stored, and refuses an unknown clearance', () => {
    const storage = new MemoryStorage();
    const id = new OfflineIdentity(storage);
    storage.setItem(
      'cairn.offlineIdentity',
      JSON.stringify({ ...surveyor, roles: [...surveyor.roles, 'drone-pilot'], extra: 1 }),
    );
    expect(id.last()).toEqual(surveyor);
    storage.setItem('cairn.offlineIdentity', JSON.stringify({ ...surveyor, clearance: 'cosmic' }));
    expect(id.last()).toBeUndefined();
  });

  it('tells its listeners when the server session changes, once per change', () => {
    const id = new OfflineIdentity(new MemoryStorage());
    const seen: string[] = [];
    id.subscribe(() => seen.push(id.server()));
    id.setServer('signed-in');
    id.setServer('signed-in');
    id.setServer('signed-out');
    expect(seen).toEqual(['signed-in', 'signed-out']);
  });
});

const item = (status: OutboxItem['status'], n = 0): OutboxItem => ({
  id: `web:${status}-${n}`,
  owner: 'u',
  type: 'landrelease.submit',
  payload: {},
  label: 'x',
  createdAt: '2026-12-04T00:00:00Z',
  status,
  attempts: 0,
});

describe('the sync state', () => {
  it('says offline first, with how many wait', () => {
    expect(
      syncState({
        online: false,
        server: 'signed-in',
        sending: true,
        items: [item('pending'), item('refused')],
      }),
    ).toEqual({ kind: 'offline', pending: 1 });
  });
  it('asks for a sign-in when reports wait and the server has no session, and not when nothing waits', () => {
    expect(
      syncState({
        online: true,
        server: 'signed-out',
        sending: false,
        items: [item('pending'), item('pending', 1)],
      }),
    ).toEqual({ kind: 'needs-sign-in', pending: 2 });
    expect(syncState({ online: true, server: 'signed-out', sending: false, items: [item('sent')] })).toEqual({
      kind: 'all-sent',
    });
  });
  it('shows sending, then refused reports, then waiting ones, then all sent', () => {
    expect(
      syncState({ online: true, server: 'signed-in', sending: true, items: [item('pending')] }).kind,
    ).toBe('sending');
    expect(
      syncState({
        online: true,
        server: 'signed-in',
        sending: false,
        items: [item('pending'), item('refused')],
      }),
    ).toEqual({ kind: 'error', refused: 1, pending: 1 });
    expect(syncState({ online: true, server: 'unknown', sending: false, items: [item('pending')] })).toEqual({
      kind: 'pending',
      pending: 1,
    });
    expect(
      syncState({
        online: true,
        server: 'signed-in',
        sending: false,
        items: [item('sent'), item('sent', 1)],
      }),
    ).toEqual({ kind: 'all-sent' });
  });
});

describe('tiles of a saved area', () => {
  it('puts known places in their XYZ tiles', () => {
    // z0 is the world; at z1 the north-west quarter is 0/0; Greenwich on the equator is the south-east one.
    expect(tileAt(10, 10, 0)).toEqual({ x: 0, y: 0 });
    expect(tileAt(-100, 40, 1)).toEqual({ x: 0, y: 0 });
    expect(tileAt(0.0001, -0.0001, 1)).toEqual({ x: 1, y: 1 });
    // Helsinki (24.94 E, 60.17 N) at z10: x = floor((24.94 + 180) / 360 * 1024) = 582.
    expect(tileAt(24.94, 60.17, 10).x).toBe(582);
    // The poles beyond Web Mercator's limit clamp to the first and last rows.
    expect(tileAt(0, 89.9, 3).y).toBe(0);
    expect(tileAt(0, -89.9, 3).y).toBe(7);
  });

  it('counts the tiles of a box over a zoom range, as the list it yields', () => {
    const box = [24.9, 60.1, 25.1, 60.25] as const;
    const r = tileRange(box, 12);
    expect(r.x0).toBeLessThanOrEqual(r.x1);
    expect(r.y0).toBeLessThanOrEqual(r.y1);
    const listed = [...tilesIn(box, 10, 13)];
    expect(listed.length).toBe(countTiles(box, 10, 13));
    expect(new Set(listed.map((t) => `${t.z}/${t.x}/${t.y}`)).size).toBe(listed.length);
    // At z2 the world is 4×4 tiles of 90°: 100 W–100 E spans columns 0–3, 10 S–10 N rows 1–2.
    expect(countTiles([-100, -10, 100, 10], 2, 2)).toBe(8);
    expect(countTiles([-100, -10, 100, 10], 0, 2)).toBe(1 + 4 + 8);
    expect(tileUrl('/tiles/hazards/{z}/{x}/{y}.mvt?centres=true', { z: 3, x: 4, y: 2 })).toBe(
      '/tiles/hazards/3/4/2.mvt?centres=true',
    );
  });

  it('refuses a box turned inside out and a zoom range outside 0–16, saying which', () => {
    expect(boxProblem([25, 60, 24, 61], 5, 8)).toMatch(/west/);
    expect(boxProblem([24, 61, 25, 60], 5, 8)).toMatch(/south/);
    expect(boxProblem([24, 60, 25, 61], 8, 5)).toMatch(/zoom/);
    expect(boxProblem([24, 60, 25, 61], 0, 17)).toMatch(/zoom/);
    expect(boxProblem([24, 60, 25, 61], 0, 16)).toBeUndefined();
  });
});

describe('the device position', () => {
  it('names each Geolocation failure', () => {
    expect([1, 2, 3].map(failureOf)).toEqual(['denied', 'unavailable', 'timeout']);
  });

  it('asks for a fresh high-accuracy fix and keeps its accuracy in metres', async () => {
    let asked: PositionOptions | undefined;
    const geo = {
      getCurrentPosition(ok: PositionCallback, _err: PositionErrorCallback | null, opts?: PositionOptions) {
        asked = opts;
        ok({
          coords: { latitude: 50.45, longitude: 30.52, accuracy: 4.26 },
          timestamp: Date.parse('2026-12-04T06:00:00Z'),
        } as GeolocationPosition);
      },
    } as unknown as Geolocation;
    expect(await currentFix(geo)).toEqual({
      ok: true,
      lat: 50.45,
      lon: 30.52,
      accuracyM: 4.3,
      capturedAt: '2026-12-04T06:00:00.000Z',
    });
    expect(asked).toMatchObject({ enableHighAccuracy: true, maximumAge: 0 });
  });

  it('answers a refusal, and a browser without geolocation, without throwing', async () => {
    const denied = {
      getCurrentPosition(_ok: PositionCallback, err: PositionErrorCallback | null) {
        err?.({ code: 1, message: 'denied' } as GeolocationPositionError);
      },
    } as unknown as Geolocation;
    expect(await currentFix(denied)).toEqual({ ok: false, reason: 'denied' });
    expect(await currentFix(undefined)).toEqual({ ok: false, reason: 'unsupported' });
  });
});

describe('sending a report with photos', () => {
  const photo = (sha: string, bytes = 3): StoredPhoto => ({
    sha256: sha,
    mediaType: 'image/jpeg',
    bytes,
    blob: new Blob([new Uint8Array(bytes)]),
    name: `${sha}.jpg`,
    owner: 'u',
    savedAt: '2026-12-04T00:00:00Z',
  });

  function world() {
    const device = new Map<string, StoredPhoto>([
      ['a'.repeat(64), photo('a'.repeat(64))],
      ['b'.repeat(64), photo('b'.repeat(64))],
    ]);
    const server = {
      photos: new Map<string, number>(),
      reports: new Map<string, number>(),
      log: [] as string[],
      offlineAfter: Infinity,
    };
    const step = () => {
      if (server.log.length >= server.offlineAfter) throw new ApiError(0, 'NETWORK', 'offline', []);
    };
    const deps: SendDeps = {
      ready: () => Promise.resolve(),
      photo: (sha) => Promise.resolve(device.get(sha)),
      upload: (p) => {
        step();
        server.log.push(`photo ${p.sha256.slice(0, 1)}`);
        server.photos.set(p.sha256, (server.photos.get(p.sha256) ?? 0) + 1);
        return Promise.resolve({ sha256: p.sha256, mediaType: p.mediaType, bytes: p.bytes });
      },
      execute: (i) => {
        step();
        server.log.push(`report ${i.id}`);
        if (!server.photos.has('a'.repeat(64))) throw new ApiError(422, 'ATTACHMENT_MISSING', 'missing', []);
        server.reports.set(i.id, (server.reports.get(i.id) ?? 0) + 1);
        return Promise.resolve({
          result: {},
          replayed: false,
          events: [{ seq: 1, type: 'landrelease.submitted', effectiveAt: '2026-12-04T00:00:00.000Z' }],
        });
      },
      forget: (sha) => {
        device.delete(sha);
        return Promise.resolve();
      },
    };
    const report: OutboxItem = {
      ...item('pending'),
      id: 'web:r1',
      attachments: ['a'.repeat(64), 'b'.repeat(64)],
    };
    return { device, server, deps, report };
  }

  it('uploads every photo before the report, then removes the photos from the device', async () => {
    const { device, server, deps, report } = world();
    await sendWithAttachments(report, deps);
    expect(server.log).toEqual(['photo a', 'photo b', 'report web:r1']);
    expect(device.size).toBe(0);
  });

  it('keeps the photos on the device when the connection drops part-way, and a second send completes it', async () => {
    const { device, server, deps, report } = world();
    server.offlineAfter = 1; // the first photo goes, then the link drops
    await expect(sendWithAttachments(report, deps)).rejects.toMatchObject({ code: 'NETWORK' });
    expect(device.size).toBe(2);
    expect(server.reports.size).toBe(0);
    server.offlineAfter = Infinity;
    await sendWithAttachments(report, deps);
    // The first photo went twice (idempotent on the server, named by its hash); the report once.
    expect(server.photos.get('a'.repeat(64))).toBe(2);
    expect(server.reports.get('web:r1')).toBe(1);
    expect(device.size).toBe(0);
  });

  it('refuses to send the report when the server files a photo under another hash', async () => {
    const { deps, report, server } = world();
    const bad: SendDeps = {
      ...deps,
      upload: (p) => Promise.resolve({ sha256: 'c'.repeat(64), mediaType: p.mediaType, bytes: p.bytes }),
    };
    await expect(sendWithAttachments(report, bad)).rejects.toThrow(/filed it as c{64}/);
    expect(server.reports.size).toBe(0);
  });
});
