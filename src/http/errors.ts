/**
 * The one error handler (style.md habit 7): every refusal leaves as `{ code, message, details[] }`
 * with the status from the error catalogue. Never a stack trace; never a 500 for a client error.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { CairnError, errorCatalogue, problem, type ErrorCode, type Problem } from '../core/index.js';

export interface ErrorBody {
  readonly code: ErrorCode;
  readonly message: string;
  readonly details: readonly Problem[];
}

/** Throw a catalogued refusal from a route. */
export function refuse(code: ErrorCode, message: string, problems: readonly Problem[] = []): never {
  throw new CairnError(code, message, problems);
}

/** Throw every problem of a failed result. The first problem's code picks the status. */
export function refuseAll(problems: readonly Problem[], what = 'the request'): never {
  const first = problems[0] ?? problem('INTERNAL', '', 'refused without a reason');
  const message = problems.length === 1 ? first.message : `${what} was refused: ${problems.length} problems`;
  throw new CairnError(first.code, message, problems);
}

/** The body and status for any error. Unknown errors become an opaque 500. */
export function errorResponse(e: unknown): { status: number; body: ErrorBody } {
  if (e instanceof CairnError) {
    return {
      status: errorCatalogue[e.code].status,
      body: { code: e.code, message: e.message, details: e.problems },
    };
  }
  if (e instanceof HTTPException) {
    const code: ErrorCode =
      e.status === 413
        ? 'HTTP_PAYLOAD_TOO_LARGE'
        : e.status === 401
          ? 'AUTH_REQUIRED'
          : e.status === 404
            ? 'HTTP_ROUTE_NOT_FOUND'
            : 'USAGE';
    const message = e.message || errorCatalogue[code].title;
    return {
      status: errorCatalogue[code].status,
      body: { code, message, details: [problem(code, '', message)] },
    };
  }
  return {
    status: 500,
    body: {
      code: 'INTERNAL',
      message: 'internal error; the request was not completed',
      details: [problem('INTERNAL', '', 'internal error')],
    },
  };
}

/** Hono onError: log unexpected errors server-side only, answer in the one shape. */
export function onError(e: Error, c: Context): Response {
  const { status, body } = errorResponse(e);
  if (status === 500)
    process.stderr.write(`cairn http: ${c.req.method} ${c.req.path}: ${e.stack ?? e.message}\n`);
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'access-control-allow-origin': '*',
  };
  if (status === 401) {
    // RFC 9110 §11.6.1: a 401 names its schemes. A Basic challenge makes browsers open their own
    // login dialog, so the web app (XHR) and the login route get only the Bearer challenge;
    // GIS clients and scripts still see Basic, which is how QGIS and GDAL send a token.
    const xhr = c.req.header('x-requested-with')?.toLowerCase() === 'xmlhttprequest';
    headers['www-authenticate'] =
      xhr || c.req.path === '/api/login'
        ? 'Bearer realm="cairn"'
        : 'Basic realm="cairn", Bearer realm="cairn"';
  }
  if (status === 405) {
    const allow = body.details.find((d) => typeof d.details?.['allow'] === 'string')?.details?.['allow'];
    headers['allow'] = typeof allow === 'string' ? allow : 'GET, HEAD';
  }
  if (body.code === 'AUTH_TOO_MANY_ATTEMPTS') {
    const after = body.details.find((d) => typeof d.details?.['retryAfterSeconds'] === 'number')?.details?.[
      'retryAfterSeconds'
    ];
    if (typeof after === 'number') headers['retry-after'] = String(after);
  }
  return new Response(c.req.method === 'HEAD' ? null : JSON.stringify(body), { status, headers });
}

/** Hono notFound: a route that does not exist. */
export function onNotFound(c: Context): Response {
  return onError(new CairnError('HTTP_ROUTE_NOT_FOUND', `no route ${c.req.method} ${c.req.path}`), c);
}
