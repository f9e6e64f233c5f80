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
import { problem } from '../../core/index.js';
import { FORMATS, FORMAT_MEDIA, docPages, exportFeatures, type Format } from '../../interchange/index.js';
import { accessFilter, mayList, type CollectionRegistry } from '../collections.js';
import { CRS84_CRS, parseBbox, resolveCrs } from '../crs.js';
import type { HttpDeps, HttpEnv } from '../env.js';
import { refuse, refuseAll } from '../errors.js';
import { auditReads } from '../ogc/common.js';
import { strictQuery } from '../params.js';

export function exportRoutes(http: Hono<HttpEnv>, deps: HttpDeps, registry: CollectionRegistry): void {
  http.get('/api/export/:collection', async (c: Context<HttpEnv>) => {
    const actor = c.get('actor');
    const id = c.req.param('collection') ?? '';
    const spec = registry.get(id);
    if (spec === undefined || !mayList(spec, actor))
      refuse('NOT_FOUND', `no collection "${id}"`, [
        problem('NOT_FOUND', 'collection', `no collection "${id}"`),
      ]);
    const q = strictQuery(c, ['format', 'bbox', 'crs']);
    const format = q.get('format');
    if (format === undefined || !(FORMATS as readonly string[]).includes(format)) {
      refuseAll([
        problem(
          format === undefined ? 'VALIDATION_REQUIRED' : 'VALIDATION_ENUM',
          'format',
          `format must be one of ${FORMATS.join(', ')}`,
          { allowed: FORMATS },
        ),
      ]);
    }
    const crs = resolveCrs(q.get('crs'), 'crs');
    const epsg = crs.code === 'OGC:CRS84' ? 4326 : Number(crs.code.slice('EPSG:'.length));
    const bboxText = q.get('bbox');
    const bbox = bboxText === undefined ? undefined : parseBbox(bboxText, CRS84_CRS);
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
    const media = FORMAT_MEDIA[format as Format];
    const file = join(dir, `${spec.id}.${media.ext}`);
    try {
      const r = await exportFeatures(pages, { format: format as Format, out: file, layer: spec.id, epsg });
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
  });
}
