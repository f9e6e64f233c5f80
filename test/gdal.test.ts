/**
 * A real OGC API Features client: GDAL's OAPIF driver (ogrinfo, ogr2ogr from Debian's gdal-bin,
 * installed by .ci/run) against the server on a free loopback port over demo data. For every
 * collection, anonymously and with an API token (as the HTTP Basic password, and as a Bearer
 * header), it pages through everything with a small page size and must return exactly the
 * features the JSON API returns for the same query; `-spat` must reach the server as `bbox=`.
 * Without gdal-bin the suite is skipped with the reason, except in CI (CI=true), where it fails.
 */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../src/demo/index.js';
import { startServer, type RunningServer } from '../src/http/index.js';
import { makeFixture, seedHazards, type Fixture } from './http-fixtures.js';

const run = promisify(execFile);
const PAGE = 3;

function gdalVersion(): string | undefined {
  try {
    return execFileSync('ogrinfo', ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}
const version = gdalVersion();
const SKIP_REASON = 'ogrinfo/ogr2ogr not found: install Debian gdal-bin (.ci/run does)';

interface Feature {
  readonly id?: string | number;
  readonly properties: Record<string, unknown> | null;
}
interface Caller {
  readonly name: string;
  /** Environment for GDAL and headers for the JSON API, both carrying the same credentials. */
  readonly env: Record<string, string>;
  readonly headers: Record<string, string>;
}

let f: Fixture;
let server: RunningServer;
const seen: string[] = [];
let callers: Caller[] = [];

/** Every page of a JSON API collection as `caller`, following `next`. */
async function apiIds(caller: Caller, collection: string, bbox?: string): Promise<string[]> {
  const out: string[] = [];
  let path: string | null =
    `/api/collections/${collection}/items?limit=1000${bbox === undefined ? '' : `&bbox=${bbox}`}`;
  while (path !== null) {
    const res: Response = await fetch(`${server.url}${path}`, { headers: caller.headers });
    expect(res.status, `${path} as ${caller.name}`).toBe(200);
    const body = (await res.json()) as { items: { id: string }[]; next: string | null };
    out.push(...body.items.map((i) => i.id));
    path = body.next;
  }
  return out.sort();
}

/** The collections `caller` may see, from /ogc/collections. */
async function collectionsOf(
  caller: Caller,
): Promise<{ id: string; extent: { spatial?: { bbox: number[][] } } }[]> {
  const res = await fetch(`${server.url}/ogc/collections`, {
    headers: { ...caller.headers, accept: 'application/json' },
  });
  return ((await res.json()) as { collections: { id: string; extent: { spatial?: { bbox: number[][] } } }[] })
    .collections;
}

/** ogr2ogr of one layer to GeoJSON on stdout, paging with PAGE features per request. */
async function gdalFeatures(caller: Caller, layer: string, spat?: readonly number[]): Promise<Feature[]> {
  const args = [
    '-f',
    'GeoJSON',
    '/vsistdout/',
    `OAPIF:${server.url}/ogc`,
    layer,
    '-oo',
    `PAGE_SIZE=${PAGE}`,
    '-preserve_fid',
    ...(spat === undefined ? [] : ['-spat', ...spat.map(String)]),
  ];
  const { stdout } = await run('ogr2ogr', args, {
    env: { ...process.env, ...caller.env },
    maxBuffer: 256 * 1024 * 1024,
  });
  return (JSON.parse(stdout) as { features: Feature[] }).features;
}

const idOf = (x: Feature): string => {
  const v = x.properties?.['id'];
  return typeof v === 'string' || typeof v === 'number' ? String(v) : String(x.id);
};

describe.skipIf(version === undefined && process.env['CI'] !== 'true')(
  `GDAL OAPIF client${version === undefined ? ` — skipped: ${SKIP_REASON}` : ` (${version})`}`,
  () => {
    beforeAll(async () => {
      if (version === undefined) throw new Error(`CI=true but ${SKIP_REASON}`);
      f = await makeFixture();
      await seedDemo(f.app);
      await seedHazards(f, 4);
      server = await startServer(
        f.app,
        { port: 0, host: '127.0.0.1' },
        { onRequest: (u) => seen.push(`${u.pathname}${u.search}`) },
      );
      const token = f.tokens.get('auditor') ?? '';
      const imo = f.tokens.get('im-officer') ?? '';
      callers = [
        { name: 'anonymous', env: {}, headers: {} },
        {
          name: 'auditor (Basic, token as password)',
          env: { GDAL_HTTP_AUTH: 'BASIC', GDAL_HTTP_USERPWD: `qgis:${token}` },
          headers: { authorization: `Basic ${Buffer.from(`qgis:${token}`).toString('base64')}` },
        },
        {
          name: 'im-officer (Bearer header)',
          env: { GDAL_HTTP_HEADERS: `Authorization: Bearer ${imo}` },
          headers: { authorization: `Bearer ${imo}` },
        },
      ];
    }, 180_000);
    afterAll(async () => {
      await server.close(); // closes the app too
    });

    it('lists the collections each caller may see with ogrinfo, and never minefields to the anonymous caller', async () => {
      for (const caller of callers) {
        const { stdout } = await run('ogrinfo', ['-ro', '-so', '-q', `OAPIF:${server.url}/ogc`], {
          env: { ...process.env, ...caller.env },
        });
        const layers = [...stdout.matchAll(/^\d+: ([a-z0-9-]+)/gm)].map((m) => m[1]).sort();
        expect(layers, caller.name).toEqual((await collectionsOf(caller)).map((c) => c.id).sort());
        if (caller.name === 'anonymous') expect(layers).not.toContain('minefields');
        else expect(layers).toEqual(expect.arrayContaining(['minefields', 'hazards', 'reference-points']));
      }
    }, 120_000);

    it('pages through every collection and returns exactly the features of the JSON API', async () => {
      let total = 0;
      for (const caller of callers) {
        for (const { id } of await collectionsOf(caller)) {
          seen.length = 0;
          const features = await gdalFeatures(caller, id);
          const expected = await apiIds(caller, id);
          total += expected.length;
          expect(features.map(idOf).sort(), `${id} as ${caller.name}`).toEqual(expected);
          if (expected.length > PAGE)
            expect(
              seen.some((u) => u.startsWith(`/ogc/collections/${id}/items`) && u.includes('offset=')),
              `${id} paged`,
            ).toBe(true);
        }
      }
      expect(total).toBeGreaterThan(100); // the demo data, not empty layers
    }, 300_000);

    it('pushes -spat down to the server as bbox= and returns what the JSON API returns for that bbox', async () => {
      for (const caller of callers) {
        for (const c of await collectionsOf(caller)) {
          const [box] = c.extent.spatial?.bbox ?? [];
          if (box === undefined || !['hazards', 'minefields', 'facilities'].includes(c.id)) continue;
          const [w = 0, s = 0, e = 0, n = 0] = box;
          // The south-west quarter of the data, grown a little so a degenerate extent still has area.
          const spat = [w - 1e-6, s - 1e-6, w + (e - w) / 2 + 1e-6, s + (n - s) / 2 + 1e-6];
          seen.length = 0;
          const features = await gdalFeatures(caller, c.id, spat);
          expect(
            seen.some((u) => u.startsWith(`/ogc/collections/${c.id}/items`) && u.includes('bbox=')),
            `${c.id} bbox pushed down`,
          ).toBe(true);
          expect(features.map(idOf).sort(), `${c.id} in bbox as ${caller.name}`).toEqual(
            await apiIds(caller, c.id, spat.join(',')),
          );
        }
      }
    }, 300_000);
  },
);
