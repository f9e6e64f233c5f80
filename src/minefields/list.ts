/**
 * Minefield records as a paged list (issue #13 §2): need-to-know (minefield.read, clearance with
 * unlabelled records counting as secret, regional scope) runs in the store before paging, so the
 * total never counts a record the caller may not know exists (issue #5 §9).
 */
import { andExpr, can, readFilter, type Actor, type ReadRule } from '../access/index.js';
import { err, ok, problem, type Result } from '../core/index.js';
import { findPage, type DocReader, type Expr, type Page, type PageRequest } from '../store/index.js';
import { minefieldDocs } from './collections.js';
import type { MinefieldRecord, MinefieldStatus } from './types.js';

export const MINEFIELD_READ: ReadRule = { permission: 'minefield.read', defaultClassification: 'secret' };

export interface MinefieldListQuery extends PageRequest {
  readonly status?: readonly MinefieldStatus[];
}

/**
 * The records the actor may see, by human id, one page.
 * @example const r = await minefieldList(app.store, recorder, { limit: 50, offset: 0, status: ['recorded'] });
 */
export async function minefieldList(
  docs: DocReader,
  actor: Actor,
  q: MinefieldListQuery,
): Promise<Result<Page<MinefieldRecord>>> {
  if (!can(actor, MINEFIELD_READ.permission))
    return err([
      problem('AUTH_FORBIDDEN', '', `${actor.name} may not read minefield records (needs minefield.read)`),
    ]);
  const status: Expr[] = q.status === undefined ? [] : [{ op: 'in', field: 'status', values: q.status }];
  const page = await findPage(docs, {
    collection: minefieldDocs.name,
    where: andExpr(readFilter(actor, MINEFIELD_READ), ...status),
    orderBy: { field: 'humanId' },
    limit: q.limit,
    offset: q.offset,
  });
  return ok({ items: page.docs.map((d) => minefieldDocs.typed(d).data), total: page.numberMatched });
}
