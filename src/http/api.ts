/**
 * The JSON API: every pipeline command (POST /api/commands/{type}), identity and tokens, paged
 * queries over every collection with the same need-to-know filter as OGC, and the ledger
 * (checkpoints, entries, proofs, verification). Each route is declared schema-first (route.ts).
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import { can } from '../access/index.js';
import {
  getVisible,
  mayList,
  queryCollection,
  queryablesOf,
  type CollectionRegistry,
} from './collections.js';
import { parseBbox, resolveCrs } from './crs.js';
import type { HttpDeps, HttpEnv } from './env.js';
import { refuse } from './errors.js';
import { executeAsCaller, runCommand } from './execute.js';
import { DEFAULT_LIMIT, MAX_LIMIT, filterExpr } from './ogc/routes.js';
import { auditReads } from './ogc/common.js';
import { defineRoute, type RouteTable } from './route.js';
import {
  CheckpointList,
  CheckpointMade,
  CollectionList,
  CommandDone,
  CommandEnvelope,
  CommandList,
  ConsistencyProof,
  DocItem,
  DocPage,
  InclusionProof,
  intParam,
  JsonRecord,
  LedgerEntries,
  LedgerEntry,
  LedgerHead,
  Me,
  NoBody,
  TokenList,
  UserList,
  VerifyReport,
} from './schemas.js';
import { exportRoutes } from './routes/export.js';

const CollectionParam = z.object({ id: z.string().min(1) });
const ItemsQuery = z.object({
  limit: intParam(1)
    .transform((n) => Math.min(n, MAX_LIMIT))
    .optional()
    .describe(`Page size (default ${DEFAULT_LIMIT}, at most ${MAX_LIMIT})`),
  offset: intParam(0).optional(),
  bbox: z.string().optional().describe('minLon,minLat,maxLon,maxLat (WGS 84)'),
  filter: z.string().optional().describe('CQL2 text or JSON'),
  'filter-lang': z.string().optional(),
});

export function apiRoutes(
  http: Hono<HttpEnv>,
  deps: HttpDeps,
  registry: CollectionRegistry,
  table: RouteTable,
): void {
  const { app } = deps;
  const route = <
    P extends z.ZodType<Record<string, unknown>, Record<string, unknown>>,
    Q extends z.ZodType<Record<string, unknown>, Record<string, unknown>>,
    B extends z.ZodType,
    R extends z.ZodType,
  >(
    spec: Parameters<typeof defineRoute<P, Q, B, R>>[3],
  ) => defineRoute(http, deps, table, spec);
  // GIS files of a collection (src/interchange).
  exportRoutes(http, deps, registry, table);

  // ── commands ─────────────────────────────────────────────────────────────
  route({
    method: 'GET',
    path: '/api/commands',
    summary: 'The commands there are, with the permission each needs and whether the caller holds it',
    access: 'public',
    response: CommandList,
    handler: ({ actor }) => ({
      commands: app.pipeline
        .commandTypes()
        .filter((t) => !t.startsWith('audit.'))
        .map((t) => {
          const h = app.pipeline.handler(t);
          return {
            type: t,
            permission: h?.permission ?? null,
            effectiveAt: h?.effectiveAt ?? null,
            allowed: h !== undefined && can(actor, h.permission),
          };
        }),
    }),
  });

  route({
    method: 'POST',
    path: '/api/commands/:type',
    summary: 'Execute any pipeline command as the caller (201; 200 when a submission is replayed)',
    description:
      'Each command\u2019s payload schema is in components.schemas and under /api/commands/{its type}.',
    access: 'public',
    params: z.object({ type: z.string().min(1) }),
    body: CommandEnvelope,
    response: CommandDone,
    status: (out) => (out.replayed ? 200 : 201),
    alsoStatus: [200],
    handler: ({ c, params, body }) => runCommand(c, deps, params.type, body),
  });

  // ── identity and tokens ──────────────────────────────────────────────────
  route({
    method: 'GET',
    path: '/api/me',
    summary: 'The caller and how they authenticated',
    access: 'authenticated',
    response: Me,
    handler: ({ c, actor }) => ({ user: actor, auth: c.get('auth') }),
  });

  route({
    method: 'GET',
    path: '/api/tokens',
    summary: 'The caller\u2019s API tokens (an admin: any user\u2019s, with user)',
    access: 'authenticated',
    query: z.object({ user: z.string().min(1).optional() }),
    response: TokenList,
    handler: async ({ actor, query }) => {
      if (query.user !== undefined && !can(actor, 'user.manage'))
        refuse('AUTH_FORBIDDEN', 'only an admin may list another user\u2019s tokens');
      const docs = await app.store.findDocs({
        collection: 'tokens',
        where: { op: '=', field: 'userId', value: query.user ?? actor.id },
      });
      return { tokens: docs.map((d) => d.data as z.input<typeof TokenList>['tokens'][number]) };
    },
  });

  route({
    method: 'POST',
    path: '/api/tokens',
    summary: 'Create an API token for the caller (the secret is shown once)',
    access: 'authenticated',
    body: JsonRecord,
    response: JsonRecord,
    status: 201,
    handler: async ({ c, body }) =>
      (await executeAsCaller(c, deps, { type: 'user.token.create', payload: body })).result,
  });

  route({
    method: 'DELETE',
    path: '/api/tokens/:id',
    summary: 'Revoke one of the caller\u2019s API tokens',
    access: 'authenticated',
    params: z.object({ id: z.string().min(1) }),
    response: NoBody,
    kind: 'empty',
    handler: async ({ c, params }) => {
      await executeAsCaller(c, deps, { type: 'user.token.revoke', payload: { tokenId: params.id } });
      return null;
    },
  });

  route({
    method: 'GET',
    path: '/api/users',
    summary: 'User accounts, by name (user.read)',
    access: 'user.read',
    response: UserList,
    handler: async () => {
      const docs = await app.store.findDocs({ collection: 'users', orderBy: { field: 'name' } });
      return { users: docs.map((d) => d.data as z.input<typeof UserList>['users'][number]) };
    },
  });

  // ── queries over every collection ───────────────────────────────────────
  route({
    method: 'GET',
    path: '/api/collections',
    summary: 'The collections the caller may query',
    access: 'public',
    response: CollectionList,
    handler: ({ actor }) => ({
      collections: registry
        .all()
        .filter((s) => mayList(s, actor))
        .map((s) => ({
          id: s.id,
          title: s.title,
          description: s.description,
          editable: s.edit !== undefined,
        })),
    }),
  });

  route({
    method: 'GET',
    path: '/api/collections/:id/items',
    summary:
      'One page of a collection\u2019s documents the caller may see (need-to-know applied in the store before paging)',
    access: 'public',
    params: CollectionParam,
    query: ItemsQuery,
    response: DocPage,
    handler: async ({ c, actor, params, query }) => {
      const spec = registry.get(params.id);
      if (spec === undefined || !mayList(spec, actor)) refuse('NOT_FOUND', `no collection "${params.id}"`);
      const limit = query.limit ?? DEFAULT_LIMIT;
      const offset = query.offset ?? 0;
      const where =
        query.filter === undefined
          ? undefined
          : filterExpr(query.filter, query['filter-lang'], undefined, await queryablesOf(app, spec, actor));
      const page = await queryCollection(app, spec, actor, {
        ...(where ? { where } : {}),
        ...(query.bbox !== undefined
          ? { bbox: parseBbox(query.bbox, resolveCrs(undefined, 'bbox-crs')) }
          : {}),
        limit,
        offset,
      });
      await auditReads(c, deps, spec, actor, page.docs);
      const matched = page.numberMatched ?? 0;
      const u = new URL(c.req.url);
      u.searchParams.set('offset', String(offset + limit));
      u.searchParams.set('limit', String(limit));
      return {
        items: page.docs.map((d) => ({
          id: d.id,
          version: d.version,
          data: d.data,
          geometry: d.geometry ?? null,
        })),
        numberMatched: matched,
        numberReturned: page.docs.length,
        next: offset + page.docs.length < matched ? `${u.pathname}?${u.searchParams.toString()}` : null,
      };
    },
  });

  route({
    method: 'GET',
    path: '/api/collections/:id/items/:itemId',
    summary: 'One document of a collection; 404 when hidden or absent',
    access: 'public',
    params: z.object({ id: z.string().min(1), itemId: z.string().min(1) }),
    response: DocItem,
    handler: async ({ c, actor, params }) => {
      const spec = registry.get(params.id);
      if (spec === undefined || !mayList(spec, actor)) refuse('NOT_FOUND', `no collection "${params.id}"`);
      const d = await getVisible(app, spec, actor, params.itemId);
      if (d === undefined) refuse('NOT_FOUND', `no item "${params.itemId}" in ${spec.id}`);
      await auditReads(c, deps, spec, actor, [d]);
      c.header('ETag', `"${d.version}"`);
      return { id: d.id, version: d.version, data: d.data, geometry: d.geometry ?? null };
    },
  });

  // ── ledger ───────────────────────────────────────────────────────────────
  route({
    method: 'GET',
    path: '/api/ledger',
    summary: 'The ledger\u2019s origin, size, root and verifier key (ledger.read)',
    access: 'ledger.read',
    response: LedgerHead,
    handler: async () => {
      const size = await app.ledger.size();
      return {
        origin: app.ledger.origin,
        size,
        root: (await app.ledger.root(size)).toString('hex'),
        verifierKey: app.ledger.verifierKey(),
      };
    },
  });

  route({
    method: 'GET',
    path: '/api/ledger/checkpoints',
    summary: 'Every stored signed checkpoint (ledger.read)',
    access: 'ledger.read',
    response: CheckpointList,
    handler: async () => ({
      checkpoints: (await app.store.listCheckpoints()).map((cp) => ({
        size: cp.size,
        root: cp.root.toString('hex'),
        text: cp.text,
        createdAt: cp.createdAt,
      })),
    }),
  });

  route({
    method: 'GET',
    path: '/api/ledger/checkpoint',
    summary: 'The current signed checkpoint as a C2SP note (text/plain; ledger.read)',
    access: 'ledger.read',
    response: z.string(),
    kind: 'text',
    handler: async () => (await app.ledger.currentCheckpoint()).text,
  });

  route({
    method: 'POST',
    path: '/api/ledger/checkpoints',
    summary: 'Sign and store a checkpoint of the current size (ledger.checkpoint)',
    access: 'ledger.checkpoint',
    response: CheckpointMade,
    status: 201,
    handler: async () => {
      const cp = await app.ledger.checkpoint();
      return { size: cp.size, root: Buffer.from(cp.root).toString('hex'), text: cp.text };
    },
  });

  route({
    method: 'GET',
    path: '/api/ledger/entries',
    summary: 'Ledger entries from an index, with their canonical bytes and leaf hashes (ledger.read)',
    access: 'ledger.read',
    query: z.object({
      from: intParam(0).optional(),
      limit: intParam(1)
        .transform((n) => Math.min(n, 1000))
        .optional()
        .describe('default 100, at most 1000'),
    }),
    response: LedgerEntries,
    handler: async ({ query }) => {
      const from = query.from ?? 0;
      const limit = query.limit ?? 100;
      const size = await app.ledger.size();
      const out = [];
      for (let i = from; i < Math.min(size, from + limit); i++) out.push(await app.ledger.entry(i));
      return {
        size,
        from,
        entries: out,
        next: from + limit < size ? `/api/ledger/entries?from=${from + limit}&limit=${limit}` : null,
      };
    },
  });

  route({
    method: 'GET',
    path: '/api/ledger/entries/:index',
    summary: 'One ledger entry (ledger.read)',
    access: 'ledger.read',
    params: z.object({ index: intParam(0) }),
    response: LedgerEntry,
    handler: async ({ params }) => app.ledger.entry(params.index),
  });

  route({
    method: 'GET',
    path: '/api/ledger/proofs/inclusion',
    summary: 'RFC 9162 inclusion proof of entry index in the tree of size (default: current) (ledger.read)',
    access: 'ledger.read',
    query: z.object({ index: intParam(0), size: intParam(0).optional() }),
    response: InclusionProof,
    handler: async ({ query }) => app.ledger.inclusion(query.index, query.size ?? (await app.ledger.size())),
  });

  route({
    method: 'GET',
    path: '/api/ledger/proofs/consistency',
    summary: 'RFC 9162 consistency proof between tree sizes from and to (default: current) (ledger.read)',
    access: 'ledger.read',
    query: z.object({ from: intParam(0), to: intParam(0).optional() }),
    response: ConsistencyProof,
    handler: async ({ query }) => app.ledger.consistency(query.from, query.to ?? (await app.ledger.size())),
  });

  route({
    method: 'GET',
    path: '/api/verify',
    summary: 'Verify the ledger now; projections=false checks the ledger only (ledger.read)',
    access: 'ledger.read',
    query: z.object({ projections: z.enum(['true', 'false']).optional() }),
    response: VerifyReport,
    handler: async ({ query }) => app.verify({ skipProjections: query.projections === 'false' }),
  });
}
