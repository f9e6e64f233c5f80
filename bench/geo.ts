/**
 * Point-in-hazard lookups over 100k and 1M seeded synthetic polygons: HazardIndex (flatbush +
 * exact winding number) build time, memory and queries/s. With CAIRN_BENCH_PG_URL set and PostGIS
 * reachable, the same queries run as ST_Intersects over a GiST index in a scratch database that is
 * created and dropped here; the answers must be identical and the throughput ratio is printed.
 */
import pg from 'pg';
import { HazardIndex, type PolygonGeometry, type Position } from '../src/geo/index.js';
import { emit, median, seededRandom, sink, timeIt } from './emit.js';

const BENCH = 'geo';
const REGION = { west: 20, south: 44, east: 40, north: 60 } as const;

/** Star-shaped polygons of 8 vertices, 50–500 m across, scattered over the region. */
function polygons(n: number, seed: number): PolygonGeometry[] {
  const rnd = seededRandom(seed);
  const out: PolygonGeometry[] = new Array<PolygonGeometry>(n);
  for (let i = 0; i < n; i++) {
    const cx = REGION.west + rnd() * (REGION.east - REGION.west);
    const cy = REGION.south + rnd() * (REGION.north - REGION.south);
    const r = (25 + rnd() * 225) / 111000;
    const ring: Position[] = [];
    for (let k = 0; k < 8; k++) {
      const t = (2 * Math.PI * k) / 8;
      const rr = r * (0.6 + 0.4 * rnd());
      ring.push([cx + (rr * Math.cos(t)) / Math.cos((cy * Math.PI) / 180), cy + rr * Math.sin(t)]);
    }
    ring.push(ring[0] as Position);
    out[i] = { type: 'Polygon', coordinates: [ring] };
  }
  return out;
}

/** Query points: half uniform over the region, half inside or near a random polygon. */
function queries(polys: readonly PolygonGeometry[], n: number, seed: number): Position[] {
  const rnd = seededRandom(seed);
  const out: Position[] = [];
  for (let i = 0; i < n; i++) {
    if (i % 2 === 0) {
      out.push([
        REGION.west + rnd() * (REGION.east - REGION.west),
        REGION.south + rnd() * (REGION.north - REGION.south),
      ]);
    } else {
      const p = polys[Math.floor(rnd() * polys.length)]?.coordinates[0]?.[0] ?? [30, 50];
      out.push([p[0] - rnd() * 0.003, p[1] + (rnd() - 0.5) * 0.002]);
    }
  }
  return out;
}

function wkt(g: PolygonGeometry): string {
  return `POLYGON((${(g.coordinates[0] ?? []).map(([x, y]) => `${x} ${y}`).join(',')}))`;
}

function answers(idx: HazardIndex, qs: readonly Position[]): string[] {
  const out: string[] = [];
  qs.forEach((q, i) => {
    for (const id of idx.at(q)) out.push(`${i}:${id}`);
  });
  return out.sort();
}

