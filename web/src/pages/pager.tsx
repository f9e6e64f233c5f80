/**
 * Paging controls for the JSON API's lists: the server pages in the store and says how many rows
 * the caller may see (`numberMatched`), so a long queue is read a page at a time.
 */
import { useState } from 'preact/hooks';
import type { PageAt } from '../api/routes.js';
import { formatNumber, t } from '../i18n/index.js';

/** The page a list is on, and a way to move it. */
export function usePageAt(limit: number): [PageAt, (offset: number) => void] {
  const [offset, setOffset] = useState(0);
  return [{ limit, offset }, (o: number) => setOffset(Math.max(0, o))];
}

/** Previous / next and "1–20 of 57"; nothing when everything fits on one page. */
export function Pager(props: {
  readonly at: PageAt;
  readonly total: number;
  readonly shown: number;
  readonly onPage: (offset: number) => void;
  readonly label: string;
}) {
  const { at, total, shown } = props;
  if (total <= at.limit && at.offset === 0) return null;
  return (
    <nav class="pager" aria-label={props.label} data-testid="pager">
      <button type="button" disabled={at.offset === 0} onClick={() => props.onPage(at.offset - at.limit)}>
        {t('list.previous')}
      </button>
      <span role="status">
        {t('list.range', {
          from: formatNumber(shown === 0 ? 0 : at.offset + 1),
          to: formatNumber(at.offset + shown),
          total: formatNumber(total),
        })}
      </span>
      <button
        type="button"
        disabled={at.offset + shown >= total}
        onClick={() => props.onPage(at.offset + at.limit)}
      >
        {t('list.next')}
      </button>
    </nav>
  );
}
