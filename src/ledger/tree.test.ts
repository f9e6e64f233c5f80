import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MemoryTree,
  consistencyProof,
  inclusionProof,
  leafHash,
  nodesRead,
  rootHash,
  verifyConsistency,
  verifyInclusion,
} from './index.js';

function treeOf(n: number): MemoryTree {
  const t = new MemoryTree();
  for (let i = 0; i < n; i++) t.append(leafHash(Buffer.from(`leaf ${i}`)));
  return t;
}
const big = treeOf(300);

function flipBit(proof: Uint8Array[], which: number, bit: number): Uint8Array[] {
  return proof.map((p, i) => {
    if (i !== which) return p;
    const c = Buffer.from(p);
    c[bit >> 3] = (c[bit >> 3] ?? 0) ^ (1 << (bit & 7));
    return c;
  });
}

describe('Merkle proofs (property)', () => {
  it('verifies every inclusion proof for random sizes and rejects any flipped bit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.nat(), fc.nat(), fc.nat({ max: 255 }), (size, i, w, bit) => {
        const index = i % size;
        const proof = inclusionProof(index, size, big.source);
        const root = big.root(size);
        const leaf = big.source(0, index);
        expect(verifyInclusion(index, size, leaf, proof, root)).toBe(true);
        if (proof.length > 0) {
          expect(verifyInclusion(index, size, leaf, flipBit(proof, w % proof.length, bit), root)).toBe(false);
        }
        expect(verifyInclusion(index, size, leaf, [...proof, leaf], root)).toBe(false);
      }),
      { numRuns: 400 },
    );
  });

  it('verifies every consistency proof between two sizes and rejects any flipped bit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 300 }), fc.nat(), fc.nat({ max: 255 }), (a, b, w, bit) => {
        const [m, n] = a <= b ? [a, b] : [b, a];
        const proof = consistencyProof(m, n, big.source);
        expect(verifyConsistency(m, n, big.root(m), big.root(n), proof)).toBe(true);
        if (proof.length > 0) {
          expect(verifyConsistency(m, n, big.root(m), big.root(n), flipBit(proof, w % proof.length, bit))).toBe(false);
        }
        if (m < n) expect(verifyConsistency(m, n, big.root(n), big.root(m), proof)).toBe(false);
      }),
      { numRuns: 400 },
    );
  });

  it('reads only O(log n) stored nodes for a proof', () => {
    const reads = nodesRead((get) => inclusionProof(123_456, 1_000_000, get));
    expect(reads.length).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(1_000_000)));
    const rootReads = nodesRead((get) => rootHash(1_000_000, get));
    expect(rootReads.length).toBe(7); // popcount(1_000_000) perfect subtrees
  });

  it('builds the same root incrementally as from scratch', () => {
    const t = treeOf(37);
    expect(Buffer.from(t.root(20)).equals(Buffer.from(treeOf(20).root()))).toBe(true);
  });
});
