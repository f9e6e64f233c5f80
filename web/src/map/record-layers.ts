/**
 * The record layers of the map: how each layer is drawn (vector tiles, or clustered GeoJSON for
 * accidents), filtered by the legend's categories, and how OGC features become GeoJSON.
 */
import type { ExpressionSpecification, LngLatBounds, Map as MlMap } from 'maplibre-gl';
import { tileTemplate, type OgcFeature } from '../api/routes.js';
import type { LayerDef } from './layers.js';
import { hazardFill, HAZARD_STATUS_COLOURS, releaseFill, RELEASE_METHOD_COLOURS } from './style.js';

export const EMPTY: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };

export const POLYGONS: ExpressionSpecification = [
  'match',
  ['geometry-type'],
  ['Polygon', 'MultiPolygon'],
  true,
  false,
];
export const POINTS: ExpressionSpecification = [
  'match',
  ['geometry-type'],
  ['Point', 'MultiPoint'],
  true,
  false,
];

/**
 * Areas and points come as vector tiles cut by the server from what the user may see, so the map
 * draws any number of records; accidents, shown only aggregated, are clustered from GeoJSON.
 */
export function addRecordLayer(map: MlMap, def: LayerDef): void {
  const src = `rec-${def.id}`;
  if (def.kind === 'cluster') {
    map.addSource(src, { type: 'geojson', data: EMPTY, cluster: true, clusterRadius: 40 });
    map.addLayer({
      id: `${src}-circle`,
      type: 'circle',
      source: src,
      paint: {
        'circle-color': def.colour,
        'circle-opacity': 0.75,
        'circle-stroke-color': '#fff',
        'circle-stroke-width': 1,
        'circle-radius': ['step', ['coalesce', ['get', 'point_count'], 1], 7, 5, 11, 20, 16],
      },
    });
    return;
  }
  // Tiles beyond z16 are over-zoomed from z16 (4096 units a tile: about 1 cm there).
  map.addSource(src, {
    type: 'vector',
    tiles: [tileTemplate(def.collection, def.kind === 'polygon')],
    maxzoom: 16,
  });
  const layer = def.collection;
  if (def.kind === 'polygon') {
    const colour = def.id === 'hazards' ? hazardFill : def.id === 'releases' ? releaseFill : def.colour;
    map.addLayer({
      id: `${src}-fill`,
      type: 'fill',
      source: src,
      'source-layer': layer,
      filter: POLYGONS,
      paint: { 'fill-color': colour, 'fill-opacity': 0.35 },
    });
    map.addLayer({
      id: `${src}-line`,
      type: 'line',
      source: src,
      'source-layer': layer,
      paint: { 'line-color': colour, 'line-width': 2 },
    });
    map.addLayer({
      id: `${src}-point`,
      type: 'circle',
      source: src,
      'source-layer': layer,
      filter: POINTS,
      paint: { 'circle-color': colour, 'circle-radius': 5 },
    });
    // Areas of a few hundred metres vanish at district zooms: the server's tiles then carry a dot
    // at the centre of each (only below zoom 12, so this layer needs no zoom range of its own).
    // A dot stands for every area centred in its grid cell (`count`): bigger for more.
    map.addLayer({
      id: `${src}-centroid`,
      type: 'circle',
      source: src,
      'source-layer': `${layer}-centres`,
      paint: {
        'circle-color': colour,
        'circle-radius': [
          'interpolate',
          ['linear'],
          ['coalesce', ['get', 'count'], 1],
          1,
          8,
          10,
          11,
          100,
          15,
        ],
        'circle-stroke-color': '#fff',
        'circle-stroke-width': 1.5,
        'circle-opacity': 0.9,
      },
    });
  } else {
    // Smaller than an area's dot at district zoom, where devices found sit on their hazard's dot
    // and would otherwise hide it.
    map.addLayer({
      id: `${src}-point`,
      type: 'circle',
      source: src,
      'source-layer': layer,
      paint: {
        'circle-color': def.colour,
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, 3.5, 14, 6],
        'circle-stroke-color': '#fff',
        'circle-stroke-width': 1,
      },
    });
  }
}

export function layerIds(map: MlMap, def: LayerDef): string[] {
  const src = `rec-${def.id}`;
  return [`${src}-fill`, `${src}-line`, `${src}-point`, `${src}-circle`, `${src}-centroid`].filter(
    (id) => map.getLayer(id) !== undefined,
  );
}

/** The property each legend entry filters on, for the layers drawn by category. */
export const CATEGORY: Readonly<
  Record<
    string,
    {
      readonly field: string;
      readonly table: Readonly<Record<string, string>>;
      readonly prefix: 'map.status.' | 'map.method.';
    }
  >
> = {
  hazards: { field: 'status', table: HAZARD_STATUS_COLOURS, prefix: 'map.status.' },
  releases: { field: 'method', table: RELEASE_METHOD_COLOURS, prefix: 'map.method.' },
};

/** Show only the features whose category is not hidden (statuses of hazards, methods of releases). */
export function applyCategories(map: MlMap, def: LayerDef, hidden: ReadonlySet<string>): void {
  const cat = CATEGORY[def.id];
  if (cat === undefined) return;
  const shown = Object.keys(cat.table).filter((k) => !hidden.has(k));
  // A value outside the legend (none today) stays visible unless everything is hidden.
  const byCategory: ExpressionSpecification | undefined =
    hidden.size === 0
      ? undefined
      : [
          'any',
          ['in', ['get', cat.field], ['literal', shown]],
          ['!', ['in', ['get', cat.field], ['literal', Object.keys(cat.table)]]],
        ];
  for (const id of layerIds(map, def)) {
    const base = id.endsWith('-fill') ? POLYGONS : id.endsWith('-point') ? POINTS : undefined;
    const parts = [base, byCategory].filter((f): f is ExpressionSpecification => f !== undefined);
    map.setFilter(id, parts.length === 0 ? null : parts.length === 1 ? parts[0] : ['all', ...parts]);
  }
}

export function featureId(f: OgcFeature): string | undefined {
  const p = f.properties ?? {};
  const id = f.id ?? p.id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

export function toCollection(fs: readonly OgcFeature[]): GeoJSON.FeatureCollection {
  const features: GeoJSON.Feature[] = [];
  for (const f of fs) {
    if (f.geometry === null) continue;
    const id = featureId(f);
    features.push({
      type: 'Feature',
      geometry: f.geometry,
      properties: { ...(f.properties ?? {}), id: id ?? '' },
    });
  }
  return { type: 'FeatureCollection', features };
}

export function extend(b: LngLatBounds, g: GeoJSON.Geometry): void {
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number' && typeof c[1] === 'number') b.extend([c[0], c[1]]);
    else if (Array.isArray(c)) for (const x of c) visit(x);
  };
  if (g.type === 'GeometryCollection') for (const x of g.geometries) extend(b, x);
  else visit(g.coordinates);
}
