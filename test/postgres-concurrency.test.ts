/**
 * Concurrent writers on PostgreSQL (issue 9): four OS processes, each with its own connection,
 * append 1,000 events at the same time. The ledger must stay totally ordered, gap-free, exact
 * in count and verifiable by `cairn verify`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../src/access/index.js';
import { parseEventBytes } from '../src/ledger/index.js';
import { withCairn } from '../src/cli/context.js';
import type { CliIo } from '../src/cli/io.js';
import { main } from '../src/cli/main.js';
import { createTestSchema, dropTestSchema, urlWithSchema } from '../src/store/postgres/testing/index.js';
import { describeWithPostgres } from '../src/store/postgres/testing/describe.js';

const WORKERS = 4;
const PER_WORKER = 1000;

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (t) => (out += t),
    err: (t) => (err += t),
    stdin: Readable.from([]),
    stdinIsTTY: false,
    env: {},
  };
  const code = await main(['node', 'cairn', ...args], io);
  process.exitCode = undefined;
  return { code, out, err };
}

function worker(dir: string, url: string, user: string): Promise<{ user: string; seqs: number[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(import.meta.dirname, 'postgres-concurrency.worker.ts'),
        dir,
        url,
        user,
        String(PER_WORKER),
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`worker ${user} exited ${code}: ${err}`));
      else resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as { user: string; seqs: number[] });
    });
  });
}

describeWithPostgres('postgres concurrency', (pgUrl) => {
  it(`keeps the ledger totally ordered, gap-free, exact and verifiable when ${WORKERS} processes each append ${PER_WORKER} events at once`, async () => {
    const schema = await createTestSchema(pgUrl);
    const url = urlWithSchema(pgUrl, schema);
    const dir = join(mkdtempSync(join(tmpdir(), 'cairn-pgconc-')), 'data');
    try {
      expect(
        (await cli('init', '--data', dir, '--database-url', url, '--origin', 'cairn/concurrency')).code,
      ).toBe(0);
      const users = Array.from({ length: WORKERS }, (_, i) => `writer${i}`);
      const setup = await withCairn(dir, { databaseUrl: url }, async (app) => {
        for (const name of users) {
          const r = await app.execute(
            { type: 'user.add', payload: { name, roles: ['approver'], password: 'correct horse battery' } },
            SYSTEM_ACTOR,
          );
          expect(r.ok).toBe(true);
        }
        return app.store.treeSize();
      });

      const results = await Promise.all(users.map((u) => worker(dir, url, u)));

      // Each process saw its own appends in strictly increasing positions…
      for (const r of results) {
        expect(r.seqs).toHaveLength(PER_WORKER);
        expect(r.seqs.every((s, i) => i === 0 || s > (r.seqs[i - 1] ?? Infinity))).toBe(true);
      }
      // …and together they fill the positions after the setup exactly once: no gap, no duplicate.
      const all = results.flatMap((r) => r.seqs).sort((a, b) => a - b);
      expect(all).toEqual(Array.from({ length: WORKERS * PER_WORKER }, (_, i) => setup + i));
      // The writers really interleaved (the lock serialised them; it did not run them one by one).
      const owner = new Map(results.flatMap((r) => r.seqs.map((s) => [s, r.user] as const)));
      let switches = 0;
      for (let s = setup + 1; s < setup + WORKERS * PER_WORKER; s++)
        if (owner.get(s) !== owner.get(s - 1)) switches += 1;
      expect(switches).toBeGreaterThan(WORKERS);

      const stored = await withCairn(dir, { databaseUrl: url }, async (app) =>
        (await app.store.readEntries(0, setup + WORKERS * PER_WORKER + 1)).map((e) =>
          parseEventBytes(e.bytes),
        ),
      );
      expect(stored).toHaveLength(setup + WORKERS * PER_WORKER);
      expect(stored.every((e, i) => e.seq === i)).toBe(true);

      const v = await cli('verify', '--data', dir, '--database-url', url, '--json');
      const report = JSON.parse(v.out) as { ok: boolean; size: number; failures: unknown[] };
      expect(report.failures).toEqual([]);
      expect(report).toMatchObject({ ok: true, size: setup + WORKERS * PER_WORKER });
      expect(v.code).toBe(0);
    } finally {
      rmSync(join(dir, '..'), { recursive: true, force: true });
      await dropTestSchema(pgUrl, schema);
    }
  }, 600_000);
});
