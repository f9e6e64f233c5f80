/**
 * verify's per-entry checks (design.md §2), over a packed batch of stored entries so that the
 * same code runs on the main thread or in a worker thread (verify-pool.ts): the checks of one
 * entry depend on nothing but the entry and its position, so they parallelise; the Merkle tree,
 * which depends on every leaf in order, is built by the caller from the leaf hashes returned.
 *
 * For each entry, exactly as a serial verify: its seq is its position; SHA-256(0x00 ‖ bytes)
 * equals the stored leaf hash; the bytes parse as an event whose seq is its own; the bytes are
 * the RFC 8785 canonical form of that event. Sealed-data references and erasures are collected.
 */
import { hash } from 'node:crypto';
import { canonicalJson } from '../core/index.js';
// Direct imports (not the module doors): a worker thread loads only these (see verify-pool.ts).
import { HASH_SIZE, parseEventText, type LedgerEvent } from '../ledger/index.js';
import { erasuresIn, sealRefsIn, type StoredEntry } from '../store/index.js';

/** Entries packed into transferable typed arrays (one copy of the bytes, no object per entry). */
export interface EntryBatch {
  /** How many entries came before this batch: the seq the first entry must carry. */
  readonly position: number;
  readonly seqs: Float64Array<ArrayBuffer>;
  /** Entry i is `data[offsets[i] .. offsets[i+1])`: a 0x00 byte (the RFC 9162 leaf prefix), then its bytes. */
  readonly offsets: Uint32Array<ArrayBuffer>;
  readonly data: Uint8Array<ArrayBuffer>;
  /** The stored leaf hashes, 32 bytes each. */
  readonly stored: Uint8Array<ArrayBuffer>;
}

export interface SealSeen {
  readonly sealedId: string;
  readonly commitment: string;
  readonly seq: number;
}

export interface EntryCheck {
  /** The recomputed leaf hashes, 32 bytes each, in entry order. */
  readonly leaves: Uint8Array<ArrayBuffer>;
  /** 'events' failures, in entry order. */
  readonly failures: readonly string[];
  readonly seals: readonly SealSeen[];
  readonly erased: readonly string[];
  /** The parsed, frozen events (those that parsed), when asked for. */
  readonly events?: readonly LedgerEvent[];
}

export function packEntries(position: number, entries: readonly StoredEntry[]): EntryBatch {
  const n = entries.length;
  let total = 0;
  for (const e of entries) total += 1 + e.bytes.length;
  const data = new Uint8Array(total);
  const offsets = new Uint32Array(n + 1);
  const seqs = new Float64Array(n);
  const stored = new Uint8Array(n * HASH_SIZE);
  let at = 0;
  for (let i = 0; i < n; i++) {
    const e = entries[i] as StoredEntry;
    offsets[i] = at;
    data[at] = 0x00;
    data.set(e.bytes, at + 1);
    at += 1 + e.bytes.length;
    seqs[i] = e.seq;
    // A stored hash of the wrong length cannot equal a recomputed one: keep it visibly wrong.
    if (e.leafHash.length === HASH_SIZE) stored.set(e.leafHash, i * HASH_SIZE);
    else stored.fill(0xff, i * HASH_SIZE, (i + 1) * HASH_SIZE);
  }
  offsets[n] = at;
  return { position, seqs, offsets, data, stored };
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Run the per-entry checks of a batch; with `keepEvents`, also return the parsed, frozen events. */
export function checkEntries(b: EntryBatch, keepEvents: boolean): EntryCheck {
  const n = b.seqs.length;
  const leaves = new Uint8Array(n * HASH_SIZE);
  const failures: string[] = [];
  const seals: SealSeen[] = [];
  const erased: string[] = [];
  const events: LedgerEvent[] | undefined = keepEvents ? [] : undefined;
  const buf = Buffer.from(b.data.buffer, b.data.byteOffset, b.data.byteLength);
  const storedBuf = Buffer.from(b.stored.buffer, b.stored.byteOffset, b.stored.byteLength);
  for (let i = 0; i < n; i++) {
    const seq = b.seqs[i] as number;
    const expected = b.position + i;
    if (seq !== expected) failures.push(`entry at position ${expected} has seq ${seq} (gap, insertion or reordering)`);
    const start = b.offsets[i] as number;
    const end = b.offsets[i + 1] as number;
    const lh = hash('sha256', buf.subarray(start, end), 'buffer');
    leaves.set(lh, i * HASH_SIZE);
    if (!lh.equals(storedBuf.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE))) failures.push(`entry ${seq}: stored leaf hash does not match its bytes (the event was altered)`);
    const text = buf.toString('utf8', start + 1, end);
    let parsed: LedgerEvent;
    try {
      // Frozen only when handed on to the projectors; here it is read and dropped.
      parsed = parseEventText(text, keepEvents);
    } catch (e) {
      failures.push(`entry ${seq}: bytes are not a valid event (${message(e)})`);
      continue;
    }
    if (parsed.seq !== seq) failures.push(`entry ${seq}: the event inside says seq ${parsed.seq} (moved or reordered)`);
    let canonical: boolean;
    try {
      canonical = canonicalJson(parsed) === text;
    } catch {
      canonical = false; // e.g. an escaped lone surrogate: valid JSON, but no canonical form
    }
    if (!canonical) failures.push(`entry ${seq}: bytes are not canonical JSON`);
    events?.push(parsed);
    for (const r of sealRefsIn(parsed.payload)) seals.push({ sealedId: r.sealedId, commitment: r.commitment, seq: parsed.seq });
    for (const id of erasuresIn(parsed.payload)) erased.push(id);
  }
  return { leaves, failures, seals, erased, ...(events === undefined ? {} : { events }) };
}

/** The events of a batch whose checks ran elsewhere: parsed and frozen, skipping any that do not parse (already reported). */
export function batchEvents(b: EntryBatch): LedgerEvent[] {
  const buf = Buffer.from(b.data.buffer, b.data.byteOffset, b.data.byteLength);
  const out: LedgerEvent[] = [];
  for (let i = 0; i < b.seqs.length; i++) {
    try {
      out.push(parseEventText(buf.toString('utf8', (b.offsets[i] as number) + 1, b.offsets[i + 1])));
    } catch {
      // reported by checkEntries
    }
  }
  return out;
}
