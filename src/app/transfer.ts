/**
 * Moving a whole ledger between stores by replay (`cairn ledger export` / `cairn ledger import`):
 * SQLite → PostgreSQL, PostgreSQL → SQLite, and backup → restore.
 *
 * The file is JSON Lines: a header, every event as recorded (seq, recordedAt and all, so the
 * canonical bytes and the Merkle root are identical), the signed checkpoints, optionally the
 * credentials, and an end line repeating size and root. Events are appended verbatim and each
 * is projected by the target's own modules, so the projections equal a replay by construction.
 *
 * Credentials (scrypt password hashes and SHA-256 token digests, never secrets themselves) never
 * enter the ledger; they travel in their own `credential` lines so a restore keeps every login.
 * `credentials: false` leaves them out for a copy that is shared rather than restored.
 *
 * Sealed personal data (victims) is not in the ledger either: the events carry only salted hash
 * commitments. It travels in `sealed` lines, each checked against its commitment on import. A
 * shared copy (`credentials: false`, or `sealed: false`) leaves it out; the header says so and
 * the imported store is flagged, so verify does not report the absent records as missing.
 */
import { z } from 'zod';
import { instantSchema } from '../command/index.js';
import { CairnError, isoInstant, problem, type Problem } from '../core/index.js';
import { MemoryTree, eventLeafHash, parseEventBytes, type LedgerEvent } from '../ledger/index.js';
import { SESSION_KIND } from './cairn.js';
import { erasuresIn, sealCommitment, sealRefsIn, type Credential } from '../store/index.js';
import { USERS, toUser } from '../users/index.js';
import type { Cairn } from './cairn.js';
import { projectEvent } from './pipeline.js';
import { readEvents } from './replay.js';
import { SEALED_WITHHELD_META } from './verify.js';

export const EXPORT_FORMAT = 'cairn-ledger-export';
export const EXPORT_VERSION = 1;
/** Events appended and projected per store call during import (all inside one transaction). */
const IMPORT_BATCH = 500;

const hex32 = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lower-case hex digits');
const count = z.number().int().nonnegative();

const headerSchema = z.strictObject({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  origin: z.string().min(1),
  verifierKey: z.string().min(1),
  size: count,
  root: hex32,
  exportedAt: instantSchema,
  credentials: z.boolean(),
  /** Whether sealed personal data travels in the file (absent in files written before it existed). */
  sealed: z.boolean().optional(),
});
export type ExportHeader = z.infer<typeof headerSchema>;

const lineSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('event'), leafHash: hex32, event: z.record(z.string(), z.unknown()) }),
  z.strictObject({
    kind: z.literal('checkpoint'),
    size: count,
    root: hex32,
    text: z.string(),
    createdAt: instantSchema,
  }),
  z.strictObject({
    kind: z.literal('credential'),
    id: z.string().min(1),
    userId: z.string().min(1),
    credentialKind: z.string().min(1),
    secret: z.string().min(1),
    label: z.string().optional(),
    createdAt: instantSchema,
    revokedAt: instantSchema.optional(),
  }),
  z.strictObject({
    kind: z.literal('sealed'),
    id: z.string().min(1),
    data: z.record(z.string(), z.json()),
    salt: z.string().min(1),
  }),
  z.strictObject({ kind: z.literal('end'), size: count, root: hex32 }),
]);

export interface TransferSummary {
  readonly origin: string;
  readonly size: number;
  readonly root: string;
  readonly checkpoints: number;
  readonly credentials: number;
  /** Sealed personal-data records carried (export) or restored (import). */
  readonly sealed: number;
}

export interface ExportOptions {
  /** Include credential lines (default true: a backup keeps every login). */
  readonly credentials?: boolean;
  /** Include sealed personal data (default: as `credentials` — a backup keeps it, a shared copy does not). */
  readonly sealed?: boolean;
}

