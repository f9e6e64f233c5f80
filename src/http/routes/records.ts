/**
 * Record routes of the JSON API: minefield records (list and detail), land-release hazards and
 * the review workbench queue, treaty states, and the ledger inclusion proof of any record. Thin:
 * each parses its schema-first parameters and calls its module's query, which applies
 * need-to-know and pages in the store; reads of classified records are audited here.
 */
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import type { Actor } from '../../access/index.js';
import { problem, type JsonObject } from '../../core/index.js';
import { hazardList, submissionQueue } from '../../landrelease/index.js';
import { MINEFIELDS, minefieldList, readMinefield, type MinefieldRecord } from '../../minefields/index.js';
import type { Doc } from '../../store/index.js';
import { getTreatyState, treatyStatePage } from '../../treaty/index.js';
import { getVisible, mayList, type CollectionRegistry } from '../collections.js';
import type { HttpDeps, HttpEnv } from '../env.js';
import { refuse, refuseAll } from '../errors.js';
import { auditReads } from '../ogc/common.js';
import { apiPage, defineRoute, pageRequest, unwrap, type RouteTable } from '../route.js';
import {
  API_DEFAULT_LIMIT,
  HazardPage,
  HazardQuery,
  IdParam,
  MinefieldPage,
  MinefieldQuery,
  MinefieldRecord as MinefieldRecordSchema,
  PagingQuery,
  RecordProof,
  StateCodeParam,
  SubmissionPage,
  SubmissionQuery,
  TreatyState,
  TreatyStatePage,
} from '../schemas.js';

const MAX_PROOFS = 100;

const minefieldDoc = (r: MinefieldRecord): Doc => ({
  collection: MINEFIELDS,
  id: r.id,
  data: r as unknown as JsonObject,
  version: 0,
});

/** Audit reads of classified records of a registry collection (no-op when it is not registered). */
async function audited(
  c: Context<HttpEnv>,
  deps: HttpDeps,
  registry: CollectionRegistry,
  collection: string,
  actor: Actor,
  docs: readonly Doc[],
): Promise<void> {
  const spec = registry.get(collection);
  if (spec !== undefined) await auditReads(c, deps, spec, actor, docs);
}

const ProofQuery = z.object({
  collection: z.string().min(1),
  id: z.string().min(1),
  seqs: z.string().optional().describe('Comma-separated earlier event seqs to prove as well'),
});

