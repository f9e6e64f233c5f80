/**
 * The exact output formats auditors' tools read (issue #2, item 7), each checked by code written
 * here with node:crypto: verifier key, signed checkpoint, ledger entry, inclusion and
 * consistency proofs; and `user add` taking its password from stdin without leaking it.
 */
import { createPrivateKey, createPublicKey, verify as edVerify } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCairn } from '../../src/cli/context.js';
import {
  cleanTemp,
  cli,
  consistent,
  leafOf,
  mth,
  parseCheckpointText,
  rootFromPath,
  sha256,
  tempDir,
  type ParsedCheckpoint,
} from './helpers.js';

const ORIGIN = 'example.org/cairn-test';
const PASSWORD = 'Tr0ub4dor&3-synthetic';
let dir = '';
let leaves: Buffer[] = [];
let early: ParsedCheckpoint;
let late: ParsedCheckpoint;
let rawPublicKey: Buffer;

async function ok(argv: readonly string[], stdin = ''): Promise<string> {
  const r = await cli([...argv, '--data', dir], stdin);
  if (r.code !== 0) throw new Error(`cairn ${argv.join(' ')} exited ${r.code}: ${r.err}`);
  expect(r.err).toBe('');
  return r.out;
}

const hex = (s: string) => Buffer.from(s, 'hex');

beforeAll(async () => {
  dir = join(tempDir(), 'data');
  expect((await cli(['init', '--data', dir, '--origin', ORIGIN])).code).toBe(0);
  await ok(['user', 'add', 'alice', '--role', 'admin'], `${PASSWORD}\n`);
  early = parseCheckpointText(await ok(['checkpoint']));
  await ok(['user', 'add', 'bob', '--role', 'stock-officer'], 'another password 2\n');
  await ok(['user', 'add', 'carol', '--role', 'approver', 'auditor'], 'another password 3\n');
  for (let i = 0; i < 3; i++) {
    await ok(['user', 'role', 'bob', '--add', 'auditor']);
    await ok(['user', 'role', 'bob', '--remove', 'auditor']);
  }
  await ok(['user', 'role', 'bob', '--add', 'approver']);
  late = parseCheckpointText(await ok(['checkpoint']));
  // The leaves, independently: SHA-256(0x00 ‖ canonical bytes) of each entry's `leaf`.
  for (let i = 0; i < late.size; i++) {
    const e = JSON.parse(await ok(['ledger', 'entry', '--index', String(i), '--json'])) as { leaf: string };
    leaves.push(leafOf(Buffer.from(e.leaf, 'base64')));
  }
  const pem = readFileSync(join(dir, 'signing.key'), 'utf8');
  const spki = createPublicKey(createPrivateKey(pem)).export({ format: 'der', type: 'spki' });
  rawPublicKey = Buffer.from(spki.subarray(spki.length - 32));
}, 120_000);

afterAll(() => {
  cleanTemp();
  leaves = [];
});

describe('cairn key', () => {
  it('prints <origin>+<8 hex key id>+<base64(0x01 ‖ public key)> with the key id of the signed-note spec', async () => {
    const out = await ok(['key']);
    const m = /^([^+\s]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/]+=*)\n$/.exec(out);
    expect(m).not.toBeNull();
    const [, name, id, key] = m ?? [];
    expect(name).toBe(ORIGIN);
    expect(key).toBe(Buffer.concat([Buffer.from([0x01]), rawPublicKey]).toString('base64'));
    const keyId = sha256(Buffer.from(`${ORIGIN}\n`), Buffer.from([0x01]), rawPublicKey).subarray(0, 4);
    expect(id).toBe(keyId.toString('hex'));
  });
});

describe('cairn checkpoint', () => {
  it('prints the C2SP body, a blank line and one em-dash signature line by the instance key', () => {
    for (const cp of [early, late]) {
      expect(cp.origin).toBe(ORIGIN);
      expect(cp.sigName).toBe(ORIGIN);
      expect(cp.keyId).toEqual(
        sha256(Buffer.from(`${ORIGIN}\n`), Buffer.from([0x01]), rawPublicKey).subarray(0, 4),
      );
      const pub = createPublicKey({
        key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), rawPublicKey]),
        format: 'der',
        type: 'spki',
      });
      expect(edVerify(null, Buffer.from(cp.body, 'utf8'), pub, cp.signature)).toBe(true);
      // One changed byte of the body and the signature no longer verifies.
      expect(
        edVerify(
          null,
          Buffer.from(cp.body.replace(/\n\d+\n/, `\n${cp.size + 1}\n`), 'utf8'),
          pub,
          cp.signature,
        ),
      ).toBe(false);
    }
  });

  it('signs the size and the RFC 9162 root of the ledger as it was', () => {
    expect(early.size).toBe(2);
    expect(late.size).toBe(leaves.length);
    expect(late.size).toBe(13);
    expect(early.root).toEqual(mth(leaves.slice(0, 2)));
    expect(late.root).toEqual(mth(leaves));
  });
});

