/**
 * Bad input (issue #2): each case gives one line naming the problem, exit 2 for wrong usage and 1
 * for failure, writes nothing, and leaves the data directory valid.
 */
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKeyPem } from '../../src/ledger/index.js';
import { cleanTemp, cli, copyDir, fingerprint, tempDir, type CliRun } from './helpers.js';

let good = '';

beforeAll(async () => {
  good = join(tempDir(), 'data');
  expect((await cli(['init', '--data', good, '--origin', 'example.org/bad-input'])).code).toBe(0);
  expect(
    (await cli(['user', 'add', 'alice', '--role', 'admin', '--data', good], 'synthetic password\n')).code,
  ).toBe(0);
  expect((await cli(['checkpoint', '--data', good])).code).toBe(0);
}, 60_000);

afterAll(cleanTemp);

/** One line on stderr, prefixed and without a stack; nothing on stdout. */
function expectOneLine(r: CliRun, code: 1 | 2, names: RegExp): void {
  expect(r.code, r.err).toBe(code);
  expect(r.out).toBe('');
  expect(r.err).toMatch(/^cairn: [^\n]+\n$/);
  expect(r.err).not.toMatch(/\n\s+at /);
  expect(r.err).toMatch(names);
}

async function expectVerifies(dir: string): Promise<void> {
  const r = await cli(['verify', '--data', dir]);
  expect(r.code, r.out + r.err).toBe(0);
  expect(r.out).toMatch(/^OK: 2 events, root [0-9a-f]{64}, 1 checkpoint/);
}

/** Run a command against a damaged copy of the good directory: nothing may change in it. */
async function onDamagedCopy(
  damage: (dir: string) => void,
  argv: readonly string[],
): Promise<{ r: CliRun; dir: string }> {
  const dir = copyDir(good);
  damage(dir);
  const before = fingerprint(dir);
  const r = await cli([...argv, '--data', dir]);
  expect(fingerprint(dir)).toEqual(before);
  return { r, dir };
}

