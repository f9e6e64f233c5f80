/**
 * GIS import against GDAL: 10k synthetic polygons (SYNTHETIC BENCHMARK DATA, seeded) written as a
 * GeoJSON file and, by Cairn's own writer, as a GeoPackage. Timed: `cairn import hazards` of the
 * GeoPackage done in-process — read, convert, validate every feature, one pipeline command into a
 * fresh SQLite data directory (ledger append, Merkle tree, projections) — against
 * `ogr2ogr -f GPKG` of the same GeoJSON into a new GeoPackage (a process, as a user runs it).
 * Target: Cairn ≤ 2× ogr2ogr. One JSON line per figure; median of 3 after a warm-up.
 */
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SYSTEM_ACTOR } from '../src/access/index.js';
import { initCairn } from '../src/cli/context.js';
import type { Position } from '../src/geo/index.js';
import {
  exportFeatures,
  fileDigest,
  importCommand,
  prepareImport,
  readFeatures,
} from '../src/interchange/index.js';
import type { Doc } from '../src/store/index.js';
import { openDb } from '../src/store/sqlite/connection.js';
import { SQLITE_MIGRATIONS } from '../src/store/sqlite/migrations.js';
import { emit, median, seededRandom, sink, timeIt } from './emit.js';

const N = 10_000;
const KINDS = ['sha', 'cha', 'indication'] as const;

/** Seeded, synthetic hazard documents: 10-vertex polygons 50–400 m across, scattered over 20°×10°. */
export function syntheticDocs(n: number, seed: number): Doc[] {
  const rnd = seededRandom(seed);
  const out: Doc[] = [];
  for (let i = 0; i < n; i++) {
    const cx = 22 + rnd() * 20;
    const cy = 45 + rnd() * 10;
    const r = (25 + rnd() * 175) / 111_000;
    const ring: Position[] = [];
    for (let k = 0; k < 10; k++) {
      const t = (2 * Math.PI * k) / 10;
      const rr = r * (0.7 + 0.3 * rnd());
      ring.push([cx + (rr * Math.cos(t)) / Math.cos((cy * Math.PI) / 180), cy + rr * Math.sin(t)]);
    }
    ring.push(ring[0] as Position);
    out.push({
      collection: 'hazards',
      id: `synthetic-${i}`,
      version: 1,
      data: {
        name: `SYNTHETIC hazard ${i}`,
        kind: KINDS[i % 3] ?? 'sha',
        evidence: 'indirect',
        estimatedAreaM2: Math.round(rnd() * 50_000),
        priority: 'medium',
      },
      geometry: { type: 'Polygon', coordinates: [ring] },
    });
  }
  return out;
}

let floorRun = 0;

/**
 * What SQLite alone costs for the rows one import writes: every row of the imported data
 * directory's ledger and projection tables (events, Merkle nodes, documents and their R*Tree
 * boxes), read into memory first, then inserted into a fresh file with the store's own schema and
 * settings (WAL, synchronous = FULL) in one transaction, and the file closed, as the import does.
 * No Cairn code runs in the timed part: it is the floor under any import that keeps a ledger and
 * an indexed projection in SQLite.
 */
function storeRows(source: string): { t: string; rows: unknown[][] }[] {
  const src = new Database(source, { readonly: true });
  try {
    return ['events', 'merkle_nodes', 'docs', 'docs_bbox'].map((t) => ({
      t,
      rows: src.prepare(`SELECT * FROM ${t}`).raw().all() as unknown[][],
    }));
  } finally {
    src.close();
  }
}

/** Insert `storeRows`' rows into a fresh store file: the timed part of the floor. */
function storeFloor(rows: readonly { t: string; rows: unknown[][] }[], dir: string): void {
  const file = join(dir, `floor-${floorRun++}.db`);
  const db = openDb(file, false, false);
  for (const m of SQLITE_MIGRATIONS) db.exec(m.sql);
  db.exec('BEGIN IMMEDIATE');
  for (const { t, rows: rs } of rows) {
    const width = rs[0]?.length ?? 0;
    const ins = db.prepare(`INSERT INTO ${t} VALUES (${Array<string>(width).fill('?').join(', ')})`);
    for (const r of rs) ins.run(...r);
  }
  db.exec('COMMIT');
  db.close();
}

