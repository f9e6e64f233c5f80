/**
 * `npm run bench -- http`: the HTTP server under load (issue #7).
 * - items: OGC `/collections/hazards/items?bbox=…&limit=100` over 100k seeded features on SQLite,
 *   loaded by autocannon from a child process (its own event loop) over loopback: latency with
 *   one connection (target p50 ≤ 5 ms), throughput with eight.
 * - tiles: distinct, uncached `/tiles/hazards/{z}/{x}/{y}.mvt` at z10 and z12 over 50k polygons,
 *   through the in-process app: geojson-vt + vt-pbf on SQLite (over the narrow `tileRows`
 *   read); with CAIRN_BENCH_PG_URL the same data on PostgreSQL is cut by ST_AsMVT, and the ratio
 *   is printed (target: SQLite at least as fast as ST_AsMVT, i.e. `pg-over-sqlite` ≥ 1 for time
 *   per tile).
 * Data are SYNTHETIC random squares; callers are anonymous, so every row is a public warning.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createRequire } from 'node:module';
import { Cairn, domainModules, geoSpatialPredicate } from '../src/app/index.js';
import { systemClock } from '../src/core/index.js';
import { createHttpApp, startServer } from '../src/http/index.js';
import { generateSigningKeyPem, loadSigner } from '../src/ledger/index.js';
import { docExtent, extentOfDocs, type Doc, type Store } from '../src/store/index.js';
import { emit, median, seededRandom, sink } from './emit.js';
import { compareStores, openBenchStore } from './stores.js';

const BENCH = 'http';
const exec = promisify(execFile);
const ITEMS = 100_000;
const POLYGONS = 50_000;

function appOver(store: Store): Cairn {
  const signer = loadSigner('cairn/bench', generateSigningKeyPem());
  if (!signer.ok) throw new Error('bench key');
  return new Cairn({
    store,
    signer: signer.value,
    clock: systemClock,
    modules: domainModules,
    spatial: geoSpatialPredicate,
  });
}

/** `n` public hazard polygons, random squares (5–60 m) in [lon0, lon0+span] × [lat0, lat0+span]. */
async function seed(store: Store, n: number, lon0: number, lat0: number, span: number): Promise<void> {
  const rnd = seededRandom(7);
  for (let i = 0; i < n; i += 2000) {
    const batch: Doc[] = [];
    for (let j = i; j < Math.min(n, i + 2000); j++) {
      const x = lon0 + rnd() * span;
      const y = lat0 + rnd() * span;
      const d = 0.00005 + rnd() * 0.0005;
      batch.push({
        collection: 'hazards',
        id: `h${String(j).padStart(6, '0')}`,
        version: 1,
        data: {
          id: `h${String(j).padStart(6, '0')}`,
          name: 'SYNTHETIC DEMO DATA',
          status: j % 3 === 0 ? 'open' : 'worked-on',
          kind: 'sha',
          publicWarning: true,
          classification: 'public',
          hazardAreaM2: Math.round(d * d * 5e9),
          createdAt: '2026-01-01T00:00:00Z',
        },
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [x, y],
              [x + d, y],
              [x + d, y + d],
              [x, y + d],
              [x, y],
            ],
          ],
        },
      });
    }
    await store.transaction(async (tx) => {
      for (const d of batch) await tx.putDoc(d);
    });
  }
}

interface CannonResult {
  readonly requests: { readonly average: number };
  readonly latency: { readonly p50: number; readonly p99: number; readonly average: number };
  readonly non2xx: number;
  readonly errors: number;
}

