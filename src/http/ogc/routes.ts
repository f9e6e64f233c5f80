/**
 * OGC API Features Part 1 (core, GeoJSON, HTML, OpenAPI 3.0), Part 2 (CRS by reference) and
 * Part 3 (queryables, filtering with CQL2), mounted at /ogc. Every read runs through
 * `queryCollection`, so need-to-know filtering, the client's filter and paging all happen in
 * the store and `numberMatched` is exact.
 */
import type { Context, Hono } from 'hono';
import type { Actor } from '../../access/index.js';
import { parseInstant, problem, type JsonObject } from '../../core/index.js';
import type { Expr, Scalar } from '../../store/index.js';
import {
  getVisible,
  mayList,
  queryCollection,
  queryablesOf,
  type CollectionRegistry,
  type CollectionSpec,
  type Queryable,
} from '../collections.js';
import { compileCql2, parseCql2Json, parseCql2Text, type Cql2Geometry } from '../cql2/index.js';
import { CRS84, geometryFrom, offeredCrs, parseBbox, resolveCrs } from '../crs.js';
import type { HttpDeps, HttpEnv } from '../env.js';
import { refuse, refuseAll } from '../errors.js';
import { extentOf, type Extent } from '../extent.js';
import { intParam, strictQuery } from '../params.js';
import {
  GEOJSON,
  HTML,
  JSON_TYPE,
  OGC_BASE,
  apiRoot,
  auditReads,
  respond,
  selfLinks,
  toFeature,
  wantsHtml,
  withParams,
  type Link,
} from './common.js';

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 10_000;

/** Conformance classes claimed; each is exercised by test/http-ogc*.test.ts. */
export const CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
  'http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter',
  'http://www.opengis.net/spec/cql2/1.0/conf/cql2-text',
  'http://www.opengis.net/spec/cql2/1.0/conf/cql2-json',
  'http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2',
  'http://www.opengis.net/spec/cql2/1.0/conf/advanced-comparison-operators',
  'http://www.opengis.net/spec/cql2/1.0/conf/case-insensitive-comparison',
  'http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions',
  'http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions-plus',
  'http://www.opengis.net/spec/cql2/1.0/conf/spatial-functions',
  'http://www.opengis.net/spec/cql2/1.0/conf/temporal-functions',
  // Part 4 on the real editable collection (hazards, test/http-part4-hazards.test.ts): create,
  // replace and update pass; DELETE is refused by design (nothing is deleted, design.md §2), so
  // create-replace-delete and features, which require it, are not claimed.
  'http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/update',
  'http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/optimistic-locking-etags',
] as const;

const ITEMS_PARAMS = [
  'f',
  'limit',
  'offset',
  'bbox',
  'bbox-crs',
  'crs',
  'datetime',
  'filter',
  'filter-lang',
  'filter-crs',
];

/** Find a collection the caller may see, or 404 (never 403: its existence is need-to-know too). */
export function collectionFor(registry: CollectionRegistry, id: string, actor: Actor): CollectionSpec {
  const spec = registry.get(id);
  if (spec === undefined || !mayList(spec, actor))
    refuse('NOT_FOUND', `no collection "${id}"`, [
      problem('NOT_FOUND', 'collectionId', `no collection "${id}"`),
    ]);
  return spec;
}

function collectionJson(
  c: Context,
  spec: CollectionSpec,
  html: boolean,
  editable: boolean,
  extent: Extent,
): Record<string, unknown> {
  const root = apiRoot(c);
  const base = `${root}/collections/${spec.id}`;
  const links: Link[] = [
    { href: `${base}?f=json`, rel: html ? 'alternate' : 'self', type: JSON_TYPE, title: 'this collection' },
    {
      href: `${base}?f=html`,
      rel: html ? 'self' : 'alternate',
      type: HTML,
      title: 'this collection as HTML',
    },
    { href: `${base}/items?f=json`, rel: 'items', type: GEOJSON, title: 'the features' },
    { href: `${base}/items?f=html`, rel: 'items', type: HTML, title: 'the features as HTML' },
    {
      href: `${base}/queryables`,
      rel: 'http://www.opengis.net/def/rel/ogc/1.0/queryables',
      type: 'application/schema+json',
      title: 'queryables',
    },
    {
      href: `${root.slice(0, -OGC_BASE.length)}/tiles/${spec.id}.json`,
      rel: 'http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector',
      type: JSON_TYPE,
      title: 'vector tiles (TileJSON)',
    },
  ];
  return {
    id: spec.id,
    title: spec.title,
    description: spec.description,
    itemType: 'feature',
    crs: offeredCrs(),
    storageCrs: CRS84,
    extent,
    editable,
    links: links,
  };
}

