/** Proof verification per RFC 9162 §2.1.3.2 and §2.1.4.2. Pure; rejects anything malformed. */
import { HASH_SIZE, nodeHash } from './hash.js';

function eq(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

function wellFormed(hashes: readonly Uint8Array[]): boolean {
  return hashes.every((h) => h.length === HASH_SIZE);
}

/** Root computed from an inclusion proof, or undefined when the proof cannot be valid. */
export function rootFromInclusionProof(
  index: number,
  size: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
): Uint8Array | undefined {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size)
    return undefined;
  if (leaf.length !== HASH_SIZE || !wellFormed(proof)) return undefined;
  let fn = index;
  let sn = size - 1;
  let r: Uint8Array = leaf;
  for (const p of proof) {
    if (sn === 0) return undefined;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r : undefined;
}

/** True when `proof` shows `leaf` at `index` in the tree of `size` leaves with root `root`. */
export function verifyInclusion(
  index: number,
  size: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (root.length !== HASH_SIZE) return false;
  const r = rootFromInclusionProof(index, size, leaf, proof);
  return r !== undefined && eq(r, root);
}

/** True when `proof` shows the tree of size `size2` (root2) extends the one of size `size1` (root1). */
export function verifyConsistency(
  size1: number,
  size2: number,
  root1: Uint8Array,
  root2: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  if (!Number.isSafeInteger(size1) || !Number.isSafeInteger(size2)) return false;
  if (size1 <= 0 || size2 < size1) return false; // a proof from the empty tree is an error
  // Equal sizes: the proof must be empty and the roots identical (reference verifier order).
  if (size1 === size2) return proof.length === 0 && eq(root1, root2);
  if (root1.length !== HASH_SIZE || root2.length !== HASH_SIZE || !wellFormed(proof)) return false;
  let path = [...proof];
  // If size1 is a power of two, root1 itself is the first node of the path.
  if (Number.isInteger(Math.log2(size1))) path = [root1, ...path];
  const first = path[0];
  if (first === undefined) return false;
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr: Uint8Array = first;
  let sr: Uint8Array = first;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && eq(fr, root1) && eq(sr, root2);
}
