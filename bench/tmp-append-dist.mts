import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isoInstant, seededRandom } from '../dist/core/index.js';
import type { EventDraft } from '../dist/ledger/index.js';
import { SqliteStore } from '../dist/store/sqlite/index.js';

function draft(i: number, random: () => number): EventDraft {
  return { type: 'bench.movement-recorded', schemaVersion: 1, effectiveAt: '2026-01-01T00:00:00.000Z', actor: '00000000-0000-4000-8000-000000000001',
    payload: { note: 'SYNTHETIC DEMO DATA', lot: `LOT-${String(i % 9973).padStart(5, '0')}`, quantity: Math.floor(random() * 500), from: `DEPOT-${Math.floor(random() * 40)}`, to: `DEPOT-${Math.floor(random() * 40)}`, reference: `MV-${i}` },
    refs: i > 0 ? [i - 1] : [] };
}
const TOTAL = Number(process.env['N'] ?? 300000);
const dir = mkdtempSync(join(tmpdir(), 'cairn-prof-'));
const store = new SqliteStore(join(dir, 'l.db'));
await store.migrate();
const random = seededRandom(1);
const c = process.cpuUsage(); const t0 = process.hrtime.bigint();
let draftNs = 0n;
for (let i = 0; i < TOTAL; i += 1000) {
  const d0 = process.hrtime.bigint();
  const drafts = Array.from({ length: 1000 }, (_, k) => draft(i + k, random));
  draftNs += process.hrtime.bigint() - d0;
  const now = isoInstant(new Date());
  await store.transaction((tx) => tx.append(drafts, now));
}
const s = Number(process.hrtime.bigint() - t0) / 1e9; const cpu = process.cpuUsage(c);
console.log(JSON.stringify({ eps: Math.round(TOTAL / s), cpu_us_per_event: ((cpu.user + cpu.system) / TOTAL).toFixed(2), draft_us: (Number(draftNs) / 1e3 / TOTAL).toFixed(2) }));
await store.close(); rmSync(dir, { recursive: true });