describe('a missing or corrupt data directory', () => {
  it('refuses a data directory that does not exist, and creates nothing', async () => {
    const dir = join(tempDir(), 'nowhere');
    for (const argv of [['verify'], ['key'], ['checkpoint'], ['ledger', 'entry', '--index', '0']]) {
      expectOneLine(await cli([...argv, '--data', dir]), 1, /does not exist/);
    }
    expect(existsSync(dir)).toBe(false);
  });

  it('refuses a folder that was never initialised, and leaves it empty', async () => {
    const dir = join(tempDir(), 'empty');
    mkdirSync(dir);
    expectOneLine(await cli(['verify', '--data', dir]), 1, /not a Cairn data directory/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a garbage cairn.json', async () => {
    const { r } = await onDamagedCopy((d) => writeFileSync(join(d, 'cairn.json'), '{ not json'), ['verify']);
    expectOneLine(r, 1, /cairn\.json is not valid JSON/);
  });

  it('refuses a cairn.json of the wrong shape, naming the field', async () => {
    const { r } = await onDamagedCopy(
      (d) =>
        writeFileSync(
          join(d, 'cairn.json'),
          JSON.stringify({ format: 1, origin: 'has space', createdAt: 'x' }),
        ),
      ['checkpoint'],
    );
    expectOneLine(r, 1, /cairn\.json is invalid: origin/);
  });

  it('refuses a garbage cairn.db without touching it', async () => {
    const { r } = await onDamagedCopy(
      (d) => writeFileSync(join(d, 'cairn.db'), Buffer.alloc(8192, 0x5a)),
      ['checkpoint'],
    );
    expectOneLine(r, 1, /cairn\.db.*not a database/);
  });

  it('refuses a truncated cairn.db without changing it', async () => {
    const dir = copyDir(good);
    truncateSync(join(dir, 'cairn.db'), 4096);
    const before = fingerprint(dir)['cairn.db'];
    const r = await cli(['verify', '--data', dir]);
    expectOneLine(r, 1, /corrupt|malformed/);
    // SQLite may leave its (empty) WAL index files beside a database it cannot read; the
    // database file itself is untouched.
    expect(fingerprint(dir)['cairn.db']).toBe(before);
  });

  it('refuses a missing cairn.db and does not create an empty one', async () => {
    const { r, dir } = await onDamagedCopy((d) => rmSync(join(d, 'cairn.db')), ['verify']);
    expectOneLine(r, 1, /cairn\.db is missing/);
    expect(existsSync(join(dir, 'cairn.db'))).toBe(false);
  });
});

describe('init over existing data', () => {
  it('refuses to initialise an existing data directory and changes nothing in it', async () => {
    const before = fingerprint(good);
    expectOneLine(await cli(['init', '--data', good]), 1, /already a Cairn data directory/);
    expect(fingerprint(good)).toEqual(before);
    await expectVerifies(good);
  });

  it('refuses to initialise a folder holding other files', async () => {
    const dir = join(tempDir(), 'busy');
    mkdirSync(dir);
    writeFileSync(join(dir, 'notes.txt'), 'keep me');
    expectOneLine(await cli(['init', '--data', dir]), 1, /is not empty/);
    expect(readdirSync(dir)).toEqual(['notes.txt']);
  });
});

describe('a wrong or missing key', () => {
  it('refuses a missing signing key', async () => {
    const { r } = await onDamagedCopy((d) => rmSync(join(d, 'signing.key')), ['checkpoint']);
    expectOneLine(r, 1, /signing key .* is missing/);
  });

  it('refuses a signing key that is not a PEM key', async () => {
    const { r } = await onDamagedCopy((d) => writeFileSync(join(d, 'signing.key'), 'not a key'), ['key']);
    expectOneLine(r, 1, /signing key .* is invalid/);
  });

  it('refuses a valid key that is not the one this log was created with, writing no checkpoint or event', async () => {
    const original = readFileSync(join(good, 'signing.key'));
    for (const argv of [['checkpoint'], ['user', 'add', 'mallory', '--role', 'admin'], ['key'], ['verify']]) {
      const { r, dir } = await onDamagedCopy(
        (d) => writeFileSync(join(d, 'signing.key'), generateSigningKeyPem()),
        argv,
      );
      expectOneLine(r, 1, /does not match/);
      // With its own key back, the directory is as valid as before: nothing was written.
      writeFileSync(join(dir, 'signing.key'), original);
      await expectVerifies(dir);
    }
  });
});

describe('wrong usage on a good directory', () => {
  const cases: readonly (readonly [string, readonly string[], 1 | 2, RegExp])[] = [
    ['an unknown command', ['bogus'], 2, /unknown command 'bogus'/],
    ['an unknown subcommand', ['ledger', 'bogus'], 2, /unknown command 'bogus'/],
    ['an unknown option', ['verify', '--bogus'], 2, /unknown option '--bogus'/],
    ['an entry index out of range', ['ledger', 'entry', '--index', '3'], 1, /index 3 is out of range/],
    [
      'an inclusion index beyond the size',
      ['ledger', 'proof', 'inclusion', '--index', '2', '--size', '2'],
      1,
      /index 2 is out of range/,
    ],
    [
      'a size beyond the ledger',
      ['ledger', 'proof', 'inclusion', '--index', '0', '--size', '4'],
      1,
      /size 4/,
    ],
    ['a size of zero', ['ledger', 'proof', 'inclusion', '--index', '0', '--size', '0'], 1, /size 0/],
    [
      'a consistency proof from zero',
      ['ledger', 'proof', 'consistency', '--from', '0', '--to', '2'],
      1,
      /from=0/,
    ],
    [
      'a consistency proof backwards',
      ['ledger', 'proof', 'consistency', '--from', '3', '--to', '2'],
      1,
      /from=3 to=2/,
    ],
    [
      'a consistency proof beyond the ledger',
      ['ledger', 'proof', 'consistency', '--from', '1', '--to', '9'],
      1,
      /to=9/,
    ],
    ['a missing --size', ['ledger', 'proof', 'inclusion', '--index', '0'], 2, /--size/],
    ...['abc', '-1', '1.5', '1e3', '0x10', '', ' 2', '02', '9007199254740993'].map(
      (s) =>
        [
          `a malformed --size ${JSON.stringify(s)}`,
          ['ledger', 'proof', 'inclusion', '--index', '0', `--size=${s}`],
          2,
          /--size must be a non-negative integer/,
        ] as const,
    ),
    [
      'a malformed --index',
      ['ledger', 'entry', '--index', 'first'],
      2,
      /--index must be a non-negative integer/,
    ],
    [
      'a malformed --to',
      ['ledger', 'proof', 'consistency', '--from', '1', '--to', 'x'],
      2,
      /--to must be a non-negative integer/,
    ],
    ['an unknown role', ['user', 'role', 'alice', '--add', 'overlord'], 2, /unknown role "overlord"/],
  ];
  it.each(cases)('refuses %s with one line and writes nothing', async (_name, argv, code, names) => {
    const before = fingerprint(good);
    expectOneLine(await cli([...argv, '--data', good]), code, names);
    expect(fingerprint(good)).toEqual(before);
    await expectVerifies(good);
  });
});
