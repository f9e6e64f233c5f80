/**
 * Land-release compliance rules. Devices found in a hazard linked to a minefield record
 * reconcile against what the record says was laid: more AP mines found than recorded means the
 * record was incomplete (CCW APII Art 9(1) and TA 1(a)(iii)); fewer means mines may remain
 * (residual risk, IMAS 08.30).
 */
import type { Finding, Rule } from '../compliance/index.js';
import type { DocReader } from '../store/index.js';
import { lrDocs } from './documents.js';

/** What a minefield record says was laid (minefields.recordedContents). */
export interface RecordedLine {
  readonly typeId: string;
  readonly lotId?: string;
  readonly number: number;
  readonly category: string;
}
export type RecordedContents = (docs: DocReader, minefieldId: string) => Promise<readonly RecordedLine[]>;

export interface FoundLine {
  readonly typeId: string | null;
  /** Category of the catalogue type ('AP' | 'AT' | 'other'), or null when unidentified. */
  readonly typeCategory: string | null;
  readonly category: string;
  readonly count: number;
}

export interface Reconciliation {
  readonly typeId: string;
  readonly recorded: number;
  readonly found: number;
}

/** Compare AP mines found, per catalogue type, with the recorded contents. */
export function reconcileFound(
  found: readonly FoundLine[],
  recorded: readonly RecordedLine[],
): Reconciliation[] {
  const m = new Map<string, { recorded: number; found: number }>();
  for (const r of recorded) {
    if (r.category !== 'AP') continue;
    const v = m.get(r.typeId) ?? { recorded: 0, found: 0 };
    m.set(r.typeId, { ...v, recorded: v.recorded + r.number });
  }
  for (const f of found) {
    if (f.typeId === null || f.typeCategory !== 'AP') continue;
    const v = m.get(f.typeId) ?? { recorded: 0, found: 0 };
    m.set(f.typeId, { ...v, found: v.found + f.count });
  }
  return [...m.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([typeId, v]) => ({ typeId, ...v }));
}

/** The reconciliation rule, given the minefields module's reader of recorded contents. */
export function reconciliationRule(recordedContents: RecordedContents): Rule {
  return {
    id: 'landrelease.devices-reconcile-record',
    title: 'Devices found reconcile with the linked minefield record',
    legalBasis: 'CCW APII Art 9(1), TA 1(a)(iii); IMAS 08.30',
    async evaluate(ctx) {
      const out: Finding[] = [];
      for (const { data: hz } of await lrDocs.hazards.find(ctx.docs)) {
        if (hz.minefieldIds.length === 0) continue;
        const recorded: RecordedLine[] = [];
        for (const id of hz.minefieldIds) recorded.push(...(await recordedContents(ctx.docs, id)));
        const devices = await lrDocs.devices.find(ctx.docs, {
          where: {
            op: 'and',
            args: [
              { op: '=', field: 'hazardId', value: hz.id },
              { op: '=', field: 'current', value: true },
            ],
          },
        });
        const found: FoundLine[] = devices.map((d) => d.data);
        for (const r of reconcileFound(found, recorded)) {
          const subject = { kind: 'hazard', id: hz.id, label: hz.humanId };
          if (r.found > r.recorded) {
            out.push({
              rule: 'landrelease.devices-reconcile-record',
              severity: 'violation',
              subject,
              legalBasis: 'CCW APII Art 9(1), TA 1(a)(iii)',
              message: `${r.found} AP mines of type ${r.typeId} found in ${hz.humanId}, but the minefield record shows ${r.recorded}: the record is incomplete`,
            });
          } else if (r.found < r.recorded) {
            out.push({
              rule: 'landrelease.devices-reconcile-record',
              severity: 'warning',
              subject,
              legalBasis: 'IMAS 08.30 (residual risk)',
              message: `${r.recorded - r.found} of ${r.recorded} recorded AP mines of type ${r.typeId} not found in ${hz.humanId}: residual risk`,
            });
          }
        }
      }
      return out;
    },
  };
}

/** A hazard closed while area remains unreleased (IMAS 07.11: release needs justifiable confidence). */
export const closedWithRemainingArea: Rule = {
  id: 'landrelease.closed-with-remaining-area',
  title: 'Hazardous area closed while area remains unreleased',
  legalBasis: 'IMAS 07.11',
  async evaluate(ctx) {
    const out: Finding[] = [];
    const hazards = await lrDocs.hazards.find(ctx.docs, {
      where: { op: 'in', field: 'status', values: ['closed', 'handed-over'] },
    });
    for (const { data: hz } of hazards) {
      if (hz.remainingAreaM2 > 1) {
        out.push({
          rule: 'landrelease.closed-with-remaining-area',
          severity: 'warning',
          subject: { kind: 'hazard', id: hz.id, label: hz.humanId },
          legalBasis: 'IMAS 07.11',
          message: `${hz.humanId} is ${hz.status} with ${Math.round(hz.remainingAreaM2)} m² not released by survey or clearance`,
        });
      }
    }
    return out;
  },
};
