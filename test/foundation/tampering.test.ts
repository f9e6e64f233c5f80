/**
 * Tampering (issue #2, item 6): each edit made directly in the SQLite file behind Cairn's back
 * makes `cairn verify` exit 1 and name the problem.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MemoryTree,
  generateSigningKeyPem,
  leafHash,
  loadSigner,
  signCheckpoint,
} from '../../src/ledger/index.js';
import { cleanTemp, cli, copyDir, tempDir } from './helpers.js';

const ORIGIN = 'example.org/tamper';
let good = '';

beforeAll(async () => {
  good = join(tempDir(), 'data');
  const run = async (argv: readonly string[], stdin = '') => {
    const r = await cli([...argv, '--data', good], stdin);
    if (r.code !== 0) throw new Error(r.err);
  };
  await run(['init', '--origin', ORIGIN]);
  await run(['user', 'add', 'alice', '--role', 'admin'], 'synthetic password\n'); // seq 0, 1
  await run(['checkpoint']); // size 2
  await run(['user', 'add', 'bob', '--role', 'stock-officer'], 'synthetic password\n'); // seq 2, 3
  await run(['user', 'role', 'bob', '--add', 'auditor']); // seq 4
  await run(['checkpoint']); // size 5
  await run(['user', 'role', 'bob', '--add', 'approver']); // seq 5, after the last checkpoint
}, 60_000);

afterAll(cleanTemp);

interface Row {
  seq: number;
  type: string;
  effective_at: string;
  bytes: Buffer;
  leaf_hash: Buffer;
}

/** Tamper with a copy of the good directory, then run `cairn verify` on it. */
async function tamperAndVerify(
  edit: (db: Database.Database) => void,
): Promise<{ out: string; failures: string[] }> {
  const dir = copyDir(good);
  const db = new Database(join(dir, 'cairn.db'));
  try {
    edit(db);
  } finally {
    db.close();
  }
  const r = await cli(['verify', '--data', dir]);
  expect(r.code, r.out + r.err).toBe(1);
  expect(r.out).toMatch(/\nFAILED: \d+ problem\(s\) in a ledger of \d+ events\n$/);
  return { out: r.out, failures: r.out.split('\n').filter((l) => l.startsWith('FAIL ')) };
}

const rows = (db: Database.Database): Row[] => db.prepare('SELECT * FROM events ORDER BY seq').all() as Row[];
const setBytes = (db: Database.Database, seq: number, bytes: Buffer, leaf: Buffer) =>
  db.prepare('UPDATE events SET bytes = ?, leaf_hash = ? WHERE seq = ?').run(bytes, leaf, seq);

/** Rewrite the whole ledger as a forger with database access would: consistent seqs, hashes and nodes. */
function rewriteLedger(db: Database.Database, events: readonly Record<string, unknown>[]): void {
  db.prepare('DELETE FROM events').run();
  db.prepare('DELETE FROM merkle_nodes').run();
  const tree = new MemoryTree();
  events.forEach((e, seq) => {
    const bytes = Buffer.from(
      JSON.stringify(Object.fromEntries(Object.entries({ ...e, seq }).sort(([a], [b]) => (a < b ? -1 : 1)))),
    );
    const leaf = leafHash(bytes);
    db.prepare('INSERT INTO events(seq, type, effective_at, bytes, leaf_hash) VALUES (?, ?, ?, ?, ?)').run(
      seq,
      e['type'],
      e['effectiveAt'],
      bytes,
      leaf,
    );
    for (const n of tree.append(leaf))
      db.prepare('INSERT OR REPLACE INTO merkle_nodes(level, idx, hash) VALUES (?, ?, ?)').run(
        n.level,
        n.index,
        Buffer.from(n.hash),
      );
  });
}

