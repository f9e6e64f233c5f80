/**
 * Collection extents from the data (OGC API Features Part 1 §7.14.4): the bounding box of the
 * geometries and the interval of the temporal field of the rows the caller may see — so an
 * extent never reveals where hidden records lie. Cached per data version and access class.
 */
import type { Actor } from '../access/index.js';
import { docExtent } from '../store/index.js';
import { accessFilter, FALSE, TRUE, type CollectionSpec } from './collections.js';
import type { HttpDeps } from './env.js';
import { VersionedCache } from './version.js';

export interface Extent {
  readonly spatial?: {
    readonly bbox: readonly (readonly [number, number, number, number])[];
    readonly crs: string;
  };
  readonly temporal?: {
    readonly interval: readonly (readonly [string | null, string | null])[];
    readonly trs: string;
  };
}

const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
const TRS = 'http://www.opengis.net/def/uom/ISO-8601/0/Gregorian';

const cache = new WeakMap<HttpDeps, VersionedCache<Extent>>();

/** The extent of what `actor` may see of a collection (empty object when it has no rows). */
export async function extentOf(deps: HttpDeps, spec: CollectionSpec, actor: Actor): Promise<Extent> {
  let c = cache.get(deps);
  if (c === undefined) {
    c = new VersionedCache<Extent>(500);
    cache.set(deps, c);
  }
  const version = await deps.version.current(deps.app);
  return c.get(version, `${spec.id}|${JSON.stringify(accessFilter(spec, actor))}`, async () => {
    const access = accessFilter(spec, actor);
    // One aggregate in the store, no documents read. It applies the access `Expr` alone, which
    // never admits a row a collection's `mayRead` hides (http/access.property.test.ts).
    const e =
      access === FALSE
        ? {}
        : await docExtent(
            deps.app.store,
            { collection: spec.source, ...(access === TRUE ? {} : { where: access }) },
            spec.temporal,
          );
    return {
      ...(e.bbox === undefined ? {} : { spatial: { bbox: [e.bbox], crs: CRS84 } }),
      ...(e.range === undefined ? {} : { temporal: { interval: [e.range], trs: TRS } }),
    };
  });
}
