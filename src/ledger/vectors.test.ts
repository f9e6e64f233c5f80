/** RFC 6962/9162 reference vectors vendored in test/fixtures/merkle-vectors (transparency-dev/merkle, Apache-2.0). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemoryTree, leafHash, verifyConsistency, verifyInclusion } from './index.js';

const dir = join(import.meta.dirname, '../../test/fixtures/merkle-vectors');
const b64 = (s: string) => Buffer.from(s, 'base64');

function walk(d: string): string[] {
  return readdirSync(d).flatMap((f) => {
    const p = join(d, f);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.json') ? [p] : [];
  });
}

interface InclusionCase {
  leafIdx: number;
  treeSize: number;
  root: string | null;
  leafHash: string | null;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}
interface ConsistencyCase {
  size1: number;
  size2: number;
  root1: string | null;
  root2: string | null;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}

describe('RFC 9162 roots', () => {
  const roots = JSON.parse(readFileSync(join(dir, 'roots.json'), 'utf8')) as {
    leafInputs: string[];
    rootHashes: string[];
  };
  it('computes all nine reference roots for trees of 0..8 leaves', () => {
    expect(roots.rootHashes).toHaveLength(9);
    const tree = new MemoryTree();
    expect(Buffer.from(tree.root()).toString('hex')).toBe(roots.rootHashes[0]);
    roots.leafInputs.forEach((input, i) => {
      tree.append(leafHash(Buffer.from(input, 'hex')));
      expect(Buffer.from(tree.root()).toString('hex')).toBe(roots.rootHashes[i + 1]);
    });
  });
});

describe('RFC 9162 inclusion vectors', () => {
  const cases = walk(join(dir, 'testdata/inclusion')).map((f) => ({
    f,
    c: JSON.parse(readFileSync(f, 'utf8')) as InclusionCase,
  }));
  it('has all 98 cases', () => expect(cases).toHaveLength(98));
  it.each(cases.map(({ f, c }) => [f.slice(dir.length), c] as const))('%s', (_name, c) => {
    const ok = verifyInclusion(
      c.leafIdx,
      c.treeSize,
      b64(c.leafHash ?? ''),
      (c.proof ?? []).map(b64),
      b64(c.root ?? ''),
    );
    expect(ok).toBe(!c.wantErr);
  });
});

describe('RFC 9162 consistency vectors', () => {
  const cases = walk(join(dir, 'testdata/consistency')).map((f) => ({
    f,
    c: JSON.parse(readFileSync(f, 'utf8')) as ConsistencyCase,
  }));
  it('has all 98 cases', () => expect(cases).toHaveLength(98));
  it.each(cases.map(({ f, c }) => [f.slice(dir.length), c] as const))('%s', (_name, c) => {
    const ok = verifyConsistency(
      c.size1,
      c.size2,
      b64(c.root1 ?? ''),
      b64(c.root2 ?? ''),
      (c.proof ?? []).map(b64),
    );
    expect(ok).toBe(!c.wantErr);
  });
});
