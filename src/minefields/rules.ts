/**
 * Compliance rules over minefield records (issue #5 §7). Pure functions of the projections;
 * durations come from the rule config with the defaults in `MINEFIELD_RULE_DEFAULTS`.
 */
import type { ComplianceConfig, Finding, Rule, RuleContext } from '../compliance/index.js';
import { getMineType, type MineType } from '../stock/index.js';
import type { DocReader } from '../store/index.js';
import { getTreatyState, readinessAt } from '../treaty/index.js';
import { missingTa1 } from './lifecycle.js';
import { reconcileMinefield } from './reconcile.js';
import { minefieldDocs } from './collections.js';
import type { MinefieldRecord, MinefieldStatus } from './types.js';

/** Configurable durations and their defaults. */
export const MINEFIELD_RULE_DEFAULTS = {
  /** APII 5(2)(a): marking, fencing and monitoring recorded within this many hours of laying. */
  'minefield.markingWithinHours': 24,
  /** Inspections of the marking at least this often. */
  'minefield.inspectionIntervalDays': 30,
  /** A defect found at inspection repaired within this many days. */
  'minefield.defectRepairDays': 7,
  /** APII Art 10: handed to mine action within this many days of the state's return to peace. */
  'minefield.handoverAfterPeaceDays': 90,
} as const;
type ConfigKey = keyof typeof MINEFIELD_RULE_DEFAULTS;

