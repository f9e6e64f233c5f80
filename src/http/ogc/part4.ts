/**
 * OGC API Features Part 4: create, replace, update and delete features of editable
 * collections. Every change is a pipeline command (validated, authorized, recorded in the
 * ledger); optimistic locking uses the strong ETag `"version"` with If-Match (412 stale,
 * 428 missing); a create answers 201 with Location.
 */
import type { Context, Hono } from 'hono';
import { problem, type JsonObject } from '../../core/index.js';
import type { StoredGeometry } from '../../store/index.js';
import { readJson } from '../body.js';
import {
  getVisible,
  type CollectionRegistry,
  type CollectionSpec,
  type EditSpec,
  type IncomingFeature,
} from '../collections.js';
import { geometryFrom, resolveCrs } from '../crs.js';
import type { HttpDeps, HttpEnv } from '../env.js';
import { refuse, refuseAll } from '../errors.js';
import { executeAsCaller } from '../execute.js';
import { DEFAULT_MAX_BODY } from '../body.js';
import { strictQuery } from '../params.js';
import { OGC_BASE, apiRoot } from './common.js';
import { collectionFor } from './routes.js';

const FEATURE_TYPES = ['application/geo+json', 'application/json'];
const PATCH_TYPES = ['application/merge-patch+json', 'application/geo+json', 'application/json'];

/** RFC 9110 §15.5.6: a 405 lists the methods the target does allow (sent as the Allow header). */
function notAllowed(message: string, spec: CollectionSpec, level: 'items' | 'item'): never {
  const e = spec.edit;
  const allow = ['GET', 'HEAD'];
  if (level === 'items' && e !== undefined) allow.push('POST');
  if (level === 'item' && e?.replace !== undefined) allow.push('PUT');
  if (level === 'item' && e?.update !== undefined) allow.push('PATCH');
  if (level === 'item' && e?.delete !== undefined) allow.push('DELETE');
  refuse('HTTP_METHOD_NOT_ALLOWED', message, [
    problem('HTTP_METHOD_NOT_ALLOWED', '', message, { allow: allow.join(', ') }),
  ]);
}

