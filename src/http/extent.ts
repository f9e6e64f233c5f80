/**
 * Collection extents from the data (OGC API Features Part 1 §7.14.4): the bounding box of the
 * geometries and the interval of the temporal field of the rows the caller may see — so an
 * extent never reveals where hidden records lie. Cached per data version and access class.
 */
import type { Actor } from '../access/index.js';
import type { StoredGeometry } from '../store/index.js';
import { accessFilter, queryCollection, type CollectionSpec } from './collections.js';
import type { HttpDeps } from './env.js';
import { VersionedCache } from './version.js';

export interface Extent {
  readonly spatial?: { readonly bbox: readonly (readonly [number, number, number, number])[]; readonly crs: string };
  readonly temporal?: { readonly interval: readonly (readonly [string | null, string | null])[]; readonly trs: string };
}

const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
const TRS = 'http://www.opengis.net/def/uom/ISO-8601/0/Gregorian';

/** Grow `box` by every position of a GeoJSON geometry. */
function grow(box: [number, number, number, number], g: StoredGeometry): void {
  const visit = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number' && typeof c[1] === 'number') {
      const [x, y] = c as [number, number];
      if (x < box[0]) box[0] = x;
      if (y < box[1]) box[1] = y;
      if (x > box[2]) box[2] = x;
      if (y > box[3]) box[3] = y;
      return;
    }
    for (const p of c) visit(p);
  };
  if (g.geometries !== undefined) for (const m of g.geometries) grow(box, m);
  else visit(g.coordinates);
}

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
    const { docs } = await queryCollection(deps.app, spec, actor, { count: false });
    const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
    let lo: string | null = null;
    let hi: string | null = null;
    for (const d of docs) {
      if (d.geometry) grow(box, d.geometry);
      const t = spec.temporal === undefined ? undefined : d.data[spec.temporal];
      if (typeof t === 'string') {
        if (lo === null || t < lo) lo = t;
        if (hi === null || t > hi) hi = t;
      }
    }
    return {
      ...(box[0] <= box[2] ? { spatial: { bbox: [box], crs: CRS84 } } : {}),
      ...(lo !== null ? { temporal: { interval: [[lo, hi]], trs: TRS } } : {}),
    };
  });
}
