/**
 * Field reports waiting for review (IMSMA holding area): approve; never your own. The server says
 * per report whether this user submitted it and may review it (src/landrelease lists.ts), so the
 * rule lives in one place; the queue is read a page at a time.
 */
import { useState } from 'preact/hooks';
import type { Actor } from '../../../src/access/index.js';
import { executeCommand, reviewQueue } from '../api/routes.js';
import { enumLabel, t, formatDate } from '../i18n/index.js';
import { Empty, ErrorMessage, Load, isUnavailable, useLoad } from '../ui.js';
import { Pager, usePageAt } from './pager.js';

const PAGE = 25;

export function ReviewQueue(_props: { readonly actor: Actor }) {
  const [at, setOffset] = usePageAt(PAGE);
  const [data, reload] = useLoad(() => reviewQueue(at), `subs:${at.offset}`);
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
        {(page) =>
          page.items.length === 0 ? (
            <Empty />
          ) : (
            <>
              <ul class="queue">
                {page.items.map((s) => {
                  const name = s.report['name'];
                  return (
                    <li key={s.id} data-testid="submission">
                      <span>
                        {enumLabel('submission.kind', s.kind)}: {typeof name === 'string' ? name : s.id} ·{' '}
                        {s.submittedByName ?? s.submittedBy}
                        {` · ${formatDate(s.submittedAt, true)}`}
                      </span>
                      {s.ownSubmission ? (
                        <span class="notice">{t('review.own')}</span>
                      ) : (
                        s.mayReview && (
                          <span class="actions">
                            <button
                              type="button"
                              onClick={() => act('landrelease.review.approve', { submissionId: s.id })}
                            >
                              {t('stock.approve')}
                            </button>
                          </span>
                        )
                      )}
                    </li>
                  );
                })}
              </ul>
              <Pager
                at={at}
                total={page.numberMatched}
                shown={page.numberReturned}
                onPage={setOffset}
                label={t('review.title')}
              />
            </>
          )
        }
      </Load>
    </section>
  );
}
