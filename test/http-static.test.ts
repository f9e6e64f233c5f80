/** Serving the built web app: files, the index fallback for client routes, gzip and caching. */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cairn } from '../src/app/index.js';
import { makeTestApp } from '../src/app/testing/index.js';
import { createHttpApp, type HttpApp } from '../src/http/index.js';

let app: Cairn;
let http: HttpApp;
const root = mkdtempSync(join(tmpdir(), 'cairn-web-'));
const script = `console.log(${JSON.stringify('x'.repeat(5000))});\n`;

beforeAll(async () => {
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Cairn test index</title>');
  writeFileSync(join(root, 'assets', 'index-abc123.js'), script);
  writeFileSync(join(root, 'sw.js'), 'self.addEventListener("fetch", () => undefined);');
  writeFileSync(join(root, 'manifest.webmanifest'), '{"name":"Cairn"}');
  app = await makeTestApp();
  http = createHttpApp(app, { webRoot: root });
});
afterAll(async () => {
  await app.close();
  rmSync(root, { recursive: true, force: true });
});

describe('static web app', () => {
  it('gzips a compressible asset for a client that accepts gzip, and marks hashed assets immutable', async () => {
    const res = await http.http.request('/assets/index-abc123.js', {
      headers: { 'accept-encoding': 'gzip, deflate' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('cache-control')).toMatch(/immutable/);
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.length).toBeLessThan(script.length / 4);
    expect(gunzipSync(body).toString('utf8')).toBe(script);
  });

  it('sends the file as is to a client that does not accept gzip', async () => {
    const res = await http.http.request('/assets/index-abc123.js');
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(await res.text()).toBe(script);
  });

  it('answers a client-side route with the index page, and a missing file with 404', async () => {
    expect(await (await http.http.request('/map')).text()).toContain('Cairn test index');
    expect((await http.http.request('/assets/missing.js')).status).toBe(404);
  });

  it('serves the service worker for revalidation on every load, with the whole app as its scope, and the manifest with its type', async () => {
    const sw = await http.http.request('/sw.js');
    expect(sw.status).toBe(200);
    expect(sw.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(sw.headers.get('cache-control')).toBe('no-cache');
    expect(sw.headers.get('service-worker-allowed')).toBe('/');
    const manifest = await http.http.request('/manifest.webmanifest');
    expect(manifest.headers.get('content-type')).toBe('application/manifest+json');
    expect(manifest.headers.get('cache-control')).toBe('no-cache');
    expect((await http.http.request('/map')).headers.get('cache-control')).toBe('no-cache');
  });
});