/** autocannon in a child process (its own event loop and core), cycling through `paths`. */
async function cannon(
  url: string,
  paths: readonly string[],
  connections: number,
  seconds: number,
): Promise<CannonResult> {
  const autocannon = createRequire(import.meta.url).resolve('autocannon');
  const code = `
    const autocannon = require(${JSON.stringify(autocannon)});
    const w = JSON.parse(process.env.CANNON);
    let i = 0;
    autocannon({
      url: w.url, connections: w.connections, duration: w.seconds,
      requests: [{ setupRequest: (req) => ({ ...req, path: w.paths[i++ % w.paths.length] }) }],
    }, (err, r) => { if (err) { console.error(String(err)); process.exit(1); } process.stdout.write(JSON.stringify({ requests: r.requests, latency: r.latency, non2xx: r.non2xx, errors: r.errors })); });
  `;
  const { stdout } = await exec(process.execPath, ['-e', code], {
    env: { ...process.env, CANNON: JSON.stringify({ url, paths, connections, seconds }) },
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout) as CannonResult;
}

async function items(): Promise<void> {
  const { store, dispose } = await openBenchStore('sqlite');
  const app = appOver(store);
  const server = await startServer(app, { port: 0, host: '127.0.0.1' });
  try {
    await seed(store, ITEMS, 24, 60, 4);
    const rnd = seededRandom(11);
    const paths = Array.from({ length: 500 }, () => {
      const x = 24 + rnd() * 3.8;
      const y = 60 + rnd() * 3.8;
      return `/ogc/collections/hazards/items?bbox=${x.toFixed(4)},${y.toFixed(4)},${(x + 0.2).toFixed(4)},${(y + 0.2).toFixed(4)}&limit=100`;
    });
    const check = (await (await fetch(`${server.url}${paths[0] ?? ''}`)).json()) as {
      numberReturned: number;
      numberMatched: number;
    };
    sink.value = check;
    emit({
      bench: BENCH,
      metric: 'items-bbox-numberMatched-sample',
      value: check.numberMatched,
      unit: 'features',
      features: ITEMS,
    });
    await cannon(server.url, paths, 1, 2); // warm-up
    const lat = await cannon(server.url, paths, 1, 8);
    emit({
      bench: BENCH,
      metric: 'items-bbox-limit100-p50',
      value: lat.latency.p50,
      unit: 'ms',
      connections: 1,
      features: ITEMS,
      target: 5,
      non2xx: lat.non2xx,
    });
    emit({
      bench: BENCH,
      metric: 'items-bbox-limit100-p99',
      value: lat.latency.p99,
      unit: 'ms',
      connections: 1,
      features: ITEMS,
    });
    const thr = await cannon(server.url, paths, 8, 8);
    emit({
      bench: BENCH,
      metric: 'items-bbox-limit100-throughput',
      value: thr.requests.average,
      unit: 'req/s',
      connections: 8,
      features: ITEMS,
      non2xx: thr.non2xx,
    });
    emit({
      bench: BENCH,
      metric: 'items-bbox-limit100-p50-loaded',
      value: thr.latency.p50,
      unit: 'ms',
      connections: 8,
      features: ITEMS,
    });
    await extents(store);
  } finally {
    await server.close(); // closes the app and its store
    await dispose().catch(() => undefined);
  }
}

/**
 * A collection's extent (what `/ogc/collections` and the web map's framing need after every new
 * event): the store's one aggregate (`Store.extent`) against reading every document and walking
 * its geometry, the way extents were computed before. Medians of 5 after a warm-up.
 */
async function extents(store: Store): Promise<void> {
  const q = { collection: 'hazards' };
  const time = async (f: () => Promise<unknown>): Promise<number> => {
    await f();
    const ts: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      sink.value = await f();
      ts.push(performance.now() - t0);
    }
    return median(ts.sort((a, b) => a - b));
  };
  const aggregate = await time(() => docExtent(store, q, 'createdAt'));
  const walk = await time(async () => extentOfDocs(await store.findDocs(q), 'createdAt'));
  const same =
    JSON.stringify(await docExtent(store, q, 'createdAt')) ===
    JSON.stringify(extentOfDocs(await store.findDocs(q), 'createdAt'));
  emit({
    bench: BENCH,
    metric: 'extent-aggregate',
    value: Number(aggregate.toFixed(1)),
    unit: 'ms',
    store: store.kind,
    features: ITEMS,
    identical: same,
  });
  emit({
    bench: BENCH,
    metric: 'extent-read-all',
    value: Number(walk.toFixed(1)),
    unit: 'ms',
    store: store.kind,
    features: ITEMS,
  });
  emit({
    bench: BENCH,
    metric: 'extent-speedup',
    value: Number((walk / aggregate).toFixed(1)),
    unit: 'x',
    store: store.kind,
    features: ITEMS,
  });
}

/** XYZ tiles at zoom z whose centres lie in the seeded area, in a seeded order. */
function tilesIn(
  z: number,
  lon0: number,
  lat0: number,
  span: number,
  count: number,
): { x: number; y: number }[] {
  const n = 2 ** z;
  const tx = (lon: number) => Math.floor(((lon + 180) / 360) * n);
  const ty = (lat: number) => {
    const r = (lat * Math.PI) / 180;
    return Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
  };
  const all: { x: number; y: number }[] = [];
  for (let x = tx(lon0); x <= tx(lon0 + span); x++)
    for (let y = ty(lat0 + span); y <= ty(lat0); y++) all.push({ x, y });
  const rnd = seededRandom(z);
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [all[i], all[j]] = [all[j] as { x: number; y: number }, all[i] as { x: number; y: number }];
  }
  return all.slice(0, count);
}

async function tiles(): Promise<void> {
  // 50k polygons in a 1° square: ~50 per z12 tile, ~800 per z10 tile.
  const [lon0, lat0, span] = [25, 61, 1];
  for (const [z, count] of [
    [10, 16],
    [12, 60],
  ] as const) {
    await compareStores(BENCH, `tiles-z${z}-ms-per-tile`, 'ms', async (store) => {
      await seed(store, POLYGONS, lon0, lat0, span);
      const app = appOver(store);
      const http = createHttpApp(app).http;
      const list = tilesIn(z, lon0, lat0, span, count);
      // Warm-up on other zooms (query plans, JIT) so every timed tile is a cache miss.
      for (const t of tilesIn(z + 1, lon0, lat0, span, 4))
        sink.value = await (await http.request(`/tiles/hazards/${z + 1}/${t.x}/${t.y}.mvt`)).arrayBuffer();
      const per: number[] = [];
      let bytes = 0;
      for (const t of list) {
        const t0 = process.hrtime.bigint();
        const buf = await (await http.request(`/tiles/hazards/${z}/${t.x}/${t.y}.mvt`)).arrayBuffer();
        per.push(Number(process.hrtime.bigint() - t0) / 1e6);
        bytes += buf.byteLength;
      }
      emit({
        bench: BENCH,
        metric: `tiles-z${z}-per-s`,
        value: Number((1000 / median(per.sort((a, b) => a - b))).toFixed(1)),
        unit: 'tiles/s',
        store: store.kind,
        tiles: list.length,
        meanBytes: Math.round(bytes / list.length),
        polygons: POLYGONS,
      });
      return median(per);
    });
  }
}

/** `npm run bench -- http`. */
export async function run(): Promise<void> {
  await items();
  await tiles();
}
