/** Compliance findings with filters, each with its legal basis and a link to its subject. */
import { useState } from 'preact/hooks';
import { query } from '../api/routes.js';
import { formatDate, isMessageKey, t } from '../i18n/index.js';
import { href, type Route } from '../router.js';
import { Empty, Load, useLoad } from '../ui.js';

export interface FindingRow {
  readonly rule: string;
  readonly severity: string;
  readonly subject: { readonly kind: string; readonly id: string; readonly label?: string };
  readonly legalBasis: string;
  readonly message: string;
  readonly since?: string;
}

/** The server collection that holds each kind of finding subject (src/http subjectLink). */
const COLLECTION_OF: Readonly<Record<string, string>> = {
  hazard: 'hazards',
  minefield: 'minefields',
  facility: 'facilities',
  activity: 'activities',
  device: 'devices',
  release: 'releases',
  movement: 'stock-movements',
  discrepancy: 'stock-discrepancies',
  'stock-type': 'stock-types',
  lot: 'stock-lots',
  check: 'stock-checks',
  state: 'treaty-states',
};

export function subjectRoute(s: FindingRow['subject']): Route {
  return { page: 'record', collection: COLLECTION_OF[s.kind] ?? s.kind, id: s.id };
}

function list(v: unknown): FindingRow[] {
  if (Array.isArray(v)) return v as FindingRow[];
  const o = v as { findings?: unknown; items?: unknown } | null;
  if (o !== null && Array.isArray(o.findings)) return o.findings as FindingRow[];
  if (o !== null && Array.isArray(o.items)) return o.items as FindingRow[];
  return [];
}

function severityLabel(s: string): string {
  const key = `compliance.severity.${s === 'violation' ? 'error' : s}`;
  return isMessageKey(key) ? t(key) : s;
}

export function CompliancePage() {
  const [data, reload] = useLoad(() => query<unknown>('/api/compliance/findings').then(list), 'findings');
  const [severity, setSeverity] = useState('');
  const [rule, setRule] = useState('');
  return (
    <section class="page compliance">
      <h1>{t('compliance.title')}</h1>
      <Load value={data} retry={reload}>
        {(rows) => {
          const severities = [...new Set(rows.map((r) => r.severity))].sort();
          const rules = [...new Set(rows.map((r) => r.rule))].sort();
          const shown = rows.filter((r) => (severity === '' || r.severity === severity) && (rule === '' || r.rule === rule));
          return (
            <>
              <form class="filters card" onSubmit={(e) => e.preventDefault()} aria-label={t('compliance.filters')}>
                <div class="field">
                  <label for="f-severity">{t('compliance.severity')}</label>
                  <select id="f-severity" value={severity} onChange={(e) => setSeverity(e.currentTarget.value)}>
                    <option value="">{t('common.all')}</option>
                    {severities.map((s) => <option key={s} value={s}>{severityLabel(s)}</option>)}
                  </select>
                </div>
                <div class="field">
                  <label for="f-rule">{t('compliance.rule')}</label>
                  <select id="f-rule" value={rule} onChange={(e) => setRule(e.currentTarget.value)}>
                    <option value="">{t('common.all')}</option>
                    {rules.map((s) => <option key={s} value={s}>{s}</option>)}
                  </select>
                </div>
                <button type="button" onClick={reload}>{t('compliance.refresh')}</button>
                <p role="status">{t('compliance.count', { count: shown.length })}</p>
              </form>
              {shown.length === 0 ? (
                <Empty>{t('compliance.none')}</Empty>
              ) : (
                <ul class="findings" data-testid="findings">
                  {shown.map((f, i) => (
                    <li key={i} class={`finding sev-${f.severity}`} data-testid="finding" data-rule={f.rule}>
                      <p class="finding-head">
                        <span class="badge">{severityLabel(f.severity)}</span> <code>{f.rule}</code>
                        {f.since !== undefined && <span> · {formatDate(f.since)}</span>}
                      </p>
                      <p>{f.message}</p>
                      <dl>
                        <dt>{t('compliance.legalBasis')}</dt>
                        <dd>{f.legalBasis}</dd>
                        <dt>{t('compliance.subject')}</dt>
                        <dd>
                          <a href={href(subjectRoute(f.subject))} data-testid="finding-subject">
                            {f.subject.label ?? `${f.subject.kind} ${f.subject.id}`}
                          </a>
                        </dd>
                      </dl>
                    </li>
                  ))}
                </ul>
              )}
            </>
          );
        }}
      </Load>
    </section>
  );
}
