/** Field reports waiting for review (IMSMA holding area): approve or reject; never your own. */
import { useState } from 'preact/hooks';
import type { Actor } from '../../../src/access/index.js';
import { executeCommand, query } from '../api/routes.js';
import { enumLabel, t, formatDate } from '../i18n/index.js';
import { Empty, ErrorMessage, Load, isUnavailable, useLoad } from '../ui.js';

interface Submission {
  readonly id: string;
  readonly kind: string;
  readonly status: string;
  readonly submittedBy: string;
  readonly submittedByName?: string;
  readonly submittedAt?: string;
  readonly report?: { readonly name?: string };
  readonly ownSubmission?: boolean;
  readonly mayReview?: boolean;
}

function rows(v: unknown): Submission[] {
  const list = Array.isArray(v) ? v : typeof v === 'object' && v !== null && Array.isArray((v as { items?: unknown }).items) ? (v as { items: unknown[] }).items : [];
  return list as Submission[];
}

export function ReviewQueue(props: { readonly actor: Actor }) {
  const [data, reload] = useLoad(() => query<unknown>('/api/landrelease/submissions?status=submitted').then(rows), 'subs');
  const [error, setError] = useState<unknown>(undefined);
  const act = (type: string, payload: unknown) => {
    setError(undefined);
    executeCommand(type, payload).then(reload, setError);
  };
  if (data.state === 'error' && isUnavailable(data.error)) return null;
  return (
    <section class="card review" aria-labelledby="review-title">
      <h2 id="review-title">{t('review.title')}</h2>
      {error !== undefined && <ErrorMessage error={error} />}
      <Load value={data} retry={reload}>
        {(subs) =>
          subs.length === 0 ? (
            <Empty />
          ) : (
            <ul class="queue">
              {subs.map((s) => {
                const own = s.ownSubmission ?? s.submittedBy === props.actor.id;
                return (
                  <li key={s.id} data-testid="submission">
                    <span>
                      {enumLabel('submission.kind', s.kind)}: {s.report?.name ?? s.id} · {s.submittedByName ?? s.submittedBy}
                      {s.submittedAt !== undefined && ` · ${formatDate(s.submittedAt, true)}`}
                    </span>
                    {own ? (
                      <span class="notice">{t('review.own')}</span>
                    ) : (
                      <span class="actions">
                        <button type="button" onClick={() => act('landrelease.review.approve', { submissionId: s.id })}>{t('stock.approve')}</button>
                      </span>
                    )}
                  </li>
                );
              })}
            </ul>
          )
        }
      </Load>
    </section>
  );
}
