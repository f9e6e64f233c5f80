/**
 * The map: MapLibre GL over the offline basemap, the record layers the user may see (toggled),
 * a scale bar, a coordinate readout in DD, MGRS and a chosen national grid, and an optional
 * preview layer for forms. Clicking a feature opens its record.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  LngLatBounds,
  Map as MlMap,
  NavigationControl,
  ScaleControl,
  setWorkerUrl,
  type GeoJSONSource,
  type MapLayerMouseEvent,
  type MapMouseEvent,
} from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
// MapLibre finds its worker beside its own module file; bundled, it must be told where Vite put it.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { Actor } from '../../../src/access/index.js';
import { collectionCount, collectionExtents, collectionItems, type Box } from '../api/routes.js';
import { describeError } from '../api/client.js';
import { formatNumber, t } from '../i18n/index.js';
import { loadGeo } from './geo-lazy.js';
import type { MapAt } from '../router.js';
import { layersFor, type LayerDef } from './layers.js';
import {
  CATEGORY,
  POINTS,
  POLYGONS,
  EMPTY,
  addRecordLayer,
  applyCategories,
  extend,
  layerIds,
  toCollection,
} from './record-layers.js';
import { baseStyle } from './style.js';

export interface MapViewProps {
  readonly actor: Actor | null;
  /** Show the record layers (the map page) or only the basemap and preview (forms). */
  readonly records: boolean;
  readonly preview?: GeoJSON.FeatureCollection | undefined;
  readonly onOpen?: (collection: string, id: string) => void;
  readonly className?: string;
  /** Start here instead of fitting the map to the records. */
  readonly at?: MapAt | undefined;
  /** Told the visible box and zoom after every move (for keeping the area offline). */
  readonly onView?: (view: {
    readonly box: readonly [number, number, number, number];
    readonly zoom: number;
  }) => void;
}

setWorkerUrl(workerUrl);

const NONE: ReadonlySet<string> = new Set();

/** National grids offered in the readout (a subset of src/geo's supported CRSs). */
const GRIDS = [
  'EPSG:3067',
  'EPSG:3301',
  'EPSG:3059',
  'EPSG:3346',
  'EPSG:2180',
  'EPSG:5562',
  'EPSG:5563',
  'EPSG:5564',
  'EPSG:5565',
] as const;
const GRID_KEY = 'cairn.grid';

function stored(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function store(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // storage disabled: the choice holds until the page reloads
  }
}

interface LayerState {
  readonly visible: boolean;
  readonly count: number | null;
  readonly error?: string;
}

