/**
 * verify's per-entry checks (design.md §2), over a packed batch of stored entries so that the
 * same code runs on the main thread or in a worker thread (verify-pool.ts): the checks of one
 * entry depend on nothing but the entry and its position, so they parallelise; the Merkle tree,
 * which depends on every leaf in order, is built by the caller from the leaf hashes returned.
 *
 * For each entry, exactly as a serial verify: its seq is its position; SHA-256(0x00 ‖ bytes)
 * equals the stored leaf hash; the bytes parse as an event whose seq is its own; the bytes are
 * the RFC 8785 canonical form of that event; its payload (upcast to its type's current version)
 * passes its event schema. Sealed-data references and erasures are collected.
 */
import { hash } from 'node:crypto';
import { canonicalJson } from '../core/index.js';
// Direct imports (not the module doors): a worker thread loads only these (see verify-pool.ts).
import { HASH_SIZE, parseEventText, subtreeNodes, type LedgerEvent } from '../ledger/index.js';
import { erasuresIn, sealRefsIn, type EntryReader, type StoredEntry } from '../store/index.js';
import type { EventRegistry } from '../command/events.js';

/** Where a worker run from source finds the store's reader module bundled into it (verify-pool.ts). */
export const BUNDLED_READERS = '__cairnEntryReaders';

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
  /** The interior nodes over those leaves, level by level (`subtreeNodes`), for `MemoryTree.pushSubtrees`. */
  readonly interior: Uint8Array<ArrayBuffer>;
  /** 'events' failures, in entry order. */
  readonly failures: readonly string[];
  /** 'payloads' failures (an undeclared type or version, a payload its schema refuses), in entry order. */
  readonly payloadFailures: readonly string[];
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

/** The entries checkEntries walks: packed (read on the main thread) or rows (read in a worker). */
interface EntryView {
  readonly count: number;
  seq(i: number): number;
  /** 0x00 ‖ the entry's bytes; valid until the next call. */
  prefixed(i: number): Buffer;
  /** The stored leaf hash (any length: a wrong one simply differs). */
  stored(i: number): Uint8Array;
}

function packedView(b: EntryBatch): EntryView {
  const buf = Buffer.from(b.data.buffer, b.data.byteOffset, b.data.byteLength);
  return {
    count: b.seqs.length,
    seq: (i) => b.seqs[i] as number,
    prefixed: (i) => buf.subarray(b.offsets[i], b.offsets[i + 1]),
    stored: (i) => b.stored.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE),
  };
}

function rowsView(rows: readonly StoredEntry[]): EntryView {
  let scratch = Buffer.allocUnsafe(4096);
  return {
    count: rows.length,
    seq: (i) => (rows[i] as StoredEntry).seq,
    prefixed: (i) => {
      const bytes = (rows[i] as StoredEntry).bytes;
      if (scratch.length < bytes.length + 1) scratch = Buffer.allocUnsafe(2 * (bytes.length + 1));
      scratch[0] = 0x00;
      bytes.copy(scratch, 1);
      return scratch.subarray(0, bytes.length + 1);
    },
    stored: (i) => (rows[i] as StoredEntry).leafHash,
  };
}

/**
 * Run the per-entry checks of a batch against `events`; with `keepEvents`, also return the
 * parsed, frozen events.
 */
export function checkEntries(b: EntryBatch, keepEvents: boolean, events: EventRegistry): EntryCheck {
  return checkView(packedView(b), b.position, keepEvents, events);
}

/** One line per problem, naming the entry, its type and version, and the field. */
function payloadFailure(e: LedgerEvent, path: string, message: string): string {
  return `entry ${e.seq} (${e.type} v${String(e.schemaVersion)}): ${path}: ${message}`;
}

