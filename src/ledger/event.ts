/**
 * Ledger events. An event is canonical JSON (RFC 8785); its leaf is SHA-256(0x00 ‖ bytes).
 * Nothing is updated or deleted: a correction is a new event whose `refs` name the corrected one.
 */
import { hash } from 'node:crypto';
import { canonicalBytes, canonicalJson, deepFreeze, type JsonObject } from '../core/index.js';
import { leafHash } from './hash.js';

export interface LedgerEvent {
  /** 0-based position in the log; equals the Merkle leaf index. */
  readonly seq: number;
  readonly type: string;
  readonly schemaVersion: number;
  /** Server time of the append (ISO 8601 UTC). */
  readonly recordedAt: string;
  /** When it happened in the world (ISO 8601 UTC). */
  readonly effectiveAt: string;
  /** User id of who did it. */
  readonly actor: string;
  /** User id of the second person where a two-person rule applies. */
  readonly cosigner?: string;
  readonly payload: JsonObject;
  /** seq numbers of the events this one builds on or corrects. */
  readonly refs: readonly number[];
  /** Markers such as 'backdated' (effectiveAt well before recordedAt). */
  readonly flags?: readonly string[];
  /** Client-generated submission id, making retries idempotent. */
  readonly submission?: string;
  /** The command type that produced a submitted event (present with `submission`). */
  readonly command?: string;
}

/** An event before the ledger assigns its place and time. */
export type EventDraft = Omit<LedgerEvent, 'seq' | 'recordedAt'>;

/**
 * The event a draft becomes at `seq`, frozen, with its keys already in RFC 8785 order (so the
 * canonical writer need not copy the envelope on the append path). Optional fields are present
 * only when set; anything that is not an event field is left out, so it can never be hashed.
 */
export function placeDraft(d: EventDraft, seq: number, recordedAt: string): LedgerEvent {
  // Keys in UTF-16 order: actor, command, cosigner, effectiveAt, flags, payload, recordedAt,
  // refs, schemaVersion, seq, submission, type.
  const e: { -readonly [K in keyof LedgerEvent]: LedgerEvent[K] } = { actor: d.actor } as LedgerEvent;
  if (d.command !== undefined) e.command = d.command;
  if (d.cosigner !== undefined) e.cosigner = d.cosigner;
  e.effectiveAt = d.effectiveAt;
  if (d.flags !== undefined) e.flags = d.flags;
  e.payload = d.payload;
  e.recordedAt = recordedAt;
  e.refs = d.refs;
  e.schemaVersion = d.schemaVersion;
  e.seq = seq;
  if (d.submission !== undefined) e.submission = d.submission;
  e.type = d.type;
  return deepFreeze(e);
}

/** The canonical bytes that are hashed and stored. */
export function eventBytes(e: LedgerEvent): Buffer {
  return canonicalBytes(e);
}

/**
 * The canonical bytes and the leaf hash together, encoding the canonical text once into a buffer
 * that starts with the 0x00 leaf prefix (RFC 9162 §2.1.1): `bytes` is a view past that prefix,
 * so neither the text nor the bytes are copied again to hash them (the append path's hot loop).
 */
export function eventBytesAndLeaf(e: LedgerEvent): { readonly bytes: Buffer; readonly leaf: Buffer } {
  const prefixed = Buffer.from(`\u0000${canonicalJson(e)}`, 'utf8');
  return { bytes: prefixed.subarray(1), leaf: hash('sha256', prefixed, 'buffer') };
}

/** The event's Merkle leaf hash. */
export function eventLeafHash(e: LedgerEvent): Buffer {
  return leafHash(eventBytes(e));
}

/** Parse stored canonical bytes back into a frozen event. Throws on corrupt bytes (verify catches). */
export function parseEventBytes(bytes: Uint8Array): LedgerEvent {
  const text = Buffer.isBuffer(bytes)
    ? bytes.toString('utf8')
    : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  return parseEventText(text);
}

/**
 * Parse the text of stored canonical bytes into an event, frozen unless `freeze` is false (for
 * a caller that only reads a few fields and drops it, such as verify's per-entry check).
 */
export function parseEventText(text: string, freeze = true): LedgerEvent {
  const v = JSON.parse(text) as unknown;
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Error('event is not a JSON object');
  const o = v as Record<string, unknown>;
  if (typeof o['seq'] !== 'number' || typeof o['type'] !== 'string' || typeof o['payload'] !== 'object') {
    throw new Error('event lacks seq, type or payload');
  }
  return freeze ? deepFreeze(o as unknown as LedgerEvent) : (o as unknown as LedgerEvent);
}
