/**
 * Crash safety (issue #2, item 8): a child appends in a loop and is killed with SIGKILL at random
 * moments, 20 times over the same data directory (crash-child.ts). After every kill the database must pass
 * `cairn verify` and hold every event whose append had returned to the child.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCairn } from '../../src/cli/context.js';
import { cleanTemp, cli, tempDir } from './helpers.js';

const KILLS = 20;
const child = join(import.meta.dirname, 'crash-child.ts');
const root = join(import.meta.dirname, '../..');
let dir = '';

beforeAll(async () => {
  dir = join(tempDir(), 'data');
  expect((await cli(['init', '--data', dir, '--origin', 'example.org/crash'])).code).toBe(0);
  expect(
    (await cli(['user', 'add', 'bob', '--role', 'stock-officer', '--data', dir], 'synthetic password\n'))
      .code,
  ).toBe(0);
}, 60_000);

afterAll(cleanTemp);

/** A seeded PRNG (mulberry32) so a failing schedule can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Run the child, kill it `delayMs` after it is ready, and return the "seq hash" lines it printed. */
function runAndKill(
  delayMs: number,
): Promise<{ lines: string[]; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', child, dir], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let stderr = '';
    let armed = false;
    p.stdout.setEncoding('utf8').on('data', (s: string) => {
      out += s;
      if (!armed && out.includes('ready\n')) {
        armed = true;
        setTimeout(() => p.kill('SIGKILL'), delayMs);
      }
    });
    p.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    p.on('error', reject);
    p.on('close', (_code, signal) => {
      // Only complete lines were written by returned appends (writeSync of whole lines).
      const lines = out.split('\n').filter((l) => /^\d+ [0-9a-f]{64}$/.test(l));
      resolve({ lines, signal, stderr });
    });
  });
}

describe('crash safety', () => {
  it(`keeps every returned append and a verifiable ledger across ${KILLS} SIGKILLs`, async () => {
    const seed = Number(process.env['CAIRN_CRASH_SEED'] ?? Date.now() % 1_000_000);
    const random = prng(seed);
    const acknowledged = new Map<number, string>();
    let killedMidWork = 0;
    for (let k = 0; k < KILLS; k++) {
      const delay = Math.floor(5 + random() * 250);
      const { lines, signal, stderr } = await runAndKill(delay);
      expect(signal, `seed ${seed}, kill ${k}: the child ended by itself: ${stderr}`).toBe('SIGKILL');
      for (const l of lines) {
        const [seq = '', hash = ''] = l.split(' ');
        acknowledged.set(Number(seq), hash);
      }
      if (lines.length > 0) killedMidWork += 1;

      const r = await cli(['verify', '--data', dir]);
      expect(r.code, `seed ${seed}, kill ${k} after ${delay} ms: ${r.out}${r.err}`).toBe(0);
      const { app } = await openCairn(dir, {});
      try {
        const size = await app.store.treeSize();
        const stored = new Map(
          (await app.store.readEntries(0, size)).map((e) => [e.seq, e.leafHash.toString('hex')]),
        );
        for (const [seq, hash] of acknowledged) {
          expect(stored.get(seq), `seed ${seed}, kill ${k}: acknowledged event ${seq} lost or changed`).toBe(
            hash,
          );
        }
      } finally {
        await app.close();
      }
    }
    // The schedule must actually have interrupted work, not only idle children.
    expect(killedMidWork).toBeGreaterThanOrEqual(KILLS / 2);
    expect(acknowledged.size).toBeGreaterThan(KILLS);
  }, 180_000);
});
