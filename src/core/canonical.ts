/** RFC 8785 JSON Canonicalization Scheme: the bytes that the ledger hashes. */
import canonicalizeImpl from 'canonicalize';

/** Serialize a JSON value to its RFC 8785 canonical text. Throws on values JSON cannot carry (a bug). */
export function canonicalJson(value: unknown): string {
  const text = canonicalizeImpl(value);
  if (text === undefined) throw new TypeError('value has no canonical JSON form');
  return text;
}

/** Canonical UTF-8 bytes of a JSON value. */
export function canonicalBytes(value: unknown): Buffer {
  return Buffer.from(canonicalJson(value), 'utf8');
}
