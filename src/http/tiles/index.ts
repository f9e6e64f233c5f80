/**
 * Vector tiles: /tiles/{collection}/{z}/{x}/{y}.mvt and TileJSON at /tiles/{collection}.json.
 * Tiles are cut with geojson-vt and encoded with vt-pbf from the rows the caller may see, under the
 * same access filter `Expr` as every other read: read narrowly with the store's `tileRows` (SQLite:
 * geometry plus the tile properties) when it offers it, else whole documents from
 * `queryCollection`; or the store cuts the tile itself (PostGIS ST_AsMVT) when its adapter offers
 * `vectorTile` (Store port). The narrow paths apply the `Expr` alone, not a collection's row-level
 * `mayRead`: http/access.property.test.ts proves the `Expr` never admits a row `mayRead` hides.
 * A caller cleared beyond public is audited per tile, by the tile's address and the ledger size.
 * Cached per access class and invalidated by any new ledger event other than audit events
 * (which do not change features).
 */
import type { Hono } from 'hono';
import type { Actor } from '../../access/index.js';
import { problem } from '../../core/index.js';
import { geometryBBox, type BBox, type Doc, type StoredGeometry } from '../../store/index.js';
import {
  accessFilter,
  queryCollection,
  queryablesOf,
  FALSE,
  type CollectionRegistry,
  type CollectionSpec,
} from '../collections.js';
import { VersionedCache } from '../version.js';
import type { HttpDeps, HttpEnv } from '../env.js';
import { refuseAll } from '../errors.js';
import { strictQuery } from '../params.js';
import { apiRoot, OGC_BASE } from '../ogc/common.js';
import { audit } from '../auth.js';
import GeoJSONVT from 'geojson-vt';
import { fromGeojsonVt } from 'vt-pbf';
import { collectionFor } from '../ogc/routes.js';

export const MVT_TYPE = 'application/vnd.mapbox-vector-tile';
export const MAX_ZOOM = 22;
const EXTENT = 4096;
const BUFFER = 64;

/** The WGS 84 box of a web-mercator tile. */
export function tileBBox(z: number, x: number, y: number, buffer = 0): BBox {
  const n = 2 ** z;
  const b = buffer / EXTENT;
  const lon = (xx: number) => (xx / n) * 360 - 180;
  const lat = (yy: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * yy) / n))) * 180) / Math.PI;
  return [lon(x - b), Math.max(-85.0511, lat(y + 1 + b)), lon(x + 1 + b), Math.min(85.0511, lat(y - b))];
}

/** A small LRU of encoded tiles. */
class TileCache {
  readonly #map = new Map<string, Uint8Array>();
  constructor(readonly max: number) {}
  get(k: string): Uint8Array | undefined {
    const v = this.#map.get(k);
    if (v !== undefined) {
      this.#map.delete(k);
      this.#map.set(k, v);
    }
    return v;
  }
  set(k: string, v: Uint8Array): void {
    this.#map.set(k, v);
    if (this.#map.size > this.max) this.#map.delete(this.#map.keys().next().value ?? '');
  }
  clear(): void {
    this.#map.clear();
  }
}

/** Scalar properties only: MVT attributes cannot hold objects. */
function tags(d: Doc): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = { id: d.id };
  for (const [k, v] of Object.entries(d.data))
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = v;
  return out;
}

type TileTags = Readonly<Record<string, string | number | boolean>>;
/** A row to draw: its geometry (GeoJSON, WGS 84) and the scalar properties the feature carries. */
interface TileInput {
  readonly geometry: StoredGeometry;
  readonly tags: TileTags;
}

/**
 * Below this zoom a tile asked for `centres` also carries one point per areal feature: an area of
 * a few hundred metres is then a pixel or less, and simplification drops it from the tile.
 */
export const CENTRES_BELOW_ZOOM = 12;

/** The name of the layer of centre points beside a collection's layer. */
export function centresLayer(layer: string): string {
  return `${layer}-centres`;
}

