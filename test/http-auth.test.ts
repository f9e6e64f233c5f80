/** Sessions, CSRF, API tokens (Bearer and Basic), login backoff and audit events. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportLedger } from '../src/app/transfer.js';
import { createHttpApp } from '../src/http/index.js';
import { makeFixture, seedFeatures, type Fixture } from './http-fixtures.js';

let f: Fixture;
let now = 1_000_000;
beforeAll(async () => {
  f = await makeFixture({ now: () => now });
  await seedFeatures(f.app);
});
afterAll(async () => {
  await f.app.close();
});

const json = { 'content-type': 'application/json' };
const login = (name: string, password: string) =>
  f.http.http.request('/api/login', {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ name, password }),
  });

describe('sessions and CSRF', () => {
  it('logs in with a session cookie that is httpOnly and SameSite=Strict', async () => {
    const res = await login('uadmin', 'correct horse battery');
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/cairn_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
  });
  it('refuses an unsafe request on a cookie session without the CSRF token, and accepts it with', async () => {
    const res = await login('uadmin', 'correct horse battery');
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const without = await f.http.http.request('/api/ledger/checkpoints', {
      method: 'POST',
      headers: { cookie },
    });
    expect(without.status).toBe(403);
    expect(((await without.json()) as { code: string }).code).toBe('AUTH_CSRF');
    const withToken = await f.http.http.request('/api/ledger/checkpoints', {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken },
    });
    expect(withToken.status).toBe(201);
    const me = await f.http.http.request('/api/me', { headers: { cookie } });
    expect(((await me.json()) as { user: { name: string } }).user.name).toBe('uadmin');
  });
  it('ends the session on logout', async () => {
    const res = await login('uauditor', 'correct horse battery');
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(
      (
        await f.http.http.request('/api/logout', {
          method: 'POST',
          headers: { cookie, 'x-csrf-token': csrfToken },
        })
      ).status,
    ).toBe(204);
    expect((await f.http.http.request('/api/me', { headers: { cookie } })).status).toBe(401);
  });
  it('keeps a session across a server restart, storing only its digest, and a logout ends it everywhere', async () => {
    const res = await login('uauditor', 'correct horse battery');
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const sid = cookie.slice('cairn_session='.length);
    // A second server over the same store: a restart, or another process behind the same proxy.
    const restarted = createHttpApp(f.app, { now: () => now });
    const me = await restarted.http.request('/api/session', { headers: { cookie } });
    expect(me.status).toBe(200);
    expect((await me.json()) as { user: { name: string }; csrfToken: string }).toMatchObject({
      user: { name: 'uauditor' },
      csrfToken,
    });
    const auditor = f.actors.get('auditor');
    const creds = auditor === undefined ? [] : await f.app.store.findCredentials(auditor.id, 'session');
    expect(creds.length).toBeGreaterThan(0);
    expect(JSON.stringify(creds)).not.toContain(sid);
    // Sessions belong to the running server: a ledger export does not carry them.
    const lines: string[] = [];
    await exportLedger(f.app, (l) => {
      lines.push(l);
      return Promise.resolve();
    });
    expect(lines.some((l) => l.includes('"credentialKind":"password"'))).toBe(true);
    expect(lines.some((l) => l.includes('"credentialKind":"session"'))).toBe(false);
    expect(
      (
        await restarted.http.request('/api/logout', {
          method: 'POST',
          headers: { cookie, 'x-csrf-token': csrfToken },
        })
      ).status,
    ).toBe(204);
    expect((await f.http.http.request('/api/me', { headers: { cookie } })).status).toBe(401);
  });
  it('ends a session at its expiry and clears the cookie', async () => {
    const res = await login('uauditor', 'correct horse battery');
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect((await f.http.http.request('/api/me', { headers: { cookie } })).status).toBe(200);
    const before = now;
    now += 8 * 3600 * 1000 + 1; // the default lifetime is 8 hours
    try {
      const late = await f.http.http.request('/api/me', { headers: { cookie } });
      expect(late.status).toBe(401);
      expect(late.headers.get('set-cookie') ?? '').toMatch(/cairn_session=;/);
    } finally {
      now = before;
    }
  });
});

describe('API tokens', () => {
  it('work as Bearer and as the HTTP Basic password, and stop working once revoked', async () => {
    const created = await f.request('minefield-recorder', '/api/tokens', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ label: 'qgis' }),
    });
    expect(created.status).toBe(201);
    const { token, tokenId } = (await created.json()) as { token: string; tokenId: string };
    const bearer = await f.http.http.request('/ogc/collections/minefields/items', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(bearer.status).toBe(200);
    const basic = await f.http.http.request('/ogc/collections/minefields/items', {
      headers: { authorization: `Basic ${Buffer.from(`anyone:${token}`).toString('base64')}` },
    });
    expect(basic.status).toBe(200);
    expect(
      (
        await f.http.http.request(`/api/tokens/${tokenId}`, {
          method: 'DELETE',
          headers: { authorization: `Bearer ${token}` },
        })
      ).status,
    ).toBe(204);
    expect(
      (await f.http.http.request('/api/me', { headers: { authorization: `Bearer ${token}` } })).status,
    ).toBe(401);
  });
  it('are stored hashed: the token text is nowhere in the store', async () => {
    const t = f.tokens.get('admin') ?? '';
    let found = false;
    for await (const d of f.app.store.allDocs()) if (JSON.stringify(d).includes(t)) found = true;
    expect(found).toBe(false);
  });
});

describe('login backoff and audit', () => {
  it('meets repeated failures with 429 and Retry-After, and lets the user in once the wait is over', async () => {
    for (let i = 0; i < 5; i++) expect((await login('upublic', 'wrong wrong wrong')).status).toBe(401);
    const blocked = await login('upublic', 'correct horse battery');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    now += 60_000;
    expect((await login('upublic', 'correct horse battery')).status).toBe(200);
  });
  it('records logins and failed logins as audit events', async () => {
    const audit = await f.app.store.findDocs({
      collection: 'audit',
      where: { op: '=', field: 'type', value: 'audit.login-recorded' },
    });
    const outcomes = new Set(audit.map((d) => d.data['outcome']));
    expect(outcomes).toEqual(new Set(['success', 'failure', 'logout']));
  });
  it('records a read of a restricted record as an audit event naming the reader and the record', async () => {
    const before = await f.app.store.countDocs({ collection: 'audit' });
    expect((await f.request('minefield-recorder', '/ogc/collections/minefields/items/mf-1')).status).toBe(
      200,
    );
    const after = await f.app.store.findDocs({
      collection: 'audit',
      orderBy: { field: 'seq', desc: true },
      limit: 1,
    });
    expect(await f.app.store.countDocs({ collection: 'audit' })).toBe(before + 1);
    expect(after[0]?.data['records']).toEqual([{ id: 'mf-1', classification: 'restricted' }]);
    expect(after[0]?.data['actor']).toBeTruthy();
  });
  it('does not audit reads of public records', async () => {
    const before = await f.app.store.countDocs({ collection: 'audit' });
    await f.request('anonymous', '/ogc/collections/hazards/items');
    expect(await f.app.store.countDocs({ collection: 'audit' })).toBe(before);
  });
  it('refuses to let anyone submit audit events through the commands endpoint', async () => {
    const res = await f.request('admin', '/api/commands/audit.login.record', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ payload: { name: 'x', outcome: 'success', method: 'password' } }),
    });
    expect(res.status).toBe(404);
  });
});

describe('vector tiles', () => {
  it('serves a tile of the public hazards to the anonymous caller and none of the minefields', async () => {
    const tj = (await (await f.request('anonymous', '/tiles/hazards.json')).json()) as { tiles: string[] };
    expect(tj.tiles[0]).toMatch(/\/tiles\/hazards\/\{z\}\/\{x\}\/\{y\}\.mvt$/);
    // At zoom 0 the areas are far below a pixel and simplify away; their centres remain.
    const tile = await f.request('anonymous', '/tiles/hazards/0/0/0.mvt?centres=true');
    expect(tile.status).toBe(200);
    expect(tile.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile');
    expect((await tile.arrayBuffer()).byteLength).toBeGreaterThan(0);
    expect((await f.request('anonymous', '/tiles/minefields/0/0/0.mvt')).status).toBe(404);
  });
});

// Last: its failed login must not count towards the backoff tested above.
describe('authentication challenges', () => {
  it('challenges GIS clients with Basic and Bearer, but the web app and the login route with Bearer only', async () => {
    const gis = await f.http.http.request('/api/me');
    expect(gis.status).toBe(401);
    expect(gis.headers.get('www-authenticate')).toMatch(/Basic/);
    const web = await f.http.http.request('/api/me', { headers: { 'x-requested-with': 'XMLHttpRequest' } });
    expect(web.status).toBe(401);
    expect(web.headers.get('www-authenticate')).toBe('Bearer realm="cairn"');
    const bad = await login('nosuchuser', 'wrong password entirely');
    expect(bad.status).toBe(401);
    expect(bad.headers.get('www-authenticate')).not.toMatch(/Basic/);
  });
});