export function recordRoutes(
  http: Hono<HttpEnv>,
  deps: HttpDeps,
  registry: CollectionRegistry,
  table: RouteTable,
): void {
  const { app } = deps;

  // ── minefield records (CCW APII Art 9, Technical Annex 1) ───────────────
  defineRoute(http, deps, table, {
    method: 'GET',
    path: '/api/minefields',
    summary: 'Minefield records the caller is cleared for, by human id (minefield.read)',
    access: 'minefield.read',
    query: MinefieldQuery,
    response: MinefieldPage,
    handler: async ({ c, actor, query }) => {
      const req = pageRequest(query, API_DEFAULT_LIMIT);
      const page = unwrap(
        await minefieldList(app.store, actor, {
          ...req,
          ...(query.status === undefined ? {} : { status: query.status }),
        }),
      );
      await audited(c, deps, registry, 'minefields', actor, page.items.map(minefieldDoc));
      return apiPage(c, req, page);
    },
  });

  defineRoute(http, deps, table, {
    method: 'GET',
    path: '/api/minefields/:id',
    summary: 'One minefield record by id or human id; 404 when hidden or absent',
    access: 'public',
    params: IdParam,
    response: MinefieldRecordSchema,
    handler: async ({ c, actor, params }) => {
      // Hidden and absent answer alike (NOT_FOUND): existence is need-to-know too.
      const r = unwrap(await readMinefield(app.store, actor, params.id, 'id'));
      const doc = await app.store.getDoc(MINEFIELDS, r.id);
      await audited(c, deps, registry, 'minefields', actor, [minefieldDoc(r)]);
      if (doc !== undefined) c.header('ETag', `"${doc.version}"`);
      return r;
    },
  });

  // ── land release ────────────────────────────────────────────────────────
  defineRoute(http, deps, table, {
    method: 'GET',
    path: '/api/landrelease/hazards',
    summary: 'Hazardous areas the caller may see, by human id (the public: released warnings only)',
    access: { anyOf: ['landrelease.read', 'public.read'] },
    query: HazardQuery,
    response: HazardPage,
    handler: async ({ c, actor, query }) => {
      const req = pageRequest(query, API_DEFAULT_LIMIT);
      const page = unwrap(
        await hazardList(app.store, actor, {
          ...req,
          ...(query.status === undefined ? {} : { status: query.status }),
        }),
      );
      await audited(
        c,
        deps,
        registry,
        'hazards',
        actor,
        page.items.map((d) => ({ collection: 'hazards', ...d })),
      );
      return apiPage(c, req, page);
    },
  });

  defineRoute(http, deps, table, {
    method: 'GET',
    path: '/api/landrelease/submissions',
    summary:
      'The review workbench queue, oldest first, with the submitter and what the caller may do: ownSubmission, mayReview',
    access: { anyOf: ['landrelease.submit', 'landrelease.review'] },
    query: SubmissionQuery,
    response: SubmissionPage,
    handler: async ({ c, actor, query }) => {
      const req = pageRequest(query, API_DEFAULT_LIMIT);
      return apiPage(
        c,
        req,
        unwrap(
          await submissionQueue(app.store, actor, {
            ...req,
            ...(query.status === undefined ? {} : { status: query.status }),
            ...(query.kind === undefined ? {} : { kind: query.kind }),
          }),
        ),
      );
    },
  });

  // ── treaty ──────────────────────────────────────────────────────────────
  defineRoute(http, deps, table, {
    method: 'GET',
    path: '/api/treaty/states',
    summary: 'Treaty states by code (treaty.read)',
    access: 'treaty.read',
    query: PagingQuery,
    response: TreatyStatePage,
    handler: async ({ c, actor, query }) => {
      const req = pageRequest(query, API_DEFAULT_LIMIT);
      return apiPage(c, req, unwrap(await treatyStatePage(app.store, actor, req)));
    },
  });

  defineRoute(http, deps, table, {
    method: 'GET',
    path: '/api/treaty/states/:code',
    summary: 'One treaty state by ISO 3166-1 alpha-2 code (treaty.read)',
    access: 'treaty.read',
    params: StateCodeParam,
    response: TreatyState,
    handler: async ({ params }) => {
      const s = await getTreatyState(app.store, params.code);
      if (s === undefined)
        refuse('NOT_FOUND', `no treaty state "${params.code}"`, [
          problem('NOT_FOUND', 'code', 'unknown state'),
        ]);
      return s;
    },
  });

  // ── ledger inclusion proof of a record ──────────────────────────────────
  defineRoute(http, deps, table, {
    method: 'GET',
    path: '/api/ledger/proofs/record',
    summary:
      'Inclusion proofs of the events that wrote a record (its version, plus seqs), as a download (ledger.read)',
    access: 'ledger.read',
    query: ProofQuery,
    response: RecordProof,
    handler: async ({ c, actor, query }) => {
      const { collection, id } = query;
      const spec = registry.get(collection);
      const doc =
        spec !== undefined && mayList(spec, actor) ? await getVisible(app, spec, actor, id) : undefined;
      if (spec === undefined || doc === undefined)
        refuse('NOT_FOUND', `no record "${id}" in ${collection}`, [
          problem('NOT_FOUND', 'id', `no record "${id}" in ${collection}`),
        ]);
      await auditReads(c, deps, spec, actor, [doc]);
      // The document's version is the seq of the last event that wrote it; `seqs` adds earlier ones.
      const extra = (query.seqs ?? '').split(',').filter((s) => s !== '');
      const bad = extra.filter((s) => !/^\d+$/.test(s) || Number(s) > doc.version);
      if (bad.length > 0)
        refuseAll(
          bad.map((s) =>
            problem(
              'VALIDATION_RANGE',
              'seqs',
              `seq "${s}" is not an event at or before the record's version ${doc.version}`,
              { value: s },
            ),
          ),
        );
      const seqs = [...new Set([...extra.map(Number), doc.version])].sort((a, b) => a - b);
      if (seqs.length > MAX_PROOFS)
        refuseAll([problem('VALIDATION_RANGE', 'seqs', `at most ${MAX_PROOFS} events per proof bundle`)]);
      const cp = await app.ledger.currentCheckpoint();
      const proofs = [];
      for (const seq of seqs) {
        const entry = await app.ledger.entry(seq);
        const inclusion = await app.ledger.inclusion(seq, cp.size);
        proofs.push({ seq, leaf: entry.leaf, leafHash: inclusion.leafHash, proof: inclusion.proof });
      }
      const file = `proof-${collection}-${id}`.replace(/[^A-Za-z0-9._-]/g, '_');
      c.header('content-disposition', `attachment; filename="${file}.json"`);
      return {
        format: 'cairn-record-proof/1' as const,
        record: { collection, id, version: doc.version },
        checkpoint: {
          origin: cp.origin,
          size: cp.size,
          root: Buffer.from(cp.root).toString('hex'),
          text: cp.text,
        },
        verifierKey: app.ledger.verifierKey(),
        hashes:
          'RFC 9162: leaf = SHA-256(0x00 || canonical event bytes), node = SHA-256(0x01 || left || right)',
        proofs,
      };
    },
  });
}
