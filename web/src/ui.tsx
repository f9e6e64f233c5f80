/** Small shared pieces: loading and empty states, error messages, problems next to fields. */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, errorText, problemText, type ApiProblem } from './api/client.js';
import { t } from './i18n/index.js';

export function Loading() {
  return (
    <p class="loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" /> {t('common.loading')}
    </p>
  );
}

export function Empty(props: { readonly children?: ComponentChildren }) {
  return <p class="empty">{props.children ?? t('common.empty')}</p>;
}

/** A server or network error as a readable message, with each problem and its field. */
export function ErrorMessage(props: { readonly error: unknown; readonly onRetry?: () => void }) {
  const e = props.error;
  const problems =
    e instanceof ApiError ? e.problems.filter((p) => p.path !== '' && p.message !== e.message) : [];
  const { text, detail } = errorText(e);
  return (
    <div class="error" role="alert">
      <p>{text}</p>
      {detail !== undefined && (
        <p>
          <Detail text={detail} />
        </p>
      )}
      {problems.length > 0 && (
        <ul>
          {problems.map((p, i) => (
            <li key={i}>
              <code>{p.path}</code>: <ProblemText problem={p} />
            </li>
          ))}
        </ul>
      )}
      {props.onRetry !== undefined && (
        <button type="button" onClick={props.onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

/** The server's own words (English) under a translated error, marked as English for screen readers. */
function Detail(props: { readonly text: string }) {
  return (
    <small class="error-detail">
      {t('error.detail')} <span lang="en">{props.text}</span>
    </small>
  );
}

/** A problem's text and, in a language other than English, the server's own words after it. */
function ProblemText(props: { readonly problem: ApiProblem }) {
  const { text, detail } = problemText(props.problem);
  return (
    <>
      {text}
      {detail !== undefined && (
        <>
          {' '}
          <Detail text={detail} />
        </>
      )}
    </>
  );
}

/** Problems for one field path (and its children), shown beside the field. */
export function FieldProblems(props: { readonly id: string; readonly problems: readonly ApiProblem[] }) {
  if (props.problems.length === 0) return null;
  return (
    <ul class="field-problems" id={props.id} role="alert">
      {props.problems.map((p, i) => (
        <li key={i}>
          <ProblemText problem={p} />
        </li>
      ))}
    </ul>
  );
}

/** Problems whose path is `path` or lies under it. */
export function problemsAt(problems: readonly ApiProblem[], path: string): ApiProblem[] {
  return problems.filter(
    (p) => p.path === path || p.path.startsWith(`${path}.`) || p.path.startsWith(`${path}[`),
  );
}

export type Loadable<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'ok'; readonly value: T }
  | { readonly state: 'error'; readonly error: unknown };

/** Load data once per `key`; `reload` runs it again. */
export function useLoad<T>(load: () => Promise<T>, key: string): [Loadable<T>, () => void] {
  const [state, setState] = useState<Loadable<T>>({ state: 'loading' });
  const [n, setN] = useState(0);
  useEffect(() => {
    let live = true;
    // A reload keeps the last value on screen (and the forms under it mounted) until the new one arrives.
    setState((s) => (s.state === 'ok' ? s : { state: 'loading' }));
    load().then(
      (value) => live && setState({ state: 'ok', value }),
      (error: unknown) => live && setState({ state: 'error', error }),
    );
    return () => {
      live = false;
    };
    // `load` is a fresh closure each render; `key` and the reload counter decide when to run.
  }, [key, n]);
  return [state, () => setN((x) => x + 1)];
}

/** Show a Loadable: spinner, error with retry, or the content. */
export function Load<T>(props: {
  readonly value: Loadable<T>;
  readonly retry?: () => void;
  readonly children: (v: T) => ComponentChildren;
}) {
  const v = props.value;
  if (v.state === 'loading') return <Loading />;
  if (v.state === 'error')
    return <ErrorMessage error={v.error} {...(props.retry === undefined ? {} : { onRetry: props.retry })} />;
  return <>{props.children(v.value)}</>;
}

export function isUnavailable(e: unknown): boolean {
  return e instanceof ApiError && (e.code === 'HTTP_ROUTE_NOT_FOUND' || e.status === 404);
}

/** A report kept in the outbox because the server could not be reached: it is sent later. */
export function Queued() {
  return (
    <p class="queued" role="status" data-testid="queued">
      {t('outbox.queued')} <a href="#/outbox">{t('nav.outbox')}</a>
    </p>
  );
}