async function postgis(
  url: string,
  polys: readonly PolygonGeometry[],
  qs: readonly Position[],
  label: string,
  ours: readonly string[],
  oursQps: number,
): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  const db = `cairn_bench_geo_${process.pid}`;
  try {
    await admin.connect();
  } catch (e) {
    process.stderr.write(
      `geo bench: PostGIS skipped, cannot connect: ${e instanceof Error ? e.message : String(e)}\n`,
    );
    return;
  }
  await admin.query(`CREATE DATABASE ${db}`);
  const u = new URL(url);
  u.pathname = `/${db}`;
  const c = new pg.Client({ connectionString: u.toString() });
  try {
    await c.connect();
    await c.query('CREATE EXTENSION postgis');
    await c.query('CREATE TABLE hazard (id int PRIMARY KEY, g geometry(Polygon, 4326) NOT NULL)');
    const batch = 20000;
    for (let s = 0; s < polys.length; s += batch) {
      const ids: number[] = [];
      const texts: string[] = [];
      for (let i = s; i < Math.min(polys.length, s + batch); i++) {
        ids.push(i);
        texts.push(wkt(polys[i] as PolygonGeometry));
      }
      await c.query(
        'INSERT INTO hazard SELECT i, ST_GeomFromText(w, 4326) FROM unnest($1::int[], $2::text[]) AS t(i, w)',
        [ids, texts],
      );
    }
    const t0 = process.hrtime.bigint();
    await c.query('CREATE INDEX hazard_g ON hazard USING gist (g)');
    await c.query('ANALYZE hazard');
    emit({
      bench: BENCH,
      metric: `postgis_index_build_${label}`,
      value: Number(process.hrtime.bigint() - t0) / 1e6,
      unit: 'ms',
    });
    const xs = qs.map((q) => q[0]);
    const ys = qs.map((q) => q[1]);
    const sql =
      'SELECT q.i - 1 AS i, h.id FROM unnest($1::float8[], $2::float8[]) WITH ORDINALITY AS q(x, y, i) JOIN hazard h ON ST_Intersects(h.g, ST_SetSRID(ST_MakePoint(q.x, q.y), 4326))';
    let rows: { i: string; id: number }[] = [];
    const times = await timeIt(
      async () => {
        rows = (await c.query<{ i: string; id: number }>(sql, [xs, ys])).rows;
      },
      3,
      1,
    );
    const theirs = rows.map((r) => `${r.i}:${r.id}`).sort();
    const identical = theirs.length === ours.length && theirs.every((v, k) => v === ours[k]);
    const qps = qs.length / ((median(times) || Number.NaN) / 1000);
    emit({
      bench: BENCH,
      metric: `postgis_queries_per_s_${label}`,
      value: Math.round(qps),
      unit: 'queries/s',
      hits: theirs.length,
    });
    emit({ bench: BENCH, metric: `answers_identical_${label}`, value: identical ? 1 : 0, unit: 'bool' });
    emit({
      bench: BENCH,
      metric: `ratio_vs_postgis_${label}`,
      value: Number((oursQps / qps).toFixed(2)),
      unit: 'x',
    });
    if (!identical)
      process.stderr.write(
        `geo bench: answers differ from PostGIS (${label}): ours ${ours.length}, PostGIS ${theirs.length}\n`,
      );
  } finally {
    await c.end().catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS ${db}`).catch(() => undefined);
    await admin.end();
  }
}

/** Run the geo benchmark (see the file comment). */
export async function run(): Promise<void> {
  const url = process.env['CAIRN_BENCH_PG_URL'];
  for (const [n, label] of [
    [100_000, '100k'],
    [1_000_000, '1m'],
  ] as const) {
    const polys = polygons(n, 42);
    const qs = queries(polys, 50_000, 7);
    // Memory: one build, measured alone, before the timed repetitions create garbage.
    const before = process.memoryUsage();
    let idx = HazardIndex.build(polys);
    const after = process.memoryUsage();
    const build = await timeIt(
      () => {
        idx = HazardIndex.build(polys);
      },
      3,
      0,
    );
    emit({
      bench: BENCH,
      metric: `index_build_${label}`,
      value: Number(median(build).toFixed(1)),
      unit: 'ms',
      min: Number((build[0] ?? 0).toFixed(1)),
    });
    emit({
      bench: BENCH,
      metric: `index_memory_${label}`,
      value: Math.round((after.arrayBuffers - before.arrayBuffers) / 2 ** 20),
      unit: 'MiB',
      note: 'typed arrays of the index (flatbush tree and packed coordinates)',
    });
    const times = await timeIt(
      () => {
        let hits = 0;
        for (const q of qs) hits += idx.at(q).length;
        sink.value = hits;
      },
      5,
      1,
    );
    const qps = qs.length / (median(times) / 1000);
    emit({
      bench: BENCH,
      metric: `queries_per_s_${label}`,
      value: Math.round(qps),
      unit: 'queries/s',
      min_ms: Number((times[0] ?? 0).toFixed(1)),
      median_ms: Number(median(times).toFixed(1)),
      queries: qs.length,
    });
    if (url !== undefined && url !== '') await postgis(url, polys, qs, label, answers(idx, qs), qps);
  }
}
