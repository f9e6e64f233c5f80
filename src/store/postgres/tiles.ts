/** Mapbox Vector Tiles straight from PostGIS: ST_AsMVTGeom clips and quantises, ST_AsMVT encodes. */
import { CairnError } from '../../core/index.js';
import { isValidField } from '../expr.js';
import type { Expr, VectorTileOptions } from '../port.js';
import { Params, exprToSql } from './sql.js';

/** Web Mercator's latitude limit: ST_Transform to EPSG:3857 is undefined beyond it. */
const MERC_LAT = 85.0511287798066;
const MAX_ZOOM = 24;

/** The query for one tile; refuses impossible tile coordinates and unsafe property names. */
export function tileSql(
  collection: string,
  z: number,
  x: number,
  y: number,
  where: Expr | undefined,
  o: VectorTileOptions,
): { text: string; values: unknown[] } {
  const problems: string[] = [];
  if (!Number.isInteger(z) || z < 0 || z > MAX_ZOOM)
    problems.push(`z must be an integer 0–${MAX_ZOOM}, got ${z}`);
  const n = Number.isInteger(z) ? 2 ** z : 0;
  if (!Number.isInteger(x) || x < 0 || x >= n)
    problems.push(`x must be an integer 0–${n - 1} at zoom ${z}, got ${x}`);
  if (!Number.isInteger(y) || y < 0 || y >= n)
    problems.push(`y must be an integer 0–${n - 1} at zoom ${z}, got ${y}`);
  const extent = o.extent ?? 4096;
  const buffer = o.buffer ?? 64;
  if (!Number.isInteger(extent) || extent < 1)
    problems.push(`extent must be a positive integer, got ${extent}`);
  if (!Number.isInteger(buffer) || buffer < 0)
    problems.push(`buffer must be a non-negative integer, got ${buffer}`);
  const props = o.properties ?? [];
  for (const f of props)
    if (!isValidField(f) || f.includes('.') || f === 'id' || f === 'version' || f === 'geom')
      problems.push(`property "${f}" must be a plain top-level field name other than id, version and geom`);
  if (problems.length > 0)
    throw new CairnError('VALIDATION_RANGE', `vector tile ${z}/${x}/${y}: ${problems.join('; ')}`);

  const p = new Params();
  const tile = `ST_TileEnvelope(${p.add(z)}::int, ${p.add(x)}::int, ${p.add(y)}::int)`;
  const margin = `${p.add(buffer / extent)}::float8`;
  const conds = [
    `d.collection = ${p.add(collection)}::text`,
    `d.geom && ST_Transform(ST_TileEnvelope(${p.add(z)}::int, ${p.add(x)}::int, ${p.add(y)}::int, margin => ${margin}), 4326)`,
  ];
  if (where !== undefined) conds.push(exprToSql(where, p));
  // A jsonb column: ST_AsMVT turns its keys into feature properties, keeping JSON types.
  const pairs = props.map((f) => `${p.add(f)}::text, d.data -> ${p.add(f)}::text`);
  const cols =
    pairs.length === 0 ? [] : [`jsonb_strip_nulls(jsonb_build_object(${pairs.join(', ')})) AS props`];
  const clamp = `ST_MakeEnvelope(-180, ${-MERC_LAT}, 180, ${MERC_LAT}, 4326)`;
  const select = `SELECT d.id, d.version::int AS version${cols.length > 0 ? `, ${cols.join(', ')}` : ''}`;
  const from = `FROM docs d WHERE ${conds.join(' AND ')}`;
  const layer = `
    SELECT ST_AsMVT(t.*, ${p.add(o.layer ?? collection)}::text, ${p.add(extent)}::int, 'geom') AS tile FROM (
      ${select},
             ST_AsMVTGeom(ST_Transform(ST_ClipByBox2D(d.geom, ${clamp}), 3857), ${tile}, ${p.add(extent)}::int, ${p.add(buffer)}::int, true) AS geom
      ${from}
    ) t WHERE t.geom IS NOT NULL`;
  if (o.centresLayer === undefined) return { text: layer, values: p.values };
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(o.centresLayer))
    throw new CairnError(
      'VALIDATION_RANGE',
      `vector tile ${z}/${x}/${y}: centres layer "${o.centresLayer}" must be 1–64 letters, digits, _ or -`,
    );
  // The centre of the lon/lat box, as the geojson-vt path computes it, one per grid cell of
  // `centresCell` tile units: the least id in the cell, with `count`, the areas centred there.
  // One MVT may hold several layers back to back, so the two ST_AsMVT results are concatenated.
  const cell = o.centresCell ?? 64;
  if (!Number.isInteger(cell) || cell < 1)
    throw new CairnError(
      'VALIDATION_RANGE',
      `vector tile ${z}/${x}/${y}: centresCell must be a positive integer, got ${cell}`,
    );
  const c = p.add(cell);
  const centres = `
    SELECT ST_AsMVT(t.*, ${p.add(o.centresLayer)}::text, ${p.add(extent)}::int, 'geom') AS tile FROM (
      SELECT DISTINCT ON (k.gx, k.gy) k.id, k.version${cols.length > 0 ? ', k.props' : ''}, k.count, k.geom FROM (
        SELECT s.*, (count(*) OVER (PARTITION BY s.gx, s.gy))::int AS count FROM (
          ${select}, g.geom, floor(ST_X(g.geom) / ${c}::int) AS gx, floor(ST_Y(g.geom) / ${c}::int) AS gy
          FROM docs d CROSS JOIN LATERAL (
            SELECT ST_AsMVTGeom(ST_Transform(ST_ClipByBox2D(ST_SetSRID(ST_MakePoint((ST_XMin(d.geom) + ST_XMax(d.geom)) / 2, (ST_YMin(d.geom) + ST_YMax(d.geom)) / 2), 4326), ${clamp}), 3857), ${tile}, ${p.add(extent)}::int, ${p.add(buffer)}::int, true) AS geom
          ) g
          WHERE ${conds.join(' AND ')} AND ST_Dimension(d.geom) = 2 AND g.geom IS NOT NULL
        ) s
      ) k
      ORDER BY k.gx, k.gy, k.id COLLATE "C"
    ) t`;
  const text = `SELECT COALESCE((${layer}), ''::bytea) || COALESCE((${centres}), ''::bytea) AS tile`;
  return { text, values: p.values };
}
