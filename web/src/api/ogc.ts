/**
 * OGC API Features answers (src/http/ogc), as far as the app reads them: GeoJSON features and
 * pages of them, and the spatial extent of each collection. Parsed, never cast: a server that
 * answers off this shape is an error at the call, not a half-typed feature on the map.
 */
import { z } from 'zod';

const GEOMETRY_TYPES = new Set([
  'Point',
  'MultiPoint',
  'LineString',
  'MultiLineString',
  'Polygon',
  'MultiPolygon',
  'GeometryCollection',
]);

/** A GeoJSON geometry: a known type with coordinates (or, for a collection, geometries) as arrays. */
function isGeometry(v: unknown): v is GeoJSON.Geometry {
  if (typeof v !== 'object' || v === null) return false;
  const type: unknown = Reflect.get(v, 'type');
  if (typeof type !== 'string' || !GEOMETRY_TYPES.has(type)) return false;
  if (type === 'GeometryCollection') {
    const parts: unknown = Reflect.get(v, 'geometries');
    return Array.isArray(parts) && parts.every(isGeometry);
  }
  return Array.isArray(Reflect.get(v, 'coordinates'));
}

export const Geometry = z.custom<GeoJSON.Geometry>(isGeometry, 'a GeoJSON geometry');

export const OgcFeature = z.object({
  type: z.literal('Feature'),
  id: z.union([z.string(), z.number()]).optional(),
  geometry: Geometry.nullable(),
  properties: z.record(z.string(), z.unknown()).nullable(),
});
export type OgcFeature = z.infer<typeof OgcFeature>;

export const OgcItems = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(OgcFeature).readonly(),
  numberMatched: z.number().int().nonnegative().optional(),
  links: z.array(z.object({ rel: z.string(), href: z.string(), type: z.string().optional() })).optional(),
});

/** `/ogc/collections`: each collection's id and, when it has one, its WGS 84 bounding box. */
export const OgcCollections = z.object({
  collections: z.array(
    z.object({
      id: z.string(),
      extent: z
        .object({
          spatial: z
            .object({ bbox: z.array(z.tuple([z.number(), z.number(), z.number(), z.number()], z.number())) })
            .partial()
            .optional(),
        })
        .optional(),
    }),
  ),
});