export function MapView(props: MapViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MlMap | null>(null);
  const [ready, setReady] = useState(false);
  const [layers, setLayers] = useState<Readonly<Record<string, LayerState>>>(() =>
    Object.fromEntries(
      layersFor(props.records ? props.actor : null)
        .filter(() => props.records)
        .map((d) => [d.id, { visible: true, count: null }]),
    ),
  );
  const [readout, setReadout] = useState<{ dd: string; mgrs: string; grid: string } | null>(null);
  const [grid, setGrid] = useState<string>(() => stored(GRID_KEY) ?? 'EPSG:3067');
  const [hidden, setHidden] = useState<Readonly<Record<string, ReadonlySet<string>>>>({});
  const hiddenRef = useRef(hidden);
  const gridRef = useRef(grid);
  gridRef.current = grid;
  const defs = props.records ? layersFor(props.actor) : [];

  // Create the map once.
  useEffect(() => {
    const el = container.current;
    if (el === null) return undefined;
    // While the style and basemap load, not after: how many features each layer has and where
    // they lie (to frame them), and the accidents to cluster. The tiles themselves follow the view.
    const controller = new AbortController();
    let cancelled = false;
    const note = (d: LayerDef, count: number, error?: string) => {
      if (!cancelled)
        setLayers((s) => ({
          ...s,
          [d.id]: { visible: s[d.id]?.visible ?? true, count, ...(error === undefined ? {} : { error }) },
        }));
    };
    const fetched = Promise.all(
      defs.map(async (d): Promise<GeoJSON.FeatureCollection | number> => {
        try {
          if (d.kind !== 'cluster') {
            const n = await collectionCount(d.collection, controller.signal);
            note(d, n);
            return n;
          }
          const fc = toCollection(await collectionItems(d.collection, 20, controller.signal));
          note(d, fc.features.length);
          return fc;
        } catch (e) {
          note(d, 0, describeError(e));
          return 0;
        }
      }),
    );
    const extents =
      defs.length === 0
        ? Promise.resolve(new Map<string, Box>())
        : collectionExtents(controller.signal).catch(() => new Map<string, Box>());
    const map = new MlMap({
      container: el,
      style: baseStyle(),
      center: props.at === undefined ? [24, 50] : [props.at.lon, props.at.lat],
      zoom: props.at?.zoom ?? 3,
      attributionControl: { compact: true },
      // Keyboard: arrows pan, +/- zoom when the canvas has focus (MapLibre's keyboard handler).
      keyboard: true,
    });
    map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    map.addControl(new ScaleControl({ unit: 'metric', maxWidth: 120 }), 'bottom-left');
    if (props.onView !== undefined) {
      const tell = props.onView;
      const view = () => {
        const b = map.getBounds();
        tell({ box: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], zoom: map.getZoom() });
      };
      map.on('moveend', view);
      map.once('load', view);
    }
    map.getCanvas().setAttribute('aria-label', t('map.title'));
    mapRef.current = map;
    // Frame the records as soon as their counts and extents arrive, usually before the style has
    // loaded: the basemap and the first tiles are then cut once, at the records' zoom.
    const framed = Promise.all([fetched, extents]).then(([results, boxes]) => {
      performance.mark('cairn:map-data');
      const b = new LngLatBounds();
      let n = 0;
      for (const [i, r] of results.entries()) {
        const d = defs[i];
        if (d === undefined || r === 0) continue;
        if (typeof r === 'number') {
          const box = boxes.get(d.collection);
          if (box !== undefined) b.extend([box[0], box[1], box[2], box[3]]);
          n += r;
        } else {
          for (const f of r.features) extend(b, f.geometry);
          n += r.features.length;
        }
      }
      if (!cancelled && n > 0 && !b.isEmpty() && props.at === undefined)
        map.fitBounds(b, { padding: 40, maxZoom: 13, duration: 0 });
      return { results, n };
    });
    performance.mark('cairn:map-created');
    map.once('load', () => performance.mark('cairn:map-load'));
    // The record layers go in as soon as the style object is in place, not after the basemap has
    // loaded and drawn ('load'): their tiles are then requested together with the basemap's, and
    // the first complete frame holds the records.
    map.once('style.load', () => {
      map.addSource('preview', { type: 'geojson', data: props.preview ?? EMPTY });
      map.addLayer({
        id: 'preview-fill',
        type: 'fill',
        source: 'preview',
        filter: POLYGONS,
        paint: { 'fill-color': '#f39c12', 'fill-opacity': 0.3 },
      });
      map.addLayer({
        id: 'preview-line',
        type: 'line',
        source: 'preview',
        paint: { 'line-color': '#b9770e', 'line-width': 2.5, 'line-dasharray': [2, 1] },
      });
      map.addLayer({
        id: 'preview-point',
        type: 'circle',
        source: 'preview',
        filter: POINTS,
        paint: { 'circle-color': '#b9770e', 'circle-radius': 5 },
      });
      for (const d of defs) {
        addRecordLayer(map, d);
        // Categories switched off before the style had loaded.
        const off = hiddenRef.current[d.id];
        if (off !== undefined && off.size > 0) applyCategories(map, d, off);
      }
      // What the map shows, for tests and tools: distinct features drawn per record layer.
      map.on('idle', () => {
        const drawn: Record<string, number> = {};
        for (const d of defs) {
          const layers = layerIds(map, d);
          drawn[d.id] =
            layers.length === 0
              ? 0
              : new Set(
                  map.queryRenderedFeatures({ layers }).map((f) => String(f.properties['id'] ?? f.id ?? '')),
                ).size;
        }
        el.dataset.drawn = JSON.stringify(drawn);
      });
      void framed.then(({ results, n }) => {
        if (cancelled) return;
        for (const [i, r] of results.entries()) {
          const d = defs[i];
          if (d !== undefined && typeof r !== 'number')
            void map.getSource<GeoJSONSource>(`rec-${d.id}`)?.setData(r);
        }
        map.once('idle', () => {
          if (cancelled) return;
          performance.mark('cairn:map-ready');
          el.dataset.ready = 'true';
          el.dataset.features = String(n);
          setReady(true);
        });
      });
    });
    for (const d of defs) {
      for (const suffix of ['fill', 'point', 'circle', 'centroid']) {
        const id = `rec-${d.id}-${suffix}`;
        map.on('click', id, (ev: MapLayerMouseEvent) => {
          const f = ev.features?.[0];
          const fid = f?.properties.id as string | undefined;
          // A dot for several areas zooms in towards them; a single feature opens its record.
          if (suffix === 'centroid' && Number(f?.properties.count ?? 1) > 1)
            map.easeTo({ center: ev.lngLat, zoom: map.getZoom() + 2 });
          else if (f !== undefined && fid !== undefined && fid !== '' && d.kind !== 'cluster')
            props.onOpen?.(d.collection, fid);
        });
        map.on('mouseenter', id, () => (map.getCanvas().style.cursor = 'pointer'));
        map.on('mouseleave', id, () => (map.getCanvas().style.cursor = ''));
      }
    }
    map.on('mousemove', (ev: MapMouseEvent) => {
      const p = { lat: ev.lngLat.lat, lon: ev.lngLat.wrap().lng };
      void loadGeo().then((geo) => {
        const point = geo.wgs84Point(p.lat, p.lon);
        if (!point.ok) return;
        const dd = geo.formatCoordinate(point.value, { kind: 'dd' });
        const mgrs = geo.formatCoordinate(point.value, { kind: 'mgrs', precision: 5 });
        const code = geo.parseCrsCode(gridRef.current);
        const g = code.ok ? geo.formatCoordinate(point.value, { kind: 'crs', code: code.value }) : code;
        setReadout({
          dd: dd.ok ? dd.value.text : '—',
          mgrs: mgrs.ok ? mgrs.value.text : '—',
          grid: g.ok ? g.value.text : '—',
        });
      });
    });
    return () => {
      cancelled = true;
      controller.abort();
      map.remove();
      mapRef.current = null;
    };
    // The map is created once per mount; layers follow the actor at mount time.
  }, []);

  // Keep the preview layer in step with the form.
  useEffect(() => {
    const map = mapRef.current;
    if (map === null) return;
    const apply = () => {
      const src = map.getSource<GeoJSONSource>('preview');
      if (src === undefined) return;
      void src.setData(props.preview ?? EMPTY);
      const b = new LngLatBounds();
      for (const f of props.preview?.features ?? []) extend(b, f.geometry);
      if (!b.isEmpty()) map.fitBounds(b, { padding: 60, maxZoom: 15, duration: 0 });
    };
    if (map.isStyleLoaded() && map.getSource('preview') !== undefined) apply();
    else map.once('idle', apply);
  }, [props.preview]);

  const toggle = (d: LayerDef, visible: boolean) => {
    const map = mapRef.current;
    if (map !== null)
      for (const id of layerIds(map, d))
        map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
    setLayers((s) => ({ ...s, [d.id]: { ...(s[d.id] ?? { count: null }), visible } }));
  };
  const toggleCategory = (d: LayerDef, value: string, shown: boolean) => {
    const next = new Set(hiddenRef.current[d.id] ?? NONE);
    if (shown) next.delete(value);
    else next.add(value);
    hiddenRef.current = { ...hiddenRef.current, [d.id]: next };
    setHidden(hiddenRef.current);
    const map = mapRef.current;
    if (map?.getLayer(`rec-${d.id}-line`) !== undefined) applyCategories(map, d, next);
  };
  const total = Object.values(layers).reduce((n, l) => n + (l.count ?? 0), 0);

  return (
    <div class={`map-view ${props.className ?? ''}`}>
      <div ref={container} class="map-canvas" data-testid="map" role="region" aria-label={t('map.title')} />
      {props.records && (
        <fieldset class="map-layers" aria-label={t('map.layers')}>
          <legend>{t('map.layers')}</legend>
          {defs.map((d) => {
            const s = layers[d.id];
            return (
              <div class="layer-row" key={d.id}>
                <label>
                  <input
                    type="checkbox"
                    checked={s?.visible ?? true}
                    onChange={(e) => toggle(d, e.currentTarget.checked)}
                    data-layer={d.id}
                  />
                  <span class="swatch" style={{ background: d.colour }} aria-hidden="true" /> {t(d.label)}
                  {s?.count !== null && s?.count !== undefined && s.error === undefined && (
                    <span class="count"> ({formatNumber(s.count)})</span>
                  )}
                </label>
                {s?.error !== undefined && (
                  <p class="layer-error" role="status">
                    {s.error}
                  </p>
                )}
                {CATEGORY[d.id] !== undefined && (
                  <Legend
                    layer={d.id}
                    table={CATEGORY[d.id]?.table ?? {}}
                    prefix={CATEGORY[d.id]?.prefix ?? 'map.status.'}
                    hidden={hidden[d.id] ?? NONE}
                    onToggle={(v, shown) => toggleCategory(d, v, shown)}
                  />
                )}
              </div>
            );
          })}
          <p class="map-status" role="status" aria-live="polite">
            {ready
              ? total > 0
                ? t('map.loaded', { count: total })
                : t('map.noFeatures')
              : t('common.loading')}
          </p>
        </fieldset>
      )}
      <div class="map-readout" aria-label={t('map.readout')}>
        <span>
          {t('map.readout.dd')}: <output data-testid="readout-dd">{readout?.dd ?? '—'}</output>
        </span>
        <span>
          {t('map.readout.mgrs')}: <output data-testid="readout-mgrs">{readout?.mgrs ?? '—'}</output>
        </span>
        <label>
          {t('map.grid')}{' '}
          <select
            value={grid}
            onChange={(e) => {
              setGrid(e.currentTarget.value);
              store(GRID_KEY, e.currentTarget.value);
            }}
          >
            {GRIDS.map((g) => (
              <option key={g} value={g}>
                {g}
              </option>
            ))}
          </select>
        </label>
        <output data-testid="readout-grid">{readout?.grid ?? '—'}</output>
      </div>
    </div>
  );
}

/** The categories of a layer, each a checkbox that shows or hides its features. */
function Legend(props: {
  readonly layer: string;
  readonly table: Readonly<Record<string, string>>;
  readonly prefix: 'map.status.' | 'map.method.';
  readonly hidden: ReadonlySet<string>;
  readonly onToggle: (value: string, shown: boolean) => void;
}) {
  return (
    <ul class="legend" aria-label={t('map.legend')}>
      {Object.entries(props.table).map(([k, c]) => {
        const key = `${props.prefix}${k}` as Parameters<typeof t>[0];
        return (
          <li key={k}>
            <label>
              <input
                type="checkbox"
                checked={!props.hidden.has(k)}
                onChange={(e) => props.onToggle(k, e.currentTarget.checked)}
                data-category={`${props.layer}:${k}`}
              />
              <span class="swatch" style={{ background: c }} aria-hidden="true" /> {t(key)}
            </label>
          </li>
        );
      })}
    </ul>
  );
}