function editable(spec: CollectionSpec, level: 'items' | 'item'): EditSpec {
  if (spec.edit === undefined) notAllowed(`collection ${spec.id} is read-only`, spec, level);
  return spec.edit;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Check a GeoJSON feature body and bring its geometry into WGS 84 from Content-Crs. */
function incoming(c: Context, body: unknown): IncomingFeature {
  if (!isObject(body) || body['type'] !== 'Feature')
    refuseAll([problem('VALIDATION_TYPE', 'body', 'the body must be a GeoJSON Feature')]);
  const props = body['properties'] ?? {};
  if (!isObject(props))
    refuseAll([problem('VALIDATION_TYPE', 'body.properties', 'properties must be an object')]);
  const g = body['geometry'] ?? null;
  if (g !== null && (!isObject(g) || typeof g['type'] !== 'string'))
    refuseAll([problem('VALIDATION_TYPE', 'body.geometry', 'geometry must be a GeoJSON geometry or null')]);
  let geometry: JsonObject | null = null;
  if (g !== null) {
    const crs = resolveCrs(c.req.header('content-crs'), 'Content-Crs');
    const conv = geometryFrom(g as unknown as StoredGeometry, crs, 'body.geometry');
    if (!conv.ok) refuseAll(conv.errors);
    geometry = conv.value as unknown as JsonObject;
  }
  return { geometry, properties: props as JsonObject };
}

/** The If-Match precondition against the current strong ETag. */
function checkIfMatch(c: Context, version: number): void {
  const h = c.req.header('if-match');
  if (h === undefined)
    refuse(
      'HTTP_PRECONDITION_REQUIRED',
      'send If-Match with the ETag you read, so a concurrent change is not overwritten',
    );
  const tags = h.split(',').map((s) => s.trim());
  if (!tags.includes('*') && !tags.includes(`"${version}"`)) {
    refuse('HTTP_PRECONDITION_FAILED', `the feature changed since it was read (now "${version}")`, [
      problem('HTTP_PRECONDITION_FAILED', 'If-Match', 'stale', { current: `"${version}"`, sent: h }),
    ]);
  }
}

export function part4Routes(http: Hono<HttpEnv>, deps: HttpDeps, registry: CollectionRegistry): void {
  const max = deps.opts.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const items = `${OGC_BASE}/collections/:id/items`;

  http.post(items, async (c) => {
    strictQuery(c, []);
    const spec = collectionFor(registry, c.req.param('id'), c.get('actor'));
    const edit = editable(spec, 'items');
    const feature = incoming(c, await readJson(c, max, FEATURE_TYPES));
    const done = await executeAsCaller(c, deps, {
      ...edit.create(feature),
      ...(c.req.header('idempotency-key') ? { submission: c.req.header('idempotency-key') } : {}),
    });
    const id = done.result[edit.idField ?? 'id'];
    if (typeof id !== 'string') refuse('INTERNAL', `the create command of ${spec.id} did not return an id`);
    const doc = await deps.app.store.getDoc(spec.source, id);
    c.header('Location', `${apiRoot(c)}/collections/${spec.id}/items/${encodeURIComponent(id)}`);
    if (doc !== undefined) c.header('ETag', `"${doc.version}"`);
    return c.json({ id, events: done.events.map((e) => ({ seq: e.seq, type: e.type })) }, 201);
  });

  http.put(`${items}/:fid`, async (c) => {
    strictQuery(c, []);
    const spec = collectionFor(registry, c.req.param('id'), c.get('actor'));
    const edit = editable(spec, 'item');
    if (edit.replace === undefined) notAllowed(`features of ${spec.id} cannot be replaced`, spec, 'item');
    const current = await getVisible(deps.app, spec, c.get('actor'), c.req.param('fid'));
    if (current === undefined) refuse('NOT_FOUND', `no feature "${c.req.param('fid')}" in ${spec.id}`);
    checkIfMatch(c, current.version);
    const feature = incoming(c, await readJson(c, max, FEATURE_TYPES));
    await executeAsCaller(c, deps, edit.replace(current.id, feature, current));
    const after = await deps.app.store.getDoc(spec.source, current.id);
    if (after !== undefined) c.header('ETag', `"${after.version}"`);
    return c.body(null, 204);
  });

  http.patch(`${items}/:fid`, async (c) => {
    strictQuery(c, []);
    const spec = collectionFor(registry, c.req.param('id'), c.get('actor'));
    const edit = editable(spec, 'item');
    if (edit.update === undefined) notAllowed(`features of ${spec.id} cannot be updated`, spec, 'item');
    const current = await getVisible(deps.app, spec, c.get('actor'), c.req.param('fid'));
    if (current === undefined) refuse('NOT_FOUND', `no feature "${c.req.param('fid')}" in ${spec.id}`);
    checkIfMatch(c, current.version);
    const body = await readJson(c, max, PATCH_TYPES);
    if (!isObject(body)) refuseAll([problem('VALIDATION_TYPE', 'body', 'a merge patch is a JSON object')]);
    const patch: Record<string, unknown> = { ...body };
    if (isObject(body['geometry'])) {
      const conv = geometryFrom(
        body['geometry'] as unknown as StoredGeometry,
        resolveCrs(c.req.header('content-crs'), 'Content-Crs'),
        'body.geometry',
      );
      if (!conv.ok) refuseAll(conv.errors);
      patch['geometry'] = conv.value;
    }
    await executeAsCaller(c, deps, edit.update(current.id, patch as JsonObject, current));
    const after = await deps.app.store.getDoc(spec.source, current.id);
    if (after !== undefined) c.header('ETag', `"${after.version}"`);
    return c.body(null, 204);
  });

  http.delete(`${items}/:fid`, async (c) => {
    strictQuery(c, []);
    const spec = collectionFor(registry, c.req.param('id'), c.get('actor'));
    const edit = editable(spec, 'item');
    if (edit.delete === undefined) notAllowed(`features of ${spec.id} cannot be deleted`, spec, 'item');
    const current = await getVisible(deps.app, spec, c.get('actor'), c.req.param('fid'));
    if (current === undefined) refuse('NOT_FOUND', `no feature "${c.req.param('fid')}" in ${spec.id}`);
    checkIfMatch(c, current.version);
    await executeAsCaller(c, deps, edit.delete(current.id, current));
    return c.body(null, 204);
  });
}