/** Property filters (`?status=open`): equality on a queryable, typed by its schema. */
function propertyFilter(name: string, value: string, q: Queryable): Expr {
  let v: Scalar = value;
  if (q.type === 'number' || q.type === 'integer') {
    v = Number(value);
    if (value.trim() === '' || !Number.isFinite(v))
      refuseAll([problem('VALIDATION_TYPE', name, `${name} is a number, got "${value}"`)]);
  } else if (q.type === 'boolean') {
    if (value !== 'true' && value !== 'false')
      refuseAll([problem('VALIDATION_TYPE', name, `${name} is true or false, got "${value}"`)]);
    v = value === 'true';
  }
  return { op: '=', field: name, value: v };
}

/** `datetime`: an instant, or an interval `a/b` with `..` (or empty) for an open end. */
function datetimeFilter(value: string, field: string | undefined): Expr | undefined {
  const parts = value.split('/');
  const bad = () =>
    refuseAll([
      problem(
        'VALIDATION_FORMAT',
        'datetime',
        'datetime is an RFC 3339 instant or date that exists (2026-04-30T12:00:00Z, 2026-04-30), or an interval start/end with ".." for an open end',
        { value },
      ),
    ]);
  const norm = (s: string) => (s.length === 10 ? s : new Date(s).toISOString());
  if (parts.length > 2) bad();
  for (const p of parts) if (p !== '..' && p !== '' && parseInstant(p) === undefined) bad();
  if (parts.length === 2 && parts.every((p) => p === '..' || p === '')) bad();
  if (field === undefined) return undefined; // Part 1: a collection without temporal data ignores datetime.
  if (parts.length === 1) return { op: '=', field, value: norm(parts[0] ?? '') };
  const [a = '..', b = '..'] = parts;
  const lo = a === '..' || a === '' ? undefined : norm(a);
  const hi = b === '..' || b === '' ? undefined : norm(b);
  if (lo !== undefined && hi !== undefined && lo > hi)
    refuseAll([
      problem('VALIDATION_DATE_ORDER', 'datetime', 'the interval ends before it starts', { value }),
    ]);
  const args: Expr[] = [];
  if (lo !== undefined) args.push({ op: '>=', field, value: lo });
  if (hi !== undefined) args.push({ op: '<=', field, value: hi.length === 10 ? `${hi}T23:59:59.999Z` : hi });
  return { op: 'and', args };
}

/** Parse and compile `filter` (+ `filter-lang`, `filter-crs`) for a collection. */
export function filterExpr(
  text: string,
  lang: string | undefined,
  filterCrs: string | undefined,
  queryables: Record<string, Queryable>,
): Expr {
  const crs = resolveCrs(filterCrs, 'filter-crs');
  const l = lang ?? 'cql2-text';
  if (l !== 'cql2-text' && l !== 'cql2-json')
    refuseAll([
      problem('VALIDATION_ENUM', 'filter-lang', `filter-lang must be cql2-text or cql2-json, got "${l}"`),
    ]);
  const parsed = l === 'cql2-text' ? parseCql2Text(text) : parseCql2Json(text);
  if (!parsed.ok) refuseAll(parsed.errors);
  const compiled = compileCql2(parsed.value, {
    queryables: { ...queryables, geometry: { type: 'string', title: 'geometry' } },
    geometryProperty: 'geometry',
    toStored: (g: Cql2Geometry) => geometryFrom(g, crs, 'filter'),
  });
  if (!compiled.ok) refuseAll(compiled.errors);
  return compiled.value;
}