type TileFeature = { type: 'Feature'; geometry: StoredGeometry; properties: TileTags };

/**
 * Centre dots are gathered on a grid of this many tile units (a sixty-fourth of the tile, about
 * 8 px on screen): one dot per occupied cell, so a country-zoom tile over 50k dense areas holds
 * hundreds of dots, not 50k.
 */
export const CENTRE_CELL = 64;

/**
 * The centre of the box of each areal feature, one per grid cell of tile z/x/y: the feature with
 * the least id in the cell (features come in id order), with its properties and `count`, the
 * number of areas centred in that cell. Cells are aligned with tile edges, so neighbouring tiles
 * pick the same dot for the cells in their buffers. The cell is taken from the rounded tile
 * coordinate, as ST_AsMVTGeom rounds it on PostgreSQL.
 */
function centresOf(features: readonly TileFeature[], z: number, x: number, y: number): TileFeature[] {
  const cells = new Map<string, { feature: TileFeature; count: number }>();
  const n = 2 ** z;
  for (const f of features) {
    const g = f.geometry;
    if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') continue;
    const b = geometryBBox(g);
    if (b === undefined) continue;
    const lon = (b[0] + b[2]) / 2;
    const lat = (b[1] + b[3]) / 2;
    const s = Math.sin((lat * Math.PI) / 180);
    const tx = Math.round(EXTENT * (((lon + 180) / 360) * n - x));
    const ty = Math.round(EXTENT * ((0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * n - y));
    const key = `${Math.floor(tx / CENTRE_CELL)}:${Math.floor(ty / CENTRE_CELL)}`;
    const cell = cells.get(key);
    if (cell !== undefined) cell.count += 1;
    else
      cells.set(key, {
        feature: {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [lon, lat] },
          properties: f.properties,
        },
        count: 1,
      });
  }
  return [...cells.values()].map((c) => ({
    ...c.feature,
    properties: { ...c.feature.properties, count: c.count },
  }));
}

/**
 * geojson-vt keeps full detail at its `maxZoom` and simplifies only above it (dropping areas
 * smaller than its tolerance): with `maxZoom` at the requested zoom, a country-zoom tile held every
 * vertex of every area under it. Full detail is kept from this zoom on (0.6 m a pixel at 60°N).
 */
const DETAIL_ZOOM = 18;

/** One layer of one tile, cut by geojson-vt (null when nothing of it falls in the tile). */
function cut(
  features: readonly TileFeature[],
  z: number,
  x: number,
  y: number,
): ReturnType<GeoJSONVT['getTile']> {
  if (features.length === 0) return null;
  const index = new GeoJSONVT(
    { type: 'FeatureCollection', features } as unknown as ConstructorParameters<typeof GeoJSONVT>[0],
    {
      maxZoom: Math.max(z, DETAIL_ZOOM),
      // Index only the root; getTile then drills down along the one path to z/x/y.
      indexMaxZoom: 0,
      indexMaxPoints: 0,
      buffer: BUFFER,
      extent: EXTENT,
    },
  );
  const tile = index.getTile(z, x, y);
  return tile === null || tile.features.length === 0 ? null : tile;
}

/**
 * Cut and encode one tile with geojson-vt (clip, simplify, quantise) and vt-pbf (protobuf), the
 * well-kept tools of the MapLibre ecosystem. Only the rows under the tile's buffered bbox reach
 * here, so the index geojson-vt builds is small. With `centres`, a second layer holds the centre
 * of each areal feature (see CENTRES_BELOW_ZOOM).
 */
function encodeInputs(
  layer: string,
  inputs: Iterable<TileInput>,
  z: number,
  x: number,
  y: number,
  centres = false,
): Uint8Array {
  const features: TileFeature[] = [];
  for (const i of inputs) features.push({ type: 'Feature', geometry: i.geometry, properties: i.tags });
  const layers: Record<string, NonNullable<ReturnType<GeoJSONVT['getTile']>>> = {};
  const main = cut(features, z, x, y);
  if (main !== null) layers[layer] = main;
  const points = centres && z < CENTRES_BELOW_ZOOM ? cut(centresOf(features, z, x, y), z, x, y) : null;
  if (points !== null) layers[centresLayer(layer)] = points;
  if (Object.keys(layers).length === 0) return new Uint8Array(0);
  return fromGeojsonVt(layers, { version: 2, extent: EXTENT });
}

