/**
 * The real executable: `node bin/cairn.js …` as auditors and scripts run it, with real pipes and
 * real process exit codes. It runs the compiled dist/ — build it first with
 * `npx tsc -p tsconfig.build.json` (`npm test` does).
 */
import { spawnSync } from 'node:child_process';
import { createPrivateKey, createPublicKey, verify as edVerify } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanTemp, copyDir, parseCheckpointText, sha256, tempDir } from './helpers.js';

const root = join(import.meta.dirname, '../..');
const bin = join(root, 'bin/cairn.js');
const built = join(root, 'dist/cli/main.js');

function cairn(args: readonly string[], input = ''): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: root,
    input,
    encoding: 'utf8',
    env: { ...process.env, CAIRN_DATA: '' },
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

let dir = '';

beforeAll(() => {
  if (!existsSync(built))
    throw new Error(
      `${built} is missing: build it with \`npx tsc -p tsconfig.build.json\` before running the executable tests`,
    );
  dir = join(tempDir(), 'data');
  const init = cairn(['init', '--data', dir, '--origin', 'example.org/bin-test']);
  expect(init.code, init.err).toBe(0);
}, 60_000);

afterAll(cleanTemp);

describe('node bin/cairn.js', () => {
  it('prints help with exit code 0', () => {
    const r = cairn(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['init', 'migrate', 'verify', 'checkpoint', 'key', 'ledger', 'user'])
      expect(r.out).toMatch(new RegExp(`^  ${c}\\b`, 'm'));
  });

  it('adds a user from a piped password, which never appears in its output', () => {
    const r = cairn(['user', 'add', 'alice', '--role', 'admin', '--data', dir], 'piped-synthetic-password\n');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe('added user alice (admin)\n');
    expect(r.out + r.err).not.toContain('piped-synthetic-password');
  });

  it('prints the verifier key and a checkpoint that node:crypto verifies with it', () => {
    const key = cairn(['key', '--data', dir]);
    expect(key.code).toBe(0);
    const spki = createPublicKey(createPrivateKey(readFileSync(join(dir, 'signing.key'), 'utf8'))).export({
      format: 'der',
      type: 'spki',
    });
    const pub = Buffer.from(spki.subarray(spki.length - 32));
    const id = sha256(Buffer.from('example.org/bin-test\n'), Buffer.from([0x01]), pub).subarray(0, 4);
    expect(key.out).toBe(
      `example.org/bin-test+${id.toString('hex')}+${Buffer.concat([Buffer.from([0x01]), pub]).toString('base64')}\n`,
    );

    const cp = cairn(['checkpoint', '--data', dir]);
    expect(cp.code, cp.err).toBe(0);
    const parsed = parseCheckpointText(cp.out);
    expect(parsed.size).toBe(2);
    expect(parsed.keyId).toEqual(id);
    const pubKey = createPublicKey({
      key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), pub]),
      format: 'der',
      type: 'spki',
    });
    expect(edVerify(null, Buffer.from(parsed.body), pubKey, parsed.signature)).toBe(true);
  });

  it('exits 0 from verify on a good directory and 1 on a tampered one', () => {
    const good = cairn(['verify', '--data', dir]);
    expect(good.code, good.out + good.err).toBe(0);
    expect(good.out).toMatch(/^OK: 2 events/);
    const bad = copyDir(dir);
    const db = new Database(join(bad, 'cairn.db'));
    db.prepare(
      "UPDATE docs SET data = json_set(data, '$.roles', json('[\"auditor\"]')) WHERE collection = 'users'",
    ).run();
    db.close();
    const r = cairn(['verify', '--data', bad]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^FAIL projections: users\/\S+ differs from a replay of the ledger/m);
  });

  it('exits 2 with one line for wrong usage and 1 with one line for a failure', () => {
    const usage = cairn(['bogus']);
    expect([usage.code, usage.out]).toEqual([2, '']);
    expect(usage.err).toMatch(/^cairn: unknown command 'bogus'[^\n]*\n$/);
    const size = cairn(['ledger', 'proof', 'inclusion', '--index', '0', '--size', 'ten', '--data', dir]);
    expect([size.code, size.err]).toEqual([2, 'cairn: --size must be a non-negative integer, got "ten"\n']);
    const range = cairn(['ledger', 'entry', '--index', '2', '--data', dir]);
    expect([range.code, range.err]).toEqual([
      1,
      'cairn: index 2 is out of range: the ledger has 2 entries\n',
    ]);
    const missing = cairn(['verify', '--data', join(dir, 'nowhere')]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/^cairn: data directory \S+ does not exist[^\n]*\n$/);
  });
});
