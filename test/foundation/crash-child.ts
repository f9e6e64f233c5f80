/**
 * The crash test's child (crash.test.ts): appends forever to the data directory in argv[2], in
 * transactions of 1 to 40 events with an occasional signed checkpoint, and writes "SEQ LEAFHASH"
 * on stdout, synchronously, for every event whose append has returned. The parent kills it with
 * SIGKILL at random. It imports only the store, the ledger and the audit module (not the whole
 * app), so that each of the twenty children starts quickly. Its events are declared ones (failed
 * logins of a synthetic name), projected in the same transaction as the pipeline does, so
 * `cairn verify` checks their payloads and projections like any other.
 */
import { readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import {
  eventLeafHash,
  loadSigner,
  mapSource,
  nodesRead,
  rootHash,
  signCheckpoint,
  type NodeSource,
} from '../../src/ledger/index.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { auditModule } from '../../src/audit/index.js';

const dir = process.argv[2];
if (dir === undefined) throw new Error('usage: crash-child DATA_DIR');
const { origin } = JSON.parse(readFileSync(join(dir, 'cairn.json'), 'utf8')) as { origin: string };
const signer = loadSigner(origin, readFileSync(join(dir, 'signing.key'), 'utf8'));
if (!signer.ok) throw new Error('signing key');
const store = new SqliteStore(join(dir, 'cairn.db'), { mustExist: true });
await store.checkSchema();

async function checkpoint(): Promise<void> {
  const size = await store.treeSize();
  const compute = (get: NodeSource) => rootHash(size, get);
  const root = Buffer.from(compute(mapSource(await store.getNodes(nodesRead(compute)))));
  if (!signer.ok) return;
  const cp = signCheckpoint({ origin, size, root }, signer.value);
  await store.putCheckpoint({ size, root, text: cp.text, createdAt: new Date().toISOString() });
}

writeSync(1, 'ready\n');
for (let i = 0; ; i++) {
  const now = new Date().toISOString();
  const drafts = Array.from({ length: 1 + ((i * 7) % 40) }, (_, k) => ({
    type: 'audit.login-recorded',
    schemaVersion: 1,
    effectiveAt: now,
    actor: 'system',
    payload: { name: `synthetic-crash-test-${i}-${k}`, outcome: 'failure', method: 'password' },
    refs: [],
  }));
  const events = await store.transaction(async (tx) => {
    const appended = await tx.append(drafts, now);
    for (const e of appended) await auditModule.project(e, { docs: tx });
    return appended;
  });
  writeSync(1, events.map((e) => `${e.seq} ${eventLeafHash(e).toString('hex')}\n`).join(''));
  if (i % 10 === 9) await checkpoint();
}
