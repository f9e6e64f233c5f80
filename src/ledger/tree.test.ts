import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Frontier,
  MemoryTree,
  consistencyProof,
  inclusionProof,
  leafHash,
  nodesRead,
  rootHash,
  subtreeNodes,
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
      fc.property(
        fc.integer({ min: 1, max: 300 }),
        fc.nat(),
        fc.nat(),
        fc.nat({ max: 255 }),
        (size, i, w, bit) => {
          const index = i % size;
          const proof = inclusionProof(index, size, big.source);
          const root = big.root(size);
          const leaf = big.source(0, index);
          expect(verifyInclusion(index, size, leaf, proof, root)).toBe(true);
          if (proof.length > 0) {
            expect(verifyInclusion(index, size, leaf, flipBit(proof, w % proof.length, bit), root)).toBe(
              false,
            );
          }
          expect(verifyInclusion(index, size, leaf, [...proof, leaf], root)).toBe(false);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('verifies every consistency proof between two sizes and rejects any flipped bit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1, max: 300 }),
        fc.nat(),
        fc.nat({ max: 255 }),
        (a, b, w, bit) => {
          const [m, n] = a <= b ? [a, b] : [b, a];
          const proof = consistencyProof(m, n, big.source);
          expect(verifyConsistency(m, n, big.root(m), big.root(n), proof)).toBe(true);
          if (proof.length > 0) {
            expect(
              verifyConsistency(m, n, big.root(m), big.root(n), flipBit(proof, w % proof.length, bit)),
            ).toBe(false);
          }
          if (m < n) expect(verifyConsistency(m, n, big.root(n), big.root(m), proof)).toBe(false);
        },
      ),
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

  it('creates, through a frontier, exactly the nodes and roots the in-memory tree creates, also when reloaded from stored nodes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 40 }), (start, extra) => {
        const f = Frontier.load(start, big.source);
        expect(f.size).toBe(start);
        expect(Buffer.from(f.root()).equals(Buffer.from(big.root(start)))).toBe(true);
        const expected = new MemoryTree();
        for (let i = 0; i < start; i++) expected.append(big.source(0, i));
        for (let i = start; i < start + extra; i++) {
          const leaf = leafHash(Buffer.from(`extra ${i}`));
          const created: string[] = [];
          f.append(leaf, (level, index, hash) => created.push(`${level}:${index}:${hash.toString('hex')}`));
          const want = expected
            .append(leaf)
            .filter((n) => n.level > 0)
            .map((n) => `${n.level}:${n.index}:${Buffer.from(n.hash).toString('hex')}`);
          expect(created).toEqual(want);
          expect(Buffer.from(f.root()).equals(Buffer.from(expected.root()))).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('leaves the original frontier unchanged when a clone is appended to', () => {
    const f = Frontier.load(5, big.source);
    const c = f.clone();
    c.append(leafHash(Buffer.from('x')));
    expect(f.size).toBe(5);
    expect(Buffer.from(f.root()).equals(Buffer.from(big.root(5)))).toBe(true);
  });
});

describe('MemoryTree.pushSubtrees', () => {
  const leafAt = (i: number): Buffer => leafHash(Buffer.from(`leaf ${i}`));
  const run = (from: number, to: number): Buffer =>
    Buffer.concat(Array.from({ length: to - from }, (_, k) => leafAt(from + k)));

  it('builds, run by run with interior nodes computed apart, the same tree as pushing leaf by leaf', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 1, max: 700 }),
        fc.boolean(),
        (log, total, misaligned) => {
          const batch = 2 ** log;
          const expected = new MemoryTree();
          for (let i = 0; i < total; i++) expected.push(leafAt(i));
          const t = new MemoryTree();
          // A misaligned first run (3 leaves) makes every later run take the leaf-by-leaf fallback.
          let from = 0;
          if (misaligned && batch > 1 && total > 3) {
            t.pushSubtrees(run(0, 3), subtreeNodes(run(0, 3)));
            from = 3;
          }
          for (; from < total; from += batch) {
            const leaves = run(from, Math.min(total, from + batch));
            t.pushSubtrees(leaves, subtreeNodes(leaves));
          }
          expect(t.size).toBe(total);
          for (const size of [1, Math.ceil(total / 3), total])
            expect(Buffer.from(t.root(size))).toEqual(Buffer.from(expected.root(size)));
          for (let level = 0; 2 ** level <= total; level++) {
            for (let i = 0; i < Math.floor(total / 2 ** level); i++)
              expect(Buffer.from(t.source(level, i))).toEqual(Buffer.from(expected.source(level, i)));
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('computes interior nodes level by level: ⌊n/2⌋ + ⌊n/4⌋ + … of them', () => {
    expect(subtreeNodes(run(0, 8)).length / 32).toBe(7);
    expect(subtreeNodes(run(0, 5)).length / 32).toBe(3);
    expect(subtreeNodes(run(0, 1)).length).toBe(0);
  });
});
