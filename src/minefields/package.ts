/**
 * The export package (APII Art 9(2) releases): one self-contained JSON file with the record as
 * JSON and GeoJSON, the ledger events it is built from (canonical bytes, base64), their inclusion
 * proofs against a signed checkpoint, the checkpoint and the verifier key. `verifyPackage` checks it
 * offline with no database: key, signature, every proof, and that the events rebuild the record.
 */
import { z } from 'zod';
import { instantSchema, parseWith } from '../command/index.js';
import {
  canonicalJson,
  err,
  ok,
  problem,
  type JsonObject,
  type Problem,
  type Result,
} from '../core/index.js';
import {
  leafHash,
  openCheckpoint,
  parseEventBytes,
  parseVerifierKey,
  verifyInclusion,
  type LedgerEvent,
  type SignedCheckpoint,
} from '../ledger/index.js';
import { MemoryDocs, type DocReader } from '../store/index.js';
import { recordGeoJson } from './geojson.js';
import { minefieldEvents } from './events.js';
import { projectMinefieldEvent } from './project.js';
import { minefieldDocs } from './collections.js';

export const PACKAGE_FORMAT = 'cairn.minefield-package/1';

/** What building a package needs from the ledger (LedgerService provides it). */
export interface PackageLedger {
  currentCheckpoint(): Promise<SignedCheckpoint>;
  verifierKey(): string;
  entry(index: number): Promise<{ readonly leaf: string }>;
  inclusion(index: number, size: number): Promise<{ readonly proof: readonly string[] }>;
}

const packageSchema = z
  .object({
    format: z.literal(PACKAGE_FORMAT),
    createdAt: instantSchema,
    minefieldId: z.string().min(1),
    humanId: z.string().min(1),
    record: z.record(z.string(), z.unknown()),
    geojson: z.record(z.string(), z.unknown()),
    events: z
      .array(
        z
          .object({
            index: z.number().int().nonnegative(),
            bytes: z.string(),
            proof: z.array(z.string().regex(/^[0-9a-f]{64}$/)),
          })
          .strict(),
      )
      .min(1),
    checkpoint: z.string().min(1),
    verifierKey: z.string().min(1),
    note: z.string().optional(),
  })
  .strict();
export type MinefieldPackage = z.infer<typeof packageSchema>;

/** True when the event belongs to the record (this module's events naming it). */
export function isRecordEvent(e: LedgerEvent, minefieldId: string): boolean {
  return e.type.startsWith('minefield.') && e.payload['minefieldId'] === minefieldId;
}

/**
 * Build a package for a record from the events naming it. The caller checked read access.
 * @example buildPackage(app.store, app.ledger, readEvents(app.store), rec.id, app.clock.now())
 */
export async function buildPackage(
  docs: DocReader,
  ledger: PackageLedger,
  events: AsyncIterable<LedgerEvent>,
  minefieldId: string,
  now: Date,
  note?: string,
): Promise<MinefieldPackage> {
  const d = await docs.getDoc(minefieldDocs.name, minefieldId);
  if (d === undefined) throw new Error(`no record ${minefieldId}`);
  const record = minefieldDocs.typed(d).data;
  const cp = await ledger.currentCheckpoint();
  const seqs: number[] = [];
  for await (const e of events) if (e.seq < cp.size && isRecordEvent(e, minefieldId)) seqs.push(e.seq);
  const entries = [];
  for (const index of seqs) {
    const [entry, incl] = [await ledger.entry(index), await ledger.inclusion(index, cp.size)];
    entries.push({ index, bytes: entry.leaf, proof: [...incl.proof] });
  }
  return {
    format: PACKAGE_FORMAT,
    createdAt: now.toISOString(),
    minefieldId,
    humanId: record.humanId,
    // The stored document as JSON: what verifyPackage rebuilds from the events and compares.
    record: d.data,
    geojson: recordGeoJson(record),
    events: entries,
    checkpoint: cp.text,
    verifierKey: ledger.verifierKey(),
    ...(note === undefined ? {} : { note }),
  };
}

export interface PackageVerified {
  readonly humanId: string;
  readonly events: number;
  readonly origin: string;
  readonly treeSize: number;
  readonly root: string;
}

