/**
 * Read helpers with need-to-know filtering (design.md §5), for the CLI, HTTP and OGC layers.
 * - Land-release records need `landrelease.read` and a clearance reaching their classification.
 * - Hazards released for public warning are visible to everyone, the anonymous user included.
 * - Victims' personal data needs `victim.read` and is joined from the sealed side table (never in
 *   the ledger or a projection); everyone else gets counts by sex and age only.
 */
import { can, labelOf, mayRead, type Actor, type Classification } from '../access/index.js';
import { err, ok, problem, type JsonObject, type Result } from '../core/index.js';
import type { Doc, DocQuery, DocReader } from '../store/index.js';
import { ACCIDENTS, HAZARDS, LR_SUBMISSIONS, VICTIMS, type AgeGroup, type Sex } from './types.js';
import { lrDocs } from './documents.js';
import { isVictimRef, joinSealed, type SealedReader } from './victims.js';

/** The collections exposed as features (victims never are). */
export const FEATURE_COLLECTIONS = [
  'hazards',
  'releases',
  'activities',
  'devices',
  'accidents',
  'eore-sessions',
] as const;
export type FeatureCollection = (typeof FEATURE_COLLECTIONS)[number];

/** Land-release rows without a (known) classification count as secret. */
function classified(d: Doc): { classification: Classification; region?: string } {
  return labelOf(d.data, 'secret');
}

/** May this actor see this land-release document? */
export function visibleTo(actor: Actor, d: Doc): boolean {
  if (d.collection === VICTIMS) return can(actor, 'victim.read') && mayRead(actor, classified(d));
  if (d.collection === HAZARDS && d.data['publicWarning'] === true) return true;
  if (
    d.collection === LR_SUBMISSIONS &&
    !(can(actor, 'landrelease.submit') || can(actor, 'landrelease.review'))
  )
    return false;
  return can(actor, 'landrelease.read') && mayRead(actor, classified(d));
}

/**
 * Documents of a land-release collection the actor may see (filtered after the query, so
 * `limit` applies before filtering; pass none for exact pages).
 * @example await readDocs(app.store, anonymous, { collection: 'hazards' }) // public warnings only
 */
export async function readDocs(docs: DocReader, actor: Actor, query: DocQuery): Promise<Doc[]> {
  return (await docs.findDocs(query)).filter((d) => visibleTo(actor, d));
}

/** One document, or undefined when absent or not visible. */
export async function readDoc(
  docs: DocReader,
  actor: Actor,
  collection: string,
  id: string,
): Promise<Doc | undefined> {
  const d = await docs.getDoc(collection, id);
  return d !== undefined && visibleTo(actor, d) ? d : undefined;
}

/**
 * Victims with their personal data joined from the sealed side table: only with the victim-data
 * permission and a clearance reaching the record. Projection documents never hold this data;
 * an erased victim comes back with `erased: true` and no personal fields.
 * @example const r = await readVictims(app.store, imo, accidentId); // r.ok && r.value[0]?.data['name']
 */
export async function readVictims(
  store: SealedReader,
  actor: Actor,
  accidentId?: string,
): Promise<Result<Doc[]>> {
  if (!can(actor, 'victim.read'))
    return err([
      problem('AUTH_FORBIDDEN', '', 'victims\u2019 personal data needs the victim-data permission'),
    ]);
  const where =
    accidentId === undefined ? undefined : ({ op: '=', field: 'accidentId', value: accidentId } as const);
  const out: Doc[] = [];
  for (const d of await readDocs(store, actor, { collection: VICTIMS, ...(where ? { where } : {}) }))
    out.push(await joinSealed(store, d));
  return ok(out);
}

/** The victims of an accident report on the workbench, unsealed for a reviewer with `victim.read`. */
export async function readSubmissionVictims(
  store: SealedReader,
  actor: Actor,
  submissionId: string,
): Promise<Result<JsonObject[]>> {
  if (!can(actor, 'victim.read'))
    return err([
      problem('AUTH_FORBIDDEN', '', 'victims\u2019 personal data needs the victim-data permission'),
    ]);
  const d = await store.getDoc(LR_SUBMISSIONS, submissionId);
  if (d === undefined || !visibleTo(actor, d))
    return err([problem('LANDRELEASE_SUBMISSION_UNKNOWN', 'submissionId', `no submission ${submissionId}`)]);
  const victims = lrDocs.submissions.typed(d).data.report['victims'];
  const refs = Array.isArray(victims) ? victims.filter(isVictimRef) : [];
  const out: JsonObject[] = [];
  for (const r of refs) {
    const rec = await store.getSealed(r.sealedId);
    out.push(
      rec === undefined ? { victimId: r.victimId, erased: true } : { victimId: r.victimId, ...rec.data },
    );
  }
  return ok(out);
}

export interface CasualtyCount {
  readonly outcome: 'killed' | 'injured';
  readonly sex: Sex;
  readonly ageGroup: AgeGroup;
  readonly count: number;
}

/** Casualties by outcome, sex and age group, from the aggregate counts on accidents. */
export async function casualtyCounts(
  docs: DocReader,
  actor: Actor,
  range?: { readonly from: string; readonly to: string },
): Promise<CasualtyCount[]> {
  const where =
    range === undefined
      ? undefined
      : ({ op: 'between', field: 'date', low: range.from, high: range.to } as const);
  const acc = new Map<string, number>();
  for (const d of await readDocs(docs, actor, { collection: ACCIDENTS, ...(where ? { where } : {}) })) {
    for (const c of lrDocs.accidents.typed(d).data.casualties) {
      const k = `${c.outcome}:${c.sex}:${c.ageGroup}`;
      acc.set(k, (acc.get(k) ?? 0) + c.count);
    }
  }
  return [...acc.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, count]) => {
      const [outcome, sex, ageGroup] = k.split(':') as [CasualtyCount['outcome'], Sex, AgeGroup];
      return { outcome, sex, ageGroup, count };
    });
}
