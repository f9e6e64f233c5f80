/**
 * The collection registry: what the OGC API, the JSON API and the tiles serve, and who may see
 * which rows. Every read goes through `queryCollection`, which turns the caller's need-to-know
 * (role, classification clearance, regional scope; design.md §5) into a filter `Expr` that the
 * store evaluates together with the client's filter, so counts, paging and tiles agree.
 */
import {
  CLASSIFICATIONS,
  FALSE_EXPR,
  TRUE_EXPR,
  andExpr,
  can,
  readFilter,
  type Actor,
  type Classification,
  type Permission,
} from '../access/index.js';
import type { Cairn } from '../app/index.js';
import { visibleTo } from '../landrelease/index.js';
import { mayReadMinefield } from '../minefields/index.js';
import type { JsonObject } from '../core/index.js';
import { findPage, type BBox, type Doc, type Expr } from '../store/index.js';
import { hazardEdits } from './edits.js';

/** A queryable property (Part 3): a JSON Schema type for a dotted field of the document. */
export interface Queryable {
  readonly type: 'string' | 'number' | 'integer' | 'boolean';
  readonly format?: 'date-time' | 'date';
  readonly enum?: readonly (string | number)[];
  readonly title?: string;
}

/** How Part 4 edits map onto pipeline commands (absent: the collection is read-only). */
export interface EditSpec {
  /** The command for a new feature; its result must name the new id in `idField`. */
  readonly create: (feature: IncomingFeature) => { type: string; payload: unknown };
  readonly replace?: (
    id: string,
    feature: IncomingFeature,
    current: Doc,
  ) => { type: string; payload: unknown };
  readonly update?: (id: string, patch: JsonObject, current: Doc) => { type: string; payload: unknown };
  readonly delete?: (id: string, current: Doc) => { type: string; payload: unknown };
  /** Key of the id in the command's result (default `id`). */
  readonly idField?: string;
}

/** A feature sent by a client, geometry already in WGS 84 lon/lat. */
export interface IncomingFeature {
  readonly geometry: JsonObject | null;
  readonly properties: JsonObject;
}

export interface CollectionSpec {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** The projection collection in the store. */
  readonly source: string;
  /** Permission that shows every row the caller is cleared for. */
  readonly permission: Permission;
  /**
   * Rows visible to callers without `permission` but with `public.read` (for example hazards
   * released for public warning). Absent: such callers see nothing.
   */
  readonly publicFilter?: Expr;
  /** Classification assumed for rows that carry none. */
  readonly defaultClassification: Classification;
  /** Dotted field holding the record's instant for `datetime` (absent: datetime is not applicable). */
  readonly temporal?: string;
  /** Declared queryables; more are inferred from the data. */
  readonly queryables?: Readonly<Record<string, Queryable>>;
  readonly edit?: EditSpec;
  /** A domain's own last word on a single row (e.g. `mayReadMinefield`). */
  readonly mayRead?: (actor: Actor, doc: Doc) => boolean;
}

/** Constant expressions in the store's AST (access's, under the names the OGC code uses). */
export const TRUE: Expr = TRUE_EXPR;
export const FALSE: Expr = FALSE_EXPR;

/** AND that folds constants. */
export const and = andExpr;

const c = (
  id: string,
  title: string,
  description: string,
  permission: Permission,
  extra: Partial<CollectionSpec> = {},
): CollectionSpec => ({
  id,
  title,
  description,
  source: id,
  permission,
  defaultClassification: 'restricted',
  ...extra,
});

/**
 * The spatial collections. Sources are the projection collections of the domain modules; a
 * collection whose module is not installed is simply empty.
 */
export const defaultCollections = (): CollectionSpec[] => {
  // Land-release rows without a classification count as secret, as src/landrelease/read.ts does.
  const lr = { defaultClassification: 'secret', mayRead: visibleTo } as const;
  const mf = { defaultClassification: 'secret', mayRead: mayReadMinefield } as const;
  return [
    c('facilities', 'Storage facilities', 'Stockpile storage facilities (stock module).', 'stock.read', {
      source: 'stock.facilities',
    }),
    c(
      'minefields',
      'Minefield records',
      'APII Technical Annex minefield records. Restricted: never shown to the public.',
      'minefield.read',
      { ...mf, temporal: 'createdAt' },
    ),
    c(
      'reference-points',
      'Minefield reference points',
      'Reference points of minefield records (APII TA 1(a)(i)). Restricted.',
      'minefield.read',
      mf,
    ),
    c(
      'hazards',
      'Hazardous areas',
      'Suspected and confirmed hazardous areas. The public sees areas released for public warning.',
      'landrelease.read',
      {
        ...lr,
        publicFilter: { op: '=', field: 'publicWarning', value: true },
        temporal: 'createdAt',
        edit: hazardEdits,
      },
    ),
    // `datetime` filters on each record's date in the world (release, find, accident, session).
    c('releases', 'Released areas', 'Land cancelled, reduced or cleared.', 'landrelease.read', {
      ...lr,
      temporal: 'date',
    }),
    c('activities', 'Activities', 'Survey and clearance activities.', 'landrelease.read', {
      ...lr,
      temporal: 'startDate',
    }),
    c('devices', 'Devices found', 'Explosive devices found and their disposal.', 'landrelease.read', {
      ...lr,
      temporal: 'date',
    }),
    c(
      'accidents',
      'Accidents',
      'Mine and ERW accidents with casualty counts by sex and age; victims\u2019 personal data is never a feature.',
      'landrelease.read',
      { ...lr, temporal: 'date' },
    ),
    c('eore-sessions', 'EORE sessions', 'Explosive ordnance risk education sessions.', 'landrelease.read', {
      ...lr,
      temporal: 'date',
    }),
  ];
};

