/**
 * The one HTTP client. Every error the server sends has one shape, `{code, message, details[]}`
 * (design.md §6); it becomes an `ApiError` whose problems carry field paths, so forms can show
 * each problem next to its field. Requests only ever go to the page's own origin.
 */
import type { z } from 'zod';
import { isMessageKey, locale, t } from '../i18n/index.js';

/** One problem as the server reports it (src/core Problem). */
export interface ApiProblem {
  readonly code: string;
  readonly path: string;
  readonly message: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly problems: readonly ApiProblem[];
  constructor(status: number, code: string, message: string, problems: readonly ApiProblem[]) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.problems = problems;
  }
}

let csrfToken: string | undefined;

/** Remember the CSRF token the login handed out; cookie sessions send it on every write. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** The CSRF token in use (undefined before the session is known, e.g. after a cold start offline). */
export function getCsrfToken(): string | undefined {
  return csrfToken;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function toProblem(v: unknown): ApiProblem | undefined {
  if (!isRecord(v)) return undefined;
  const code = typeof v.code === 'string' ? v.code : 'INTERNAL';
  const message = typeof v.message === 'string' ? v.message : code;
  const path = typeof v.path === 'string' ? v.path : typeof v.pointer === 'string' ? v.pointer : '';
  return isRecord(v.details) ? { code, path, message, details: v.details } : { code, path, message };
}

/** Parse the server's error body, tolerating a missing or non-JSON body. */
export function parseError(status: number, body: unknown): ApiError {
  if (isRecord(body) && typeof body.code === 'string') {
    const message = typeof body.message === 'string' ? body.message : body.code;
    const details = Array.isArray(body.details)
      ? body.details.map(toProblem).filter((p) => p !== undefined)
      : [];
    return new ApiError(status, body.code, message, details);
  }
  return new ApiError(
    status,
    status === 0 ? 'NETWORK' : 'INTERNAL',
    status === 0 ? t('error.network') : `HTTP ${status}`,
    [],
  );
}

/**
 * An error code in the reader's language: the sentence written for the app (`error.code.<CODE>`),
 * else the title of the code in the server's error catalogue (`error.title.<CODE>`: every code of
 * src/core/errors.ts has one, in every language); undefined for a code this build does not know.
 */
function codeText(code: string): string | undefined {
  const written = `error.code.${code}`;
  if (isMessageKey(written)) return t(written);
  const title = `error.title.${code}`;
  return isMessageKey(title) ? t(title) : undefined;
}

/**
 * An error or problem as the reader's language says it. The server and the shared validation
 * code write their messages in English, naming the field, the rule and the values. In English
 * that message is the text. In another language the text is the code's sentence or title, and
 * the English message follows as `detail`, so nothing specific is lost.
 */
export interface ErrorText {
  readonly text: string;
  /** The server's own (English) words, where the text does not carry them. */
  readonly detail?: string;
}

/** A problem (one field's refusal) as the reader's language says it. */
export function problemText(p: Pick<ApiProblem, 'code' | 'message'>): ErrorText {
  const text = locale() === 'en' ? undefined : codeText(p.code);
  return text === undefined ? { text: p.message } : { text, detail: p.message };
}

/**
 * An error's headline. A sentence written for the app (`error.code.<CODE>`: a wrong password, an
 * expired session) is the headline in every language; otherwise as `problemText`, and an error
 * without a translation names the server's message.
 */
export function errorText(e: unknown): ErrorText {
  if (e instanceof ApiError) {
    if (e.code === 'NETWORK') return { text: t('error.network') };
    const written = `error.code.${e.code}`;
    if (isMessageKey(written)) return { text: t(written) };
    const p = problemText(e);
    return p.detail !== undefined ? p : { text: t('error.generic', { message: e.message }) };
  }
  return { text: t('error.generic', { message: e instanceof Error ? e.message : String(e) }) };
}

/** An error as one line of text (for a status line or a stored outbox item). */
export function describeError(e: unknown): string {
  const { text, detail } = errorText(e);
  return detail === undefined ? text : `${text} ${t('error.detail')} ${detail}`;
}

export interface RequestOptions {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly body?: unknown;
  readonly accept?: string;
  readonly signal?: AbortSignal;
}

/**
 * Fetch `path` (same origin) and parse JSON (text stays text); non-2xx answers throw `ApiError`.
 * The answer is `unknown`: a caller reads it through `fetchParsed` with its schema.
 */
export async function request(path: string, opts: RequestOptions = {}): Promise<unknown> {
  if (!path.startsWith('/')) throw new Error(`request: only same-origin paths, got ${path}`);
  const method = opts.method ?? 'GET';
  // x-requested-with marks a script request, so a server can answer 401 without a Basic challenge
  // (which would make the browser pop up its own login dialog).
  const headers: Record<string, string> = {
    accept: opts.accept ?? 'application/json',
    'x-requested-with': 'XMLHttpRequest',
  };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken !== undefined) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(opts.body === undefined ? {} : { body: JSON.stringify(opts.body) }),
      ...(opts.signal === undefined ? {} : { signal: opts.signal }),
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw parseError(0, undefined);
  }
  const text = await res.text();
  let body: unknown = undefined;
  if (text !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  if (!res.ok) throw parseError(res.status, body);
  return body;
}

/**
 * Fetch `path` and parse the answer with the route's own response schema (src/http/schemas.ts), so
 * the value has the schema's type without a cast; an answer off its schema is an `ApiError`
 * naming each field that is wrong, never a half-typed value deep in a page.
 */
export async function fetchParsed<S extends z.ZodType>(
  path: string,
  schema: S,
  opts: RequestOptions = {},
): Promise<z.output<S>> {
  return parseAnswer(path, schema, await request(path, opts));
}

/** An answer of `path` parsed with its schema; off the schema it is an `ApiError` naming each field. */
export function parseAnswer<S extends z.ZodType>(path: string, schema: S, body: unknown): z.output<S> {
  const r = schema.safeParse(body);
  if (r.success) return r.data;
  const problems = r.error.issues.map((i) => ({
    code: 'INTERNAL',
    path: i.path.map(String).join('.'),
    message: i.message,
  }));
  throw new ApiError(500, 'INTERNAL', `the answer of ${path} is not in its documented shape`, problems);
}
