/**
 * The HTTP adapter: a Hono app over one `Cairn`. It knows only the app layer's interfaces; the
 * start function (server.ts) is the composition root that binds it to a socket.
 */
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { etag } from 'hono/etag';
import type { Cairn } from '../app/index.js';
import { apiRoutes } from './api.js';
import { attachmentRoutes, DirBlobStore, MemoryBlobStore } from './routes/attachments.js';
import { recordRoutes } from './routes/records.js';
import { reportRoutes } from './routes/reports.js';
import { stockRoutes } from './routes/stock.js';
import { AuthState, CSRF_HEADER, authMiddleware, authRoutes } from './auth.js';
import { CollectionRegistry, defaultCollections, type CollectionSpec } from './collections.js';
import type { HttpDeps, HttpEnv, HttpOptions } from './env.js';
import { onError, onNotFound } from './errors.js';
import { apiRoot } from './ogc/common.js';
import { part4Routes } from './ogc/part4.js';
import { ogcRoutes } from './ogc/routes.js';
import { openApiDocument } from './openapi.js';
import { RouteTable, defineRoute } from './route.js';
import { staticRoutes } from './static.js';
import { z } from 'zod';
import { tileRoutes } from './tiles/index.js';
import { DataVersion } from './version.js';

/** Collections served by the JSON API only (no geometry). */
const jsonCollections = (): CollectionSpec[] => [
  {
    id: 'users',
    title: 'Users',
    description: 'User accounts (no secrets).',
    source: 'users',
    permission: 'user.read',
    defaultClassification: 'public',
  },
  {
    id: 'audit',
    title: 'Audit events',
    description: 'Logins and reads of restricted records.',
    source: 'audit',
    permission: 'audit.read',
    defaultClassification: 'public',
  },
  ...(['types', 'lots', 'orgs', 'accounts', 'balances', 'movements', 'checks', 'discrepancies'] as const).map(
    (k): CollectionSpec => ({
      id: `stock-${k}`,
      title: `Stock ${k}`,
      description: `Stock module: ${k}.`,
      source: `stock.${k}`,
      permission: 'stock.read',
      defaultClassification: 'restricted',
    }),
  ),
];

export interface HttpApp {
  readonly http: Hono<HttpEnv>;
  readonly registry: CollectionRegistry;
  readonly auth: AuthState;
  /** The schema-first routes (for the OpenAPI document and its completeness test). */
  readonly routes: RouteTable;
}

/** Build the HTTP app. `extraCollections` lets tests and domain wiring add collections. */
export function createHttpApp(
  app: Cairn,
  opts: HttpOptions = {},
  extraCollections: readonly CollectionSpec[] = [],
): HttpApp {
  const deps: HttpDeps = { app, opts, version: new DataVersion() };
  const registry = new CollectionRegistry([
    ...defaultCollections(),
    ...jsonCollections(),
    ...extraCollections,
  ]);
  const auth = new AuthState();
  const http = new Hono<HttpEnv>();
  http.onError(onError);
  http.notFound(onNotFound);
  if (opts.onRequest !== undefined) {
    const hook = opts.onRequest;
    http.use('*', async (c, next) => {
      hook(new URL(c.req.url));
      await next();
    });
  }
  http.use(
    '*',
    cors({
      origin: '*',
      allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
      allowHeaders: [
        'Authorization',
        'Content-Type',
        'Content-Crs',
        'If-Match',
        'If-None-Match',
        'Idempotency-Key',
        CSRF_HEADER,
      ],
      exposeHeaders: ['ETag', 'Location', 'Content-Crs', 'Retry-After'],
      maxAge: 600,
    }),
  );
  http.use('*', etag({ weak: true }));
  http.use('*', authMiddleware(deps));

  const routes = new RouteTable();
  authRoutes(http, deps, auth, routes);
  // Before apiRoutes: it checks a report's photo references ahead of the command route.
  attachmentRoutes(
    http,
    deps,
    opts.attachmentsDir === undefined ? new MemoryBlobStore() : new DirBlobStore(opts.attachmentsDir),
    routes,
  );
  apiRoutes(http, deps, registry, routes);
  reportRoutes(http, deps, routes);
  stockRoutes(http, deps, routes);
  recordRoutes(http, deps, registry, routes);
  ogcRoutes(http, deps, registry);
  part4Routes(http, deps, registry);
  tileRoutes(http, deps, registry);
  defineRoute(http, deps, routes, {
    method: 'GET',
    path: '/api',
    summary: 'This OpenAPI 3.0 document',
    access: 'public',
    query: z.object({ f: z.string().optional() }),
    response: z.record(z.string(), z.unknown()),
    mediaType: 'application/vnd.oai.openapi+json;version=3.0',
    handler: ({ c }) => openApiDocument(http, routes, app, apiRoot(c).replace(/\/ogc$/, '')),
  });
  staticRoutes(http, opts.webRoot ?? 'dist/web');
  return { http, registry, auth, routes };
}