function setting(config: ComplianceConfig, key: ConfigKey): number {
  const v = config[key];
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : MINEFIELD_RULE_DEFAULTS[key];
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();
const INACTIVE: readonly MinefieldStatus[] = ['cleared', 'closed'];
/** Laying has happened: past the laying statuses, or a laying end is recorded. */
const laid = (r: MinefieldRecord) =>
  r.layingEnd !== undefined || !['intention-reported', 'laying'].includes(r.status);

async function records(docs: DocReader): Promise<MinefieldRecord[]> {
  return (await minefieldDocs.find(docs, { orderBy: { field: 'humanId' } })).map((d) => d.data);
}

const subject = (r: MinefieldRecord) => ({ kind: 'minefield', id: r.id, label: r.humanId });

/** Each contents line with its catalogue type (lines of unknown type are skipped). */
async function typedLines(docs: DocReader, r: MinefieldRecord): Promise<{ index: number; type: MineType }[]> {
  const out: { index: number; type: MineType }[] = [];
  for (const [index, c] of r.contents.entries()) {
    const type = await getMineType(docs, c.typeId);
    if (type !== undefined) out.push({ index, type });
  }
  return out;
}

function rule(
  id: string,
  title: string,
  legalBasis: string,
  evaluate: (ctx: RuleContext, base: Pick<Finding, 'rule' | 'legalBasis'>) => Promise<Finding[]>,
): Rule {
  return { id, title, legalBasis, evaluate: (ctx) => evaluate(ctx, { rule: id, legalBasis }) };
}

const laidInPeace = rule(
  'minefield.laid-in-peace',
  'Mines laid while the state is at peace',
  'National undertaking; CCW APII Art 3',
  async (ctx, base) => {
    const out: Finding[] = [];
    for (const r of await records(ctx.docs)) {
      if (r.layingStart === undefined) continue;
      const readiness = await readinessAt(ctx.docs, r.state, new Date(r.layingStart));
      if (readiness === 'peace') {
        out.push({
          ...base,
          severity: 'violation',
          subject: subject(r),
          since: r.layingStart,
          message: `${r.humanId}: mines laid on ${r.layingStart.slice(0, 10)} while ${r.state} was recorded at peace`,
        });
      }
    }
    return out;
  },
);

const ta1Incomplete = rule(
  'minefield.ta1-incomplete',
  'Record missing Technical Annex 1 fields',
  'CCW APII Art 9(1), TA 1(a)–(c)',
  async (ctx, base) => {
    const out: Finding[] = [];
    for (const r of await records(ctx.docs)) {
      if (!laid(r) || INACTIVE.includes(r.status)) continue;
      const missing = missingTa1(r);
      if (missing.length > 0) {
        out.push({
          ...base,
          severity: 'violation',
          subject: subject(r),
          ...(r.layingEnd === undefined ? {} : { since: r.layingEnd }),
          message: `${r.humanId}: ${missing.map((m) => (m.code === 'MINEFIELD_REFERENCE_POINTS_MIN' ? 'fewer than two reference points' : `missing ${m.path}`)).join('; ')}`,
        });
      }
    }
    return out;
  },
);

const notMarked = rule(
  'minefield.ap-not-marked',
  'AP minefield not marked, fenced and monitored in time',
  'CCW APII Art 5(2)(a)',
  async (ctx, base) => {
    const out: Finding[] = [];
    const within = setting(ctx.config, 'minefield.markingWithinHours') * HOUR;
    for (const r of await records(ctx.docs)) {
      // 5(2) covers AP mines other than remotely delivered; 5(3) relieves a loss of control by force.
      if (r.recordType === 'remotely-delivered' || INACTIVE.includes(r.status) || r.status === 'control-lost')
        continue;
      const end = r.layingEnd ?? r.layingStart;
      if (end === undefined) continue;
      if (!(await typedLines(ctx.docs, r)).some((l) => l.type.category === 'AP')) continue;
      const due = new Date(end).getTime() + within;
      const ok = r.markings.some((m) => new Date(m.installedAt).getTime() <= due);
      if (!ok && ctx.now.getTime() > due) {
        out.push({
          ...base,
          severity: 'violation',
          subject: subject(r),
          since: iso(due),
          message: `${r.humanId}: AP minefield without marking, fencing and monitoring recorded within ${within / HOUR} h of laying`,
        });
      }
    }
    return out;
  },
);

const inspectionOverdue = rule(
  'minefield.inspection-overdue',
  'Marking inspection overdue',
  'CCW APII Art 5(2)(a), 5(5)',
  async (ctx, base) => {
    const out: Finding[] = [];
    const interval = setting(ctx.config, 'minefield.inspectionIntervalDays') * DAY;
    for (const r of await records(ctx.docs)) {
      if (
        INACTIVE.includes(r.status) ||
        r.status === 'control-lost' ||
        r.status === 'handed-over-to-other-force' ||
        r.markings.length === 0
      )
        continue;
      const last = Math.max(
        ...r.markings.map((m) => new Date(m.installedAt).getTime()),
        ...r.inspections.map((i) => new Date(i.inspectedAt).getTime()),
      );
      const due = last + interval;
      if (ctx.now.getTime() > due) {
        out.push({
          ...base,
          severity: 'warning',
          subject: subject(r),
          since: iso(due),
          message: `${r.humanId}: marking inspection overdue since ${iso(due).slice(0, 10)}`,
        });
      }
    }
    return out;
  },
);

const defectUnrepaired = rule(
  'minefield.defect-unrepaired',
  'Marking defect left unrepaired',
  'CCW APII Art 5(5)',
  async (ctx, base) => {
    const out: Finding[] = [];
    const days = setting(ctx.config, 'minefield.defectRepairDays');
    for (const r of await records(ctx.docs)) {
      if (INACTIVE.includes(r.status)) continue;
      for (const i of r.inspections) {
        const due = new Date(i.inspectedAt).getTime() + days * DAY;
        for (const f of i.findings) {
          if (f.repairedAt === undefined && ctx.now.getTime() > due) {
            out.push({
              ...base,
              severity: 'warning',
              subject: subject(r),
              since: iso(due),
              message: `${r.humanId}: ${f.kind} found ${i.inspectedAt.slice(0, 10)} (finding ${f.findingId}) unrepaired after ${days} days`,
            });
          }
        }
      }
    }
    return out;
  },
);

const nonDetectable = rule(
  'minefield.non-detectable-ap',
  'Non-detectable AP mines emplaced',
  'CCW APII Art 4, TA 2',
  async (ctx, base) => {
    const out: Finding[] = [];
    for (const r of await records(ctx.docs)) {
      for (const l of await typedLines(ctx.docs, r)) {
        if (l.type.category === 'AP' && !l.type.detectable) {
          out.push({
            ...base,
            severity: 'violation',
            subject: subject(r),
            message: `${r.humanId}: contents line ${l.index + 1} is ${l.type.designation}, an AP type that is not detectable (TA 2)`,
          });
        }
      }
    }
    return out;
  },
);

const rdmWithoutSd = rule(
  'minefield.rdm-ap-without-sd',
  'Remotely delivered AP mines without self-destruction or self-deactivation',
  'CCW APII Art 6(2), TA 3',
  async (ctx, base) => {
    const out: Finding[] = [];
    for (const r of await records(ctx.docs)) {
      for (const l of await typedLines(ctx.docs, r)) {
        const line = r.contents[l.index];
        const remote =
          r.recordType === 'remotely-delivered' ||
          l.type.remotelyDelivered ||
          (line?.emplacingMethod.startsWith('remote-') ?? false);
        if (remote && l.type.category === 'AP' && !(l.type.selfDestruct && l.type.selfDeactivation)) {
          const lacks = [
            l.type.selfDestruct ? '' : 'self-destruction',
            l.type.selfDeactivation ? '' : 'self-deactivation',
          ]
            .filter((x) => x !== '')
            .join(' and ');
          out.push({
            ...base,
            severity: 'violation',
            subject: subject(r),
            message: `${r.humanId}: remotely delivered AP type ${l.type.designation} lacks ${lacks} (TA 3)`,
          });
        }
      }
    }
    return out;
  },
);

const unreconciled = rule(
  'minefield.unreconciled',
  'Issued and recorded quantities differ',
  'CCW APII Art 9, TA 1(a)(iii); IATG 03.10',
  async (ctx, base) => {
    const out: Finding[] = [];
    for (const r of await records(ctx.docs)) {
      if (!laid(r)) continue;
      for (const l of await reconcileMinefield(ctx.docs, r.id)) {
        if (l.difference === 0) continue;
        const lot = l.lotId === '*' ? '' : ` lot ${l.lotId}`;
        out.push({
          ...base,
          severity: 'violation',
          subject: subject(r),
          message: `${r.humanId}: type ${l.typeId}${lot}: issued ${l.issued}, returned ${l.returned}, recorded ${l.recorded} (difference ${l.difference > 0 ? '+' : ''}${l.difference})`,
        });
      }
    }
    return out;
  },
);

/** Start of the peace period in force at `now` that follows crisis or armed conflict, if any. */
async function peaceSince(docs: DocReader, state: string, now: Date): Promise<number | undefined> {
  const s = await getTreatyState(docs, state);
  if (s === undefined) return undefined;
  const periods = s.readiness.filter((p) => new Date(p.from).getTime() <= now.getTime());
  const current = periods.at(-1);
  if (current?.status !== 'peace') return undefined;
  let i = periods.length - 1;
  while (i > 0 && periods[i - 1]?.status === 'peace') i--;
  return i === 0 ? undefined : new Date(periods[i]?.from ?? '').getTime();
}

const notHandedOver = rule(
  'minefield.not-handed-to-mine-action',
  'Record not handed to mine action after return to peace',
  'CCW APII Art 9(2), Art 10',
  async (ctx, base) => {
    const out: Finding[] = [];
    const days = setting(ctx.config, 'minefield.handoverAfterPeaceDays');
    for (const r of await records(ctx.docs)) {
      if (INACTIVE.includes(r.status) || r.handedToMineAction !== undefined || r.layingStart === undefined)
        continue;
      const since = await peaceSince(ctx.docs, r.state, ctx.now);
      if (since === undefined || new Date(r.layingStart).getTime() > since) continue;
      const due = since + days * DAY;
      if (ctx.now.getTime() > due) {
        out.push({
          ...base,
          severity: 'warning',
          subject: subject(r),
          since: iso(due),
          message: `${r.humanId}: not handed to mine action ${days} days after ${r.state} returned to peace on ${iso(since).slice(0, 10)}`,
        });
      }
    }
    return out;
  },
);

/** Every minefield rule, listed in `allRules` by src/compliance. */
export const minefieldRules: readonly Rule[] = [
  laidInPeace,
  ta1Incomplete,
  notMarked,
  inspectionOverdue,
  defectUnrepaired,
  nonDetectable,
  rdmWithoutSd,
  unreconciled,
  notHandedOver,
];
