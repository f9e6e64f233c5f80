/**
 * Login timing must not reveal whether a name exists (issue #13 §4): every failed login runs the
 * same scrypt derivation, with the same N, r, p, key length and salt length as a real check. The
 * test spies on node:crypto's scrypt (calling through) instead of timing anything.
 */
import * as crypto from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { SYSTEM_ACTOR } from '../access/index.js';
import type { Cairn } from '../app/index.js';
import { addTestUser, makeTestApp } from '../app/testing/index.js';
import { SCRYPT_PARAMS, verifyLoginPassword, verifyPassword } from '../users/index.js';
import { createHttpApp, type HttpApp } from './index.js';

vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  return { ...real, scrypt: vi.fn(real.scrypt) };
});
const scryptSpy = vi.mocked(crypto.scrypt);

/** What one scrypt call was asked to do, without the password or salt bytes themselves. */
function shapes(): unknown[] {
  return scryptSpy.mock.calls.map((c) => {
    const [, salt, keylen, opts] = c as unknown as [string, Buffer, number, crypto.ScryptOptions];
    return { saltLength: salt.length, keylen, N: opts.N, r: opts.r, p: opts.p, maxmem: opts.maxmem };
  });
}

const CURRENT = {
  saltLength: SCRYPT_PARAMS.saltLength,
  keylen: SCRYPT_PARAMS.keyLength,
  N: SCRYPT_PARAMS.N,
  r: SCRYPT_PARAMS.r,
  p: SCRYPT_PARAMS.p,
  maxmem: 64 * 1024 * 1024,
};

let app: Cairn;
let http: HttpApp;
const login = (name: string, password: string) =>
  http.http.request('/api/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password }),
  });

beforeAll(async () => {
  app = await makeTestApp();
  await addTestUser(app, 'ada', ['auditor']);
  await addTestUser(app, 'grace', ['auditor']);
  const d = await app.execute(
    { type: 'user.disable', payload: { name: 'grace', reason: 'left the programme' } },
    SYSTEM_ACTOR,
  );
  expect(d.ok).toBe(true);
  // A user whose only password has been revoked: known, but with no password to check.
  const linus = await addTestUser(app, 'linus', ['auditor']);
  const creds = await app.store.findCredentials(linus.id, 'password');
  expect(creds).toHaveLength(1);
  await app.store.transaction((tx) => tx.revokeCredential(creds[0]?.id ?? '', '2026-06-01T12:00:00.000Z'));
});
afterAll(async () => {
  await app.close();
});
beforeEach(() => {
  // A fresh server per test, so the failed-login backoff of one test does not block the next.
  http = createHttpApp(app, {});
  scryptSpy.mockClear();
});

describe('login timing does not reveal whether a user exists', () => {
  it('hashes new passwords with the current parameters', async () => {
    await addTestUser(app, 'margaret', ['auditor']);
    expect(shapes()).toEqual([CURRENT]);
  });

  it('runs one scrypt with identical parameters for a wrong password, an unknown name, a user without a password and a disabled user', async () => {
    const seen: Record<string, unknown[]> = {};
    for (const [who, name] of [
      ['wrong password', 'ada'],
      ['unknown name', 'nobody'],
      ['no password', 'linus'],
      ['disabled', 'grace'],
    ] as const) {
      scryptSpy.mockClear();
      const res = await login(name, 'not the password at all');
      expect(res.status, who).toBe(401);
      seen[who] = shapes();
    }
    expect(seen).toEqual({
      'wrong password': [CURRENT],
      'unknown name': [CURRENT],
      'no password': [CURRENT],
      disabled: [CURRENT],
    });
  });

  it('runs the same scrypt for a disabled user with the right password, and then refuses', async () => {
    const res = await login('grace', 'correct horse battery');
    expect(res.status).toBe(403);
    expect(shapes()).toEqual([CURRENT]);
  });

  it('never lets a missing or damaged hash match, and still runs the same scrypt for it', async () => {
    expect(await verifyLoginPassword('anything at all', undefined)).toBe(false);
    expect(await verifyPassword('anything at all', 'scrypt$x')).toBe(false);
    expect(await verifyPassword('anything at all', 'scrypt$32768$8$1$$')).toBe(false);
    expect(shapes()).toEqual([CURRENT, CURRENT, CURRENT]);
  });
});
