/**
 * Stock checks (IATG 03.10 periodic stocktaking): a count sheet for a facility by two counters,
 * expected against counted per lot and location. A difference opens a discrepancy: open →
 * investigating → resolved-explained | loss-reported. Only resolution produces adjustments.
 */
import { z } from 'zod';
import { err, newId, ok, problem, type Problem } from '../core/index.js';
import { defineCommand, type NewEvent } from '../command/index.js';
import type { DocReader } from '../store/index.js';
import { findUserByName } from '../users/index.js';
import { stockEvents } from './events.js';
import { executedEvent } from './movements.js';
import { balanceOf, getDiscrepancy, getFacility, getLot, getMineType } from './queries.js';
import { text, uuid } from './schemas.js';
import { stockDocs } from './collections.js';
import { accountKey, type Account } from './types.js';

/** Every non-zero holding of a facility, by storage location and lot. */
async function holdings(docs: DocReader, facilityId: string): Promise<Map<string, number>> {
  const prefix = `storage:${facilityId}:`;
  const rows = await stockDocs.balances.find(docs, {
    where: { op: 'like', field: 'account', pattern: `${prefix}%` },
  });
  const out = new Map<string, number>();
  for (const { data: b } of rows) {
    if (b.qty !== 0) out.set(`${b.account.slice(prefix.length)}|${b.lotId}`, b.qty);
  }
  return out;
}

const record = defineCommand({
  type: 'stock.check.record',
  permission: 'stock.check',
  effectiveAt: 'required',
  schema: z
    .object({
      facilityId: uuid,
      counters: z.tuple([z.string().min(1), z.string().min(1)]),
      lines: z
        .array(
          z
            .object({
              locationId: z.string().min(1).max(64),
              lotId: uuid,
              counted: z.number().int().nonnegative(),
            })
            .strict(),
        )
        .max(100_000),
    })
    .strict(),
  async decide(p, ctx) {
    const problems: Problem[] = [];
    const f = await getFacility(ctx.docs, p.facilityId);
    if (f === undefined)
      problems.push(problem('STOCK_FACILITY_UNKNOWN', 'payload.facilityId', `no facility ${p.facilityId}`));
    const counters: string[] = [];
    for (const [i, name] of p.counters.entries()) {
      const u = await findUserByName(ctx.docs, name);
      if (u === undefined || u.disabled)
        problems.push(problem('USER_UNKNOWN', `payload.counters[${i}]`, `no active user ${name}`));
      else counters.push(u.id);
    }
    if (p.counters[0] === p.counters[1])
      problems.push(
        problem('STOCK_COUNTERS', 'payload.counters', 'the two counters must be different people'),
      );
    const seen = new Set<string>();
    for (const [i, l] of p.lines.entries()) {
      const key = `${l.locationId}|${l.lotId}`;
      if (seen.has(key))
        problems.push(
          problem(
            'VALIDATION_DUPLICATE',
            `payload.lines[${i}]`,
            `lot ${l.lotId} at ${l.locationId} is counted twice`,
          ),
        );
      seen.add(key);
      if (f !== undefined && !f.locations.some((x) => x.id === l.locationId))
        problems.push(
          problem('STOCK_FACILITY_UNKNOWN', `payload.lines[${i}].locationId`, `no location ${l.locationId}`),
        );
      if ((await getLot(ctx.docs, l.lotId)) === undefined)
        problems.push(problem('STOCK_LOT_UNKNOWN', `payload.lines[${i}].lotId`, `no lot ${l.lotId}`));
    }
    if (problems.length > 0 || f === undefined) return err(problems);
    // A count sheet covers the whole facility: a holding not counted was counted as zero.
    const books = await holdings(ctx.docs, f.id);
    const counted = new Map(p.lines.map((l) => [`${l.locationId}|${l.lotId}`, l.counted]));
    const keys = [...new Set([...books.keys(), ...counted.keys()])].sort();
    const checkId = newId();
    const lines = keys.map((k) => {
      const [locationId = '', lotId = ''] = k.split('|');
      return { locationId, lotId, expected: books.get(k) ?? 0, counted: counted.get(k) ?? 0 };
    });
    const events: NewEvent[] = [
      stockEvents.event('stock.check-recorded', {
        checkId,
        facilityId: f.id,
        counters: [counters[0] ?? '', counters[1] ?? ''],
        lines,
      }),
    ];
    const opened: string[] = [];
    for (const l of lines) {
      if (l.expected === l.counted) continue;
      const discrepancyId = newId();
      opened.push(discrepancyId);
      events.push(
        stockEvents.event('stock.discrepancy-opened', { discrepancyId, checkId, facilityId: f.id, ...l }),
      );
    }
    return ok({ events, result: { checkId, discrepancies: opened } });
  },
});

