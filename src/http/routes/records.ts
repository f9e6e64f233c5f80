/**
 * Record routes of the JSON API: minefield records (list and detail), land-release hazards and
 * the review workbench queue, treaty states, and the ledger inclusion proof of any record. Reads
 * go through each module's need-to-know functions; reads of classified records are audited.
 */
import type { Context, Hono } from 'hono';
import { can, type Actor } from '../../access/index.js';
import { problem, type JsonObject } from '../../core/index.js';
import { HAZARDS, HAZARD_STATUSES, LR_SUBMISSIONS, SUBMISSION_KINDS, readDocs } from '../../landrelease/index.js';
import { MINEFIELDS, STATUSES, listMinefields, readMinefield, type MinefieldRecord } from '../../minefields/index.js';
import type { Doc, Expr } from '../../store/index.js';
import { getTreatyState, listTreatyStates } from '../../treaty/index.js';
import { denied, requirePermission } from '../auth.js';
import { getVisible, mayList, type CollectionRegistry } from '../collections.js';
import type { HttpDeps, HttpEnv } from '../env.js';
import { refuse, refuseAll } from '../errors.js';
import { auditReads } from '../ogc/common.js';
import { strictQuery } from '../params.js';
import { enumParam, pageOf } from './paging.js';
import { userNames } from './stock.js';

const SUBMISSION_STATUSES = ['submitted', 'approved', 'rejected', 'superseded'] as const;
const MAX_PROOFS = 100;
const submitter = (d: Doc): string => (typeof d.data['submittedBy'] === 'string' ? d.data['submittedBy'] : '');

const minefieldDoc = (r: MinefieldRecord): Doc => ({ collection: MINEFIELDS, id: r.id, data: r as unknown as JsonObject, version: 0 });

/** Audit reads of classified records of a registry collection (no-op when it is not registered). */
async function audited(c: Context<HttpEnv>, deps: HttpDeps, registry: CollectionRegistry, collection: string, actor: Actor, docs: readonly Doc[]): Promise<void> {
  const spec = registry.get(collection);
  if (spec !== undefined) await auditReads(c, deps, spec, actor, docs);
}

