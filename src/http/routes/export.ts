/**
 * GET /api/export/{collection}?format=gpkg|kml|shp|csv|geojson[&bbox=…][&crs=…]: a collection's
 * features as a GIS file (src/interchange). Need-to-know is applied exactly as the OGC items
 * route applies it — the collection's access `Expr` in the store, then the domain's `mayRead` —
 * and reads of classified rows are audited, one audit event per page of rows written.
 */
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Context, Hono } from 'hono';
import type { Actor } from '../../access/index.js';
import { z } from 'zod';
import { problem } from '../../core/index.js';
import { FORMATS, FORMAT_MEDIA, docPages, exportFeatures } from '../../interchange/index.js';
import { accessFilter, mayList, type CollectionRegistry } from '../collections.js';
import { CRS84_CRS, parseBbox, resolveCrs } from '../crs.js';
import type { HttpDeps, HttpEnv } from '../env.js';
import { refuse, refuseAll } from '../errors.js';
import { auditReads } from '../ogc/common.js';
import { defineRoute, RawResponse, type RouteTable } from '../route.js';

const ExportQuery = z.object({
  format: z.enum(FORMATS).describe(`The file format: ${FORMATS.join(', ')}`),
  bbox: z.string().optional().describe('minLon,minLat,maxLon,maxLat (WGS 84)'),
  crs: z.string().optional().describe('Output CRS URI (default OGC:CRS84)'),
});

export function exportRoutes(
  http: Hono<HttpEnv>,
  deps: HttpDeps,
  registry: CollectionRegistry,
  table: RouteTable,
): void {
  defineRoute(http, deps, table, {
    method: 'GET',
    path: '/api/export/:collection',
    summary: 'A collection\u2019s features the caller may see, as a GIS file (read audited)',
    access: 'public',
    params: z.object({ collection: z.string().min(1) }),
    query: ExportQuery,
    response: RawResponse,
    kind: 'raw',
    content: Object.fromEntries(FORMATS.map((f) => [FORMAT_MEDIA[f].type, 'binary' as const])),
    handler: ({ c, actor, params, query }) => exportFile(c, deps, registry, actor, params.collection, query),
  });
}

/** Write the caller's view of a collection to a temporary file and stream it, removing it after. */
async function exportFile(
  c: Context<HttpEnv>,
  deps: HttpDeps,
  registry: CollectionRegistry,
  actor: Actor,
  id: string,
  q: z.output<typeof ExportQuery>,
): Promise<Response> {
  const spec = registry.get(id);
  if (spec === undefined || !mayList(spec, actor))
    refuse('NOT_FOUND', `no collection "${id}"`, [
      problem('NOT_FOUND', 'collection', `no collection "${id}"`),
    ]);
  const format = q.format;
  const crs = resolveCrs(q.crs, 'crs');
  const epsg = crs.code === 'OGC:CRS84' ? 4326 : Number(crs.code.slice('EPSG:'.length));
  const bbox = q.bbox === undefined ? undefined : parseBbox(q.bbox, CRS84_CRS);
  const where = accessFilter(spec, actor);
  const visible = docPages(
    deps.app.store,
    { collection: spec.source, where, ...(bbox ? { bbox } : {}) },
    (d) => spec.mayRead?.(actor, d) ?? true,
  );
  let audit = false;
  // The second pass writes the file: audit what it writes, page by page.
  const pages = () => {
    const second = audit;
    audit = true;
    return (async function* () {
      for await (const page of visible()) {
        if (second) await auditReads(c, deps, spec, actor, page);
        yield page;
      }
    })();
  };
  const dir = mkdtempSync(join(tmpdir(), 'cairn-export-'));
  const media = FORMAT_MEDIA[format];
  const file = join(dir, `${spec.id}.${media.ext}`);
  try {
    const r = await exportFeatures(pages, { format, out: file, layer: spec.id, epsg });
    if (!r.ok) refuseAll(r.errors);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const stream = createReadStream(file);
  stream.on('close', () => rmSync(dir, { recursive: true, force: true }));
  return new Response(Readable.toWeb(stream), {
    status: 200,
    headers: {
      'content-type': media.type,
      'content-disposition': `attachment; filename="${spec.id}.${media.ext}"`,
      'cache-control': 'no-store',
      // OGC API Features Part 2 §6.3: the CRS of the coordinates in the body (a CSV has no .prj here).
      'content-crs': `<${crs.uri}>`,
    },
  });
}
