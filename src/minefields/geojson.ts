/** The record as GeoJSON (RFC 7946): perimeter, reference points, rows and mine positions. */
import type { JsonObject } from '../core/index.js';
import type { MinefieldRecord } from './types.js';

/** A FeatureCollection of everything spatial in the record, each feature tagged by `role`. */
export function recordGeoJson(r: MinefieldRecord): JsonObject {
  const base = { minefieldId: r.id, humanId: r.humanId, status: r.status, classification: r.classification };
  const features: JsonObject[] = [];
  if (r.perimeter !== undefined) {
    features.push({
      type: 'Feature',
      id: `${r.humanId}/perimeter`,
      geometry: { ...r.perimeter.polygon },
      properties: {
        ...base,
        role: 'perimeter',
        areaM2: r.perimeter.areaM2,
        perimeterM: r.perimeter.perimeterM,
      },
    });
  }
  for (const rp of r.referencePoints) {
    features.push({
      type: 'Feature',
      id: `${r.humanId}/rp/${rp.label}`,
      geometry: { type: 'Point', coordinates: [...rp.point.position] },
      properties: {
        ...base,
        role: 'reference-point',
        label: rp.label,
        landmark: rp.landmark,
        fixedBy: rp.fixedBy,
        accuracyM: rp.accuracyM,
        original: { ...rp.point.original },
      },
    });
  }
  for (const row of r.rows) {
    features.push({
      type: 'Feature',
      id: `${r.humanId}/row/${row.label}`,
      geometry: { type: 'LineString', coordinates: row.points.map((p) => [...p.position]) },
      properties: { ...base, role: 'row', label: row.label },
    });
  }
  for (const m of r.minePositions) {
    features.push({
      type: 'Feature',
      id: `${r.humanId}/mine/${m.label}`,
      geometry: { type: 'Point', coordinates: [...m.point.position] },
      properties: {
        ...base,
        role: 'mine-position',
        label: m.label,
        ...(m.typeId === undefined ? {} : { typeId: m.typeId }),
      },
    });
  }
  return { type: 'FeatureCollection', features };
}
