/**
 * `Store.tileRows` on SQLite: the geometry and a few top-level `data` fields of the rows in a box,
 * read with `json_extract` so a tile does not parse (and freeze) every whole document it draws.
 */
import type { Database as Db } from 'better-sqlite3';
import type { JsonValue } from '../../core/index.js';
import type { BBox, Expr, StoredGeometry, TileRow } from '../port.js';
import { exprToSql } from './sql.js';

/** Field names a JSON path may name without quoting trouble (the tiler asks only for these). */
const PLAIN = /^[A-Za-z_][A-Za-z0-9_]*$/;

interface Row {
  id: string;
  geometry: string;
  p: string | null;
}

/** The rows; `where` must not hold spatial predicates (the adapter routes those elsewhere). */
export function readTileRows(
  db: Db,
  collection: string,
  bbox: BBox,
  where: Expr | undefined,
  properties: readonly string[],
): TileRow[] {
  const names = properties.filter((n) => PLAIN.test(n));
  const params: unknown[] = [];
  // json_extract with two or more paths returns a JSON array (objects stay objects); pad one path.
  const paths =
    names.length === 0
      ? ''
      : `, json_extract(d.data, ${[...names, ...(names.length === 1 ? names : [])].map(() => '?').join(', ')}) AS p`;
  for (const n of names.length === 1 ? [names[0], names[0]] : names) params.push(`$."${n ?? ''}"`);
  params.push(collection, bbox[0], bbox[2], bbox[1], bbox[3]);
  const conds = [
    'd.collection = ?',
    'b.maxx >= ? AND b.minx <= ? AND b.maxy >= ? AND b.miny <= ?',
    'd.geometry IS NOT NULL',
  ];
  if (where !== undefined) conds.push(exprToSql(where, params));
  // R*Tree first, as in the adapter's bbox query.
  const sql = `SELECT d.id, d.geometry${names.length === 0 ? ', NULL AS p' : paths} FROM docs_bbox b CROSS JOIN docs d ON d.rid = b.rid WHERE ${conds.join(' AND ')} ORDER BY d.id`;
  const rows = db.prepare(sql).all(...params) as Row[];
  return rows.map((r) => {
    const values = r.p === null ? [] : (JSON.parse(r.p) as JsonValue[]);
    const props: Record<string, JsonValue> = {};
    names.forEach((n, i) => {
      const v = values[i];
      if (v !== undefined && v !== null) props[n] = v;
    });
    return { id: r.id, geometry: JSON.parse(r.geometry) as StoredGeometry, properties: props };
  });
}
