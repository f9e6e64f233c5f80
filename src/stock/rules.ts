/**
 * Stock compliance rules: pure functions over projections. Each returns findings
 * { rule, severity, subject, legalBasis, message }.
 */
import type { Finding, Rule, RuleContext } from '../compliance/index.js';
import {
  art4Deadline,
  listTreatyStates,
  statusOf,
  boundByOttawa,
  type TreatyState,
} from '../treaty/index.js';
import type { DocReader } from '../store/index.js';
import { balancesAsOf } from './statement.js';
import { stockDocs } from './collections.js';
import type { MineType, Movement } from './types.js';

const DAY = 86_400_000;

async function typesById(docs: DocReader): Promise<Map<string, MineType>> {
  return new Map((await stockDocs.types.find(docs)).map((d) => [d.id, d.data]));
}

async function executed(docs: DocReader, kind: Movement['kind']): Promise<Movement[]> {
  const rows = await stockDocs.movements.find(docs, {
    where: {
      op: 'and',
      args: [
        { op: '=', field: 'kind', value: kind },
        { op: '=', field: 'status', value: 'executed' },
      ],
    },
    orderBy: { field: 'id' },
  });
  return rows.map((d) => d.data);
}

async function registry(docs: DocReader): Promise<Map<string, TreatyState>> {
  return new Map((await listTreatyStates(docs)).map((s) => [s.code, s]));
}

const bound = (reg: Map<string, TreatyState>, state: string, at: Date): boolean => {
  const s = reg.get(state);
  return s !== undefined && boundByOttawa(statusOf(s, at));
};

/** APMBC Art 1(1)(b): a state still bound may not produce or otherwise acquire AP mines. */
export const apAcquiredWhileParty: Rule = {
  id: 'stock.ap-acquired-while-party',
  title: 'AP mines received from production while the state is bound by the Ottawa Convention',
  legalBasis: 'APMBC Art 1(1)(b)',
  async evaluate({ docs }: RuleContext): Promise<Finding[]> {
    const [types, reg] = await Promise.all([typesById(docs), registry(docs)]);
    return (await executed(docs, 'receipt'))
      .filter(
        (m) =>
          types.get(m.typeId)?.ottawaStatus === 'banned-ap' &&
          bound(reg, m.state, new Date(m.executedAt ?? m.effectiveAt)),
      )
      .map((m) => ({
        rule: this.id,
        severity: 'violation',
        subject: { kind: 'movement', id: m.id },
        legalBasis: this.legalBasis,
        message: `${m.quantity} ${types.get(m.typeId)?.designation ?? m.typeId} received from production on ${(m.executedAt ?? m.effectiveAt).slice(0, 10)} while ${m.state} was bound by the Convention`,
        since: m.executedAt ?? m.effectiveAt,
      }));
  },
};

/** APMBC Art 4: stockpiled AP mines destroyed within four years of entry into force (Art 3 retention excepted). */
export const apStockPastDeadline: Rule = {
  id: 'stock.ap-stock-past-art4-deadline',
  title: 'AP stockpile held by a bound state after its Art 4 deadline',
  legalBasis: 'APMBC Art 4',
  async evaluate({ docs, now }: RuleContext): Promise<Finding[]> {
    const [types, reg, lines] = await Promise.all([
      typesById(docs),
      registry(docs),
      balancesAsOf(docs, undefined, ['storage', 'in-transit']),
    ]);
    const held = new Map<string, number>();
    for (const l of lines) {
      const st = l.account.state;
      if (st === null || (l.account.kind !== 'storage' && l.account.kind !== 'in-transit')) continue;
      if (types.get(l.typeId)?.ottawaStatus !== 'banned-ap') continue;
      held.set(`${st}|${l.typeId}`, (held.get(`${st}|${l.typeId}`) ?? 0) + l.qty);
    }
    const out: Finding[] = [];
    for (const [key, qty] of held) {
      const [st = '', typeId = ''] = key.split('|');
      const s = reg.get(st);
      const deadline = s === undefined ? undefined : art4Deadline(s);
      if (
        qty <= 0 ||
        s === undefined ||
        deadline === undefined ||
        !boundByOttawa(statusOf(s, now)) ||
        now.toISOString().slice(0, 10) <= deadline
      )
        continue;
      out.push({
        rule: this.id,
        severity: 'violation',
        subject: {
          kind: 'stock-type',
          id: `${st}:${typeId}`,
          label: types.get(typeId)?.designation ?? typeId,
        },
        legalBasis: this.legalBasis,
        message: `${st} holds ${qty} ${types.get(typeId)?.designation ?? typeId} after its Art 4 deadline of ${deadline}`,
        since: deadline,
      });
    }
    return out;
  },
};

