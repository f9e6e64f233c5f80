/**
 * KML 2.2 (OGC 07-147r2). Read with @tmcw/togeojson over an @xmldom/xmldom DOM; written here,
 * placemark by placemark, with attributes as ExtendedData/SchemaData as GDAL writes them
 * (docs/decisions.md: the maintained writer builds the whole document as one string).
 * KML coordinates are always WGS 84 lon,lat (OGC 07-147r2 §6.2).
 */
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { DOMParser } from '@xmldom/xmldom';
import { kml } from '@tmcw/togeojson';
import type { JsonValue } from '../core/index.js';
import type { Geometry, Position } from '../geo/index.js';
import type { FeatureWriter, InFeature, LayerInfo, ReadLayer } from './types.js';

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const coords = (l: readonly Position[]): string =>
  `<coordinates>${l.map((p) => `${p[0]},${p[1]}`).join(' ')}</coordinates>`;
const ring = (tag: string, l: readonly Position[]): string =>
  `<${tag}><LinearRing>${coords(l)}</LinearRing></${tag}>`;
const polygon = (rs: readonly (readonly Position[])[]): string =>
  `<Polygon>${rs.map((r, i) => ring(i === 0 ? 'outerBoundaryIs' : 'innerBoundaryIs', r)).join('')}</Polygon>`;

function geometryKml(g: Geometry): string {
  switch (g.type) {
    case 'Point':
      return `<Point>${coords([g.coordinates])}</Point>`;
    case 'LineString':
      return `<LineString>${coords(g.coordinates)}</LineString>`;
    case 'Polygon':
      return polygon(g.coordinates);
    case 'MultiPoint':
      return `<MultiGeometry>${g.coordinates.map((p) => `<Point>${coords([p])}</Point>`).join('')}</MultiGeometry>`;
    case 'MultiLineString':
      return `<MultiGeometry>${g.coordinates.map((l) => `<LineString>${coords(l)}</LineString>`).join('')}</MultiGeometry>`;
    case 'MultiPolygon':
      return `<MultiGeometry>${g.coordinates.map(polygon).join('')}</MultiGeometry>`;
  }
}

const KML_TYPES = { string: 'string', number: 'double', integer: 'int', boolean: 'bool' } as const;

/**
 * A KML document written placemark by placemark; `<name>` shows the feature's `labelField`. As
 * GDAL does, a field called `name` is the placemark's `<name>` and not repeated as data (GDAL reads
 * it back as `Name`; togeojson as `name`).
 */
export function kmlWriter(file: string, layer: LayerInfo, labelField: string | undefined): FeatureWriter {
  const dataFields = layer.fields.filter((f) => f.name !== 'name');
  const fd = openSync(file, 'w');
  const schemaId = `${layer.name.replace(/[^A-Za-z0-9_]/g, '_')}_schema`;
  writeSync(
    fd,
    `<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2">\n<Document id="root_doc">\n<Schema name="${esc(layer.name)}" id="${schemaId}">\n${dataFields
      .map((f) => `\t<SimpleField name="${esc(f.name)}" type="${KML_TYPES[f.type]}"></SimpleField>\n`)
      .join('')}</Schema>\n<Folder><name>${esc(layer.name)}</name>\n`,
  );
  return {
    write(batch) {
      const out = batch.map((f) => {
        const label = labelField === undefined ? undefined : f.properties[labelField];
        const data = dataFields
          .map((fd) => [fd.name, f.properties[fd.name]] as const)
          .filter(([, v]) => v !== null && v !== undefined)
          .map(
            ([k, v]) =>
              `<SimpleData name="${esc(k)}">${esc(typeof v === 'boolean' ? (v ? '1' : '0') : String(v))}</SimpleData>`,
          )
          .join('');
        return `<Placemark id="${esc(f.id)}">${label === undefined || label === null ? '' : `<name>${esc(String(label))}</name>`}<ExtendedData><SchemaData schemaUrl="#${schemaId}">${data}</SchemaData></ExtendedData>${f.geometry === null ? '' : geometryKml(f.geometry)}</Placemark>\n`;
      });
      writeSync(fd, out.join(''));
      return Promise.resolve();
    },
    close() {
      writeSync(fd, '</Folder>\n</Document>\n</kml>\n');
      closeSync(fd);
      return Promise.resolve([]);
    },
  };
}

/** togeojson's styling and layout properties, which are not attributes of the record. */
const KML_STYLE_PROPS = new Set([
  'styleUrl',
  'styleHash',
  'styleMap',
  'stroke',
  'stroke-opacity',
  'stroke-width',
  'fill',
  'fill-opacity',
  'visibility',
  'icon',
  'icon-scale',
  'icon-opacity',
  'icon-color',
  'label-scale',
  'label-color',
  'label-opacity',
  'icon-heading',
  'icon-offset',
  'icon-offset-units',
  'timespan',
  'timestamp',
]);

/** Read every placemark of a KML file (WGS 84). Throws when the text is not XML. */
export function readKml(file: string): ReadLayer {
  const text = readFileSync(file, 'utf8');
  const errors: string[] = [];
  const doc = new DOMParser({
    onError: (level, msg) => {
      if (level !== 'warning') errors.push(msg);
    },
  }).parseFromString(text, 'text/xml');
  if (errors.length > 0) throw new Error(`the KML is not well-formed XML: ${errors[0] ?? ''}`);
  const fc = kml(doc);
  const features = fc.features.map((f, index): InFeature => {
    const props: Record<string, JsonValue> = {};
    for (const [k, v] of Object.entries(f.properties ?? {}))
      if (!KML_STYLE_PROPS.has(k)) props[k] = (v ?? null) as JsonValue;
    let geometry: InFeature['geometry'] = null;
    const g = f.geometry;
    if (g !== null && g.type === 'GeometryCollection') {
      const polys = g.geometries.filter((x) => x.type === 'Polygon');
      geometry =
        polys.length === g.geometries.length
          ? { type: 'MultiPolygon', coordinates: polys.map((p) => p.coordinates as unknown as Position[][]) }
          : { undecodable: 'a MultiGeometry mixing geometry types is not one geometry Cairn can hold' };
    } else if (g !== null) geometry = g as unknown as Geometry;
    return { index, sourceId: f.id === undefined ? null : String(f.id), geometry, properties: props };
  });
  return { format: 'kml', crs: { kind: 'wgs84' }, features };
}