function checkView(v: EntryView, position: number, keepEvents: boolean, registry: EventRegistry): EntryCheck {
  const n = v.count;
  const leaves = new Uint8Array(n * HASH_SIZE);
  const failures: string[] = [];
  const payloadFailures: string[] = [];
  const seals: SealSeen[] = [];
  const erased: string[] = [];
  const events: LedgerEvent[] | undefined = keepEvents ? [] : undefined;
  for (let i = 0; i < n; i++) {
    const seq = v.seq(i);
    const expected = position + i;
    if (seq !== expected)
      failures.push(`entry at position ${expected} has seq ${seq} (gap, insertion or reordering)`);
    const prefixed = v.prefixed(i);
    const lh = hash('sha256', prefixed, 'buffer');
    leaves.set(lh, i * HASH_SIZE);
    if (!lh.equals(v.stored(i)))
      failures.push(`entry ${seq}: stored leaf hash does not match its bytes (the event was altered)`);
    const text = prefixed.toString('utf8', 1);
    let parsed: LedgerEvent;
    try {
      // Frozen only when handed on to the projectors; here it is read and dropped.
      parsed = parseEventText(text, keepEvents);
    } catch (e) {
      failures.push(`entry ${seq}: bytes are not a valid event (${message(e)})`);
      continue;
    }
    if (parsed.seq !== seq)
      failures.push(`entry ${seq}: the event inside says seq ${parsed.seq} (moved or reordered)`);
    let canonical: boolean;
    try {
      canonical = canonicalJson(parsed) === text;
    } catch {
      canonical = false; // e.g. an escaped lone surrogate: valid JSON, but no canonical form
    }
    if (!canonical) failures.push(`entry ${seq}: bytes are not canonical JSON`);
    for (const p of registry.check(parsed)) payloadFailures.push(payloadFailure(parsed, p.path, p.message));
    events?.push(parsed);
    for (const r of sealRefsIn(parsed.payload))
      seals.push({ sealedId: r.sealedId, commitment: r.commitment, seq: parsed.seq });
    for (const id of erasuresIn(parsed.payload)) erased.push(id);
  }
  const interior = subtreeNodes(leaves);
  return {
    leaves,
    interior,
    failures,
    payloadFailures,
    seals,
    erased,
    ...(events === undefined ? {} : { events }),
  };
}

/** A stored-node failure found in a worker: its place, so the caller can report them level by level. */
export interface NodeFailure {
  readonly level: number;
  readonly index: number;
  readonly message: string;
}

/** What a worker that read a range itself returns. */
export interface RangeCheck {
  /** How many entries the range held; fewer than asked means rows are missing (the caller starts over serially). */
  readonly count: number;
  readonly check?: EntryCheck;
  readonly nodeFailures?: readonly NodeFailure[];
  /** The packed entries, when the caller replays projections from them. */
  readonly batch?: EntryBatch;
}

/**
 * Compare the stored nodes of one level with the recomputed nodes [from, to) (`computed(i)` is
 * node i); appends failures.
 */
export function compareNodes(
  level: number,
  from: number,
  to: number,
  computed: (index: number) => Uint8Array,
  stored: readonly { readonly index: number; readonly hash: Uint8Array }[],
  out: NodeFailure[],
): void {
  let k = 0;
  for (let i = from; i < to; i++) {
    const s = stored[k];
    if (s?.index !== i) {
      out.push({ level, index: i, message: `stored Merkle node ${level}:${i} is missing` });
      continue;
    }
    k += 1;
    const c = computed(i);
    if (!Buffer.from(s.hash.buffer, s.hash.byteOffset, s.hash.byteLength).equals(c))
      out.push({
        level,
        index: i,
        message: `stored Merkle node ${level}:${i} differs from the recomputed one`,
      });
  }
}

/**
 * Read entries [from, to) through a worker's own connection and check them: the per-entry
 * checks, the interior nodes over the range, and the stored nodes of levels `firstLevel` and up
 * that lie inside it (`from` must be a multiple of the smallest power of two ≥ to − from, which
 * verify's batches are). A range with missing rows is only counted.
 */
export async function checkRange(
  reader: EntryReader,
  from: number,
  to: number,
  firstLevel: number,
  keepBytes: boolean,
  events: EventRegistry,
): Promise<RangeCheck> {
  const rows = await reader.readEntries(from, to);
  if (rows.length !== to - from) return { count: rows.length };
  const check = checkView(rowsView(rows), from, false, events);
  const nodeFailures: NodeFailure[] = [];
  const n = rows.length;
  // Interior level l starts after the ⌊n/2⌋ + … + ⌊n/2^(l−1)⌋ nodes of the levels below it.
  let at = 0;
  for (let l = 1; l < firstLevel; l++) at += (n >> l) * HASH_SIZE;
  for (let level = firstLevel; n >> level > 0; level++) {
    const count = n >> level;
    let computed: Uint8Array;
    if (level === 0) computed = check.leaves;
    else {
      computed = check.interior.subarray(at, at + count * HASH_SIZE);
      at += count * HASH_SIZE;
    }
    const start = from >> level;
    let stored: readonly { readonly index: number; readonly hash: Uint8Array }[];
    try {
      stored = await reader.readNodeRange(level, start, start + count);
    } catch (e) {
      nodeFailures.push({ level, index: start, message: `level ${level}: ${message(e)}` });
      continue;
    }
    compareNodes(
      level,
      start,
      start + count,
      (i) => computed.subarray((i - start) * HASH_SIZE, (i - start + 1) * HASH_SIZE),
      stored,
      nodeFailures,
    );
  }
  return { count: n, check, nodeFailures, ...(keepBytes ? { batch: packEntries(from, rows) } : {}) };
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
