/**
 * Ledger events. An event is canonical JSON (RFC 8785); its leaf is SHA-256(0x00 ‖ bytes).
 * Nothing is updated or deleted: a correction is a new event whose `refs` name the corrected one.
 */
import { canonicalBytes, deepFreeze, type JsonObject } from '../core/index.js';
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

/** The canonical bytes that are hashed and stored. */
export function eventBytes(e: LedgerEvent): Buffer {
  return canonicalBytes(e);
}

/** The event's Merkle leaf hash. */
export function eventLeafHash(e: LedgerEvent): Buffer {
  return leafHash(eventBytes(e));
}

/** Parse stored canonical bytes back into a frozen event. Throws on corrupt bytes (verify catches). */
export function parseEventBytes(bytes: Uint8Array): LedgerEvent {
  const v = JSON.parse(Buffer.from(bytes).toString('utf8')) as unknown;
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Error('event is not a JSON object');
  const o = v as Record<string, unknown>;
  if (typeof o['seq'] !== 'number' || typeof o['type'] !== 'string' || typeof o['payload'] !== 'object') {
    throw new Error('event lacks seq, type or payload');
  }
  return deepFreeze(o as unknown as LedgerEvent);
}
