/**
 * The projection documents of the PostgreSQL adapter: the queries shared by the pool and a write
 * transaction (each takes the connection to run on as an `Exec`), and the document writes.
 */
import type { QueryResultRow } from 'pg';
import { CairnError, deepFreeze, type JsonObject } from '../../core/index.js';
import { geometryBBox } from '../bbox.js';
import { isValidField } from '../expr.js';
import { extentFromRow, type ExtentRow } from '../extent.js';
import type { Doc, DocExtent, DocQuery, StoredGeometry } from '../port.js';
import { postgisGeoJson } from './geometry.js';
import { Params, exprToSql, orderSql } from './sql.js';

/** A query on one connection (the pool, or a transaction's client); `name` prepares it. */
export type Exec = <R extends QueryResultRow>(
  sql: string,
  params?: readonly unknown[],
  name?: string,
) => Promise<R[]>;

/** A `docs` row as DOC_COLS selects it. */
export interface DocRow {
  collection: string;
  id: string;
  version: number;
  data: JsonObject;
  geojson: StoredGeometry | null;
}
export const DOC_COLS = 'd.collection, d.id, d.version, d.data, d.geojson';

/** The frozen document of a row. */
export function rowToDoc(r: DocRow): Doc {
  return deepFreeze({
    collection: r.collection,
    id: r.id,
    version: r.version,
    data: r.data,
    ...(r.geojson === null ? {} : { geometry: r.geojson }),
  });
}

/** One document by collection and id. */
export async function getDoc(exec: Exec, collection: string, id: string): Promise<Doc | undefined> {
  const rows = await exec<DocRow>(
    `SELECT ${DOC_COLS} FROM docs d WHERE d.collection = $1 AND d.id = $2`,
    [collection, id],
    'cairn_get_doc',
  );
  const r = rows[0];
  return r === undefined ? undefined : rowToDoc(r);
}

function whereSql(q: DocQuery, p: Params): string {
  const where = [`d.collection = ${p.add(q.collection)}::text`];
  if (q.bbox !== undefined) {
    const [x0, y0, x1, y1] = q.bbox.map((v) => `${p.add(v)}::float8`) as [string, string, string, string];
    // && uses the GiST index (float4 boxes, rounded outward); the double columns decide exactly.
    where.push(
      `d.geom && ST_MakeEnvelope(${x0}, ${y0}, ${x1}, ${y1}, 4326)`,
      `d.maxx >= ${x0} AND d.minx <= ${x1} AND d.maxy >= ${y0} AND d.miny <= ${y1}`,
    );
  }
  if (q.where !== undefined) where.push(exprToSql(q.where, p));
  return where.join(' AND ');
}

/** The documents a query finds, ordered and paged as it says. */
export async function findDocs(exec: Exec, q: DocQuery): Promise<Doc[]> {
  const p = new Params();
  const where = whereSql(q, p);
  const order = q.orderBy === undefined ? 'd.id' : orderSql(q.orderBy.field, q.orderBy.desc === true, p);
  const limit = q.limit === undefined ? 'ALL' : `${p.add(q.limit)}::bigint`;
  const offset = `${p.add(q.offset ?? 0)}::bigint`;
  const rows = await exec<DocRow>(
    `SELECT ${DOC_COLS} FROM docs d WHERE ${where} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`,
    p.values,
  );
  return rows.map(rowToDoc);
}

/** How many documents a query finds (before paging). */
export async function countDocs(exec: Exec, q: DocQuery): Promise<number> {
  const p = new Params();
  const rows = await exec<{ n: number }>(
    `SELECT count(*) AS n FROM docs d WHERE ${whereSql(q, p)}`,
    p.values,
  );
  return rows[0]?.n ?? 0;
}

/** The exact bounding box of a query's documents, and the range of one text field. */
export async function docExtent(exec: Exec, q: DocQuery, field: string | undefined): Promise<DocExtent> {
  if (field !== undefined && (!isValidField(field) || field.includes('.')))
    throw new CairnError('VALIDATION_FORMAT', `extent: "${field}" is not a top-level field name`);
  const p = new Params();
  const where = whereSql(q, p);
  // The double box columns are exact (the GiST index's float4 boxes are rounded outward);
  // strings compare in code-point order ("C"), as JavaScript and SQLite compare them.
  const f = field === undefined ? undefined : p.add(field);
  const range =
    f === undefined
      ? 'NULL::text AS lo, NULL::text AS hi'
      : `min((d.data ->> ${f}::text) COLLATE "C") FILTER (WHERE jsonb_typeof(d.data -> ${f}::text) = 'string') AS lo, max((d.data ->> ${f}::text) COLLATE "C") FILTER (WHERE jsonb_typeof(d.data -> ${f}::text) = 'string') AS hi`;
  const rows = await exec<ExtentRow>(
    `SELECT min(d.minx) AS x0, min(d.miny) AS y0, max(d.maxx) AS x1, max(d.maxy) AS y1, ${range} FROM docs d WHERE ${where}`,
    p.values,
  );
  return extentFromRow(rows[0]);
}

/** The number of events in the ledger. */
export async function treeSize(exec: Exec): Promise<number> {
  const rows = await exec<{ n: number }>(
    'SELECT COALESCE(MAX(seq) + 1, 0) AS n FROM events',
    [],
    'cairn_tree_size',
  );
  return rows[0]?.n ?? 0;
}

/** Insert or replace a document with its PostGIS geometry and exact box. */
export async function putDoc(exec: Exec, doc: Doc): Promise<void> {
  const geom = doc.geometry ?? null;
  const b = geometryBBox(geom);
  await exec(
    `INSERT INTO docs(collection, id, version, data, geojson, geom, minx, miny, maxx, maxy)
       VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, ST_SetSRID(ST_GeomFromGeoJSON($6::text), 4326), $7, $8, $9, $10)
       ON CONFLICT (collection, id) DO UPDATE SET version = excluded.version, data = excluded.data, geojson = excluded.geojson,
         geom = excluded.geom, minx = excluded.minx, miny = excluded.miny, maxx = excluded.maxx, maxy = excluded.maxy`,
    [
      doc.collection,
      doc.id,
      doc.version,
      JSON.stringify(doc.data),
      geom === null ? null : JSON.stringify(geom),
      postgisGeoJson(geom),
      b?.[0] ?? null,
      b?.[1] ?? null,
      b?.[2] ?? null,
      b?.[3] ?? null,
    ],
    'cairn_put_doc',
  );
}

/** Delete a document (nothing if absent). */
export async function deleteDoc(exec: Exec, collection: string, id: string): Promise<void> {
  await exec('DELETE FROM docs WHERE collection = $1 AND id = $2', [collection, id], 'cairn_delete_doc');
}