export function recordRoutes(http: Hono<HttpEnv>, deps: HttpDeps, registry: CollectionRegistry): void {
  const { app } = deps;

  // ── minefield records (CCW APII Art 9, Technical Annex 1) ───────────────
  http.get('/api/minefields', async (c) => {
    const q = strictQuery(c, ['status', 'limit', 'offset']);
    const actor = requirePermission(c, 'minefield.read');
    const status = enumParam(q, 'status', STATUSES);
    const all = (await listMinefields(app.store, actor)).filter((r) => status === undefined || status.includes(r.status));
    const page = pageOf(c, q, all);
    await audited(c, deps, registry, 'minefields', actor, page.items.map(minefieldDoc));
    return c.json(page);
  });

  http.get('/api/minefields/:id', async (c) => {
    strictQuery(c, []);
    const actor = c.get('actor');
    // Hidden and absent answer alike (NOT_FOUND): existence is need-to-know too.
    const r = await readMinefield(app.store, actor, c.req.param('id'), 'id');
    if (!r.ok) refuseAll(r.errors);
    const doc = await app.store.getDoc(MINEFIELDS, r.value.id);
    await audited(c, deps, registry, 'minefields', actor, [minefieldDoc(r.value)]);
    if (doc !== undefined) c.header('ETag', `"${doc.version}"`);
    return c.json(r.value);
  });

  // ── land release ────────────────────────────────────────────────────────
  http.get('/api/landrelease/hazards', async (c) => {
    const q = strictQuery(c, ['status', 'limit', 'offset']);
    const actor = c.get('actor');
    if (!can(actor, 'landrelease.read') && !can(actor, 'public.read')) denied(c, 'needs landrelease.read');
    const status = enumParam(q, 'status', HAZARD_STATUSES);
    const where: Expr | undefined = status === undefined ? undefined : { op: 'in', field: 'status', values: status };
    const all = await readDocs(app.store, actor, { collection: HAZARDS, ...(where ? { where } : {}), orderBy: { field: 'humanId' } });
    const page = pageOf(c, q, all);
    await audited(c, deps, registry, 'hazards', actor, page.items);
    return c.json({ ...page, items: page.items.map((d) => ({ id: d.id, version: d.version, data: d.data, geometry: d.geometry ?? null })) });
  });

  http.get('/api/landrelease/submissions', async (c) => {
    const q = strictQuery(c, ['status', 'kind', 'limit', 'offset']);
    const actor = c.get('actor');
    if (!can(actor, 'landrelease.submit') && !can(actor, 'landrelease.review')) denied(c, 'needs landrelease.submit or landrelease.review');
    const status = enumParam(q, 'status', SUBMISSION_STATUSES) ?? ['submitted'];
    const kind = enumParam(q, 'kind', SUBMISSION_KINDS);
    const where: Expr = { op: 'and', args: [{ op: 'in', field: 'status', values: status }, ...(kind === undefined ? [] : [{ op: 'in', field: 'kind', values: kind } as const])] };
    const docs = await readDocs(app.store, actor, { collection: LR_SUBMISSIONS, where, orderBy: { field: 'submittedAt' } });
    const names = await userNames(app.store, docs.map((d) => submitter(d)));
    const rows = docs.map((d) => {
      const by = submitter(d);
      const own = by === actor.id;
      // IMSMA holding area: a reviewer other than the submitter decides (LANDRELEASE_SELF_REVIEW).
      return { ...d.data, submittedByName: names.get(by) ?? null, ownSubmission: own, mayReview: d.data['status'] === 'submitted' && !own && can(actor, 'landrelease.review') };
    });
    return c.json(pageOf(c, q, rows));
  });

  // ── treaty ──────────────────────────────────────────────────────────────
  http.get('/api/treaty/states', async (c) => {
    const q = strictQuery(c, ['limit', 'offset']);
    requirePermission(c, 'treaty.read');
    return c.json(pageOf(c, q, await listTreatyStates(app.store)));
  });

  http.get('/api/treaty/states/:code', async (c) => {
    strictQuery(c, []);
    requirePermission(c, 'treaty.read');
    const s = await getTreatyState(app.store, c.req.param('code'));
    if (s === undefined) refuse('NOT_FOUND', `no treaty state "${c.req.param('code')}"`, [problem('NOT_FOUND', 'code', 'unknown state')]);
    return c.json(s);
  });

  // ── ledger inclusion proof of a record ──────────────────────────────────
  http.get('/api/ledger/proofs/record', async (c) => {
    const q = strictQuery(c, ['collection', 'id', 'seqs']);
    const actor = requirePermission(c, 'ledger.read');
    const missing = ['collection', 'id'].filter((k) => !q.has(k)).map((k) => problem('VALIDATION_REQUIRED', k, `${k} is required`));
    if (missing.length > 0) refuseAll(missing);
    const collection = q.get('collection') ?? '';
    const id = q.get('id') ?? '';
    const spec = registry.get(collection);
    const doc = spec !== undefined && mayList(spec, actor) ? await getVisible(app, spec, actor, id) : undefined;
    if (spec === undefined || doc === undefined) refuse('NOT_FOUND', `no record "${id}" in ${collection}`, [problem('NOT_FOUND', 'id', `no record "${id}" in ${collection}`)]);
    await auditReads(c, deps, spec, actor, [doc]);
    // The document's version is the seq of the last event that wrote it; `seqs` adds earlier ones.
    const extra = (q.get('seqs') ?? '').split(',').filter((s) => s !== '');
    const bad = extra.filter((s) => !/^\d+$/.test(s) || Number(s) > doc.version);
    if (bad.length > 0) refuseAll(bad.map((s) => problem('VALIDATION_RANGE', 'seqs', `seq "${s}" is not an event at or before the record's version ${doc.version}`, { value: s })));
    const seqs = [...new Set([...extra.map(Number), doc.version])].sort((a, b) => a - b);
    if (seqs.length > MAX_PROOFS) refuseAll([problem('VALIDATION_RANGE', 'seqs', `at most ${MAX_PROOFS} events per proof bundle`)]);
    const cp = await app.ledger.currentCheckpoint();
    const proofs = [];
    for (const seq of seqs) {
      const entry = await app.ledger.entry(seq);
      const inclusion = await app.ledger.inclusion(seq, cp.size);
      proofs.push({ seq, leaf: entry.leaf, leafHash: inclusion.leafHash, proof: inclusion.proof });
    }
    const file = `proof-${collection}-${id}`.replace(/[^A-Za-z0-9._-]/g, '_');
    c.header('content-disposition', `attachment; filename="${file}.json"`);
    return c.json({
      format: 'cairn-record-proof/1',
      record: { collection, id, version: doc.version },
      checkpoint: { origin: cp.origin, size: cp.size, root: Buffer.from(cp.root).toString('hex'), text: cp.text },
      verifierKey: app.ledger.verifierKey(),
      hashes: 'RFC 9162: leaf = SHA-256(0x00 || canonical event bytes), node = SHA-256(0x01 || left || right)',
      proofs,
    });
  });
}
