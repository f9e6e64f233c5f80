/**
 * Schema-first routes (issue #13 §2): a route is declared once — method, path, Zod schemas for its
 * path parameters, query, body and response, who may call it, and a thin handler — and that one
 * declaration validates the request (every problem named by field and rule, from the error
 * catalogue), types the handler, and writes the route's OpenAPI entry (src/http/openapi.ts).
 * With `HttpOptions.checkResponses` (the HTTP tests) every response is parsed with its schema too.
 */
import type { Context, Hono } from 'hono';
import type { z } from 'zod';
import { can, type Actor, type Permission } from '../access/index.js';
import { parseWith } from '../command/index.js';
import { CairnError, ok, type Result } from '../core/index.js';
import { denied } from './auth.js';
import { readJson, DEFAULT_MAX_BODY } from './body.js';
import type { HttpDeps, HttpEnv } from './env.js';
import { refuse, refuseAll } from './errors.js';
import { strictQuery } from './params.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call a route: anyone (`public`, the anonymous caller included), any authenticated
 * caller, holders of a permission, or of any of several. Finer need-to-know is the query's.
 */
export type Access = 'public' | 'authenticated' | Permission | { readonly anyOf: readonly Permission[] };

type AnyObject = z.ZodType<Record<string, unknown>, Record<string, unknown>>;

/** What a response is: JSON in the schema, plain text, or no body. */
export type ResponseKind = 'json' | 'text' | 'empty';

export interface RouteSpec<
  P extends AnyObject,
  Q extends AnyObject,
  B extends z.ZodType,
  R extends z.ZodType,
> {
  readonly method: Method;
  /** Hono path: `/api/minefields/:id`. */
  readonly path: string;
  readonly summary: string;
  readonly description?: string;
  readonly access: Access;
  readonly params?: P;
  readonly query?: Q;
  readonly body?: B;
  readonly response: R;
  /** Default `json`. */
  readonly kind?: ResponseKind;
  /** Media type of a JSON response when not `application/json` (the OpenAPI document's own). */
  readonly mediaType?: string;
  /** Success status (default 200), or a function of the handler's output. */
  readonly status?: number | ((out: z.input<R>) => number);
  /** Other success statuses the route may answer with, for the OpenAPI document. */
  readonly alsoStatus?: readonly number[];
  readonly handler: (
    input: HandlerInput<z.output<P>, z.output<Q>, z.output<B>>,
  ) => Promise<z.input<R>> | z.input<R>;
}

export interface HandlerInput<P, Q, B> {
  readonly c: Context<HttpEnv>;
  readonly actor: Actor;
  readonly params: P;
  readonly query: Q;
  readonly body: B;
}

/** A registered route, kept for the OpenAPI document and the completeness test. */
export interface RouteEntry {
  readonly method: Method;
  readonly path: string;
  /** OpenAPI form: `/api/minefields/{id}`. */
  readonly openApiPath: string;
  readonly summary: string;
  readonly description?: string;
  readonly access: Access;
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  readonly response: z.ZodType;
  readonly kind: ResponseKind;
  readonly mediaType: string;
  readonly statuses: readonly number[];
}

/** The routes declared with `defineRoute`, in registration order. */
export class RouteTable {
  readonly #entries: RouteEntry[] = [];
  add(e: RouteEntry): void {
    this.#entries.push(e);
  }
  all(): readonly RouteEntry[] {
    return this.#entries;
  }
  find(method: string, openApiPath: string): RouteEntry | undefined {
    return this.#entries.find((e) => e.method === method && e.openApiPath === openApiPath);
  }
}

/** Hono's `:name` segments as OpenAPI's `{name}`. */
export function openApiPathOf(path: string): string {
  return path.replace(/:([A-Za-z]+)(\{[^}]*\})?/g, '{$1}');
}

function admit(c: Context<HttpEnv>, access: Access): Actor {
  const actor = c.get('actor');
  if (access === 'public') return actor;
  if (access === 'authenticated') {
    if (c.get('auth') === 'anonymous') refuse('AUTH_REQUIRED', 'log in or send an API token');
    return actor;
  }
  if (typeof access === 'string') {
    if (!can(actor, access)) denied(c, `needs ${access}`);
    return actor;
  }
  if (!access.anyOf.some((p) => can(actor, p))) denied(c, `needs ${access.anyOf.join(' or ')}`);
  return actor;
}

function parseOptional(s: z.ZodType | undefined, input: unknown): Result<unknown> {
  return s === undefined ? ok({}) : parseWith(s, input, '');
}