/** Write the whole ledger as export lines (each without its newline) to `write`. */
export async function exportLedger(
  app: Cairn,
  write: (line: string) => Promise<void>,
  opts: ExportOptions = {},
): Promise<TransferSummary> {
  const size = await app.store.treeSize();
  const root = (await app.ledger.root(size)).toString('hex');
  const withCreds = opts.credentials !== false;
  const withSealed = opts.sealed ?? withCreds;
  const header: ExportHeader = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    origin: app.ledger.origin,
    verifierKey: app.ledger.verifierKey(),
    size,
    root,
    exportedAt: isoInstant(app.clock.now()),
    credentials: withCreds,
    sealed: withSealed,
  };
  await write(JSON.stringify(header));
  // A sealed record may be referred to by several events (a report, then its approval): once each.
  const sealedIds = new Set<string>();
  for await (const e of readEvents(app.store, 0, size)) {
    if (withSealed) for (const r of sealRefsIn(e.payload)) sealedIds.add(r.sealedId);
    await write(JSON.stringify({ kind: 'event', leafHash: eventLeafHash(e).toString('hex'), event: e }));
  }
  let checkpoints = 0;
  for (const cp of await app.store.listCheckpoints()) {
    if (cp.size > size) continue;
    await write(
      JSON.stringify({
        kind: 'checkpoint',
        size: cp.size,
        root: cp.root.toString('hex'),
        text: cp.text,
        createdAt: cp.createdAt,
      }),
    );
    checkpoints += 1;
  }
  let credentials = 0;
  if (withCreds) {
    for (const d of await app.store.findDocs({ collection: USERS })) {
      for (const c of await app.store.findCredentials(toUser(d.data).id)) {
        // Login sessions belong to the running server, not to the record: a restore starts logged out.
        if (c.kind === SESSION_KIND) continue;
        const { kind, ...rest } = c;
        await write(JSON.stringify({ kind: 'credential', credentialKind: kind, ...rest }));
        credentials += 1;
      }
    }
  }
  let sealed = 0;
  for (const id of sealedIds) {
    const rec = await app.store.getSealed(id);
    if (rec === undefined) continue; // erased: the commitment alone stays in the events
    await write(JSON.stringify({ kind: 'sealed', id, data: rec.data, salt: rec.salt }));
    sealed += 1;
  }
  await write(JSON.stringify({ kind: 'end', size, root }));
  return { origin: header.origin, size, root, checkpoints, credentials, sealed };
}

