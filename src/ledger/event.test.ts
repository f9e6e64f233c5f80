import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../core/index.js';
import { placeDraft, type EventDraft } from './index.js';

const draftArb: fc.Arbitrary<EventDraft> = fc.record(
  {
    type: fc.string({ minLength: 1 }),
    schemaVersion: fc.nat(),
    effectiveAt: fc.constant('2026-01-01T00:00:00.000Z'),
    actor: fc.uuid(),
    cosigner: fc.uuid(),
    payload: fc.dictionary(fc.string(), fc.jsonValue()) as fc.Arbitrary<EventDraft['payload']>,
    refs: fc.array(fc.nat()),
    flags: fc.array(fc.string()),
    submission: fc.uuid(),
    command: fc.string(),
  },
  { requiredKeys: ['type', 'schemaVersion', 'effectiveAt', 'actor', 'payload', 'refs'] },
);

describe('placeDraft', () => {
  it('gives the same canonical bytes as the draft spread with its place and time, keys already in order', () => {
    fc.assert(
      fc.property(draftArb, fc.nat(), (d, seq) => {
        const e = placeDraft(d, seq, '2026-02-03T04:05:06.789Z');
        const text = canonicalJson({ ...d, seq, recordedAt: '2026-02-03T04:05:06.789Z' });
        expect(canonicalJson(e)).toBe(text);
        const keys = Object.keys(e);
        expect(keys).toEqual([...keys].sort());
        expect(Object.isFrozen(e) && Object.isFrozen(e.payload)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('leaves out what is not an event field, so it is never hashed', () => {
    const d = {
      type: 't',
      schemaVersion: 1,
      effectiveAt: '2026-01-01T00:00:00.000Z',
      actor: 'a',
      payload: {},
      refs: [],
      password: 'x',
    };
    const e = placeDraft(d, 0, '2026-01-01T00:00:00.000Z');
    expect(Object.keys(e)).not.toContain('password');
    expect(canonicalJson(e)).not.toContain('password');
  });
});
