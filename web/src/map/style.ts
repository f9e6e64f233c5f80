/**
 * The map style: the offline basemap (countries from world-atlas, built into
 * `/basemap/countries.geojson`) under the record layers. No glyphs, sprites or tiles come from
 * anywhere but this server.
 */
import type { StyleSpecification, ExpressionSpecification } from 'maplibre-gl';

export const BASEMAP_URL = '/basemap/countries.json';

/** Colours chosen for contrast against the basemap and for colour-blind-safe distinction. */
export const HAZARD_STATUS_COLOURS: Readonly<Record<string, string>> = {
  open: '#c0392b',
  'worked-on': '#d35400',
  closed: '#7f8c8d',
  'handed-over': '#1e8449',
};
export const RELEASE_METHOD_COLOURS: Readonly<Record<string, string>> = {
  cancelled: '#2471a3',
  reduced: '#17a589',
  cleared: '#1e8449',
};

function matchColour(
  prop: string,
  table: Readonly<Record<string, string>>,
  fallback: string,
): ExpressionSpecification {
  const pairs = Object.entries(table).flat();
  return ['match', ['coalesce', ['get', prop], ''], ...pairs, fallback] as unknown as ExpressionSpecification;
}

export function baseStyle(): StyleSpecification {
  return {
    version: 8,
    sources: {
      basemap: {
        type: 'geojson',
        data: BASEMAP_URL,
        attribution: 'Natural Earth (public domain) via world-atlas',
      },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#cfe3ef' } },
      { id: 'countries-fill', type: 'fill', source: 'basemap', paint: { 'fill-color': '#f4f1ea' } },
      {
        id: 'countries-line',
        type: 'line',
        source: 'basemap',
        paint: { 'line-color': '#8a8577', 'line-width': 0.6 },
      },
    ],
  };
}

export const hazardFill = matchColour('status', HAZARD_STATUS_COLOURS, '#c0392b');
export const releaseFill = matchColour('method', RELEASE_METHOD_COLOURS, '#17a589');
