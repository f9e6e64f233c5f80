/**
 * GET /api/export/{collection}: for every role and anonymously, the exported file holds exactly
 * the features the OGC items route returns to the same caller (need-to-know applied the same way),
 * with the format's media type and an attachment name; classified rows exported are audited.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFeatures } from '../src/interchange/index.js';
import { EVERYONE, makeFixture, seedHazards, type Fixture, type Who } from './http-fixtures.js';

let f: Fixture;
let dir: string;

beforeAll(async () => {
  f = await makeFixture();
  await seedHazards(f, 3);
  dir = mkdtempSync(join(tmpdir(), 'cairn-http-export-'));
});
afterAll(async () => {
  await f.app.close();
  rmSync(dir, { recursive: true, force: true });
});

async function ogcIds(who: Who): Promise<string[]> {
  const res = await f.request(who, '/ogc/collections/hazards/items?limit=1000');
  if (res.status === 404) return [];
  expect(res.status).toBe(200);
  const body = (await res.json()) as { features: { id: string }[] };
  return body.features.map((x) => x.id).sort();
}

describe('GET /api/export/{collection}', () => {
  it.each(EVERYONE)('exports to %s exactly the hazards OGC items shows them', async (who) => {
    const want = await ogcIds(who);
    const res = await f.request(who, '/api/export/hazards?format=gpkg');
    if (want.length === 0 && res.status === 404) return;
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/geopackage+sqlite3');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="hazards.gpkg"');
    const file = join(dir, `${who}.gpkg`);
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const read = await readFeatures(file);
    expect(read.ok).toBe(true);
    const got = read.ok ? read.value.features.map((x) => x.properties['id'] as string).sort() : [];
    expect(got).toEqual(want);
  });

  it('shows the public only the hazards released for public warning', async () => {
    const res = await f.request('anonymous', '/api/export/hazards?format=geojson');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { features: { properties: { publicWarning: boolean } }[] };
    expect(body.features.length).toBe(1);
    expect(body.features.every((x) => x.properties.publicWarning)).toBe(true);
  });

  it('answers each format with its media type and file name', async () => {
    const expected = {
      kml: ['application/vnd.google-earth.kml+xml', 'hazards.kml'],
      shp: ['application/zip', 'hazards.zip'],
      csv: ['text/csv; charset=utf-8', 'hazards.csv'],
      geojson: ['application/geo+json', 'hazards.geojson'],
    } as const;
    for (const [format, [type, name]] of Object.entries(expected)) {
      const res = await f.request('im-officer', `/api/export/hazards?format=${format}`);
      expect(res.status, format).toBe(200);
      expect(res.headers.get('content-type')).toBe(type);
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${name}"`);
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(0);
    }
  });

  it('audits the classified rows an export hands out', async () => {
    const before = await f.app.store.treeSize();
    expect((await f.request('im-officer', '/api/export/hazards?format=csv')).status).toBe(200);
    const entries = await f.app.store.readEntries(before, await f.app.store.treeSize());
    const text = entries.map((e) => Buffer.from(e.bytes).toString('utf8')).join('\n');
    expect(text).toContain('audit.read');
  });

  it('writes a Shapefile in ETRS-TM35FIN with its .prj and says the CRS in Content-Crs', async () => {
    const res = await f.request('im-officer', '/api/export/hazards?format=shp&crs=EPSG:3067');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-crs')).toBe('<http://www.opengis.net/def/crs/EPSG/0/3067>');
    const file = join(dir, 'tm35fin.zip');
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const read = await readFeatures(file);
    expect(read.ok && read.value.crs).toEqual({ kind: 'epsg', code: 3067 });
  });

  it('writes a GeoPackage in an SK-42 Gauss-Krüger zone (EPSG:28404), as the CLI export does', async () => {
    const res = await f.request('im-officer', '/api/export/hazards?format=gpkg&crs=EPSG:28404');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-crs')).toBe('<http://www.opengis.net/def/crs/EPSG/0/28404>');
    const file = join(dir, 'sk42-zone4.gpkg');
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const read = await readFeatures(file);
    expect(read.ok && read.value.crs).toEqual({ kind: 'epsg', code: 28404 });
  });

  it('refuses a CRS it writes no WKT for, listing the ones it does', async () => {
    const r = await f.request('im-officer', '/api/export/hazards?format=gpkg&crs=EPSG:3857');
    expect(r.status).toBe(400);
    const body = (await r.json()) as { code: string; details: { details?: { supported?: string[] } }[] };
    expect(body.code).toBe('INTERCHANGE_CRS_UNSUPPORTED');
    expect(body.details[0]?.details?.supported).toContain('EPSG:3346');
  });

  it('refuses an unknown format, an unknown parameter and an unknown collection', async () => {
    expect((await f.request('im-officer', '/api/export/hazards?format=dxf')).status).toBe(400);
    expect((await f.request('im-officer', '/api/export/hazards')).status).toBe(400);
    expect((await f.request('im-officer', '/api/export/hazards?format=csv&colour=red')).status).toBe(400);
    expect((await f.request('im-officer', '/api/export/nothing?format=csv')).status).toBe(404);
    const r = await f.request('im-officer', '/api/export/hazards?format=kml&crs=EPSG:3067');
    expect(r.status).toBe(400);
    expect(((await r.json()) as { code: string }).code).toBe('INTERCHANGE_CRS_UNSUPPORTED');
  });
});