describe('cairn ledger entry --json', () => {
  it('prints {index, leaf, leafHash, event} with leafHash = SHA-256(0x00 ‖ leaf bytes) and the event parsed from them', async () => {
    for (const index of [0, 1, 7, 12]) {
      const text = await ok(['ledger', 'entry', '--index', String(index), '--json']);
      expect(text.endsWith('}\n')).toBe(true);
      const e = JSON.parse(text) as Record<string, unknown>;
      expect(Object.keys(e)).toEqual(['index', 'leaf', 'leafHash', 'event']);
      expect(e['index']).toBe(index);
      const bytes = Buffer.from(e['leaf'] as string, 'base64');
      expect(e['leafHash']).toBe(leafOf(bytes).toString('hex'));
      expect(e['event']).toEqual(JSON.parse(bytes.toString('utf8')));
      expect((e['event'] as { seq: number }).seq).toBe(index);
    }
  });

  it('stores no secret: no entry contains the password or a hash of it', async () => {
    for (let i = 0; i < leaves.length; i++) {
      const e = JSON.parse(await ok(['ledger', 'entry', '--index', String(i), '--json'])) as { leaf: string };
      const text = Buffer.from(e.leaf, 'base64').toString('utf8');
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toMatch(/scrypt/i);
    }
  });
});

describe('cairn ledger proof inclusion --json', () => {
  it('gives, for every index and size, a proof that an independent RFC 9162 verifier accepts', async () => {
    const n = leaves.length;
    for (let size = 1; size <= n; size++) {
      for (let index = 0; index < size; index++) {
        const p = JSON.parse(
          await ok([
            'ledger',
            'proof',
            'inclusion',
            '--index',
            String(index),
            '--size',
            String(size),
            '--json',
          ]),
        ) as Record<string, unknown>;
        expect(Object.keys(p)).toEqual(['index', 'size', 'leafHash', 'root', 'proof']);
        expect([p['index'], p['size']]).toEqual([index, size]);
        expect(p['leafHash']).toBe(leaves[index]?.toString('hex'));
        expect(p['root']).toBe(mth(leaves.slice(0, size)).toString('hex'));
        const proof = (p['proof'] as string[]).map(hex);
        expect(rootFromPath(index, size, hex(p['leafHash'] as string), proof)?.toString('hex')).toBe(
          p['root'],
        );
        if (proof.length > 0) {
          const bad = proof.map((h, i) =>
            i === 0 ? Buffer.from(h.map((b, j) => (j === 0 ? b ^ 1 : b))) : h,
          );
          expect(rootFromPath(index, size, hex(p['leafHash'] as string), bad)?.toString('hex')).not.toBe(
            p['root'],
          );
        }
      }
    }
  }, 120_000);

  it('proves an entry against the root a checkpoint signed', async () => {
    const p = JSON.parse(
      await ok(['ledger', 'proof', 'inclusion', '--index', '1', '--size', String(early.size), '--json']),
    ) as { leafHash: string; proof: string[] };
    expect(rootFromPath(1, early.size, hex(p.leafHash), p.proof.map(hex))).toEqual(early.root);
  });
});

describe('cairn ledger proof consistency --json', () => {
  it('gives, for every pair of sizes, a proof that an independent RFC 9162 verifier accepts', async () => {
    const n = leaves.length;
    for (let to = 1; to <= n; to++) {
      for (let from = 1; from <= to; from++) {
        const p = JSON.parse(
          await ok(['ledger', 'proof', 'consistency', '--from', String(from), '--to', String(to), '--json']),
        ) as Record<string, unknown>;
        expect(Object.keys(p)).toEqual(['from', 'to', 'root1', 'root2', 'proof']);
        expect([p['from'], p['to']]).toEqual([from, to]);
        const root1 = mth(leaves.slice(0, from));
        const root2 = mth(leaves.slice(0, to));
        expect([p['root1'], p['root2']]).toEqual([root1.toString('hex'), root2.toString('hex')]);
        const proof = (p['proof'] as string[]).map(hex);
        expect(consistent(from, to, root1, root2, proof)).toBe(true);
        if (from < to) expect(consistent(from, to, root2, root1, proof)).toBe(false);
      }
    }
  }, 120_000);

  it('links the two signed checkpoints', async () => {
    const p = JSON.parse(
      await ok([
        'ledger',
        'proof',
        'consistency',
        '--from',
        String(early.size),
        '--to',
        String(late.size),
        '--json',
      ]),
    ) as { proof: string[] };
    expect(consistent(early.size, late.size, early.root, late.root, p.proof.map(hex))).toBe(true);
  });
});

describe('cairn user add', () => {
  it('reads the password from piped stdin, never prints it, and never stores it in clear', async () => {
    const out = await ok(
      ['user', 'add', 'dave', '--role', 'field-surveyor', '--json'],
      'dave-secret-passphrase\n',
    );
    expect(out).not.toContain('dave-secret-passphrase');
    for (const f of readdirSync(dir)) {
      expect(readFileSync(join(dir, f)).includes(Buffer.from('dave-secret-passphrase'))).toBe(false);
      expect(readFileSync(join(dir, f)).includes(Buffer.from(PASSWORD))).toBe(false);
    }
    const { app } = await openCairn(dir, {});
    try {
      // The trailing newline of the pipe is not part of the password.
      expect((await app.authenticate('dave', 'dave-secret-passphrase')).name).toBe('dave');
      await expect(app.authenticate('dave', 'dave-secret-passphrase\n')).rejects.toMatchObject({
        code: 'AUTH_INVALID_CREDENTIALS',
      });
    } finally {
      await app.close();
    }
  });
});
