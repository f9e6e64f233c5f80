/**
 * Sealed personal data: the ledger holds a salted hash commitment, the store holds the data.
 *
 * Conventions every module follows, so that verify and ledger transfer stay generic:
 * - an event payload refers to a sealed record with an object `{ sealedId, commitment }`
 *   (anywhere in the payload, e.g. one per victim);
 * - an event that erases sealed records carries their ids in the top-level payload field
 *   `erasedSealedIds` (the commitment stays in the ledger; only the data row is deleted).
 */
import { createHash, randomBytes } from 'node:crypto';
import { canonicalJson, type JsonObject } from '../core/index.js';

/** The top-level payload field of an erasure event. */
export const ERASED_SEALED_FIELD = 'erasedSealedIds';

/** A reference to sealed data found in an event payload. */
export interface SealRef {
  readonly sealedId: string;
  readonly commitment: string;
}

/** sha256hex(salt ‖ canonical JSON of the data), over UTF-8. */
export function sealCommitment(salt: string, data: JsonObject): string {
  return createHash('sha256').update(salt, 'utf8').update(canonicalJson(data), 'utf8').digest('hex');
}

/** 32 random bytes as hex: a fresh salt for one sealed record. */
export function newSalt(): string {
  return randomBytes(32).toString('hex');
}

const HEX64 = /^[0-9a-f]{64}$/;

/** Every `{ sealedId, commitment }` object in a payload, in document order. */
export function sealRefsIn(payload: unknown): SealRef[] {
  const out: SealRef[] = [];
  const walk = (v: unknown, depth: number): void => {
    if (depth > 64 || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      for (const x of v) walk(x, depth + 1);
      return;
    }
    const o = v as Readonly<Record<string, unknown>>;
    const id = o['sealedId'];
    const c = o['commitment'];
    if (typeof id === 'string' && typeof c === 'string' && HEX64.test(c))
      out.push({ sealedId: id, commitment: c });
    for (const x of Object.values(o)) walk(x, depth + 1);
  };
  walk(payload, 0);
  return out;
}

/** The sealed ids an event erases (its `erasedSealedIds` field), or none. */
export function erasuresIn(payload: unknown): string[] {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) return [];
  const ids = (payload as Readonly<Record<string, unknown>>)[ERASED_SEALED_FIELD];
  return Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string') : [];
}
