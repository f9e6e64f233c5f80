/**
 * Map areas kept for offline use (issue #12 §2): the vector tiles of the record layers for a box
 * over a zoom range, fetched once into a Cache Storage cache of their own (`cairn-area-<id>`), and
 * served by the service worker when the network is not there (sw/sw.ts). The basemap itself is one
 * small world file, precached with the app shell, so it is always there.
 *
 * The tiles hold what the signed-in user may see (the server cuts them by need-to-know); they are
 * kept deliberately, listed on the map page, and deleted with their area.
 */
import { readList, storedArea } from './stored.js';
import { countTiles, MAX_AREA_TILES, tilesIn, tileUrl, type LonLatBox, type TileId } from './tiles.js';

export interface SavedArea {
  readonly id: string;
  readonly name: string;
  readonly box: LonLatBox;
  readonly minZoom: number;
  readonly maxZoom: number;
  readonly tiles: number;
  readonly bytes: number;
  readonly savedAt: string;
}

export interface AreaEstimate {
  /** Tile requests for every layer together. */
  readonly tiles: number;
  /** Bytes expected, from the tiles fetched as a sample. */
  readonly bytes: number;
  readonly overCap: boolean;
}

const KEY = 'cairn.offlineAreas';
export const AREA_CACHE_PREFIX = 'cairn-area-';
/** Tiles fetched as a sample for the size estimate (spread over the zoom levels). */
const SAMPLE = 6;
/** Parallel tile requests while saving: enough to be quick, few enough for a field link. */
const PARALLEL = 4;

/** The saved areas (an entry of another shape is left out: its tiles are fetched again when saved again). */
export function listAreas(): SavedArea[] {
  return readList(localStorage.getItem(KEY), storedArea).items;
}

function writeAreas(list: readonly SavedArea[]): void {
  localStorage.setItem(KEY, JSON.stringify(list));
}

/** Tiles picked evenly from the whole list, for the sample. */
function sampleOf(box: LonLatBox, minZoom: number, maxZoom: number, total: number): TileId[] {
  const step = Math.max(1, Math.floor(total / SAMPLE));
  const out: TileId[] = [];
  let i = 0;
  for (const t of tilesIn(box, minZoom, maxZoom)) {
    if (i++ % step === 0) out.push(t);
    if (out.length >= SAMPLE) break;
  }
  return out;
}

/** How many tiles and about how many bytes saving the area would take (fetches a few tiles). */
export async function estimateArea(
  box: LonLatBox,
  minZoom: number,
  maxZoom: number,
  templates: readonly string[],
): Promise<AreaEstimate> {
  const perLayer = countTiles(box, minZoom, maxZoom);
  const tiles = perLayer * templates.length;
  if (tiles === 0) return { tiles: 0, bytes: 0, overCap: false };
  let sampled = 0;
  let bytes = 0;
  for (const tpl of templates) {
    for (const t of sampleOf(box, minZoom, maxZoom, perLayer).slice(
      0,
      Math.ceil(SAMPLE / templates.length),
    )) {
      const r = await fetch(tileUrl(tpl, t), { credentials: 'same-origin' });
      if (!r.ok && r.status !== 204) throw new Error(`tile ${t.z}/${t.x}/${t.y}: HTTP ${r.status}`);
      bytes += (await r.arrayBuffer()).byteLength;
      sampled++;
    }
  }
  return {
    tiles,
    bytes: sampled === 0 ? 0 : Math.round((bytes / sampled) * tiles),
    overCap: tiles > MAX_AREA_TILES,
  };
}

/**
 * Fetch every tile of the area into its own cache and list it. Refuses an area over the cap; a
 * failed tile fails the whole area (its cache is removed), so a listed area is a complete one.
 */
export async function saveArea(
  name: string,
  box: LonLatBox,
  minZoom: number,
  maxZoom: number,
  templates: readonly string[],
  onProgress: (done: number, total: number) => void,
): Promise<SavedArea> {
  const total = countTiles(box, minZoom, maxZoom) * templates.length;
  if (total > MAX_AREA_TILES)
    throw new Error(`the area needs ${total} tiles; at most ${MAX_AREA_TILES} can be kept at once`);
  const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const cacheName = `${AREA_CACHE_PREFIX}${id}`;
  const cache = await caches.open(cacheName);
  const urls = templates.flatMap((tpl) => Array.from(tilesIn(box, minZoom, maxZoom), (t) => tileUrl(tpl, t)));
  let done = 0;
  let bytes = 0;
  try {
    let next = 0;
    const worker = async () => {
      while (next < urls.length) {
        const url = urls[next++];
        if (url === undefined) break;
        const r = await fetch(url, { credentials: 'same-origin' });
        if (!r.ok && r.status !== 204) throw new Error(`tile ${url}: HTTP ${r.status}`);
        const body = await r.arrayBuffer();
        bytes += body.byteLength;
        // A 204 (no features there) is kept too: offline, an empty tile is an answer, not a failure.
        await cache.put(
          url,
          new Response(r.status === 204 ? null : body, {
            status: r.status,
            headers: {
              'content-type': r.headers.get('content-type') ?? 'application/vnd.mapbox-vector-tile',
            },
          }),
        );
        onProgress(++done, urls.length);
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
  } catch (e) {
    await caches.delete(cacheName);
    throw e;
  }
  const area: SavedArea = {
    id,
    name,
    box,
    minZoom,
    maxZoom,
    tiles: done,
    bytes,
    savedAt: new Date().toISOString(),
  };
  writeAreas([...listAreas(), area]);
  return area;
}

export async function deleteArea(id: string): Promise<void> {
  await caches.delete(`${AREA_CACHE_PREFIX}${id}`);
  writeAreas(listAreas().filter((a) => a.id !== id));
}
