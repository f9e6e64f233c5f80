import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { erasuresIn, newSalt, sealCommitment, sealRefsIn } from './sealed.js';

describe('sealed data commitments', () => {
  it('commits to sha256 of the salt followed by the canonical JSON (keys sorted, no spaces)', () => {
    const salt = '0f'.repeat(32);
    const expected = createHash('sha256')
      .update(`${salt}{"age":11,"name":"SYNTHETIC Ä","z":[1,{"a":true}]}`, 'utf8')
      .digest('hex');
    expect(sealCommitment(salt, { z: [1, { a: true }], name: 'SYNTHETIC Ä', age: 11 })).toBe(expected);
  });

  it('gives different commitments for the same data under different salts', () => {
    const a = newSalt();
    const b = newSalt();
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(a).not.toBe(b);
    expect(sealCommitment(a, { name: 'x' })).not.toBe(sealCommitment(b, { name: 'x' }));
  });

  it('finds every sealed reference anywhere in a payload and ignores look-alikes', () => {
    const c = 'a'.repeat(64);
    const payload = {
      victims: [
        { victimId: 'v1', sealedId: 's1', commitment: c },
        { sealedId: 's2', commitment: 'short' },
      ],
      deep: { x: [{ sealedId: 's3', commitment: c }] },
    };
    expect(sealRefsIn(payload)).toEqual([
      { sealedId: 's1', commitment: c },
      { sealedId: 's3', commitment: c },
    ]);
    expect(sealRefsIn('text')).toEqual([]);
  });

  it('reads the erased ids of an erasure event and nothing else', () => {
    expect(erasuresIn({ erasedSealedIds: ['s1', 2, 's2'] })).toEqual(['s1', 's2']);
    expect(erasuresIn({ other: ['s1'] })).toEqual([]);
    expect(erasuresIn(null)).toEqual([]);
  });
});
