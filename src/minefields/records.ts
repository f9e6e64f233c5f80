/**
 * Reading minefield records with need-to-know (design.md §5; issue #5 §9): a caller without
 * clearance learns nothing about a record, not even that it exists; only an aggregate count is
 * offered, and only where a role grants `minefield.count`.
 */
import { can, labelOf, mayRead, type Actor } from '../access/index.js';
import { err, ok, problem, type Result } from '../core/index.js';
import type { Doc, DocReader } from '../store/index.js';
import { minefieldDocs } from './collections.js';
import type { MinefieldRecord } from './types.js';

/** A record by id (no access check: for projectors, rules and reactions). */
export function getMinefield(docs: DocReader, id: string): Promise<MinefieldRecord | undefined> {
  return minefieldDocs.data(docs, id);
}

/** A record by id or human id such as FI-MF-2026-0001 (no access check). */
export async function findMinefield(docs: DocReader, ref: string): Promise<MinefieldRecord | undefined> {
  const byId = await getMinefield(docs, ref);
  if (byId !== undefined) return byId;
  const [d] = await minefieldDocs.find(docs, {
    where: { op: '=', field: 'humanId', value: ref },
    limit: 1,
  });
  return d?.data;
}

/** May this actor know the record exists? Needs `minefield.read`, clearance and regional scope. */
export function mayReadMinefield(actor: Actor, doc: Doc | MinefieldRecord): boolean {
  // Records without a (known) classification count as secret, as the store's filter counts them.
  const label = labelOf(
    'collection' in doc ? doc.data : { classification: doc.classification, region: doc.region },
    'secret',
  );
  return can(actor, 'minefield.read') && mayRead(actor, label);
}

/** A record the actor may see, or NOT_FOUND — the same answer whether it is hidden or absent. */
export async function readMinefield(
  docs: DocReader,
  actor: Actor,
  ref: string,
  path = 'minefieldId',
): Promise<Result<MinefieldRecord>> {
  const r = await findMinefield(docs, ref);
  if (r === undefined || !mayReadMinefield(actor, r))
    return err([problem('NOT_FOUND', path, `no minefield record "${ref}"`, { value: ref })]);
  return ok(r);
}

/** The records the actor may see, ordered by human id. */
export async function listMinefields(docs: DocReader, actor: Actor): Promise<MinefieldRecord[]> {
  if (!can(actor, 'minefield.read')) return [];
  const all = await minefieldDocs.find(docs, { orderBy: { field: 'humanId' } });
  return all.map((d) => d.data).filter((r) => mayReadMinefield(actor, r));
}

/** The number of records of every classification, for roles granted `minefield.count` only. */
export async function countMinefields(docs: DocReader, actor: Actor): Promise<Result<number>> {
  if (!can(actor, 'minefield.count'))
    return err([
      problem('AUTH_FORBIDDEN', '', `${actor.name} may not count minefield records (needs minefield.count)`),
    ]);
  return ok(await docs.countDocs({ collection: minefieldDocs.name }));
}