function invalid(problems: readonly Problem[]): never {
  throw new CairnError(
    'LEDGER_IMPORT_INVALID',
    `the export file is invalid: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
    problems,
  );
}

function parseLine<T>(schema: z.ZodType<T>, text: string, lineNo: number): T {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    invalid([problem('LEDGER_IMPORT_INVALID', `line ${lineNo}`, 'not valid JSON')]);
  }
  const r = schema.safeParse(raw);
  if (!r.success)
    invalid(
      r.error.issues.map((i) =>
        problem(
          'LEDGER_IMPORT_INVALID',
          `line ${lineNo}${i.path.length > 0 ? `.${i.path.join('.')}` : ''}`,
          i.message,
        ),
      ),
    );
  return r.data;
}

/**
 * Import an export into this app's store, which must hold an empty ledger of the same log
 * (origin and verifier key). Everything is written in one transaction: a bad line, a wrong
 * leaf hash or a root that differs from the file's leaves the target untouched.
 */
export async function importLedger(app: Cairn, lines: AsyncIterable<string>): Promise<TransferSummary> {
  const it = lines[Symbol.asyncIterator]();
  let lineNo = 0;
  const next = async (): Promise<string | undefined> => {
    for (;;) {
      const r = await it.next();
      if (r.done === true) return undefined;
      lineNo += 1;
      if (r.value.trim() !== '') return r.value;
    }
  };
  const first = await next();
  if (first === undefined) invalid([problem('LEDGER_IMPORT_INVALID', 'line 1', 'the file is empty')]);
  const header = parseLine(headerSchema, first, lineNo);
  const mismatch: Problem[] = [];
  if (header.origin !== app.ledger.origin)
    mismatch.push(
      problem(
        'LEDGER_IMPORT_INVALID',
        'line 1.origin',
        `the file holds log "${header.origin}" but the data directory is for "${app.ledger.origin}"; import with the data directory (cairn.json and signing.key) of that log`,
      ),
    );
  if (header.verifierKey !== app.ledger.verifierKey())
    mismatch.push(
      problem(
        'LEDGER_IMPORT_INVALID',
        'line 1.verifierKey',
        "the file was signed with a different key than this data directory's signing.key; use the original data directory",
      ),
    );
  if (mismatch.length > 0) invalid(mismatch);
  const existing = await app.store.treeSize();
  if (existing !== 0)
    throw new CairnError(
      'LEDGER_IMPORT_NOT_EMPTY',
      `the target ledger already holds ${existing} events; import into an empty database (cairn migrate on a new one)`,
    );

  const tree = new MemoryTree();
  const checkpoints: { size: number; root: Buffer; text: string; createdAt: string }[] = [];
  let credentials = 0;
  let sealed = 0;
  const commitments = new Map<string, string>();
  const erased = new Set<string>();
  await app.store.transaction(async (tx) => {
    if (tx.appendVerbatim === undefined)
      throw new CairnError('INTERNAL', 'this store cannot append events verbatim');
    const append = tx.appendVerbatim.bind(tx);
    let batch: LedgerEvent[] = [];
    const flush = async (): Promise<void> => {
      await append(batch);
      for (const e of batch) await projectEvent(app.modules, e, tx);
      batch = [];
    };
    let ended = false;
    for (let text = await next(); text !== undefined; text = await next()) {
      if (ended) invalid([problem('LEDGER_IMPORT_INVALID', `line ${lineNo}`, 'content after the end line')]);
      const line = parseLine(lineSchema, text, lineNo);
      switch (line.kind) {
        case 'event': {
          let event: LedgerEvent;
          try {
            event = parseEventBytes(Buffer.from(JSON.stringify(line.event)));
          } catch (e) {
            invalid([
              problem(
                'LEDGER_IMPORT_INVALID',
                `line ${lineNo}.event`,
                e instanceof Error ? e.message : String(e),
              ),
            ]);
          }
          if (event.seq !== tree.size)
            invalid([
              problem(
                'LEDGER_IMPORT_INVALID',
                `line ${lineNo}.event.seq`,
                `expected seq ${tree.size}, found ${event.seq} (events must be complete and in order)`,
              ),
            ]);
          const leaf = eventLeafHash(event);
          if (leaf.toString('hex') !== line.leafHash)
            invalid([
              problem(
                'LEDGER_IMPORT_INVALID',
                `line ${lineNo}.leafHash`,
                `event ${event.seq} does not hash to its recorded leaf (altered or not canonical)`,
              ),
            ]);
          tree.append(leaf);
          for (const r of sealRefsIn(event.payload)) commitments.set(r.sealedId, r.commitment);
          for (const id of erasuresIn(event.payload)) erased.add(id);
          batch.push(event);
          if (batch.length >= IMPORT_BATCH) await flush();
          break;
        }
        case 'checkpoint':
          checkpoints.push({
            size: line.size,
            root: Buffer.from(line.root, 'hex'),
            text: line.text,
            createdAt: line.createdAt,
          });
          break;
        case 'credential': {
          const c: Credential = {
            id: line.id,
            userId: line.userId,
            kind: line.credentialKind,
            secret: line.secret,
            createdAt: line.createdAt,
            ...(line.label === undefined ? {} : { label: line.label }),
            ...(line.revokedAt === undefined ? {} : { revokedAt: line.revokedAt }),
          };
          await tx.putCredential(c);
          credentials += 1;
          break;
        }
        case 'sealed': {
          const expected = commitments.get(line.id);
          if (expected === undefined || erased.has(line.id))
            invalid([
              problem(
                'LEDGER_IMPORT_INVALID',
                `line ${lineNo}.id`,
                `no event commits to sealed record ${line.id}${erased.has(line.id) ? ' (it was erased)' : ''}`,
              ),
            ]);
          if (sealCommitment(line.salt, line.data) !== expected)
            invalid([
              problem(
                'LEDGER_IMPORT_INVALID',
                `line ${lineNo}.data`,
                `sealed record ${line.id} does not match its commitment in the ledger (altered)`,
              ),
            ]);
          await tx.putSealed(line.id, line.data, line.salt);
          sealed += 1;
          break;
        }
        case 'end': {
          const problems: Problem[] = [];
          if (line.size !== header.size || tree.size !== header.size)
            problems.push(
              problem(
                'LEDGER_IMPORT_INVALID',
                `line ${lineNo}.size`,
                `the header promises ${header.size} events, the end line ${line.size}, the file holds ${tree.size}`,
              ),
            );
          const got = Buffer.from(tree.root()).toString('hex');
          if (line.root !== header.root || got !== header.root)
            problems.push(
              problem(
                'LEDGER_IMPORT_INVALID',
                `line ${lineNo}.root`,
                `the events hash to root ${got}, the file claims ${header.root}`,
              ),
            );
          if (problems.length > 0) invalid(problems);
          ended = true;
          break;
        }
      }
    }
    if (!ended)
      invalid([
        problem(
          'LEDGER_IMPORT_INVALID',
          `line ${lineNo + 1}`,
          'the end line is missing: the file is truncated',
        ),
      ]);
    if (batch.length > 0) await flush();
  });
  for (const cp of checkpoints) if (cp.size <= header.size) await app.store.putCheckpoint(cp);
  if (header.sealed === false && commitments.size > 0) await app.store.setMeta(SEALED_WITHHELD_META, 'true');
  const root = (await app.ledger.root()).toString('hex');
  if (root !== header.root)
    throw new CairnError(
      'DATA_DIR_CORRUPT',
      `after import the target's root ${root} differs from the file's ${header.root}`,
    );
  return {
    origin: header.origin,
    size: header.size,
    root,
    checkpoints: checkpoints.length,
    credentials,
    sealed,
  };
}