function shapeKeys(s: z.ZodType | undefined): string[] {
  const shape = (s as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape === undefined ? [] : Object.keys(shape);
}

/**
 * Declare and register a route.
 * @example
 * defineRoute(http, deps, table, {
 *   method: 'GET', path: '/api/treaty/states', summary: 'Treaty states', access: 'treaty.read',
 *   query: PagingQuery, response: TreatyStatePage,
 *   handler: async ({ c, actor, query }) => paged(c, query, await treatyStatePage(app.store, actor, pageOf(query))),
 * });
 */
export function defineRoute<
  P extends AnyObject,
  Q extends AnyObject,
  B extends z.ZodType,
  R extends z.ZodType,
>(http: Hono<HttpEnv>, deps: HttpDeps, table: RouteTable, spec: RouteSpec<P, Q, B, R>): void {
  const kind = spec.kind ?? 'json';
  const baseStatus = typeof spec.status === 'number' ? spec.status : kind === 'empty' ? 204 : 200;
  table.add({
    method: spec.method,
    path: spec.path,
    openApiPath: openApiPathOf(spec.path),
    summary: spec.summary,
    ...(spec.description === undefined ? {} : { description: spec.description }),
    access: spec.access,
    ...(spec.params === undefined ? {} : { params: spec.params }),
    ...(spec.query === undefined ? {} : { query: spec.query }),
    ...(spec.body === undefined ? {} : { body: spec.body }),
    response: spec.response,
    kind,
    mediaType: spec.mediaType ?? (kind === 'text' ? 'text/plain' : 'application/json'),
    statuses: [...new Set([baseStatus, ...(spec.alsoStatus ?? [])])],
  });
  const queryKeys = shapeKeys(spec.query);
  const max = deps.opts.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const handle = async (c: Context<HttpEnv>): Promise<Response> => {
    const raw = strictQuery(c, queryKeys);
    const actor = admit(c, spec.access);
    const query = parseOptional(spec.query, Object.fromEntries(raw));
    const params = parseOptional(spec.params, c.req.param());
    const problems = [...(query.ok ? [] : query.errors), ...(params.ok ? [] : params.errors)];
    if (!query.ok || !params.ok) refuseAll(problems, 'the request');
    let body: unknown = undefined;
    if (spec.body !== undefined) {
      const parsed = parseWith(spec.body, await readJson(c, max), 'body');
      if (!parsed.ok) refuseAll(parsed.errors, 'the body');
      body = parsed.value;
    }
    // The casts restate what parseWith just proved: the values are the schemas' outputs.
    const out = await spec.handler({
      c,
      actor,
      params: params.value as z.output<P>,
      query: query.value as z.output<Q>,
      body: body as z.output<B>,
    });
    if (deps.opts.checkResponses === true && kind !== 'empty') {
      const r = spec.response.safeParse(out);
      if (!r.success)
        throw new CairnError(
          'INTERNAL',
          `response of ${spec.method} ${spec.path} does not match its schema: ${JSON.stringify(r.error.issues)}`,
        );
    }
    const status = typeof spec.status === 'function' ? spec.status(out) : baseStatus;
    if (kind === 'empty') return c.body(null, status as 204);
    if (kind === 'text')
      return c.text(String(out), status as 200, { 'content-type': 'text/plain; charset=utf-8' });
    if (spec.mediaType !== undefined)
      return c.body(JSON.stringify(out), status as 200, { 'content-type': spec.mediaType });
    return c.json(out as object, status as 200);
  };
  switch (spec.method) {
    case 'GET':
      http.get(spec.path, handle);
      break;
    case 'POST':
      http.post(spec.path, handle);
      break;
    case 'PUT':
      http.put(spec.path, handle);
      break;
    case 'PATCH':
      http.patch(spec.path, handle);
      break;
    case 'DELETE':
      http.delete(spec.path, handle);
      break;
  }
}

/** Page request of a parsed `PagingQuery` (defaults applied). */
export function pageRequest(
  q: { readonly limit?: number | undefined; readonly offset?: number | undefined },
  dflt: number,
): { limit: number; offset: number } {
  return { limit: q.limit ?? dflt, offset: q.offset ?? 0 };
}

/**
 * A module query's page in the JSON API's list shape, with the same-origin `next` link (the
 * request's own parameters, offset advanced), or null on the last page.
 */
export function apiPage<T>(
  c: Context,
  req: { readonly limit: number; readonly offset: number },
  page: { readonly items: readonly T[]; readonly total: number },
) {
  let next: string | null = null;
  if (req.offset + page.items.length < page.total) {
    const u = new URL(c.req.url);
    u.searchParams.set('offset', String(req.offset + req.limit));
    u.searchParams.set('limit', String(req.limit));
    next = `${u.pathname}?${u.searchParams.toString()}`;
  }
  return { items: [...page.items], numberMatched: page.total, numberReturned: page.items.length, next };
}

/** The value of a module query, or its problems as the one error response. */
export function unwrap<T>(r: Result<T>): T {
  if (!r.ok) refuseAll(r.errors);
  return r.value;
}
