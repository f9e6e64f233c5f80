/** Serving the built web app (dist/web) at /, with an index page when it has not been built. */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Hono } from 'hono';
import type { HttpEnv } from './env.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.pbf': 'application/x-protobuf',
  '.webmanifest': 'application/manifest+json',
  '.map': 'application/json',
};

/** Files whose name never changes between versions: revalidated on every request. */
const NO_CACHE = new Set(['sw.js', 'index.html', 'manifest.webmanifest']);

const FALLBACK = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Cairn</title></head>
<body><h1>Cairn</h1><p>The web app has not been built (run <code>npx vite build</code>). The server is running:</p>
<ul><li><a href="/ogc">OGC API Features</a></li><li><a href="/api">OpenAPI document</a></li><li><a href="/api/collections">collections (JSON)</a></li></ul></body></html>`;

async function fileIfExists(path: string): Promise<Buffer | undefined> {
  try {
    const s = await stat(path);
    return s.isFile() ? await readFile(path) : undefined;
  } catch {
    return undefined;
  }
}

const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg', '.map', '.webmanifest']);
/**
 * The gzipped body of each built file, with the digest of the bytes it was made from. Keyed by
 * content, not size: a new build deployed under a running server has a sw.js of the same length
 * (only its 16-hex version changes), and serving the old one's gzip hid every update (test/e2e/update.test.ts).
 */
const gzipped = new Map<string, { readonly digest: string; readonly body: Buffer }>();

function gzipOf(path: string, body: Buffer): Buffer {
  const digest = createHash('sha256').update(body).digest('hex');
  const hit = gzipped.get(path);
  if (hit !== undefined && hit.digest === digest) return hit.body;
  const z = gzipSync(body, { level: 9 });
  gzipped.set(path, { digest, body: z });
  return z;
}

/** GET of any path outside /api, /ogc and /tiles: a file of the web app, or its index.html. */
export function staticRoutes(http: Hono<HttpEnv>, webRoot: string): void {
  const root = resolve(webRoot);
  http.get('*', async (c, next) => {
    const p = c.req.path;
    if (p.startsWith('/api') || p.startsWith('/ogc') || p.startsWith('/tiles')) return next();
    const rel = normalize(decodeURIComponent(p)).replace(/^([/\\])+/, '');
    const full = resolve(join(root, rel));
    if (full !== root && !full.startsWith(root + sep)) return next();
    const file = rel === '' ? undefined : await fileIfExists(full);
    if (file !== undefined) {
      const ext = extname(full);
      const headers: Record<string, string> = {
        'content-type': TYPES[ext] ?? 'application/octet-stream',
        vary: 'accept-encoding',
      };
      // Vite names built assets by content hash, so they never change under the same name.
      if (rel.startsWith('assets/')) headers['cache-control'] = 'public, max-age=31536000, immutable';
      // The service worker, the page that registers it and the manifest are checked on every load,
      // so a new version is seen at once (the worker's own cache then serves the app offline).
      else if (NO_CACHE.has(rel)) headers['cache-control'] = 'no-cache';
      // The worker lives at the root, so its scope is the whole app.
      if (rel === 'sw.js') headers['service-worker-allowed'] = '/';
      const wantsGzip = /\bgzip\b/.test(c.req.header('accept-encoding') ?? '');
      if (wantsGzip && COMPRESSIBLE.has(ext) && file.length > 1024) {
        headers['content-encoding'] = 'gzip';
        return c.body(new Uint8Array(gzipOf(full, file)), 200, headers);
      }
      return c.body(new Uint8Array(file), 200, headers);
    }
    if (extname(rel) !== '' && rel !== 'index.html') return next();
    const index = await fileIfExists(join(root, 'index.html'));
    return c.html(index === undefined ? FALLBACK : index.toString('utf8'), 200, {
      'cache-control': 'no-cache',
    });
  });
}
