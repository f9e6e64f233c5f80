/**
 * Compliance findings, each with its legal basis and a link to its subject. The filters and the
 * paging run on the server, so no finding beyond the first page is silently left out.
 */
import { useState } from 'preact/hooks';
import { SEVERITIES } from '../../../src/http/schemas.js';
import { complianceFindings } from '../api/routes.js';
import type { Finding } from '../api/types.js';
import { formatDate, isMessageKey, t } from '../i18n/index.js';
import { href, type Route } from '../router.js';
import { Empty, Load, useLoad } from '../ui.js';
import { Pager, usePageAt } from './pager.js';

export type FindingRow = Finding;
const PAGE = 50;

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

function severityLabel(s: string): string {
  const key = `compliance.severity.${s === 'violation' ? 'error' : s}`;
  return isMessageKey(key) ? t(key) : s;
}

export function CompliancePage() {
  const [severity, setSeverity] = useState('');
  const [rule, setRule] = useState('');
  const [at, setOffset] = usePageAt(PAGE);
  const [data, reload] = useLoad(
    () => complianceFindings({ severity, rule }, at),
    `findings:${severity}:${rule}:${at.offset}`,
  );
  return (
    <section class="page compliance">
      <h1>{t('compliance.title')}</h1>
      <Load value={data} retry={reload}>
        {(page) => {
          const rules = page.rules.map((r) => r.id).sort();
          const shown = page.items;
          return (
            <>
              <form
                class="filters card"
                onSubmit={(e) => e.preventDefault()}
                aria-label={t('compliance.filters')}
              >
                <div class="field">
                  <label for="f-severity">{t('compliance.severity')}</label>
                  <select
                    id="f-severity"
                    value={severity}
                    onChange={(e) => {
                      setSeverity(e.currentTarget.value);
                      setOffset(0);
                    }}
                  >
                    <option value="">{t('common.all')}</option>
                    {SEVERITIES.map((s) => (
                      <option key={s} value={s}>
                        {severityLabel(s)}
                      </option>
                    ))}
                  </select>
                </div>
                <div class="field">
                  <label for="f-rule">{t('compliance.rule')}</label>
                  <select
                    id="f-rule"
                    value={rule}
                    onChange={(e) => {
                      setRule(e.currentTarget.value);
                      setOffset(0);
                    }}
                  >
                    <option value="">{t('common.all')}</option>
                    {rules.map((s) => (
                      <option key={s} value={s}>
                        {s}
                      </option>
                    ))}
                  </select>
                </div>
                <button type="button" onClick={reload}>
                  {t('compliance.refresh')}
                </button>
                <p role="status">{t('compliance.count', { count: page.numberMatched })}</p>
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
              <Pager
                at={at}
                total={page.numberMatched}
                shown={page.numberReturned}
                onPage={setOffset}
                label={t('compliance.title')}
              />
            </>
          );
        }}
      </Load>
    </section>
  );
}