/** Encode one tile from documents. */
export function encodeTile(
  layer: string,
  docs: readonly Doc[],
  z: number,
  x: number,
  y: number,
  centres = false,
): Uint8Array {
  return encodeInputs(layer, docsAsRows(docs), z, x, y, centres);
}

function* rowsAsInputs(
  rows: readonly {
    readonly id: string;
    readonly geometry: StoredGeometry;
    readonly properties: Readonly<Record<string, unknown>>;
  }[],
): Iterable<TileInput> {
  for (const r of rows) {
    const t: Record<string, string | number | boolean> = { id: r.id };
    for (const [k, v] of Object.entries(r.properties))
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') t[k] = v;
    yield { geometry: r.geometry, tags: t };
  }
}

function* docsAsRows(docs: readonly Doc[]): Iterable<TileInput> {
  for (const d of docs) if (d.geometry) yield { geometry: d.geometry, tags: tags(d) };
}

const propertyCache = new WeakMap<HttpDeps, VersionedCache<string[]>>();

/** Scalar top-level fields a tile carries as feature properties (the collection's queryables). */
async function tileProperties(deps: HttpDeps, spec: CollectionSpec, actor: Actor): Promise<string[]> {
  let cache = propertyCache.get(deps);
  if (cache === undefined) {
    cache = new VersionedCache<string[]>(200);
    propertyCache.set(deps, cache);
  }
  const version = await deps.version.current(deps.app);
  return cache.get(version, `${spec.id}|${accessKey(spec, actor)}`, async () =>
    Object.keys(await queryablesOf(deps.app, spec, actor))
      .filter((k) => k !== 'id' && k !== 'version' && k !== 'geom' && !k.includes('.'))
      .sort(),
  );
}

/**
 * One tile of what `actor` may see of a collection: by the store (ST_AsMVT on PostgreSQL) when
 * it offers `vectorTile`, else geojson-vt + vt-pbf over the narrow `tileRows` read, or over whole
 * documents when the store lacks it. All apply the same access filter `Expr`. With `t.centres`,
 * below CENTRES_BELOW_ZOOM the tile also holds a layer of the centre of each areal feature's box.
 */
export async function renderTile(
  deps: HttpDeps,
  spec: CollectionSpec,
  actor: Actor,
  t: { readonly z: number; readonly x: number; readonly y: number; readonly centres?: boolean },
): Promise<Uint8Array> {
  const centres = t.centres === true && t.z < CENTRES_BELOW_ZOOM;
  const access = accessFilter(spec, actor);
  if (access === FALSE) return new Uint8Array(0);
  const store = deps.app.store;
  const where = access.op === 'and' && access.args.length === 0 ? undefined : access;
  if (store.vectorTile !== undefined) {
    const properties = await tileProperties(deps, spec, actor);
    return new Uint8Array(
      await store.vectorTile(spec.source, t.z, t.x, t.y, where, {
        layer: spec.id,
        properties,
        extent: EXTENT,
        buffer: BUFFER,
        ...(centres ? { centresLayer: centresLayer(spec.id), centresCell: CENTRE_CELL } : {}),
      }),
    );
  }
  const bbox = tileBBox(t.z, t.x, t.y, BUFFER);
  if (store.tileRows !== undefined) {
    // Narrow read (SQLite: json_extract of the tile properties only), same access filter.
    const properties = await tileProperties(deps, spec, actor);
    return encodeInputs(
      spec.id,
      rowsAsInputs(await store.tileRows(spec.source, bbox, where, properties)),
      t.z,
      t.x,
      t.y,
      centres,
    );
  }
  const rows = (await queryCollection(deps.app, spec, actor, { bbox, count: false })).docs;
  return encodeTile(spec.id, rows, t.z, t.x, t.y, centres);
}

