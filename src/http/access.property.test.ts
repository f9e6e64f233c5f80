/**
 * Need-to-know has two forms: the `Expr` the store applies (`accessFilter`, pushed into SQL, and the
 * only rule PostgreSQL's ST_AsMVT tiles and the store's extent aggregate get) and a domain's own
 * per-row `mayRead`. Whatever the `Expr` admits, `mayRead` must admit too, for every collection,
 * actor and row, or those paths would show what the domain hides.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CLASSIFICATIONS, ROLES, type Actor } from '../access/index.js';
import { geoSpatialPredicate } from '../app/spatial.js';
import { evaluate, type Doc } from '../store/index.js';
import { accessFilter, defaultCollections } from './collections.js';

const actor: fc.Arbitrary<Actor> = fc.record({
  id: fc.constant('u1'),
  name: fc.constant('synthetic'),
  roles: fc.subarray([...ROLES]),
  clearance: fc.constantFrom(...CLASSIFICATIONS),
  regions: fc.subarray(['FI-01', 'FI-02', 'UA-14']),
});

/** Row fields need-to-know reads, including values the domain never writes (wrong types, unknown levels). */
const data = fc.record(
  {
    classification: fc.constantFrom<unknown>(...CLASSIFICATIONS, null, 'top-secret', 3, ''),
    region: fc.constantFrom<unknown>('FI-01', 'FI-02', 'UA-14', 'EE-37', null, 7),
    publicWarning: fc.constantFrom<unknown>(true, false, 'true', null),
    status: fc.constantFrom('open', 'closed'),
  },
  { requiredKeys: ['status'] },
);

describe('need-to-know: the store filter never admits a row the domain hides', () => {
  const specs = defaultCollections().filter((s) => s.mayRead !== undefined);
  it('covers the collections with a row-level rule', () => {
    expect(specs.map((s) => s.id)).toEqual(
      expect.arrayContaining(['hazards', 'releases', 'devices', 'accidents', 'minefields']),
    );
  });
  it.each(specs.map((s) => [s.id, s] as const))('%s', (_id, spec) => {
    fc.assert(
      fc.property(actor, data, (a, d) => {
        const doc = { collection: spec.source, id: 'r1', version: 1, data: d } as unknown as Doc;
        if (evaluate(accessFilter(spec, a), doc, geoSpatialPredicate))
          expect(spec.mayRead?.(a, doc)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});