/** Verify a package offline; every failure is listed with a path. */
export async function verifyPackage(text: string): Promise<Result<PackageVerified>> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return err([problem('MINEFIELD_PACKAGE_INVALID', '', 'the package is not JSON')]);
  }
  const parsed = parseWith(packageSchema, raw);
  if (!parsed.ok)
    return err(parsed.errors.map((p) => ({ ...p, code: 'MINEFIELD_PACKAGE_INVALID' as const })));
  const pkg = parsed.value;
  const key = parseVerifierKey(pkg.verifierKey);
  if (!key.ok) return err(key.errors.map((p) => ({ ...p, path: 'verifierKey' })));
  const cp = openCheckpoint(pkg.checkpoint, key.value);
  if (!cp.ok) return err(cp.errors);
  const problems: Problem[] = [];
  const events: LedgerEvent[] = [];
  let last = -1;
  for (const [i, entry] of pkg.events.entries()) {
    const path = `events[${i}]`;
    const bytes = Buffer.from(entry.bytes, 'base64');
    const proof = entry.proof.map((h) => Buffer.from(h, 'hex'));
    if (!verifyInclusion(entry.index, cp.value.size, leafHash(bytes), proof, cp.value.root)) {
      problems.push(
        problem(
          'LEDGER_PROOF_INVALID',
          path,
          `event ${entry.index} is not in the checkpointed log of ${cp.value.size} entries`,
          { index: entry.index },
        ),
      );
      continue;
    }
    if (entry.index <= last)
      problems.push(
        problem(
          'MINEFIELD_PACKAGE_INVALID',
          `${path}.index`,
          'events must be in ledger order without repeats',
          { index: entry.index },
        ),
      );
    last = entry.index;
    let e: LedgerEvent;
    try {
      e = parseEventBytes(bytes);
    } catch {
      problems.push(
        problem('MINEFIELD_PACKAGE_INVALID', `${path}.bytes`, 'the event bytes are not a ledger event'),
      );
      continue;
    }
    if (e.seq !== entry.index || !isRecordEvent(e, pkg.minefieldId)) {
      problems.push(
        problem(
          'MINEFIELD_PACKAGE_INVALID',
          path,
          `event ${entry.index} is not an event of record ${pkg.minefieldId}`,
          { index: entry.index },
        ),
      );
      continue;
    }
    // A signed event whose payload its schema refuses cannot rebuild the record.
    const invalid = minefieldEvents.check(e);
    if (invalid.length > 0) {
      problems.push(
        ...invalid.map((x) =>
          problem(
            'MINEFIELD_PACKAGE_INVALID',
            `${path}.${x.path}`,
            `event ${entry.index} (${e.type}): ${x.message}`,
            { index: entry.index },
          ),
        ),
      );
      continue;
    }
    events.push(e);
  }
  if (problems.length > 0) return err(problems);
  if (events[0]?.type !== 'minefield.recorded')
    problems.push(
      problem('MINEFIELD_PACKAGE_INVALID', 'events[0]', 'the first event must record the minefield'),
    );
  // Rebuild the record from its events alone and compare it with what the package claims.
  const docs = new MemoryDocs();
  for (const e of events) await projectMinefieldEvent(e, { docs });
  const rebuilt = await docs.getDoc(minefieldDocs.name, pkg.minefieldId);
  if (rebuilt === undefined)
    return err([
      ...problems,
      problem('MINEFIELD_PACKAGE_RECORD_MISMATCH', 'record', 'the events do not build a record'),
    ]);
  const record = minefieldDocs.typed(rebuilt).data;
  if (canonicalJson(rebuilt.data) !== canonicalJson(pkg.record)) {
    problems.push(
      problem(
        'MINEFIELD_PACKAGE_RECORD_MISMATCH',
        'record',
        'the record differs from the one its signed events build',
        { fields: differingFields(rebuilt.data, pkg.record) },
      ),
    );
  }
  if (canonicalJson(recordGeoJson(record)) !== canonicalJson(pkg.geojson)) {
    problems.push(
      problem(
        'MINEFIELD_PACKAGE_RECORD_MISMATCH',
        'geojson',
        'the GeoJSON differs from the record its signed events build',
      ),
    );
  }
  if (record.humanId !== pkg.humanId)
    problems.push(
      problem(
        'MINEFIELD_PACKAGE_RECORD_MISMATCH',
        'humanId',
        `the package names ${pkg.humanId}, its events ${record.humanId}`,
      ),
    );
  if (problems.length > 0) return err(problems);
  return ok({
    humanId: record.humanId,
    events: events.length,
    origin: cp.value.origin,
    treeSize: cp.value.size,
    root: Buffer.from(cp.value.root).toString('hex'),
  });
}

function differingFields(a: JsonObject, b: Readonly<Record<string, unknown>>): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => canonicalJson(a[k] ?? null) !== canonicalJson(b[k] ?? null)).sort();
}