export function ogcRoutes(http: Hono<HttpEnv>, deps: HttpDeps, registry: CollectionRegistry): void {
  const { app } = deps;

  http.get(OGC_BASE, (c) => {
    const q = strictQuery(c, ['f']);
    const html = wantsHtml(c, q.get('f'));
    const root = apiRoot(c);
    const links: Link[] = [
      ...selfLinks(c, html, JSON_TYPE),
      {
        href: `${root.slice(0, -OGC_BASE.length)}/api`,
        rel: 'service-desc',
        type: 'application/vnd.oai.openapi+json;version=3.0',
        title: 'the API definition',
      },
      {
        href: `${root.slice(0, -OGC_BASE.length)}/api?f=html`,
        rel: 'service-doc',
        type: HTML,
        title: 'the API documentation',
      },
      { href: `${root}/conformance`, rel: 'conformance', type: JSON_TYPE, title: 'conformance classes' },
      { href: `${root}/collections`, rel: 'data', type: JSON_TYPE, title: 'the collections' },
    ];
    return respond(c, html, 'Cairn OGC API Features', {
      title: 'Cairn',
      description: 'Mine action records: OGC API Features (Parts 1–4) with need-to-know access.',
      links: links,
    });
  });

  http.get(`${OGC_BASE}/conformance`, (c) => {
    const q = strictQuery(c, ['f']);
    const html = wantsHtml(c, q.get('f'));
    return respond(c, html, 'Conformance', {
      conformsTo: [...CONFORMANCE],
      links: selfLinks(c, html, JSON_TYPE),
    });
  });

  http.get(`${OGC_BASE}/collections`, async (c) => {
    const q = strictQuery(c, ['f']);
    const html = wantsHtml(c, q.get('f'));
    const actor = c.get('actor');
    const collections = [];
    for (const s of registry.all().filter((x) => mayList(x, actor)))
      collections.push(collectionJson(c, s, html, s.edit !== undefined, await extentOf(deps, s, actor)));
    return respond(c, html, 'Collections', {
      collections,
      crs: offeredCrs(),
      links: selfLinks(c, html, JSON_TYPE),
    });
  });

  http.get(`${OGC_BASE}/collections/:id`, async (c) => {
    const q = strictQuery(c, ['f']);
    const html = wantsHtml(c, q.get('f'));
    const spec = collectionFor(registry, c.req.param('id'), c.get('actor'));
    return respond(
      c,
      html,
      spec.title,
      collectionJson(c, spec, html, spec.edit !== undefined, await extentOf(deps, spec, c.get('actor'))),
    );
  });

  http.get(`${OGC_BASE}/collections/:id/queryables`, async (c) => {
    const q = strictQuery(c, ['f']);
    const html = wantsHtml(c, q.get('f'));
    const actor = c.get('actor');
    const spec = collectionFor(registry, c.req.param('id'), actor);
    const qs = await queryablesOf(app, spec, actor);
    const properties: Record<string, JsonObject> = {
      geometry: { format: 'geometry-any', 'x-ogc-role': 'primary-geometry' },
    };
    for (const [k, v] of Object.entries(qs)) properties[k] = { ...v };
    return respond(
      c,
      html,
      `${spec.title}: queryables`,
      {
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        $id: `${apiRoot(c)}/collections/${spec.id}/queryables`,
        type: 'object',
        title: spec.title,
        properties,
        additionalProperties: false,
        links: selfLinks(c, html, 'application/schema+json'),
      },
      'application/schema+json',
    );
  });

  http.get(`${OGC_BASE}/collections/:id/items`, async (c) => {
    const actor = c.get('actor');
    const spec = collectionFor(registry, c.req.param('id'), actor);
    const url = new URL(c.req.url);
    const needsQueryables =
      url.searchParams.has('filter') || [...url.searchParams.keys()].some((k) => !ITEMS_PARAMS.includes(k));
    const queryables = needsQueryables ? await queryablesOf(app, spec, actor) : {};
    const q = strictQuery(c, ITEMS_PARAMS, (k) => k in queryables);
    const html = wantsHtml(c, q.get('f'));
    const limit = Math.min(intParam(q, 'limit', DEFAULT_LIMIT, 1), MAX_LIMIT); // above the maximum: clamped (Part 1 /req/core/fc-limit-response-1)
    const offset = intParam(q, 'offset', 0);
    const crs = resolveCrs(q.get('crs'), 'crs');
    const bboxText = q.get('bbox');
    const bbox =
      bboxText === undefined ? undefined : parseBbox(bboxText, resolveCrs(q.get('bbox-crs'), 'bbox-crs'));
    if (bboxText === undefined && q.has('bbox-crs'))
      refuseAll([problem('VALIDATION_REQUIRED', 'bbox-crs', 'bbox-crs needs a bbox')]);
    const where: Expr[] = [];
    const dt = q.get('datetime');
    if (dt !== undefined) {
      const e = datetimeFilter(dt, spec.temporal);
      if (e !== undefined) where.push(e);
    }
    for (const [k, v] of q) {
      const qq = queryables[k];
      if (!ITEMS_PARAMS.includes(k) && qq !== undefined) where.push(propertyFilter(k, v, qq));
    }
    const filter = q.get('filter');
    if (filter !== undefined)
      where.push(filterExpr(filter, q.get('filter-lang'), q.get('filter-crs'), queryables));
    else if (q.has('filter-lang') || q.has('filter-crs'))
      refuseAll([problem('VALIDATION_REQUIRED', 'filter', 'filter-lang and filter-crs need a filter')]);
    const page = await queryCollection(app, spec, actor, {
      ...(where.length > 0
        ? { where: where.length === 1 && where[0] !== undefined ? where[0] : { op: 'and', args: where } }
        : {}),
      ...(bbox ? { bbox } : {}),
      limit,
      offset,
    });
    await auditReads(c, deps, spec, actor, page.docs);
    const features = page.docs.map((d) => toFeature(d, crs));
    const matched = page.numberMatched ?? 0;
    const links: Link[] = [
      ...selfLinks(c, html, GEOJSON),
      { href: `${apiRoot(c)}/collections/${spec.id}`, rel: 'collection', type: JSON_TYPE, title: spec.title },
    ];
    const fmt = html ? 'html' : 'json';
    if (offset + features.length < matched)
      links.push({
        href: withParams(c, { offset: String(offset + limit), limit: String(limit), f: fmt }),
        rel: 'next',
        type: html ? HTML : GEOJSON,
        title: 'next page',
      });
    if (offset > 0)
      links.push({
        href: withParams(c, { offset: String(Math.max(0, offset - limit)), limit: String(limit), f: fmt }),
        rel: 'prev',
        type: html ? HTML : GEOJSON,
        title: 'previous page',
      });
    return respond(
      c,
      html,
      `${spec.title}: features`,
      {
        type: 'FeatureCollection',
        features,
        numberMatched: matched,
        numberReturned: features.length,
        links: links,
      },
      GEOJSON,
      { 'Content-Crs': `<${crs.uri}>` },
    );
  });

  http.get(`${OGC_BASE}/collections/:id/items/:fid`, async (c) => {
    const q = strictQuery(c, ['f', 'crs']);
    const html = wantsHtml(c, q.get('f'));
    const actor = c.get('actor');
    const spec = collectionFor(registry, c.req.param('id'), actor);
    const crs = resolveCrs(q.get('crs'), 'crs');
    const doc = await getVisible(app, spec, actor, c.req.param('fid'));
    if (doc === undefined) refuse('NOT_FOUND', `no feature "${c.req.param('fid')}" in ${spec.id}`);
    await auditReads(c, deps, spec, actor, [doc]);
    const links: Link[] = [
      ...selfLinks(c, html, GEOJSON),
      { href: `${apiRoot(c)}/collections/${spec.id}`, rel: 'collection', type: JSON_TYPE, title: spec.title },
    ];
    return respond(c, html, `${spec.title}: ${doc.id}`, { ...toFeature(doc, crs), links: links }, GEOJSON, {
      'Content-Crs': `<${crs.uri}>`,
      ETag: `"${doc.version}"`,
    });
  });
}
