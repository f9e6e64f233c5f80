import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SYSTEM_ACTOR } from '../access/index.js';
import type { Cairn } from '../app/index.js';
import { makeTestApp } from '../app/testing/index.js';
import type { HttpEnv } from './env.js';
import { onError } from './errors.js';
import { BytesBody, RawResponse, RouteTable, defineRoute } from './route.js';
import { DataVersion } from './version.js';

let app: Cairn;
beforeAll(async () => {
  app = await makeTestApp();
});
afterAll(async () => {
  await app.close();
});

/** A bare Hono app whose caller is the system actor. */
function bare(): Hono<HttpEnv> {
  const http = new Hono<HttpEnv>();
  http.onError(onError);
  http.use('*', async (c, next) => {
    c.set('actor', SYSTEM_ACTOR);
    c.set('auth', 'token');
    await next();
  });
  return http;
}

/**
 * A byte route: it takes PNG bytes (at most 8) and answers with what it is given to answer —
 * declared as JSON `{ bytes }` or a PNG — so a test can make it answer off its declaration.
 */
function bytesRoute(answer: (c: { body: Buffer }) => Response) {
  const http = bare();
  const table = new RouteTable();
  defineRoute(http, { app, opts: { checkResponses: true }, version: new DataVersion() }, table, {
    method: 'POST',
    path: '/api/blobs',
    summary: 'a blob',
    access: 'public',
    body: BytesBody,
    bodyMedia: ['image/png'],
    maxBodyBytes: 8,
    response: RawResponse,
    kind: 'raw',
    content: { 'application/json': z.object({ bytes: z.number() }), 'image/png': 'binary' },
    status: 201,
    handler: ({ body }) => answer({ body }),
  });
  const post = (body: Uint8Array, type = 'image/png') =>
    http.request('/api/blobs', {
      method: 'POST',
      headers: { 'content-type': type },
      body: new Uint8Array(body),
    });
  return { table, post };
}

/** One route whose handler answers `answer`, on a bare Hono app with the system actor. */
function serve(answer: unknown, checkResponses: boolean) {
  const http = bare();
  const table = new RouteTable();
  defineRoute(http, { app, opts: { checkResponses }, version: new DataVersion() }, table, {
    method: 'GET',
    path: '/api/things/:id',
    summary: 'a thing',
    access: 'public',
    params: z.object({ id: z.string().regex(/^t\d+$/) }),
    query: z.object({ n: z.string().regex(/^\d+$/).transform(Number).optional() }),
    response: z.object({ id: z.string(), n: z.number() }),
    // The handler's declared type is the schema's; the test feeds it a wrong answer on purpose.
    handler: ({ params, query }) =>
      answer === undefined ? { id: params.id, n: query.n ?? 0 } : (answer as { id: string; n: number }),
  });
  return { http, table };
}

describe('defineRoute', () => {
  it('parses path and query with their schemas and records the route for the OpenAPI document', async () => {
    const { http, table } = serve(undefined, true);
    const res = await http.request('/api/things/t1?n=3');
    expect(await res.json()).toEqual({ id: 't1', n: 3 });
    expect(table.all().map((e) => [e.method, e.openApiPath, e.statuses])).toEqual([
      ['GET', '/api/things/{id}', [200]],
    ]);
  });

  it('refuses bad path and query values together, each by name', async () => {
    const res = await serve(undefined, true).http.request('/api/things/x?n=y');
    const body = (await res.json()) as { details: { code: string; path: string }[] };
    expect(res.status).toBe(400);
    expect(body.details.map((d) => `${d.code} ${d.path}`).sort()).toEqual([
      'VALIDATION_FORMAT id',
      'VALIDATION_FORMAT n',
    ]);
  });

  it('answers 500 when a response leaves its schema and responses are checked, and passes it on when not', async () => {
    expect((await serve({ id: 't1', n: 'three' }, true).http.request('/api/things/t1')).status).toBe(500);
    expect((await serve({ id: 't1', n: 'three' }, false).http.request('/api/things/t1')).status).toBe(200);
  });

  it('hands a bytes body to the handler as the bytes sent, refusing another media type (415) and a body too large (413)', async () => {
    const r = bytesRoute(({ body }) => Response.json({ bytes: body.length }, { status: 201 }));
    const ok = await r.post(new Uint8Array([1, 2, 3]));
    expect(ok.status).toBe(201);
    expect(await ok.json()).toEqual({ bytes: 3 });
    const wrongType = await r.post(new Uint8Array([1]), 'image/svg+xml');
    expect(wrongType.status).toBe(415);
    expect(((await wrongType.json()) as { code: string }).code).toBe('HTTP_UNSUPPORTED_MEDIA_TYPE');
    expect((await r.post(new Uint8Array(9))).status).toBe(413);
    expect(r.table.all()[0]).toMatchObject({ bodyMedia: ['image/png'], kind: 'raw', statuses: [201] });
  });

  it('checks a raw response against its declaration: the status, the media type, and JSON against its schema', async () => {
    const png = (status: number) => () =>
      new Response(new Uint8Array([0x89]), { status, headers: { 'content-type': 'image/png' } });
    expect((await bytesRoute(png(201)).post(new Uint8Array([1]))).status).toBe(201);
    expect((await bytesRoute(png(200)).post(new Uint8Array([1]))).status).toBe(500);
    const gif = () => new Response('GIF89a', { status: 201, headers: { 'content-type': 'image/gif' } });
    expect((await bytesRoute(gif).post(new Uint8Array([1]))).status).toBe(500);
    const offSchema = () => Response.json({ bytes: 'three' }, { status: 201 });
    expect((await bytesRoute(offSchema).post(new Uint8Array([1]))).status).toBe(500);
  });
});
