import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../access/index.js';
import { makeTestApp } from '../app/testing/index.js';
import { SOURCE_KINDS } from './types.js';
import { STOCK_COLLECTIONS, type Account, type Balance } from './index.js';
import { stockWorld } from './testing/fixture.js';

type Who = 'officer' | 'approver' | 'dual';
type Step =
  | {
      op: 'propose';
      kind: 'receipt' | 'internal-transfer' | 'destroy' | 'issue-emplacement' | 'found';
      lot: 0 | 1 | 2;
      qty: number;
      from: 0 | 1;
      to: 0 | 1;
      who: Who;
    }
  | { op: 'approve' | 'execute' | 'reject' | 'cancel'; pick: number; who: Who };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    op: fc.constant('propose' as const),
    kind: fc.constantFrom('receipt', 'internal-transfer', 'destroy', 'issue-emplacement', 'found'),
    lot: fc.constantFrom(0, 1, 2),
    // Mostly valid quantities, sometimes zero, negative or fractional.
    qty: fc.oneof(fc.integer({ min: 1, max: 40 }), fc.constantFrom(0, -3, 2.5)),
    from: fc.constantFrom(0, 1),
    to: fc.constantFrom(0, 1),
    who: fc.constantFrom('officer', 'dual'),
  }),
  fc.record({
    op: fc.constantFrom('approve', 'execute', 'reject', 'cancel'),
    pick: fc.nat(50),
    who: fc.constantFrom('officer', 'approver', 'dual'),
  }),
);

describe('stock invariants over random command sequences', () => {
  it('conserves every lot, never goes negative, replays to the live projections and always refuses self-approval', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 30 }), async (steps) => {
        const app = await makeTestApp({ now: '2026-06-01T12:00:00Z' });
        try {
          const w = await stockWorld(app, 'FI');
          const { addTestUser } = await import('../app/testing/index.js');
          const dual = await addTestUser(app, 'dual', ['stock-officer', 'approver']);
          const actors: Record<Who, Actor> = { officer: w.officer, approver: w.approver, dual };
          const lots = [w.lotId, w.atLotId, '00000000-0000-4000-8000-000000000000'];
          const places = [
            { facilityId: w.facilityId, locationId: 'A1' },
            { facilityId: w.facility2Id, locationId: 'A2' },
          ];
          const movements: Array<{ id: string; by: string }> = [];
          for (const s of steps) {
            if (s.op === 'propose') {
              const base = { lotId: lots[s.lot], quantity: s.qty };
              const payload =
                s.kind === 'receipt'
                  ? { kind: s.kind, ...base, to: places[s.to] }
                  : s.kind === 'found'
                    ? { kind: s.kind, ...base, to: places[s.to], reference: 'r' }
                    : s.kind === 'internal-transfer'
                      ? { kind: s.kind, ...base, from: places[s.from], to: places[s.to] }
                      : s.kind === 'issue-emplacement'
                        ? { kind: s.kind, ...base, from: places[s.from], minefieldId: 'FI-MF-2026-0001' }
                        : {
                            kind: s.kind,
                            ...base,
                            from: places[s.from],
                            method: 'recycling',
                            site: 'x',
                            supervisor: 'y',
                            certificate: 'z',
                            basis: 'surplus',
                          };
              const r = await app.execute(
                { type: 'stock.movement.propose', effectiveAt: '2026-05-01', payload },
                actors[s.who],
              );
              if (r.ok) movements.push({ id: r.value.result['movementId'] as string, by: actors[s.who].id });
              else if (s.qty <= 0 || !Number.isInteger(s.qty))
                expect(r.errors.map((e) => e.code)).toContain('VALIDATION_RANGE');
              continue;
            }
            const m = movements[s.pick % Math.max(1, movements.length)];
            if (m === undefined) continue;
            const actor = actors[s.who];
            const payload =
              s.op === 'reject' || s.op === 'cancel'
                ? { movementId: m.id, reason: 'random' }
                : { movementId: m.id };
            const size = await app.ledger.size();
            const r = await app.execute(
              {
                type: `stock.movement.${s.op}`,
                payload,
                ...(s.op === 'execute' ? { effectiveAt: '2026-05-02' } : {}),
              },
              actor,
            );
            if (s.op === 'approve' && actor.id === m.by) {
              expect(r.ok).toBe(false);
              // An approver is refused for self-approval; anyone else lacks the permission anyway.
              if (!r.ok)
                expect(r.errors.map((e) => e.code)).toContain(
                  actor.roles.includes('approver') ? 'STOCK_SELF_APPROVAL' : 'AUTH_FORBIDDEN',
                );
            }
            if (!r.ok) expect(await app.ledger.size()).toBe(size);
          }
          const balances = (await app.store.findDocs({ collection: STOCK_COLLECTIONS.balances })).map(
            (d) => d.data as unknown as Balance,
          );
          const accounts = new Map(
            (await app.store.findDocs({ collection: STOCK_COLLECTIONS.accounts })).map((d) => [
              d.id,
              d.data as unknown as Account,
            ]),
          );
          const perLot = new Map<string, number>();
          for (const b of balances) {
            perLot.set(b.lotId, (perLot.get(b.lotId) ?? 0) + b.qty);
            const kind = accounts.get(b.account)?.kind;
            expect(kind).toBeDefined();
            if (kind !== undefined && !SOURCE_KINDS.includes(kind)) expect(b.qty).toBeGreaterThanOrEqual(0);
          }
          for (const total of perLot.values()) expect(total).toBe(0);
          expect((await app.verify()).ok).toBe(true);
        } finally {
          await app.close();
        }
      }),
      { numRuns: 6 },
    );
  }, 300_000);
});
