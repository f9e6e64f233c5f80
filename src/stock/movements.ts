/**
 * Movements: double-entry (from account, to account, lot, quantity), proposed, approved by a
 * different user holding the approver role, then executed — or rejected or cancelled. Each step
 * is an event naming its actor (IATG 09.10 two-person integrity; law-and-standards §9.2).
 */
import { z } from 'zod';
import { err, isoInstant, newId, ok, problem, type Problem, type Result } from '../core/index.js';
import { defineCommand, type DecideContext, type NewEvent } from '../command/index.js';
import { stockEvents } from './events.js';
import type { DocReader } from '../store/index.js';
import { findUserById } from '../users/index.js';
import { balanceOf, getFacility, getLot, getMineType, getMovement, getOrganisation } from './queries.js';
import {
  endpoint,
  place,
  quantity,
  retainedBy,
  stateCode,
  text,
  transit,
  uuid,
  type Endpoint,
} from './schemas.js';
import {
  SOURCE_KINDS,
  accountKey,
  type Account,
  type Facility,
  type Lot,
  type MineType,
  type Movement,
  type MovementKind,
} from './types.js';

const minefieldId = z
  .string()
  .regex(/^[A-Za-z0-9._:-]{1,64}$/, 'a minefield id is its record id or human id (e.g. FI-MF-2026-0001)');
const base = { lotId: uuid, quantity, note: z.string().max(2000).default('') };

/** The proposal payload: one shape per movement kind. */
export const proposal = z.discriminatedUnion('kind', [
  z
    .object({ kind: z.literal('receipt'), ...base, to: place, reference: z.string().max(200).default('') })
    .strict(),
  z
    .object({
      kind: z.literal('internal-transfer'),
      ...base,
      from: z.union([place, transit]),
      to: z.union([place, transit]),
    })
    .strict(),
  z.object({ kind: z.literal('issue-emplacement'), ...base, from: place, minefieldId }).strict(),
  z.object({ kind: z.literal('return'), ...base, to: place, minefieldId: minefieldId.optional() }).strict(),
  z
    .object({
      kind: z.literal('export'),
      ...base,
      from: place,
      recipient: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('state'), code: stateCode }).strict(),
        z.object({ kind: z.literal('non-state'), name: text(200) }).strict(),
      ]),
      endUserCertificate: text(200),
      exportLicence: text(200),
      purpose: z.enum(['destruction', 'art3-development-training', 'operational', 'other']),
    })
    .strict(),
  z.object({ kind: z.literal('retain'), ...base, from: place, institutionId: uuid }).strict(),
  z.object({ kind: z.literal('consume-training'), ...base, from: z.union([place, retainedBy]) }).strict(),
  z
    .object({
      kind: z.literal('destroy'),
      ...base,
      from: z.union([place, retainedBy]),
      method: z.enum(['open-detonation', 'open-burning', 'industrial-demilitarisation', 'recycling']),
      site: text(200),
      supervisor: text(200),
      certificate: text(200),
      // Form G separates Art 4 (stockpile) from Art 5 (mined areas) destruction.
      basis: z.enum(['art4', 'art5', 'surplus', 'unserviceable']),
    })
    .strict(),
  z
    .object({
      kind: z.literal('loss'),
      ...base,
      from: endpoint,
      incident: z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/),
    })
    .strict(),
  z.object({ kind: z.literal('found'), ...base, to: place, reference: text(200) }).strict(),
]);
export type Proposal = z.infer<typeof proposal>;

interface Resolved {
  readonly from: Account;
  readonly to: Account;
  readonly state: string;
  readonly lot: Lot;
  readonly type: MineType;
  readonly facilities: readonly Facility[];
  readonly details: Record<string, string>;
}

const account = (
  key: string,
  kind: Account['kind'],
  state: string | null,
  more: Partial<Account> = {},
): Account => ({
  key,
  kind,
  state,
  facilityId: null,
  locationId: null,
  ref: null,
  basis: null,
  ...more,
});

