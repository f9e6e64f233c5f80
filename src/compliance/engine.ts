/**
 * The compliance engine (design.md §7): rules are pure functions over projections (and, where
 * needed, the event stream). Each returns findings { rule, severity, subject, legalBasis, message }.
 */
import type { DocReader } from '../store/index.js';
import type { LedgerEvent } from '../ledger/index.js';

export type Severity = 'violation' | 'warning' | 'info';

export interface Finding {
  /** Rule id, e.g. 'stock.ap-acquired-while-party'. */
  readonly rule: string;
  readonly severity: Severity;
  /** What the finding is about: `{ kind: 'lot', id: '…' }`, linkable from the UI. */
  readonly subject: { readonly kind: string; readonly id: string; readonly label?: string };
  /** The legal source, e.g. 'APMBC Art 1(1)(b)' or 'CCW APII Art 5(2)(a)'. */
  readonly legalBasis: string;
  readonly message: string;
  /** When the breach began or the duty fell due (ISO 8601), where known. */
  readonly since?: string;
}

/** Tunable thresholds. Rules read their own keys; defaults live with each rule. */
export type ComplianceConfig = Readonly<Record<string, number | string | boolean>>;

export interface RuleContext {
  readonly docs: DocReader;
  /** "Now" for deadline arithmetic (injectable for tests and as-of reports). */
  readonly now: Date;
  readonly config: ComplianceConfig;
  /** The ledger in seq order, for rules that need history rather than current state. */
  readonly events: () => AsyncIterable<LedgerEvent>;
}

export interface Rule {
  readonly id: string;
  readonly title: string;
  readonly legalBasis: string;
  readonly evaluate: (ctx: RuleContext) => Promise<readonly Finding[]>;
}

/** Run every rule; findings are sorted by severity, rule and subject so output is stable. */
export async function runRules(rules: readonly Rule[], ctx: RuleContext): Promise<Finding[]> {
  const out: Finding[] = [];
  for (const r of rules) out.push(...(await r.evaluate(ctx)));
  const rank: Record<Severity, number> = { violation: 0, warning: 1, info: 2 };
  return out.sort(
    (a, b) =>
      rank[a.severity] - rank[b.severity] ||
      a.rule.localeCompare(b.rule) ||
      a.subject.kind.localeCompare(b.subject.kind) ||
      a.subject.id.localeCompare(b.subject.id),
  );
}
