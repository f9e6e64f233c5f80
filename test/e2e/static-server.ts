/**
 * A static file server for dist/web with a scripted stand-in for the API, for the tests that
 * check the built app itself (basemap, bundle, offline) without the domain server.
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { ROOT } from './harness.js';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.geojson': 'application/geo+json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

export type ApiStub = (path: string, method: string) => { status: number; body: unknown } | undefined;

export async function serveStatic(api: ApiStub): Promise<{ url: string; server: Server }> {
  const dir = join(ROOT, 'dist', 'web');
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const stub = api(url.pathname + url.search, req.method ?? 'GET');
    if (stub !== undefined) {
      res.writeHead(stub.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(stub.body));
      return;
    }
    const rel = url.pathname === '/' ? 'index.html' : normalize(url.pathname).replace(/^[/\\]+/, '');
    if (rel.includes('..')) {
      res.writeHead(400).end();
      return;
    }
    readFile(join(dir, rel)).then(
      (data) => {
        res.writeHead(200, { 'content-type': TYPES[extname(rel)] ?? 'application/octet-stream' });
        res.end(data);
      },
      () => {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ code: 'HTTP_ROUTE_NOT_FOUND', message: `no route GET ${url.pathname}`, details: [] }));
      },
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  if (addr === null || typeof addr === 'string') throw new Error('no port');
  return { url: `http://127.0.0.1:${addr.port}`, server };
}
