/**
 * The JSON API: every pipeline command (POST /api/commands/{type}), typed convenience routes,
 * paginated queries over every collection with the same need-to-know filter as OGC, the ledger
 * (checkpoints, entries, proofs, verification) and tokens.
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import { can } from '../access/index.js';
import { parseWith } from '../command/index.js';
import { problem } from '../core/index.js';
import { readJson, DEFAULT_MAX_BODY } from './body.js';
import { requirePermission } from './auth.js';
import { getVisible, mayList, queryCollection, queryablesOf, type CollectionRegistry } from './collections.js';
import { parseBbox, resolveCrs } from './crs.js';
import type { HttpDeps, HttpEnv } from './env.js';
import { refuse, refuseAll } from './errors.js';
import { executeAsCaller } from './execute.js';
import { DEFAULT_LIMIT, MAX_LIMIT, filterExpr } from './ogc/routes.js';
import { auditReads } from './ogc/common.js';
import { intParam, strictQuery } from './params.js';
import { exportRoutes } from './routes/export.js';

const Envelope = z
  .object({
    payload: z.unknown(),
    effectiveAt: z.string().optional(),
    submission: z.string().optional(),
    cosigner: z.string().optional(),
  })
  .strict();

export function apiRoutes(http: Hono<HttpEnv>, deps: HttpDeps, registry: CollectionRegistry): void {
  const { app } = deps;
  const max = deps.opts.maxBodyBytes ?? DEFAULT_MAX_BODY;
  // GIS files of a collection (src/interchange).
  exportRoutes(http, deps, registry);

  // ── commands ─────────────────────────────────────────────────────────────
  http.get('/api/commands', (c) => {
    strictQuery(c, []);
    const actor = c.get('actor');
    const list = app.pipeline
      .commandTypes()
      .filter((t) => !t.startsWith('audit.'))
      .map((t) => {
        const h = app.pipeline.handler(t);
        return { type: t, permission: h?.permission ?? null, effectiveAt: h?.effectiveAt ?? null, allowed: h !== undefined && can(actor, h.permission) };
      });
    return c.json({ commands: list });
  });

  http.post('/api/commands/:type', async (c) => {
    strictQuery(c, []);
    const type = c.req.param('type');
    if (app.pipeline.handler(type) === undefined || type.startsWith('audit.')) refuse('NOT_FOUND', `no command "${type}"`, [problem('NOT_FOUND', 'type', `no command "${type}"`)]);
    const body = await readJson(c, max);
    const env = parseWith(Envelope, body, 'body');
    if (!env.ok) refuseAll(env.errors);
    const idem = c.req.header('idempotency-key');
    const done = await executeAsCaller(c, deps, {
      type,
      payload: env.value.payload,
      effectiveAt: env.value.effectiveAt,
      submission: env.value.submission ?? idem,
      cosigner: env.value.cosigner,
    });
    return c.json(
      { result: done.result, replayed: done.replayed, events: done.events.map((e) => ({ seq: e.seq, type: e.type, effectiveAt: e.effectiveAt })) },
      done.replayed ? 200 : 201,
    );
  });

  // ── identity and tokens ──────────────────────────────────────────────────
  http.get('/api/me', (c) => {
    strictQuery(c, []);
    const actor = c.get('actor');
    if (c.get('auth') === 'anonymous') refuse('AUTH_REQUIRED', 'log in or send an API token');
    return c.json({ user: actor, auth: c.get('auth') });
  });

  http.get('/api/tokens', async (c) => {
    const q = strictQuery(c, ['user']);
    const actor = c.get('actor');
    if (c.get('auth') === 'anonymous') refuse('AUTH_REQUIRED', 'log in or send an API token');
    const user = q.get('user');
    if (user !== undefined && !can(actor, 'user.manage')) refuse('AUTH_FORBIDDEN', 'only an admin may list another user\u2019s tokens');
    const docs = await app.store.findDocs({ collection: 'tokens', where: { op: '=', field: 'userId', value: user ?? actor.id } });
    return c.json({ tokens: docs.map((d) => d.data) });
  });

  http.post('/api/tokens', async (c) => {
    strictQuery(c, []);
    if (c.get('auth') === 'anonymous') refuse('AUTH_REQUIRED', 'log in to create an API token');
    const body = await readJson(c, max);
    const done = await executeAsCaller(c, deps, { type: 'user.token.create', payload: body });
    return c.json(done.result, 201);
  });

  http.delete('/api/tokens/:id', async (c) => {
    strictQuery(c, []);
    if (c.get('auth') === 'anonymous') refuse('AUTH_REQUIRED', 'log in to revoke an API token');
    await executeAsCaller(c, deps, { type: 'user.token.revoke', payload: { tokenId: c.req.param('id') } });
    return c.body(null, 204);
  });

  http.get('/api/users', async (c) => {
    strictQuery(c, []);
    requirePermission(c, 'user.read');
    const docs = await app.store.findDocs({ collection: 'users', orderBy: { field: 'name' } });
    return c.json({ users: docs.map((d) => d.data) });
  });

  // ── queries over every collection ───────────────────────────────────────
  http.get('/api/collections', (c) => {
    strictQuery(c, []);
    const actor = c.get('actor');
    return c.json({ collections: registry.all().filter((s) => mayList(s, actor)).map((s) => ({ id: s.id, title: s.title, description: s.description, editable: s.edit !== undefined })) });
  });

  http.get('/api/collections/:id/items', async (c) => {
    const actor = c.get('actor');
    const spec = registry.get(c.req.param('id'));
    if (spec === undefined || !mayList(spec, actor)) refuse('NOT_FOUND', `no collection "${c.req.param('id')}"`);
    const q = strictQuery(c, ['limit', 'offset', 'bbox', 'filter', 'filter-lang']);
    const limit = Math.min(intParam(q, 'limit', DEFAULT_LIMIT, 1), MAX_LIMIT);
    const offset = intParam(q, 'offset', 0);
    const bboxText = q.get('bbox');
    const filter = q.get('filter');
    const where = filter === undefined ? undefined : filterExpr(filter, q.get('filter-lang'), undefined, await queryablesOf(app, spec, actor));
    const page = await queryCollection(app, spec, actor, {
      ...(where ? { where } : {}),
      ...(bboxText !== undefined ? { bbox: parseBbox(bboxText, resolveCrs(undefined, 'bbox-crs')) } : {}),
      limit,
      offset,
    });
    await auditReads(c, deps, spec, actor, page.docs);
    const matched = page.numberMatched ?? 0;
    const next = offset + page.docs.length < matched ? `${new URL(c.req.url).pathname}?${new URLSearchParams({ ...Object.fromEntries(q), offset: String(offset + limit), limit: String(limit) }).toString()}` : null;
    return c.json({
      items: page.docs.map((d) => ({ id: d.id, version: d.version, data: d.data, geometry: d.geometry ?? null })),
      numberMatched: matched,
      numberReturned: page.docs.length,
      next,
    });
  });

  http.get('/api/collections/:id/items/:itemId', async (c) => {
    strictQuery(c, []);
    const actor = c.get('actor');
    const spec = registry.get(c.req.param('id'));
    if (spec === undefined || !mayList(spec, actor)) refuse('NOT_FOUND', `no collection "${c.req.param('id')}"`);
    const d = await getVisible(app, spec, actor, c.req.param('itemId'));
    if (d === undefined) refuse('NOT_FOUND', `no item "${c.req.param('itemId')}" in ${spec.id}`);
    await auditReads(c, deps, spec, actor, [d]);
    c.header('ETag', `"${d.version}"`);
    return c.json({ id: d.id, version: d.version, data: d.data, geometry: d.geometry ?? null });
  });

  // ── ledger ───────────────────────────────────────────────────────────────
  const ledgerRead = (c: Parameters<typeof requirePermission>[0]) => requirePermission(c, 'ledger.read');

  http.get('/api/ledger', async (c) => {
    strictQuery(c, []);
    ledgerRead(c);
    const size = await app.ledger.size();
    return c.json({ origin: app.ledger.origin, size, root: (await app.ledger.root(size)).toString('hex'), verifierKey: app.ledger.verifierKey() });
  });

  http.get('/api/ledger/checkpoints', async (c) => {
    strictQuery(c, []);
    ledgerRead(c);
    const list = await app.store.listCheckpoints();
    return c.json({ checkpoints: list.map((cp) => ({ size: cp.size, root: cp.root.toString('hex'), text: cp.text, createdAt: cp.createdAt })) });
  });

  http.get('/api/ledger/checkpoint', async (c) => {
    strictQuery(c, []);
    ledgerRead(c);
    const cp = await app.ledger.currentCheckpoint();
    return c.text(cp.text, 200, { 'content-type': 'text/plain; charset=utf-8' });
  });

  http.post('/api/ledger/checkpoints', async (c) => {
    strictQuery(c, []);
    requirePermission(c, 'ledger.checkpoint');
    const cp = await app.ledger.checkpoint();
    return c.json({ size: cp.size, root: Buffer.from(cp.root).toString('hex'), text: cp.text }, 201);
  });

  http.get('/api/ledger/entries', async (c) => {
    const q = strictQuery(c, ['from', 'limit']);
    ledgerRead(c);
    const from = intParam(q, 'from', 0);
    const limit = Math.min(intParam(q, 'limit', 100, 1), 1000);
    const size = await app.ledger.size();
    const out = [];
    for (let i = from; i < Math.min(size, from + limit); i++) out.push(await app.ledger.entry(i));
    return c.json({ size, from, entries: out, next: from + limit < size ? `/api/ledger/entries?from=${from + limit}&limit=${limit}` : null });
  });

  http.get('/api/ledger/entries/:index', async (c) => {
    strictQuery(c, []);
    ledgerRead(c);
    const index = c.req.param('index');
    if (!/^\d+$/.test(index)) refuseAll([problem('VALIDATION_FORMAT', 'index', 'an entry index is a non-negative integer')]);
    return c.json(await app.ledger.entry(Number(index)));
  });

  http.get('/api/ledger/proofs/inclusion', async (c) => {
    const q = strictQuery(c, ['index', 'size']);
    ledgerRead(c);
    const size = q.has('size') ? intParam(q, 'size', 0) : await app.ledger.size();
    if (!q.has('index')) refuseAll([problem('VALIDATION_REQUIRED', 'index', 'index is required')]);
    return c.json(await app.ledger.inclusion(intParam(q, 'index', 0), size));
  });

  http.get('/api/ledger/proofs/consistency', async (c) => {
    const q = strictQuery(c, ['from', 'to']);
    ledgerRead(c);
    if (!q.has('from')) refuseAll([problem('VALIDATION_REQUIRED', 'from', 'from is required')]);
    const to = q.has('to') ? intParam(q, 'to', 0) : await app.ledger.size();
    return c.json(await app.ledger.consistency(intParam(q, 'from', 0), to));
  });

  http.get('/api/verify', async (c) => {
    const q = strictQuery(c, ['projections']);
    ledgerRead(c);
    const report = await app.verify({ skipProjections: q.get('projections') === 'false' });
    return c.json(report);
  });
}