describe('cairn verify catches tampering', () => {
  it('passes the untouched directory', async () => {
    const r = await cli(['verify', '--data', good]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /^OK: 6 events, root [0-9a-f]{64}, 2 checkpoint\(s\), 2 projection document\(s\) match a replay\n$/,
    );
  });

  it('catches a changed byte in a stored event', async () => {
    const { failures } = await tamperAndVerify((db) => {
      const [first] = rows(db);
      if (first === undefined) throw new Error('no events');
      const bytes = Buffer.from(
        first.bytes.toString('utf8').replace('"displayName":"alice"', '"displayName":"alicE"'),
      );
      expect(bytes.equals(first.bytes)).toBe(false);
      db.prepare('UPDATE events SET bytes = ? WHERE seq = 0').run(bytes);
    });
    expect(failures).toContain(
      'FAIL events: entry 0: stored leaf hash does not match its bytes (the event was altered)',
    );
    expect(
      failures.some((f) =>
        f.startsWith('FAIL checkpoints: checkpoint at size 2: its signed root does not match'),
      ),
    ).toBe(true);
  });

  it('catches a changed event even when its leaf hash was recomputed to match', async () => {
    const { failures } = await tamperAndVerify((db) => {
      const bytes = Buffer.from(
        rows(db)[0]?.bytes.toString('utf8').replace('"displayName":"alice"', '"displayName":"alicE"') ?? '',
      );
      setBytes(db, 0, bytes, leafHash(bytes));
    });
    expect(failures).toContain('FAIL tree: stored Merkle node 1:0 differs from the recomputed one');
    expect(
      failures.some((f) => /^FAIL projections: users\/\S+ differs from a replay of the ledger/.test(f)),
    ).toBe(true);
  });

  it('catches a deleted event in the middle', async () => {
    const { failures } = await tamperAndVerify((db) => db.prepare('DELETE FROM events WHERE seq = 2').run());
    expect(failures).toContain('FAIL events: entry at position 2 has seq 3 (gap, insertion or reordering)');
  });

  it('catches deleted events a checkpoint covered', async () => {
    const { failures } = await tamperAndVerify((db) => db.prepare('DELETE FROM events WHERE seq >= 4').run());
    expect(failures).toContain(
      'FAIL checkpoints: checkpoint at size 5 is beyond the ledger size 4 (events were deleted)',
    );
  });

  it('catches the newest event deleted after the last checkpoint, through the projections', async () => {
    const { failures } = await tamperAndVerify((db) => db.prepare('DELETE FROM events WHERE seq = 5').run());
    expect(
      failures.some((f) => /^FAIL projections: users\/\S+ differs from a replay of the ledger/.test(f)),
    ).toBe(true);
  });

  it('catches an inserted event', async () => {
    const { failures } = await tamperAndVerify((db) => {
      const all = rows(db);
      for (const r of [...all].reverse())
        if (r.seq >= 3) db.prepare('UPDATE events SET seq = ? WHERE seq = ?').run(r.seq + 1, r.seq);
      const forged = Buffer.from(all[4]?.bytes.toString('utf8').replace('"seq":4', '"seq":3') ?? '');
      db.prepare('INSERT INTO events(seq, type, effective_at, bytes, leaf_hash) VALUES (3, ?, ?, ?, ?)').run(
        all[4]?.type,
        all[4]?.effective_at,
        forged,
        leafHash(forged),
      );
    });
    expect(failures).toContain('FAIL events: entry 4: the event inside says seq 3 (moved or reordered)');
  });

  it('catches an inserted event even when the forger rewrote every seq, hash and node', async () => {
    const { failures } = await tamperAndVerify((db) => {
      const events = rows(db).map((r) => JSON.parse(r.bytes.toString('utf8')) as Record<string, unknown>);
      const extra = { ...events[4], payload: { ...(events[4]?.['payload'] as object), role: 'admin' } };
      rewriteLedger(db, [...events.slice(0, 3), extra, ...events.slice(3)]);
    });
    expect(failures).toContain(
      'FAIL checkpoints: checkpoint at size 5: its signed root does not match the recomputed tree (history was changed)',
    );
  });

  it('catches two events reordered', async () => {
    const { failures } = await tamperAndVerify((db) => {
      const [, , a, b] = rows(db);
      if (a === undefined || b === undefined) throw new Error('no events');
      setBytes(db, 2, b.bytes, b.leaf_hash);
      setBytes(db, 3, a.bytes, a.leaf_hash);
    });
    expect(failures).toContain('FAIL events: entry 2: the event inside says seq 3 (moved or reordered)');
    expect(failures).toContain('FAIL events: entry 3: the event inside says seq 2 (moved or reordered)');
  });

  it('catches two events reordered even when the forger renumbered and re-hashed them', async () => {
    const { failures } = await tamperAndVerify((db) => {
      const events = rows(db).map((r) => JSON.parse(r.bytes.toString('utf8')) as Record<string, unknown>);
      const [e0, e1, e2, e3, ...rest] = events;
      if (e0 === undefined || e1 === undefined || e2 === undefined || e3 === undefined)
        throw new Error('no events');
      rewriteLedger(db, [e0, e1, e3, e2, ...rest]);
    });
    expect(failures).toContain(
      'FAIL checkpoints: checkpoint at size 5: its signed root does not match the recomputed tree (history was changed)',
    );
  });

  it('catches a checkpoint signed by another key', async () => {
    const other = loadSigner(ORIGIN, generateSigningKeyPem());
    if (!other.ok) throw new Error('key');
    const { failures } = await tamperAndVerify((db) => {
      const cp = db.prepare('SELECT size, root FROM checkpoints WHERE size = 5').get() as {
        size: number;
        root: Buffer;
      };
      const forged = signCheckpoint({ origin: ORIGIN, size: cp.size, root: cp.root }, other.value);
      db.prepare('UPDATE checkpoints SET text = ? WHERE size = 5').run(forged.text);
    });
    expect(failures).toEqual(['FAIL checkpoints: checkpoint at size 5: no signature by the verifier key']);
  });

  it('catches a forged checkpoint added for a size never signed', async () => {
    const other = loadSigner(ORIGIN, generateSigningKeyPem());
    if (!other.ok) throw new Error('key');
    const { failures } = await tamperAndVerify((db) => {
      const root = Buffer.alloc(32, 7);
      const forged = signCheckpoint({ origin: ORIGIN, size: 6, root }, other.value);
      db.prepare('INSERT INTO checkpoints(size, root, text, created_at) VALUES (6, ?, ?, ?)').run(
        root,
        forged.text,
        '2026-01-01T00:00:00.000Z',
      );
    });
    expect(failures).toEqual(['FAIL checkpoints: checkpoint at size 6: no signature by the verifier key']);
  });

  it('catches a checkpoint whose size was altered', async () => {
    const { failures } = await tamperAndVerify((db) => {
      const { text } = db.prepare('SELECT text FROM checkpoints WHERE size = 5').get() as { text: string };
      db.prepare('UPDATE checkpoints SET text = ? WHERE size = 5').run(
        text.replace(`${ORIGIN}\n5\n`, `${ORIGIN}\n4\n`),
      );
    });
    expect(failures).toEqual(['FAIL checkpoints: checkpoint at size 5: the signature does not verify']);
  });

  it('catches a checkpoint whose root was altered, in its text and its column', async () => {
    const { failures } = await tamperAndVerify((db) => {
      const { text } = db.prepare('SELECT text FROM checkpoints WHERE size = 5').get() as { text: string };
      const lines = text.split('\n');
      const root = Buffer.from(lines[2] ?? '', 'base64');
      root[0] = (root[0] ?? 0) ^ 0x01;
      lines[2] = root.toString('base64');
      db.prepare('UPDATE checkpoints SET text = ?, root = ? WHERE size = 5').run(lines.join('\n'), root);
    });
    expect(failures).toEqual(['FAIL checkpoints: checkpoint at size 5: the signature does not verify']);
  });

  it('catches a checkpoint row whose size and root columns disagree with its signed text', async () => {
    const { failures } = await tamperAndVerify((db) =>
      db.prepare('UPDATE checkpoints SET root = ? WHERE size = 2').run(Buffer.alloc(32, 1)),
    );
    expect(failures).toEqual([
      'FAIL checkpoints: checkpoint at size 2: the signed text and the stored size/root differ',
    ]);
  });

  it('catches a projection row edited behind the ledger', async () => {
    const { failures } = await tamperAndVerify((db) =>
      db
        .prepare(
          "UPDATE docs SET data = json_set(data, '$.roles', json('[\"admin\",\"stock-officer\"]')) WHERE collection = 'users' AND json_extract(data, '$.name') = 'bob'",
        )
        .run(),
    );
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatch(
      /^FAIL projections: users\/[0-9a-f-]{36} differs from a replay of the ledger \(edited behind the ledger's back\)$/,
    );
  });

  it('catches a projection row deleted, and one added, behind the ledger', async () => {
    const { failures } = await tamperAndVerify((db) => {
      db.prepare(
        "DELETE FROM docs WHERE collection = 'users' AND json_extract(data, '$.name') = 'alice'",
      ).run();
      db.prepare(
        'INSERT INTO docs(collection, id, version, data) VALUES (\'users\', \'ghost\', 5, \'{"name":"ghost","roles":["admin"]}\')',
      ).run();
    });
    expect(
      failures.some((f) =>
        /^FAIL projections: users\/[0-9a-f-]{36} is missing from the live projection$/.test(f),
      ),
    ).toBe(true);
    expect(failures).toContain(
      'FAIL projections: users/ghost exists in the live projection but not in a replay of the ledger',
    );
  });
});
