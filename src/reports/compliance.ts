/**
 * Compliance findings as a report: every rule run over the current projections, the findings
 * filtered by the caller's need-to-know (a stock officer gets no finding about a minefield record),
 * with the checkpoint they were computed from. Also the need-to-know check the findings route uses.
 */
import { z } from 'zod';
import { can, type Actor } from '../access/index.js';
import { readEvents } from '../app/index.js';
import { allRules, runRules, type Finding, type Severity } from '../compliance/index.js';
import { assertNever, ok, type Result } from '../core/index.js';
import { HAZARDS, readDoc } from '../landrelease/index.js';
import { readMinefield } from '../minefields/index.js';
import { defineReport } from './define.js';
import { csvTable, documentHtml, documentPdf, type LedgerBasis, type ReportDocument } from './kit/index.js';
import { dateParam, listParam } from './params.js';
import type { ReportApp } from './treaty/index.js';

/** The kinds of finding subject the rules produce; the need-to-know check knows each of them. */
export const SUBJECT_KINDS = [
  'minefield',
  'hazard',
  'facility',
  'movement',
  'discrepancy',
  'stock-type',
  'lot',
  'check',
  'state',
] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];
const isSubjectKind = (k: string): k is SubjectKind => (SUBJECT_KINDS as readonly string[]).includes(k);

/**
 * Need-to-know on a finding: the caller sees it only if they may see its subject. Fails closed: a
 * subject kind this check does not know (a new rule's) is hidden until it is added here.
 */
export async function findingVisible(
  app: Pick<ReportApp, 'store'>,
  actor: Actor,
  s: Finding['subject'],
): Promise<boolean> {
  const kind = s.kind;
  if (!isSubjectKind(kind)) return false;
  switch (kind) {
    case 'minefield':
      return (await readMinefield(app.store, actor, s.id)).ok;
    case 'hazard':
      return (await readDoc(app.store, actor, HAZARDS, s.id)) !== undefined;
    case 'facility':
    case 'movement':
    case 'discrepancy':
    case 'stock-type':
    case 'lot':
    case 'check':
      return can(actor, 'stock.read');
    case 'state':
      return can(actor, 'treaty.read');
    default:
      return assertNever(kind);
  }
}

const SEVERITIES = ['violation', 'warning', 'info'] as const satisfies readonly Severity[];

/** The findings model: when, from which tree, by which rules, and the findings the caller may see. */
export interface FindingsReport {
  readonly at: string;
  readonly checkpoint: LedgerBasis;
  readonly rules: readonly { readonly id: string; readonly title: string; readonly legalBasis: string }[];
  readonly findings: readonly Finding[];
}

/** Every finding as of `now`, before need-to-know (the findings route caches this per data version). */
export function allFindings(app: Pick<ReportApp, 'store'>, now: Date): Promise<Finding[]> {
  return runRules(allRules, { docs: app.store, now, config: {}, events: () => readEvents(app.store) });
}

/** The current checkpoint as a report names it. */
export async function currentBasis(app: Pick<ReportApp, 'ledger'>): Promise<LedgerBasis> {
  const cp = await app.ledger.currentCheckpoint();
  return { origin: cp.origin, size: cp.size, root: Buffer.from(cp.root).toString('hex') };
}

const params = z.strictObject({
  at: dateParam('evaluate deadlines as of the end of this UTC day (default: now)').optional(),
  severity: listParam(
    SEVERITIES,
    'only these severities, comma-separated: violation, warning, info',
  ).optional(),
  rule: listParam(
    allRules.map((r) => r.id) as [string, ...string[]],
    'only these rule ids, comma-separated',
  ).optional(),
  kind: listParam(
    SUBJECT_KINDS,
    `only findings about these subject kinds, comma-separated: ${SUBJECT_KINDS.join(', ')}`,
  ).optional(),
});