/** The filter expressing what this actor may see of a collection, or FALSE (access's `readFilter`). */
export function accessFilter(spec: CollectionSpec, actor: Actor): Expr {
  return readFilter(actor, spec);
}

/** True when the caller can see any row of the collection (else it is not even listed). */
export function mayList(spec: CollectionSpec, actor: Actor): boolean {
  return can(actor, spec.permission) || (spec.publicFilter !== undefined && can(actor, 'public.read'));
}

/** A document's classification (the default when it carries none). */
export function classificationOf(spec: CollectionSpec, doc: Doc): Classification {
  const k = doc.data['classification'];
  return typeof k === 'string' && (CLASSIFICATIONS as readonly string[]).includes(k)
    ? (k as Classification)
    : spec.defaultClassification;
}

export interface CollectionQuery {
  readonly where?: Expr;
  readonly bbox?: BBox;
  readonly limit?: number;
  readonly offset?: number;
  /** Skip the count (tiles do not need it). */
  readonly count?: boolean;
}

export interface CollectionPage {
  readonly docs: readonly Doc[];
  readonly numberMatched: number | undefined;
}

/** Query a collection as an actor: need-to-know and the client's filter both run in the store. */
export async function queryCollection(
  app: Cairn,
  spec: CollectionSpec,
  actor: Actor,
  q: CollectionQuery,
): Promise<CollectionPage> {
  const access = accessFilter(spec, actor);
  if (access === FALSE) return { docs: [], numberMatched: 0 };
  const where = q.where === undefined ? access : and(access, q.where);
  const base = {
    collection: spec.source,
    ...(where === TRUE ? {} : { where }),
    ...(q.bbox ? { bbox: q.bbox } : {}),
  };
  const paged = {
    ...base,
    ...(q.limit !== undefined ? { limit: q.limit } : {}),
    ...(q.offset ? { offset: q.offset } : {}),
  };
  const { docs, numberMatched } =
    q.count === false
      ? { docs: await app.store.findDocs(paged), numberMatched: undefined }
      : await findPage(app.store, paged);
  const visible = spec.mayRead === undefined ? docs : docs.filter((d) => spec.mayRead?.(actor, d) ?? true);
  return { docs: visible, numberMatched };
}

/** One row as an actor, or undefined when it does not exist or is not visible. */
export async function getVisible(
  app: Cairn,
  spec: CollectionSpec,
  actor: Actor,
  id: string,
): Promise<Doc | undefined> {
  const access = accessFilter(spec, actor);
  if (access === FALSE) return undefined;
  const where = and(access, { op: '=', field: 'id', value: id });
  const [d] = await app.store.findDocs({ collection: spec.source, where, limit: 1 });
  if (d === undefined || (spec.mayRead !== undefined && !spec.mayRead(actor, d))) return undefined;
  return d;
}

/** Registry of collections by id. */
export class CollectionRegistry {
  readonly #specs = new Map<string, CollectionSpec>();
  constructor(specs: readonly CollectionSpec[]) {
    for (const s of specs) this.register(s);
  }
  /** Add or replace a collection (a domain module wiring its own). */
  register(spec: CollectionSpec): void {
    this.#specs.set(spec.id, spec);
  }
  get(id: string): CollectionSpec | undefined {
    return this.#specs.get(id);
  }
  all(): CollectionSpec[] {
    return [...this.#specs.values()];
  }
}

const ISO_DT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const ISO_D = /^\d{4}-\d{2}-\d{2}$/;

/** Queryables: declared ones plus scalar fields seen in a sample of visible rows. */
export async function queryablesOf(
  app: Cairn,
  spec: CollectionSpec,
  actor: Actor,
): Promise<Record<string, Queryable>> {
  const out: Record<string, Queryable> = { id: { type: 'string', title: 'Feature id' } };
  const sample = await queryCollection(app, spec, actor, { limit: 200, count: false });
  for (const d of sample.docs) {
    for (const [k, v] of Object.entries(d.data)) {
      if (k in out || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) continue;
      if (typeof v === 'string')
        out[k] = ISO_DT.test(v)
          ? { type: 'string', format: 'date-time' }
          : ISO_D.test(v)
            ? { type: 'string', format: 'date' }
            : { type: 'string' };
      else if (typeof v === 'number') out[k] = { type: Number.isInteger(v) ? 'integer' : 'number' };
      else if (typeof v === 'boolean') out[k] = { type: 'boolean' };
    }
  }
  return { ...out, ...spec.queryables };
}