/** Access class of an actor: actors with equal keys see exactly the same rows. */
function accessKey(spec: CollectionSpec, actor: Actor): string {
  return JSON.stringify(accessFilter(spec, actor));
}

function parseTile(zs: string, xs: string, ys: string): { z: number; x: number; y: number } {
  const [z, x, y] = [zs, xs, ys].map((t) => (/^\d{1,8}$/.test(t) ? Number(t) : NaN));
  if (
    z === undefined ||
    x === undefined ||
    y === undefined ||
    ![z, x, y].every((n) => Number.isInteger(n)) ||
    z > MAX_ZOOM ||
    x >= 2 ** z ||
    y >= 2 ** z
  ) {
    refuseAll([
      problem('VALIDATION_RANGE', 'z/x/y', `no tile ${zs}/${xs}/${ys} (0 ≤ z ≤ ${MAX_ZOOM}, 0 ≤ x, y < 2^z)`),
    ]);
  }
  return { z, x, y };
}

/** `centres=true|false` (default false): see CENTRES_BELOW_ZOOM. */
function parseCentres(v: string | undefined): boolean {
  if (v === undefined || v === 'false') return false;
  if (v === 'true') return true;
  return refuseAll([problem('VALIDATION_FORMAT', 'centres', `centres is true or false, not "${v}"`)]);
}

export function tileRoutes(http: Hono<HttpEnv>, deps: HttpDeps, registry: CollectionRegistry): void {
  const cache = new TileCache(4000);
  const { app } = deps;

  http.get('/tiles/:file{[a-z0-9-]+\\.json}', (c) => {
    strictQuery(c, []);
    const id = c.req.param('file').replace(/\.json$/, '');
    const spec = collectionFor(registry, id, c.get('actor'));
    const origin = apiRoot(c).slice(0, -OGC_BASE.length);
    return c.json({
      tilejson: '3.0.0',
      name: spec.title,
      description: spec.description,
      tiles: [`${origin}/tiles/${spec.id}/{z}/{x}/{y}.mvt`],
      minzoom: 0,
      maxzoom: MAX_ZOOM,
      bounds: [-180, -85.0511, 180, 85.0511],
      vector_layers: [{ id: spec.id, description: spec.title, fields: {} }],
    });
  });

  http.get('/tiles/:collection/:z/:x/:yfile{[0-9]+\\.mvt}', async (c) => {
    const centres = parseCentres(strictQuery(c, ['centres']).get('centres'));
    const actor = c.get('actor');
    const spec = collectionFor(registry, c.req.param('collection'), actor);
    const { z, x, y } = parseTile(
      c.req.param('z'),
      c.req.param('x'),
      c.req.param('yfile').replace(/\.mvt$/, ''),
    );
    const v = await deps.version.current(app);
    const key = `${v}|${spec.id}|${accessKey(spec, actor)}|${z}/${x}/${y}|${centres && z < CENTRES_BELOW_ZOOM ? 'c' : ''}`;
    let tile = cache.get(key);
    if (tile === undefined) {
      tile = await renderTile(deps, spec, actor, { z, x, y, centres });
      cache.set(key, tile);
    }
    // Tiles are reads too: a caller cleared beyond public leaves an audit event for every tile
    // with anything in it, naming the tile and the ledger size it was cut at (src/audit/module.ts).
    if (actor.clearance !== 'public' && tile.length > 0) {
      await audit(deps, actor, 'audit.read.record', {
        collection: spec.id,
        tile: { z, x, y },
        ledgerSize: await app.ledger.size(),
        route: `GET ${new URL(c.req.url).pathname}`.slice(0, 500),
      });
    }
    c.header('content-type', MVT_TYPE);
    c.header('cache-control', 'private, max-age=0, must-revalidate');
    return c.body(tile as Uint8Array<ArrayBuffer>);
  });
}