/** Resolve the endpoints of a proposal to accounts, listing every problem. */
async function resolve(docs: DocReader, p: Proposal, movementId: string): Promise<Result<Resolved>> {
  const problems: Problem[] = [];
  const facilities: Facility[] = [];
  const lot = await getLot(docs, p.lotId);
  const type = lot === undefined ? undefined : await getMineType(docs, lot.typeId);
  if (lot === undefined) problems.push(problem('STOCK_LOT_UNKNOWN', 'payload.lotId', `no lot ${p.lotId}`));
  let state: string | undefined;
  const side = async (e: Endpoint, path: string): Promise<Account | undefined> => {
    if ('facilityId' in e) {
      const f = await getFacility(docs, e.facilityId);
      if (f === undefined || !f.locations.some((l) => l.id === e.locationId)) {
        problems.push(
          problem(
            'STOCK_FACILITY_UNKNOWN',
            path,
            `no storage location ${e.locationId} in facility ${e.facilityId}`,
          ),
        );
        return undefined;
      }
      facilities.push(f);
      state ??= f.state;
      return account(accountKey.storage(f.id, e.locationId), 'storage', f.state, {
        facilityId: f.id,
        locationId: e.locationId,
      });
    }
    if ('retainedBy' in e) {
      const o = await getOrganisation(docs, e.retainedBy);
      if (o === undefined) {
        problems.push(problem('STOCK_ORG_UNKNOWN', path, `no organisation ${e.retainedBy}`));
        return undefined;
      }
      state ??= o.country;
      return account(accountKey.retained(o.id), 'retained', o.country, { ref: o.id });
    }
    return undefined; // in transit: keyed by the state of the other side, below
  };
  const fromEnd = 'from' in p ? await side(p.from, 'payload.from') : undefined;
  const toEnd = 'to' in p ? await side(p.to, 'payload.to') : undefined;
  let retainer: Account | undefined;
  if (p.kind === 'retain') retainer = await side({ retainedBy: p.institutionId }, 'payload.institutionId');
  if (problems.length > 0 || lot === undefined || type === undefined || state === undefined) {
    if (problems.length === 0)
      problems.push(
        problem(
          'VALIDATION_REQUIRED',
          'payload',
          'a movement needs at least one storage location or institution',
        ),
      );
    return err(problems);
  }
  const s = state;
  const transitAcc = account(accountKey.inTransit(s), 'in-transit', s);
  const details: Record<string, string> = {};
  let from = fromEnd ?? transitAcc;
  let to = toEnd ?? transitAcc;
  switch (p.kind) {
    case 'receipt':
      from = account(accountKey.production(), 'production', null);
      details['reference'] = p.reference;
      break;
    case 'internal-transfer':
      if (from.key === to.key)
        problems.push(problem('CONFLICT', 'payload.to', 'a transfer needs two different accounts'));
      break;
    case 'issue-emplacement':
      to = account(accountKey.emplaced(p.minefieldId), 'emplaced', s, { ref: p.minefieldId });
      break;
    case 'return':
      if (p.minefieldId !== undefined)
        from = account(accountKey.emplaced(p.minefieldId), 'emplaced', s, { ref: p.minefieldId });
      break;
    case 'export': {
      const r = p.recipient.kind === 'state' ? p.recipient.code : `non-state:${p.recipient.name}`;
      to = account(accountKey.transferredOut(r), 'transferred-out', s, { ref: r });
      Object.assign(details, {
        recipientKind: p.recipient.kind,
        recipient: r,
        endUserCertificate: p.endUserCertificate,
        exportLicence: p.exportLicence,
        purpose: p.purpose,
      });
      break;
    }
    case 'retain':
      to = retainer ?? to;
      break;
    case 'consume-training':
      to = account(accountKey.consumed(s), 'consumed-in-training', s);
      break;
    case 'destroy':
      to = account(accountKey.destroyed(movementId), 'destroyed', s, { ref: p.certificate, basis: p.basis });
      Object.assign(details, {
        method: p.method,
        site: p.site,
        supervisor: p.supervisor,
        certificate: p.certificate,
        basis: p.basis,
      });
      break;
    case 'loss':
      to = account(accountKey.lost(p.incident), 'lost', s, { ref: p.incident });
      details['incident'] = p.incident;
      break;
    case 'found':
      from = account(accountKey.found(), 'found-surplus', null);
      details['reference'] = p.reference;
      break;
  }
  if (p.note !== '') details['note'] = p.note;
  if (problems.length > 0) return err(problems);
  return ok({ from, to, state: s, lot, type, facilities, details });
}

const ISSUING = new Set(['issue-emplacement', 'export', 'consume-training']);

