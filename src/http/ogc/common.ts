/** Helpers shared by the OGC API routes: base URLs, links, format negotiation, features, audit. */
import type { Context } from 'hono';
import type { Actor } from '../../access/index.js';
import type { JsonObject } from '../../core/index.js';
import { problem } from '../../core/index.js';
import type { Doc } from '../../store/index.js';
import { audit } from '../auth.js';
import { classificationOf, type CollectionSpec } from '../collections.js';
import { geometryTo, type OgcCrs } from '../crs.js';
import type { HttpDeps, HttpEnv } from '../env.js';
import { refuseAll } from '../errors.js';
import { htmlPage, type HtmlLink } from './html.js';

export const OGC_BASE = '/ogc';
export const GEOJSON = 'application/geo+json';
export const JSON_TYPE = 'application/json';
export const HTML = 'text/html';

export interface Link {
  readonly href: string;
  readonly rel: string;
  readonly type: string;
  readonly title?: string;
}

/** Absolute URL of the OGC API root for this request. */
export function apiRoot(c: Context): string {
  const u = new URL(c.req.url);
  const proto = c.req.header('x-forwarded-proto') ?? u.protocol.replace(':', '');
  return `${proto}://${c.req.header('x-forwarded-host') ?? u.host}${OGC_BASE}`;
}

/** 'html' when asked by `f=html` or a browser's Accept header; otherwise 'json'. */
export function wantsHtml(c: Context, f: string | undefined): boolean {
  if (f !== undefined) {
    if (f === 'html') return true;
    if (f === 'json' || f === 'geojson') return false;
    refuseAll([problem('VALIDATION_ENUM', 'f', `f must be json or html, got "${f}"`)]);
  }
  const accept = c.req.header('accept') ?? '';
  return accept.includes('text/html') && !/application\/(geo\+)?json/.test(accept);
}

/** The same URL with some query parameters replaced (or removed when undefined). */
export function withParams(c: Context, changes: Record<string, string | undefined>): string {
  const u = new URL(c.req.url);
  const root = apiRoot(c);
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined) u.searchParams.delete(k);
    else u.searchParams.set(k, v);
  }
  return `${root}${u.pathname.slice(OGC_BASE.length)}${u.search}`;
}

/** self + alternate links for a resource available as JSON (or GeoJSON) and HTML. */
export function selfLinks(c: Context, html: boolean, jsonType: string): Link[] {
  return [
    {
      href: withParams(c, { f: html ? 'html' : 'json' }),
      rel: 'self',
      type: html ? HTML : jsonType,
      title: 'this document',
    },
    {
      href: withParams(c, { f: html ? 'json' : 'html' }),
      rel: 'alternate',
      type: html ? jsonType : HTML,
      title: html ? 'as JSON' : 'as HTML',
    },
  ];
}

/** Respond as JSON (with a media type) or as an HTML page. */
export function respond(
  c: Context,
  html: boolean,
  title: string,
  body: Readonly<Record<string, unknown>>,
  type = JSON_TYPE,
  headers: Record<string, string> = {},
): Response {
  for (const [k, v] of Object.entries(headers)) c.header(k, v);
  if (html) return c.html(htmlPage(title, (body['links'] ?? []) as readonly HtmlLink[], body));
  c.header('content-type', type);
  return c.body(JSON.stringify(body));
}

/** A stored document as a GeoJSON feature in the requested CRS. */
export function toFeature(doc: Doc, crs: OgcCrs): JsonObject {
  let geometry: unknown = doc.geometry ?? null;
  if (doc.geometry !== undefined && doc.geometry !== null) {
    const g = geometryTo(doc.geometry, crs);
    if (!g.ok) refuseAll(g.errors.map((e) => ({ ...e, message: `feature ${doc.id}: ${e.message}` })));
    geometry = g.value;
  }
  return { type: 'Feature', id: doc.id, geometry: geometry as JsonObject | null, properties: doc.data };
}

/** Record one audit event for every restricted, confidential or secret record in `docs`. */
export async function auditReads(
  c: Context<HttpEnv>,
  deps: HttpDeps,
  spec: CollectionSpec,
  actor: Actor,
  docs: readonly Doc[],
): Promise<void> {
  const records = docs
    .map((d) => ({ id: d.id, classification: classificationOf(spec, d) }))
    .filter((r) => r.classification !== 'public');
  if (records.length === 0) return;
  await audit(deps, actor, 'audit.read.record', {
    collection: spec.id,
    records,
    route: `${c.req.method} ${new URL(c.req.url).pathname}`.slice(0, 500),
  });
}