function must<T>(r: { ok: true; value: T } | { ok: false; errors: readonly { message: string }[] }): T {
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
  return r.value;
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cairn-bench-interchange-'));
  try {
    const docs = syntheticDocs(N, 12);
    const pages = function* () {
      for (let i = 0; i < docs.length; i += 1000) yield docs.slice(i, i + 1000);
    };
    const gpkg = join(dir, 'synthetic.gpkg');
    const geojson = join(dir, 'synthetic.geojson');
    must(await exportFeatures(pages, { format: 'gpkg', out: gpkg, layer: 'hazards' }));
    must(await exportFeatures(pages, { format: 'geojson', out: geojson, layer: 'hazards' }));

    let run = 0;
    const cairnImport = async () => {
      const read = must(await readFeatures(gpkg));
      const prepared = must(prepareImport('hazards', 'synthetic.gpkg', read));
      if (prepared.report.errors > 0)
        throw new Error(
          `synthetic data has ${prepared.report.errors} errors: ${prepared.report.entries[0]?.message ?? ''}`,
        );
      const { app } = await initCairn(join(dir, `data-${run++}`), 'cairn/bench', {}, undefined, true);
      try {
        const done = must(
          await app.execute(
            importCommand('hazards', prepared, { name: 'synthetic.gpkg', sha256: fileDigest(gpkg) }),
            SYSTEM_ACTOR,
          ),
        );
        sink.value = done.result;
      } finally {
        await app.close();
      }
    };
    let ogr = 0;
    const ogrCpu: number[] = [];
    const ogr2ogr = () => {
      const out = join(dir, `ogr-${ogr++}.gpkg`);
      // bash's `time` reports the child's user and system CPU seconds on stderr.
      const r = spawnSync(
        'bash',
        ['-c', 'TIMEFORMAT="%U %S"; time ogr2ogr -f GPKG "$0" "$1"', out, geojson],
        { encoding: 'utf8' },
      );
      if (r.status !== 0) throw new Error(`ogr2ogr failed: ${r.error?.message ?? r.stderr}`);
      const [u, sys] = (r.stderr.trim().split('\n').at(-1) ?? '').split(' ').map(Number);
      ogrCpu.push(((u ?? NaN) + (sys ?? NaN)) * 1000);
    };
    const cairnCpu: number[] = [];
    const cairnTimed = async () => {
      const c0 = process.cpuUsage();
      await cairnImport();
      const c = process.cpuUsage(c0);
      cairnCpu.push((c.user + c.system) / 1000);
    };
    const cairnMs = median(await timeIt(cairnTimed, 3, 1));
    const ogrMs = median(await timeIt(ogr2ogr, 3, 1));
    const ratio = cairnMs / ogrMs;
    const rows = storeRows(join(dir, `data-${run - 1}`, 'cairn.db'));
    const floorMs = median(await timeIt(() => storeFloor(rows, dir), 3, 1));
    const cpuMs = median(cairnCpu.slice(1).sort((a, b) => a - b));
    const ogrCpuMs = median(ogrCpu.slice(1).sort((a, b) => a - b));
    emit({
      bench: 'interchange',
      metric: 'import-gpkg-10k-polygons',
      value: Math.round(cairnMs),
      unit: 'ms',
      name: 'import-gpkg-10k-polygons',
      ms: Math.round(cairnMs),
      ogr2ogrMs: Math.round(ogrMs),
      ratio: Math.round(ratio * 100) / 100,
      target: '≤ 2',
      cpuMs: Math.round(cpuMs),
      ogr2ogrCpuMs: Math.round(ogrCpuMs),
      cpuRatio: Math.round((cpuMs / ogrCpuMs) * 100) / 100,
      features: N,
      node: process.version,
    });
    emit({
      bench: 'interchange',
      metric: 'import-store-floor',
      value: Math.round(floorMs),
      unit: 'ms',
      note: 'the same rows the import wrote, inserted by better-sqlite3 alone into a fresh file: no Cairn code',
      ogr2ogrMs: Math.round(ogrMs),
      ratio: Math.round((floorMs / ogrMs) * 100) / 100,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
