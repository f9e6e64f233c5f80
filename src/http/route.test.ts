import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SYSTEM_ACTOR } from '../access/index.js';
import type { Cairn } from '../app/index.js';
import { makeTestApp } from '../app/testing/index.js';
import type { HttpEnv } from './env.js';
import { onError } from './errors.js';
import { RouteTable, defineRoute } from './route.js';
import { DataVersion } from './version.js';

let app: Cairn;
beforeAll(async () => {
  app = await makeTestApp();
});
afterAll(async () => {
  await app.close();
});

/** One route whose handler answers `answer`, on a bare Hono app with the system actor. */
function serve(answer: unknown, checkResponses: boolean) {
  const http = new Hono<HttpEnv>();
  http.onError(onError);
  http.use('*', async (c, next) => {
    c.set('actor', SYSTEM_ACTOR);
    c.set('auth', 'token');
    await next();
  });
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
});
