/** RFC 9162 §2.1.1 hashing: leaves and interior nodes are domain-separated SHA-256. */
import { createHash, hash } from 'node:crypto';

export const HASH_SIZE = 32;

// One-shot `crypto.hash` (Node ≥ 20.12) over one prefixed buffer: about 1.5× faster than a
// Hash object with three updates, and append and verify hash every leaf and node.

/** MTH({d}) = SHA-256(0x00 || d). */
export function leafHash(data: Uint8Array): Buffer {
  const buf = Buffer.allocUnsafe(1 + data.length);
  buf[0] = 0x00;
  buf.set(data, 1);
  return hash('sha256', buf, 'buffer');
}

/** Interior node = SHA-256(0x01 || left || right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  const buf = Buffer.allocUnsafe(1 + left.length + right.length);
  buf[0] = 0x01;
  buf.set(left, 1);
  buf.set(right, 1 + left.length);
  return hash('sha256', buf, 'buffer');
}

/** MTH({}) = SHA-256() — the root of the empty tree. */
export const EMPTY_ROOT: Buffer = createHash('sha256').digest();