const investigate = defineCommand({
  type: 'stock.discrepancy.investigate',
  permission: 'stock.check',
  schema: z.object({ discrepancyId: uuid, note: z.string().max(4000).default('') }).strict(),
  async decide(p, ctx) {
    const d = await getDiscrepancy(ctx.docs, p.discrepancyId);
    if (d === undefined)
      return err([
        problem('STOCK_DISCREPANCY_UNKNOWN', 'payload.discrepancyId', `no discrepancy ${p.discrepancyId}`),
      ]);
    if (d.status !== 'open')
      return err([
        problem('INVALID_TRANSITION', 'payload.discrepancyId', `the discrepancy is ${d.status}, not open`),
      ]);
    return ok({ events: [stockEvents.event('stock.discrepancy-investigating', p)] });
  },
});

/**
 * Resolution, by an approver who was not a counter. The books are adjusted to the count: a
 * deficit moves to lost:<discrepancy> (loss-reported) or adjustment; a surplus comes from adjustment.
 */
const resolveDiscrepancy = defineCommand({
  type: 'stock.discrepancy.resolve',
  permission: 'stock.approve',
  effectiveAt: 'required',
  schema: z
    .object({
      discrepancyId: uuid,
      outcome: z.enum(['resolved-explained', 'loss-reported']),
      explanation: text(4000),
      adjust: z.boolean().default(true),
    })
    .strict(),
  async decide(p, ctx) {
    const d = await getDiscrepancy(ctx.docs, p.discrepancyId);
    if (d === undefined)
      return err([
        problem('STOCK_DISCREPANCY_UNKNOWN', 'payload.discrepancyId', `no discrepancy ${p.discrepancyId}`),
      ]);
    const problems: Problem[] = [];
    if (d.status !== 'open' && d.status !== 'investigating')
      problems.push(
        problem('INVALID_TRANSITION', 'payload.discrepancyId', `the discrepancy is already ${d.status}`),
      );
    const check = await stockDocs.checks.data(ctx.docs, d.checkId);
    const counters: readonly string[] = check?.counters ?? [];
    if (counters.includes(ctx.actor.id))
      problems.push(
        problem(
          'STOCK_SELF_APPROVAL',
          'actor',
          'a counter cannot resolve a discrepancy from their own count',
        ),
      );
    const delta = d.counted - d.expected;
    if (p.outcome === 'loss-reported' && delta > 0)
      problems.push(problem('CONFLICT', 'payload.outcome', 'a surplus cannot be reported as a loss'));
    const lot = await getLot(ctx.docs, d.lotId);
    const type = lot === undefined ? undefined : await getMineType(ctx.docs, lot.typeId);
    const f = await getFacility(ctx.docs, d.facilityId);
    if (lot === undefined || type === undefined || f === undefined)
      problems.push(
        problem(
          'STOCK_LOT_UNKNOWN',
          'payload.discrepancyId',
          'the lot or facility of the discrepancy is gone',
        ),
      );
    const adjust = (p.adjust || p.outcome === 'loss-reported') && delta !== 0;
    const storage: Account = {
      key: accountKey.storage(d.facilityId, d.locationId),
      kind: 'storage',
      state: f?.state ?? null,
      facilityId: d.facilityId,
      locationId: d.locationId,
      ref: null,
      basis: null,
    };
    if (adjust && delta < 0) {
      const balance = await balanceOf(ctx.docs, storage.key, d.lotId);
      if (balance < -delta)
        problems.push(
          problem(
            'STOCK_INSUFFICIENT_BALANCE',
            'payload.discrepancyId',
            `${storage.key} now holds ${balance}; the adjustment needs ${-delta}`,
            { account: storage.key, lotId: d.lotId, balance, requested: -delta },
          ),
        );
    }
    if (problems.length > 0 || lot === undefined || type === undefined || f === undefined)
      return err(problems);
    const movementId = adjust ? newId() : null;
    const events: NewEvent[] = [
      stockEvents.event('stock.discrepancy-resolved', {
        discrepancyId: d.id,
        outcome: p.outcome,
        explanation: p.explanation,
        adjustmentMovementId: movementId,
      }),
    ];
    if (movementId !== null) {
      const other: Account =
        p.outcome === 'loss-reported'
          ? {
              key: accountKey.lost(d.id),
              kind: 'lost',
              state: f.state,
              facilityId: null,
              locationId: null,
              ref: d.id,
              basis: null,
            }
          : {
              key: accountKey.adjustment(),
              kind: 'adjustment',
              state: null,
              facilityId: null,
              locationId: null,
              ref: null,
              basis: null,
            };
      const [from, to] = delta < 0 ? [storage, other] : [other, storage];
      events.push(
        executedEvent(
          {
            movementId,
            kind: 'adjustment',
            lot,
            type,
            quantity: Math.abs(delta),
            state: f.state,
            minefieldId: null,
            from,
            to,
            details: { discrepancyId: d.id, outcome: p.outcome },
            approvedBy: ctx.actor.id,
          },
          ctx,
          undefined,
        ),
      );
    }
    return ok({ events, result: { discrepancyId: d.id, adjustmentMovementId: movementId } });
  },
});

export const checkCommands = [record, investigate, resolveDiscrepancy];