/** Checks that hold at proposal and again at execution: recall, balance, licence. */
async function stockProblems(
  docs: DocReader,
  m: { kind: string; from: Account; to: Account; lot: Lot; type: MineType; quantity: number },
): Promise<Problem[]> {
  const problems: Problem[] = [];
  if (m.lot.recalled && ISSUING.has(m.kind))
    problems.push(
      problem(
        'STOCK_LOT_RECALLED',
        'payload.lotId',
        `lot ${m.lot.lotNumber} is recalled and cannot be issued`,
      ),
    );
  if (!SOURCE_KINDS.includes(m.from.kind)) {
    const balance = await balanceOf(docs, m.from.key, m.lot.id);
    if (balance < m.quantity) {
      problems.push(
        problem(
          'STOCK_INSUFFICIENT_BALANCE',
          'payload.quantity',
          `${m.from.key} holds ${balance} of lot ${m.lot.lotNumber}; ${m.quantity} asked`,
          {
            account: m.from.key,
            lotId: m.lot.id,
            balance,
            requested: m.quantity,
          },
        ),
      );
    }
  }
  problems.push(...(await licenceProblems(docs, m.from, m.to, m.type, m.quantity)));
  return problems;
}

/** The facility licence caps NEQ per hazard division (IATG 02.20); an unlisted division is unlicensed. */
export async function licenceProblems(
  docs: DocReader,
  from: Account,
  to: Account,
  type: MineType,
  qty: number,
): Promise<Problem[]> {
  if (to.kind !== 'storage' || to.facilityId === null || from.facilityId === to.facilityId) return [];
  const f = await getFacility(docs, to.facilityId);
  if (f === undefined) return [];
  const hd = type.hazardDivision;
  const limitKg = f.neqLimitsKg[hd] ?? 0;
  const computedNeqKg = roundKg((f.neqHeldKg[hd] ?? 0) + qty * type.neqKg);
  if (computedNeqKg <= limitKg) return [];
  return [
    problem(
      'STOCK_LICENCE_EXCEEDED',
      'payload.quantity',
      `facility ${f.name} would hold ${computedNeqKg} kg NEQ of HD ${hd}; its licence allows ${limitKg} kg`,
      {
        facilityId: f.id,
        hazardDivision: hd,
        computedNeqKg,
        limitKg,
      },
    ),
  ];
}

