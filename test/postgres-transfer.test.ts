/**
 * Moving a ledger by replay through the CLI: SQLite → PostgreSQL, then PostgreSQL → SQLite
 * (the backup and restore path of docs/postgres.md). Each target ends with the identical root
 * and passes `cairn verify`.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { expect, it } from 'vitest';
import type { CliIo } from '../src/cli/io.js';
import { main } from '../src/cli/main.js';
import { createTestSchema, dropTestSchema, urlWithSchema } from '../src/store/postgres/testing/index.js';
import { describeWithPostgres } from '../src/store/postgres/testing/describe.js';

async function cli(args: readonly string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (t) => (out += t),
    err: (t) => (err += t),
    stdin: Readable.from([stdin]),
    stdinIsTTY: false,
    env: {},
  };
  const code = await main(['node', 'cairn', ...args], io);
  process.exitCode = undefined;
  return { code, out, err };
}

async function json<T>(args: readonly string[], stdin = ''): Promise<T> {
  const r = await cli([...args, '--json'], stdin);
  expect({ args, code: r.code, err: r.err }).toEqual({ args, code: 0, err: '' });
  return JSON.parse(r.out) as T;
}

interface Summary {
  size: number;
  root: string;
  checkpoints: number;
  credentials: number;
}
interface Verified {
  ok: boolean;
  size: number;
  root: string;
  checkpoints: number;
  failures: unknown[];
}

describeWithPostgres('ledger transfer between SQLite and PostgreSQL', (pgBase) => {
  it('moves a ledger SQLite → PostgreSQL → SQLite by replay with the identical root, logins and a passing verify', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'cairn-transfer-'));
    const schema = await createTestSchema(pgBase);
    const url = urlWithSchema(pgBase, schema);
    const a = join(tmp, 'a');
    try {
      // A SQLite ledger with two users, a role change and a checkpoint.
      await json(['init', '--data', a, '--origin', 'cairn/transfer']);
      await json(['user', 'add', 'alice', '--role', 'admin', '--data', a], 'correct horse battery\n');
      await json(['user', 'add', 'bob', '--role', 'auditor', '--data', a], 'battery staple horse\n');
      await json(['user', 'role', 'bob', '--add', 'approver', '--data', a]);
      await json(['checkpoint', '--data', a]);
      const sqliteVerify = await json<Verified>(['verify', '--data', a]);
      const f1 = join(tmp, 'sqlite.cairn');
      const out1 = await json<Summary>(['ledger', 'export', '--data', a, '--out', f1]);
      expect(out1).toMatchObject({
        size: sqliteVerify.size,
        root: sqliteVerify.root,
        checkpoints: 1,
        credentials: 2,
      });
      expect(statSync(f1).mode & 0o777).toBe(0o600);

      // SQLite → PostgreSQL: the same data directory (key, origin), a fresh database.
      const in1 = await json<Summary>(['ledger', 'import', f1, '--data', a, '--database-url', url]);
      expect(in1.root).toBe(sqliteVerify.root);
      const pgVerify = await json<Verified>(['verify', '--data', a, '--database-url', url]);
      expect(pgVerify).toMatchObject({
        ok: true,
        size: sqliteVerify.size,
        root: sqliteVerify.root,
        checkpoints: 1,
        failures: [],
      });
      const again = await cli(['ledger', 'import', f1, '--data', a, '--database-url', url]);
      expect(again.code).toBe(1);
      expect(again.err).toMatch(/^cairn: the target ledger already holds \d+ events/);

      // Work continues on PostgreSQL, then PostgreSQL → SQLite into a restored data directory.
      await json(
        ['user', 'add', 'carol', '--role', 'auditor', '--data', a, '--database-url', url],
        'carol horse battery\n',
      );
      const f2 = join(tmp, 'postgres.cairn');
      const out2 = await json<Summary>(['ledger', 'export', '--data', a, '--database-url', url, '--out', f2]);
      expect(out2.size).toBeGreaterThan(sqliteVerify.size);
      const b = join(tmp, 'b');
      mkdirSync(b, { mode: 0o700 });
      for (const f of ['cairn.json', 'signing.key']) copyFileSync(join(a, f), join(b, f));
      const in2 = await json<Summary>(['ledger', 'import', f2, '--data', b]);
      expect(in2).toMatchObject({ size: out2.size, root: out2.root, credentials: 3 });
      const restored = await json<Verified>(['verify', '--data', b]);
      expect(restored).toMatchObject({
        ok: true,
        size: out2.size,
        root: out2.root,
        checkpoints: 1,
        failures: [],
      });
      // Logins travelled: carol, created on PostgreSQL, can act on the restored SQLite copy.
      const users = await json<{ name: string }[]>(['user', 'list', '--data', b]);
      expect(users.map((u) => u.name)).toEqual(['alice', 'bob', 'carol']);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
      await dropTestSchema(pgBase, schema);
    }
  }, 120_000);
});