/** APMBC Art 3(1): retained mines must not exceed the minimum number absolutely necessary. */
export const retainedAboveCeiling: Rule = {
  id: 'stock.retained-above-ceiling',
  title: 'Retained AP mines above the configured ceiling',
  legalBasis: 'APMBC Art 3(1)',
  async evaluate({ docs, now, config }: RuleContext): Promise<Finding[]> {
    const ceiling =
      typeof config['stock.retainedCeiling'] === 'number' ? config['stock.retainedCeiling'] : 1000;
    const [types, reg, lines] = await Promise.all([
      typesById(docs),
      registry(docs),
      balancesAsOf(docs, undefined, ['retained']),
    ]);
    const byState = new Map<string, number>();
    for (const l of lines) {
      if (
        l.account.kind !== 'retained' ||
        l.account.state === null ||
        types.get(l.typeId)?.ottawaStatus !== 'banned-ap'
      )
        continue;
      byState.set(l.account.state, (byState.get(l.account.state) ?? 0) + l.qty);
    }
    return [...byState]
      .filter(([st, q]) => q > ceiling && bound(reg, st, now))
      .map(([st, q]) => ({
        rule: this.id,
        severity: 'warning',
        subject: { kind: 'state', id: st },
        legalBasis: this.legalBasis,
        message: `${st} retains ${q} AP mines under Art 3, above the configured ceiling of ${ceiling}`,
      }));
  },
};

/** CCW APII Art 8(1)(b): no transfer of mines to a recipient other than a state or state agency. */
export const transferToNonState: Rule = {
  id: 'stock.transfer-to-non-state',
  title: 'Mines transferred to a recipient that is not a state',
  legalBasis: 'CCW APII Art 8(1)(b)',
  async evaluate({ docs }: RuleContext): Promise<Finding[]> {
    return (await executed(docs, 'export'))
      .filter((m) => m.details['recipientKind'] !== 'state')
      .map((m) => ({
        rule: this.id,
        severity: 'violation',
        subject: { kind: 'movement', id: m.id },
        legalBasis: this.legalBasis,
        message: `${m.quantity} mines of lot ${m.lotId} transferred to ${m.details['recipient'] ?? 'an unknown recipient'}, which is not a state`,
        since: m.executedAt ?? m.effectiveAt,
      }));
  },
};

/** APMBC Art 1(1)(b) and Art 3: a bound state transfers AP mines only for destruction or Art 3 purposes. */
export const apTransferByParty: Rule = {
  id: 'stock.ap-transfer-by-party',
  title: 'AP mines transferred by a bound state other than for destruction or Art 3 purposes',
  legalBasis: 'APMBC Art 1(1)(b), Art 3',
  async evaluate({ docs }: RuleContext): Promise<Finding[]> {
    const [types, reg] = await Promise.all([typesById(docs), registry(docs)]);
    const allowed = new Set(['destruction', 'art3-development-training']);
    return (await executed(docs, 'export'))
      .filter(
        (m) =>
          types.get(m.typeId)?.ottawaStatus === 'banned-ap' &&
          !allowed.has(m.details['purpose'] ?? '') &&
          bound(reg, m.state, new Date(m.executedAt ?? m.effectiveAt)),
      )
      .map((m) => ({
        rule: this.id,
        severity: 'violation',
        subject: { kind: 'movement', id: m.id },
        legalBasis: this.legalBasis,
        message: `${m.state} transferred ${m.quantity} AP mines for "${m.details['purpose'] ?? '?'}" while bound by the Convention`,
        since: m.executedAt ?? m.effectiveAt,
      }));
  },
};

/** IATG 03.10: stocktaking discrepancies are investigated and closed promptly. */
export const discrepancyOpenTooLong: Rule = {
  id: 'stock.discrepancy-open-too-long',
  title: 'Stock discrepancy open for more than 30 days',
  legalBasis: 'IATG 03.10',
  async evaluate({ docs, now, config }: RuleContext): Promise<Finding[]> {
    const days = typeof config['stock.discrepancyDays'] === 'number' ? config['stock.discrepancyDays'] : 30;
    const rows = await stockDocs.discrepancies.find(docs, {
      where: { op: 'in', field: 'status', values: ['open', 'investigating'] },
    });
    return rows
      .map((d) => d.data)
      .filter((d) => now.getTime() - Date.parse(d.openedAt) > days * DAY)
      .map((d) => ({
        rule: this.id,
        severity: 'warning',
        subject: { kind: 'discrepancy', id: d.id },
        legalBasis: this.legalBasis,
        message: `discrepancy (expected ${d.expected}, counted ${d.counted}) has been ${d.status} since ${d.openedAt.slice(0, 10)}, more than ${days} days`,
        since: d.openedAt,
      }));
  },
};

/** IATG 06.70: explosives facilities are inspected at their set interval. */
export const inspectionOverdue: Rule = {
  id: 'stock.facility-inspection-overdue',
  title: 'Facility inspection overdue',
  legalBasis: 'IATG 06.70',
  async evaluate({ docs, now }: RuleContext): Promise<Finding[]> {
    const rows = (await stockDocs.facilities.find(docs)).map((d) => d.data);
    return rows
      .filter(
        (f) =>
          f.lastInspection === null ||
          now.getTime() - Date.parse(`${f.lastInspection}T00:00:00Z`) > f.inspectionIntervalDays * DAY,
      )
      .map((f) => ({
        rule: this.id,
        severity: 'warning',
        subject: { kind: 'facility', id: f.id, label: f.name },
        legalBasis: this.legalBasis,
        message:
          f.lastInspection === null
            ? `${f.name} has no recorded inspection`
            : `${f.name} was last inspected on ${f.lastInspection}; the interval is ${f.inspectionIntervalDays} days`,
      }));
  },
};

export const stockRules: readonly Rule[] = [
  apAcquiredWhileParty,
  apStockPastDeadline,
  retainedAboveCeiling,
  transferToNonState,
  apTransferByParty,
  discrepancyOpenTooLong,
  inspectionOverdue,
];