export function roundKg(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

const propose = defineCommand({
  type: 'stock.movement.propose',
  permission: 'stock.propose',
  effectiveAt: 'required',
  schema: proposal,
  async decide(p, ctx) {
    const id = newId();
    const r = await resolve(ctx.docs, p, id);
    if (!r.ok) return r;
    const { from, to, lot, type, state, details } = r.value;
    const problems = await stockProblems(ctx.docs, {
      kind: p.kind,
      from,
      to,
      lot,
      type,
      quantity: p.quantity,
    });
    if (problems.length > 0) return err(problems);
    const payload = {
      movementId: id,
      kind: p.kind,
      lotId: lot.id,
      typeId: type.id,
      quantity: p.quantity,
      state,
      minefieldId: 'minefieldId' in p && p.minefieldId !== undefined ? p.minefieldId : null,
      from,
      to,
      details,
    };
    return ok({
      events: [stockEvents.event('stock.movement-proposed', payload)],
      result: { movementId: id },
    });
  },
});

async function existing(
  docs: DocReader,
  id: string,
  want: readonly Movement['status'][],
): Promise<Result<Movement>> {
  const m = await getMovement(docs, id);
  if (m === undefined)
    return err([problem('STOCK_MOVEMENT_UNKNOWN', 'payload.movementId', `no movement ${id}`)]);
  if (!want.includes(m.status))
    return err([
      problem(
        'INVALID_TRANSITION',
        'payload.movementId',
        `movement ${id} is ${m.status}, not ${want.join(' or ')}`,
      ),
    ]);
  return ok(m);
}

const ref = z.object({ movementId: uuid }).strict();

/** Approval: a different user holding the approver role (IATG 09.10 two-person rule). */
const approve = defineCommand({
  type: 'stock.movement.approve',
  permission: 'stock.approve',
  schema: ref,
  async decide(p, ctx) {
    // Every problem is listed: self-approval is reported whatever state the movement is in.
    const m = await getMovement(ctx.docs, p.movementId);
    const problems: Problem[] = [];
    if (m === undefined)
      problems.push(problem('STOCK_MOVEMENT_UNKNOWN', 'payload.movementId', `no movement ${p.movementId}`));
    else if (m.status !== 'proposed')
      problems.push(
        problem('INVALID_TRANSITION', 'payload.movementId', `movement ${m.id} is ${m.status}, not proposed`),
      );
    if (m?.proposedBy === ctx.actor.id)
      problems.push(problem('STOCK_SELF_APPROVAL', 'actor', 'the proposer of a movement cannot approve it'));
    if (!ctx.actor.roles.includes('approver'))
      problems.push(
        problem('STOCK_APPROVER_ROLE', 'actor', `${ctx.actor.name} does not hold the approver role`),
      );
    if (problems.length > 0 || m === undefined) return err(problems);
    return ok({
      events: [
        stockEvents.event(
          'stock.movement-approved',
          { movementId: p.movementId, proposedBy: m.proposedBy },
          { cosigner: m.proposedBy },
        ),
      ],
    });
  },
});

const reject = defineCommand({
  type: 'stock.movement.reject',
  permission: 'stock.approve',
  schema: ref.extend({ reason: text(1000) }).strict(),
  async decide(p, ctx) {
    const m = await existing(ctx.docs, p.movementId, ['proposed']);
    if (!m.ok) return m;
    return ok({
      events: [stockEvents.event('stock.movement-rejected', { movementId: p.movementId, reason: p.reason })],
    });
  },
});

const cancel = defineCommand({
  type: 'stock.movement.cancel',
  permission: 'stock.propose',
  schema: ref.extend({ reason: text(1000) }).strict(),
  async decide(p, ctx) {
    const m = await existing(ctx.docs, p.movementId, ['proposed', 'approved']);
    if (!m.ok) return m;
    return ok({
      events: [stockEvents.event('stock.movement-cancelled', { movementId: p.movementId, reason: p.reason })],
    });
  },
});

/** The executed-movement event: self-contained, so projection needs no earlier document. */
export function executedEvent(
  m: {
    movementId: string;
    kind: MovementKind;
    lot: Lot;
    type: MineType;
    quantity: number;
    state: string;
    minefieldId: string | null;
    from: Account;
    to: Account;
    details: Record<string, string>;
    approvedBy: string | null;
  },
  ctx: DecideContext,
  cosigner: string | undefined,
): NewEvent {
  return stockEvents.event(
    'stock.movement-executed',
    {
      movementId: m.movementId,
      kind: m.kind,
      lotId: m.lot.id,
      typeId: m.type.id,
      quantity: m.quantity,
      state: m.state,
      minefieldId: m.minefieldId,
      from: m.from,
      to: m.to,
      details: m.details,
      hazardDivision: m.type.hazardDivision,
      neqKgPerItem: m.type.neqKg,
      approvedBy: m.approvedBy,
      executedAt: isoInstant(ctx.effectiveAt),
    },
    cosigner === undefined ? {} : { cosigner },
  );
}

const execute = defineCommand({
  type: 'stock.movement.execute',
  permission: 'stock.propose',
  effectiveAt: 'required',
  schema: ref,
  async decide(p, ctx) {
    const m = await existing(ctx.docs, p.movementId, ['approved']);
    if (!m.ok) return m;
    const mv = m.value;
    const lot = await getLot(ctx.docs, mv.lotId);
    const type = lot === undefined ? undefined : await getMineType(ctx.docs, lot.typeId);
    if (lot === undefined || type === undefined)
      return err([
        problem('STOCK_LOT_UNKNOWN', 'payload.movementId', `the lot of movement ${mv.id} is gone`),
      ]);
    const from = mv.fromAccount;
    const to = mv.toAccount;
    const problems = await stockProblems(ctx.docs, {
      kind: mv.kind,
      from,
      to,
      lot,
      type,
      quantity: mv.quantity,
    });
    // IATG 09.10: where the facility applies the two-person rule, a second person witnesses.
    const facilityIds = [from.facilityId, to.facilityId].filter((x): x is string => x !== null);
    let needsWitness = false;
    for (const id of facilityIds)
      if ((await getFacility(ctx.docs, id))?.twoPersonRule === true) needsWitness = true;
    if (needsWitness) {
      const w = ctx.cosigner === undefined ? undefined : await findUserById(ctx.docs, ctx.cosigner);
      if (w === undefined || w.disabled)
        problems.push(
          problem(
            'STOCK_WITNESS_REQUIRED',
            'cosigner',
            'name a second, active user who witnessed the movement',
          ),
        );
    }
    if (problems.length > 0) return err(problems);
    const ev = executedEvent(
      {
        movementId: mv.id,
        kind: mv.kind,
        lot,
        type,
        quantity: mv.quantity,
        state: mv.state,
        minefieldId: mv.minefieldId,
        from,
        to,
        details: { ...mv.details },
        approvedBy: mv.approvedBy,
      },
      ctx,
      ctx.cosigner ?? mv.approvedBy ?? undefined,
    );
    return ok({ events: [ev] });
  },
});

export const movementCommands = [propose, approve, reject, cancel, execute];