/** Which findings to keep besides need-to-know (absent: all). */
export interface FindingsFilter {
  readonly severity?: readonly Severity[] | undefined;
  readonly rule?: readonly string[] | undefined;
  readonly kind?: readonly string[] | undefined;
}

/**
 * The findings of `all` that match the filter and that the actor may see (need-to-know by
 * findingVisible, which fails closed): the one filter of the report, the CLI and the web list.
 */
export async function visibleFindings(
  app: ReportApp,
  actor: Actor,
  all: readonly Finding[],
  filter: FindingsFilter = {},
): Promise<Finding[]> {
  const shown: Finding[] = [];
  for (const f of all) {
    if (filter.severity !== undefined && !filter.severity.includes(f.severity)) continue;
    if (filter.rule !== undefined && !filter.rule.includes(f.rule)) continue;
    if (filter.kind !== undefined && !filter.kind.includes(f.subject.kind)) continue;
    if (await findingVisible(app, actor, f.subject)) shown.push(f);
  }
  return shown;
}

/**
 * The findings report as of `now` for this actor: every rule run, the filter applied, then the
 * need-to-know check on each finding. The one path the report and `cairn compliance` share.
 */
export async function findingsFor(
  app: ReportApp,
  actor: Actor,
  now: Date,
  filter: FindingsFilter = {},
): Promise<FindingsReport> {
  const shown = await visibleFindings(app, actor, await allFindings(app, now), filter);
  return {
    at: now.toISOString(),
    checkpoint: await currentBasis(app),
    rules: allRules.map((r) => ({ id: r.id, title: r.title, legalBasis: r.legalBasis })),
    findings: shown,
  };
}

async function computeFindings(
  app: ReportApp,
  actor: Actor,
  p: z.output<typeof params>,
): Promise<Result<FindingsReport>> {
  const now = p.at === undefined ? app.clock.now() : new Date(`${p.at}T23:59:59.999Z`);
  return ok(await findingsFor(app, actor, now, p));
}

const COLUMNS = ['severity', 'rule', 'subject kind', 'subject id', 'subject', 'legal basis', 'message'];
const row = (f: Finding): string[] => [
  f.severity,
  f.rule,
  f.subject.kind,
  f.subject.id,
  f.subject.label ?? '',
  f.legalBasis,
  f.message,
];

function findingsDocument(r: FindingsReport): ReportDocument {
  return {
    title: `Compliance findings as of ${r.at}`,
    subject: 'Compliance findings computed from the Cairn ledger',
    facts: [
      ['As of', r.at],
      ['Rules run', r.rules.length],
      ['Findings shown', r.findings.length],
    ],
    sections: [
      {
        id: 'findings',
        title: 'Findings',
        legalBasis: '',
        status: '',
        notes: ['Findings about records the reader may not see are left out.'],
        facts: [],
        tables: [{ caption: 'Findings', columns: COLUMNS, rows: r.findings.map(row) }],
      },
      {
        id: 'rules',
        title: 'Rules',
        legalBasis: '',
        status: '',
        notes: [],
        facts: [],
        tables: [
          {
            caption: 'Rules run',
            columns: ['id', 'title', 'legal basis'],
            rows: r.rules.map((x) => [x.id, x.title, x.legalBasis]),
          },
        ],
      },
    ],
    attestation: [],
    ledger: r.checkpoint,
  };
}

/** The findings as CSV: one row per finding (the kit's writer). */
export function findingsCsv(r: FindingsReport): string {
  return csvTable(COLUMNS, r.findings.map(row));
}

export const complianceFindingsReport = defineReport({
  id: 'compliance-findings',
  title: 'Compliance findings',
  permission: 'compliance.read',
  params,
  compute: computeFindings,
  renderers: {
    csv: findingsCsv,
    html: (r) => documentHtml(findingsDocument(r)),
    pdf: (r) => documentPdf(findingsDocument(r)),
  },
  fileName: (r) => `compliance-findings-${r.at.slice(0, 10)}`,
});
