/**
 * http: the HTTP adapter — JSON API, OpenAPI, OGC API Features Parts 1–4 with CQL2, vector
 * tiles, authentication (sessions, CSRF, tokens, backoff) and need-to-know filtering.
 */
export { createHttpApp } from './app.js';
export type { HttpApp } from './app.js';
export { startServer } from './server.js';
export type { RunningServer } from './server.js';
export type { HttpOptions, AuthKind } from './env.js';
export {
  CollectionRegistry,
  defaultCollections,
  accessFilter,
  queryCollection,
  getVisible,
} from './collections.js';
export type { CollectionSpec, EditSpec, IncomingFeature, Queryable } from './collections.js';
export { CONFORMANCE, DEFAULT_LIMIT, MAX_LIMIT } from './ogc/routes.js';
export { SESSION_COOKIE, CSRF_HEADER } from './auth.js';
export { encodeTile, renderTile, tileBBox, MVT_TYPE } from './tiles/index.js';
export { parseCql2Text, parseCql2Json, writeCql2Text, compileCql2 } from './cql2/index.js';
export type { Cql2Value } from './cql2/index.js';
