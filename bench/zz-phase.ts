import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SYSTEM_ACTOR } from '../src/access/index.js';
import { initCairn } from '../src/cli/context.js';
import { exportFeatures, fileDigest, importCommand, prepareImport, readFeatures } from '../src/interchange/index.js';
import { syntheticDocs } from './interchange.js';
const dir = mkdtempSync(join(tmpdir(), 'p-'));
const docs = syntheticDocs(10000, 12);
const pages = function* () { for (let i = 0; i < docs.length; i += 1000) yield docs.slice(i, i + 1000); };
const gpkg = join(dir, 's.gpkg');
await exportFeatures(pages, { format: 'gpkg', out: gpkg, layer: 'hazards' });
const res: Record<string, number[]> = {};
for (let r = 0; r < +(process.env.RUNS ?? 5); r++) {
  let c = process.cpuUsage();
  const lap = (n: string) => { const x = process.cpuUsage(c); (res[n] ??= []).push(Math.round((x.user + x.system) / 1000)); c = process.cpuUsage(); };
  (globalThis as any).T = {}; const w0 = performance.now();
  const read = await readFeatures(gpkg); lap("read");
  if (!read.ok) throw 1;
  const prepared = prepareImport('hazards', 's.gpkg', read.value); lap('prepare');
  if (!prepared.ok) throw 2;
  const { app } = await initCairn(join(dir, 'd' + r), 'cairn/bench', {}, undefined, true); lap('init');
  const cmd = importCommand('hazards', prepared.value, { name: 's.gpkg', sha256: fileDigest(gpkg) }); lap('cmd');
  const done = await app.execute(cmd, SYSTEM_ACTOR); lap('execute');
  if (!done.ok) throw JSON.stringify(done.errors.slice(0, 2));
  await app.close(); lap("close"); console.log("wall", Math.round(performance.now() - w0), JSON.stringify(Object.fromEntries(Object.entries((globalThis as any).T).map(([k, v]) => [k, Math.round(v as number)]))));
}
const out: Record<string, number> = {}; let tot = 0;
for (const [k, v] of Object.entries(res)) { out[k] = Math.min(...v.slice(1)); tot += out[k]; }
console.log(JSON.stringify({ ...out, total: tot }), JSON.stringify(Object.fromEntries(Object.entries((globalThis as any).T ?? {}).map(([k, v]) => [k, Math.round((v as number) / +(process.env.RUNS ?? 5))]))));
