/**
 * Tile arithmetic for saving a map area for offline use: which z/x/y tiles (Web Mercator, the
 * XYZ scheme of `/tiles/{collection}/{z}/{x}/{y}.mvt`) cover a box over a zoom range, and how many.
 */

export type LonLatBox = readonly [west: number, south: number, east: number, north: number];

export interface TileId {
  readonly z: number;
  readonly x: number;
  readonly y: number;
}

/** Web Mercator stops here (MapLibre's and every XYZ tiler's limit). */
const MAX_LAT = 85.0511287798066;
/** The server cuts tiles up to z16; the map over-zooms beyond (MapView). */
export const MAX_TILE_ZOOM = 16;
/** At most this many tiles in one saved area (all layers together): about a district at street zoom. */
export const MAX_AREA_TILES = 4000;

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** The tile holding a point at zoom z. */
export function tileAt(lon: number, lat: number, z: number): { x: number; y: number } {
  const n = 2 ** z;
  const phi = (clamp(lat, -MAX_LAT, MAX_LAT) * Math.PI) / 180;
  const x = Math.floor(((clamp(lon, -180, 180) + 180) / 360) * n);
  const y = Math.floor(((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * n);
  return { x: clamp(x, 0, n - 1), y: clamp(y, 0, n - 1) };
}

/** The x and y ranges (inclusive) of the tiles covering the box at zoom z. */
export function tileRange(box: LonLatBox, z: number): { x0: number; x1: number; y0: number; y1: number } {
  const [w, s, e, n] = box;
  const nw = tileAt(w, n, z);
  const se = tileAt(e, s, z);
  return { x0: nw.x, x1: se.x, y0: nw.y, y1: se.y };
}

/** Check a box and zoom range; a problem in words, or undefined when it is usable. */
export function boxProblem(box: LonLatBox, minZoom: number, maxZoom: number): string | undefined {
  const [w, s, e, n] = box;
  if (![w, s, e, n].every(Number.isFinite)) return 'the box has a coordinate that is not a number';
  if (w >= e)
    return 'the west edge must lie west of the east edge (an area across the antimeridian is saved as two)';
  if (s >= n) return 'the south edge must lie south of the north edge';
  if (
    !Number.isInteger(minZoom) ||
    !Number.isInteger(maxZoom) ||
    minZoom < 0 ||
    maxZoom > MAX_TILE_ZOOM ||
    minZoom > maxZoom
  )
    return `zoom levels are whole numbers with 0 ≤ from ≤ to ≤ ${MAX_TILE_ZOOM}`;
  return undefined;
}

/** How many tiles cover the box from minZoom to maxZoom (one layer). */
export function countTiles(box: LonLatBox, minZoom: number, maxZoom: number): number {
  let n = 0;
  for (let z = minZoom; z <= maxZoom; z++) {
    const r = tileRange(box, z);
    n += (r.x1 - r.x0 + 1) * (r.y1 - r.y0 + 1);
  }
  return n;
}

/** Every tile covering the box, zoom by zoom, row by row. */
export function* tilesIn(box: LonLatBox, minZoom: number, maxZoom: number): Generator<TileId> {
  for (let z = minZoom; z <= maxZoom; z++) {
    const r = tileRange(box, z);
    for (let y = r.y0; y <= r.y1; y++) for (let x = r.x0; x <= r.x1; x++) yield { z, x, y };
  }
}

/** A tile URL from a `{z}/{x}/{y}` template. */
export function tileUrl(template: string, t: TileId): string {
  return template.replace('{z}', String(t.z)).replace('{x}', String(t.x)).replace('{y}', String(t.y));
}
