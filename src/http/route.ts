/**
 * Schema-first routes (issue #13 §2): a route is declared once — method, path, Zod schemas for its
 * path parameters, query, body and response, who may call it, and a thin handler — and that one
 * declaration validates the request (every problem named by field and rule, from the error
 * catalogue), types the handler, and writes the route's OpenAPI entry (src/http/openapi.ts).
 * With `HttpOptions.checkResponses` (the HTTP tests) every response is parsed with its schema too.
 *
 * Bytes travel through the same kit: a body of another media type than JSON (`bodyMedia`, e.g. a
 * photo) reaches the body schema as a Buffer, and a `raw` route answers with a `Response` in one of
 * its declared media types (`content`: a Zod schema for JSON, `text` or `binary` otherwise).
 */
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { can, type Actor, type Permission } from '../access/index.js';
import { parseWith } from '../command/index.js';
import { CairnError, ok, type Result } from '../core/index.js';
import { denied } from './auth.js';
import { DEFAULT_MAX_BODY, mediaType, readBytes, readJson, requireMediaType } from './body.js';
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

/**
 * What a response is: JSON in the schema, plain text, no body, or (`raw`) a `Response` the
 * handler builds in one of the media types of `content` (files, reports, photos).
 */
export type ResponseKind = 'json' | 'text' | 'empty' | 'raw';

/** One declared response body of a `raw` route: JSON in a schema, text, or bytes. */
export type Content = z.ZodType | 'text' | 'binary';

/** The response schema of a `raw` route: the handler's `Response` (its body is declared by `content`). */
export const RawResponse = z.instanceof(Response);

/** The body schema of a route whose body is bytes (`bodyMedia`): the request's bytes as read. */
export const BytesBody = z.instanceof(Buffer);

/** A media type without its parameters, lower-cased: `text/csv; charset=utf-8` is `text/csv`. */
const bare = (media: string): string => media.split(';')[0]?.trim().toLowerCase() ?? '';

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
  /**
   * The media types of a body that is not JSON (e.g. `image/jpeg`): any other type is refused
   * (415), and the body schema receives the bytes as a Buffer (`BytesBody`). Default: JSON.
   */
  readonly bodyMedia?: readonly string[];
  /** Largest body read, in bytes (default `HttpOptions.maxBodyBytes`, else 1 MiB). */
  readonly maxBodyBytes?: number;
  readonly response: R;
  /** Default `json`. */
  readonly kind?: ResponseKind;
  /** `raw` routes: the media types the handler's `Response` may have, each with its body. */
  readonly content?: Readonly<Record<string, Content>>;
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
  /** Media types of a body that is not JSON. */
  readonly bodyMedia?: readonly string[];
  readonly response: z.ZodType;
  readonly kind: ResponseKind;
  readonly mediaType: string;
  /** `raw` routes: the response bodies by media type. */
  readonly content?: Readonly<Record<string, Content>>;
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

/** The issues of a value its schema refuses, as text (undefined: it conforms). */
function schemaProblems(schema: z.ZodType, value: unknown): string | undefined {
  const r = schema.safeParse(value);
  return r.success ? undefined : JSON.stringify(r.error.issues);
}

/** What is wrong with a raw response: an undeclared status or media type, or JSON off its schema. */
async function rawProblems(
  res: Response,
  content: Readonly<Record<string, Content>>,
  statuses: readonly number[],
): Promise<string | undefined> {
  if (!statuses.includes(res.status)) return `status ${res.status} is not declared`;
  const media = bare(res.headers.get('content-type') ?? '');
  const declared = Object.entries(content).find(([m]) => bare(m) === media)?.[1];
  if (declared === undefined) return `media type "${media}" is not declared`;
  if (typeof declared === 'string') return undefined;
  return schemaProblems(declared, await res.clone().json());
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
  const statuses = [...new Set([baseStatus, ...(spec.alsoStatus ?? [])])];
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
    ...(spec.bodyMedia === undefined ? {} : { bodyMedia: spec.bodyMedia }),
    response: spec.response,
    kind,
    ...(spec.content === undefined ? {} : { content: spec.content }),
    mediaType: spec.mediaType ?? (kind === 'text' ? 'text/plain' : 'application/json'),
    statuses,
  });
  const queryKeys = shapeKeys(spec.query);
  const max = spec.maxBodyBytes ?? deps.opts.maxBodyBytes ?? DEFAULT_MAX_BODY;
  if (kind === 'raw' && spec.content === undefined)
    throw new Error(`${spec.method} ${spec.path}: a raw route declares its content`);
  const handle = async (c: Context<HttpEnv>): Promise<Response> => {
    const raw = strictQuery(c, queryKeys);
    const actor = admit(c, spec.access);
    const query = parseOptional(spec.query, Object.fromEntries(raw));
    const params = parseOptional(spec.params, c.req.param());
    const problems = [...(query.ok ? [] : query.errors), ...(params.ok ? [] : params.errors)];
    if (!query.ok || !params.ok) refuseAll(problems, 'the request');
    let body: unknown = undefined;
    if (spec.body !== undefined) {
      let input: unknown;
      if (spec.bodyMedia === undefined) input = await readJson(c, max);
      else {
        requireMediaType(mediaType(c), spec.bodyMedia);
        input = await readBytes(c.req.raw, max);
      }
      const parsed = parseWith(spec.body, input, 'body');
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
    const status = typeof spec.status === 'function' ? spec.status(out) : baseStatus;
    if (deps.opts.checkResponses === true && kind !== 'empty') {
      const problems =
        kind === 'raw' && out instanceof Response
          ? await rawProblems(out, spec.content ?? {}, statuses)
          : schemaProblems(spec.response, out);
      if (problems !== undefined)
        throw new CairnError(
          'INTERNAL',
          `response of ${spec.method} ${spec.path} does not match its declaration: ${problems}`,
        );
    }
    if (out instanceof Response) return out;
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
