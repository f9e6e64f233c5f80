/**
 * Authentication (design.md §5): scrypt password login into a server-side session held in an
 * httpOnly, SameSite=Strict cookie (Secure behind TLS) with a CSRF token for unsafe methods
 * (sessions are stored as credentials, only their digests, so they survive a restart), and
 * API tokens as `Authorization: Bearer` or as the HTTP Basic password (what QGIS and GDAL send).
 * Repeated failed logins meet exponential backoff. Logins and failures are audit events.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import { ANONYMOUS_ACTOR, SYSTEM_ACTOR, can, type Actor, type Permission } from '../access/index.js';
import { CairnError, problem } from '../core/index.js';
import { refuse } from './errors.js';
import type { HttpDeps, HttpEnv } from './env.js';
import { defineRoute, type RouteTable } from './route.js';
import { LoggedIn, LoginRequest, NoBody, SessionInfo } from './schemas.js';

export const SESSION_COOKIE = 'cairn_session';
export const CSRF_HEADER = 'x-csrf-token';
/** Failures allowed before backoff starts, per user name and per client. */
const FREE_FAILURES = 5;
const MAX_BACKOFF_S = 15 * 60;

interface Failures {
  count: number;
  until: number;
}

/** Login backoff state, in memory (a restart forgives failures; sessions live in the store). */
export class AuthState {
  readonly failures = new Map<string, Failures>();
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function clientOf(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'local';
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function isSecure(c: Context, deps: HttpDeps): boolean {
  return (
    deps.opts.secureCookies === true ||
    new URL(c.req.url).protocol === 'https:' ||
    c.req.header('x-forwarded-proto') === 'https'
  );
}

/** Resolve the caller: Bearer token, Basic (token as password), session cookie, or anonymous. */
export function authMiddleware(deps: HttpDeps): MiddlewareHandler<HttpEnv> {
  const now = deps.opts.now ?? Date.now;
  return async (c, next) => {
    c.set('actor', ANONYMOUS_ACTOR);
    c.set('auth', 'anonymous');
    c.set('sessionId', undefined);
    c.set('csrf', undefined);
    const header = c.req.header('authorization');
    if (header !== undefined && header !== '') {
      const [scheme, value = ''] = header.split(/\s+/, 2);
      let token: string | undefined;
      if (scheme?.toLowerCase() === 'bearer') token = value;
      else if (scheme?.toLowerCase() === 'basic') {
        const decoded = Buffer.from(value, 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        token = colon < 0 ? undefined : decoded.slice(colon + 1);
      }
      if (token === undefined || token === '')
        refuse(
          'AUTH_INVALID_CREDENTIALS',
          'send an API token as "Authorization: Bearer TOKEN" or as the HTTP Basic password',
        );
      c.set('actor', await deps.app.actorForToken(token));
      c.set('auth', 'token');
      return next();
    }
    const sid = getCookie(c, SESSION_COOKIE);
    if (sid !== undefined) {
      const s = await deps.app.session(sid, new Date(now()));
      if (s === undefined) {
        deleteCookie(c, SESSION_COOKIE, { path: '/' });
      } else {
        if (UNSAFE.has(c.req.method)) {
          const sent = c.req.header(CSRF_HEADER) ?? '';
          if (!sameSecret(sent, s.csrf))
            refuse('AUTH_CSRF', `a cookie session must send its CSRF token in the ${CSRF_HEADER} header`, [
              problem('AUTH_CSRF', CSRF_HEADER, 'missing or wrong'),
            ]);
        }
        c.set('actor', s.actor);
        c.set('auth', 'session');
        c.set('sessionId', sid);
        c.set('csrf', s.csrf);
      }
    }
    return next();
  };
}

/** Refuse unless the caller holds the permission: 401 for anonymous callers, 403 otherwise. */
export function requirePermission(c: Context<HttpEnv>, permission: Permission): Actor {
  const actor = c.get('actor');
  if (!can(actor, permission)) denied(c, `needs ${permission}`);
  return actor;
}

/** Refuse access in the right way for who is asking. */
export function denied(c: Context<HttpEnv>, why: string): never {
  if (c.get('auth') === 'anonymous') refuse('AUTH_REQUIRED', `log in or send an API token: this ${why}`);
  return refuse('AUTH_FORBIDDEN', `${c.get('actor').name} may not do this: it ${why}`);
}

/** Record an audit event as the given actor; audit must never be skipped silently. */
export async function audit(
  deps: HttpDeps,
  actor: Actor,
  type: 'audit.login.record' | 'audit.read.record',
  payload: Record<string, unknown>,
): Promise<void> {
  const r = await deps.app.execute({ type, payload }, actor);
  if (!r.ok)
    throw new CairnError('INTERNAL', `audit event refused: ${r.errors.map((e) => e.message).join('; ')}`);
}

/** POST /api/login, POST /api/logout, GET /api/session. */
export function authRoutes(http: Hono<HttpEnv>, deps: HttpDeps, state: AuthState, table: RouteTable): void {
  const now = deps.opts.now ?? Date.now;
  const ttl = deps.opts.sessionTtlMs ?? 8 * 3600 * 1000;

  const checkBackoff = (keys: readonly string[]) => {
    for (const k of keys) {
      const f = state.failures.get(k);
      if (f !== undefined && f.until > now()) {
        const retryAfterSeconds = Math.ceil((f.until - now()) / 1000);
        refuse('AUTH_TOO_MANY_ATTEMPTS', `too many failed logins; try again in ${retryAfterSeconds} s`, [
          problem('AUTH_TOO_MANY_ATTEMPTS', '', 'wait before trying again', { retryAfterSeconds }),
        ]);
      }
    }
  };
  const fail = (keys: readonly string[]) => {
    for (const k of keys) {
      const f = state.failures.get(k) ?? { count: 0, until: 0 };
      f.count += 1;
      if (f.count >= FREE_FAILURES)
        f.until = now() + 1000 * Math.min(MAX_BACKOFF_S, 2 ** (f.count - FREE_FAILURES));
      state.failures.set(k, f);
    }
  };

  defineRoute(http, deps, table, {
    method: 'POST',
    path: '/api/login',
    summary: 'Log in with a password: a session cookie, and the CSRF token its writes send',
    access: 'public',
    body: LoginRequest,
    maxBodyBytes: 16 * 1024,
    response: LoggedIn,
    handler: ({ c, body }) => login(c, body.name, body.password),
  });

  const login = async (c: Context<HttpEnv>, name: string, password: string) => {
    const keys = [`name:${name}`, `client:${clientOf(c)}`];
    checkBackoff(keys);
    let actor: Actor;
    try {
      actor = await deps.app.authenticate(name, password);
    } catch (e) {
      if (e instanceof CairnError) {
        fail(keys);
        await audit(deps, ANONYMOUS_ACTOR, 'audit.login.record', {
          name,
          outcome: 'failure',
          method: 'password',
          client: clientOf(c),
        });
      }
      throw e;
    }
    for (const k of keys) state.failures.delete(k);
    const { id: sid, csrf } = await deps.app.openSession(actor, new Date(now() + ttl));
    setCookie(c, SESSION_COOKIE, sid, {
      httpOnly: true,
      sameSite: 'Strict',
      secure: isSecure(c, deps),
      path: '/',
      maxAge: Math.floor(ttl / 1000),
    });
    await audit(deps, actor, 'audit.login.record', {
      name,
      outcome: 'success',
      method: 'password',
      client: clientOf(c),
    });
    return { user: actor, csrfToken: csrf };
  };

  defineRoute(http, deps, table, {
    method: 'POST',
    path: '/api/logout',
    summary: 'Close the caller\u2019s session (if any) and clear its cookie',
    access: 'public',
    response: NoBody,
    kind: 'empty',
    handler: async ({ c }) => {
      await logout(c);
      return null;
    },
  });

  const logout = async (c: Context<HttpEnv>) => {
    const sid = c.get('sessionId');
    if (sid !== undefined) {
      await deps.app.closeSession(sid, new Date(now()));
      await audit(deps, c.get('actor'), 'audit.login.record', {
        name: c.get('actor').name,
        outcome: 'logout',
        method: 'session',
        client: clientOf(c),
      });
    }
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
  };

  defineRoute(http, deps, table, {
    method: 'GET',
    path: '/api/session',
    summary: 'Who the caller is (null when anonymous), how they authenticated, and their CSRF token',
    access: 'public',
    response: SessionInfo,
    handler: ({ c, actor }) => ({
      user: actor.id === ANONYMOUS_ACTOR.id ? null : actor,
      auth: c.get('auth'),
      csrfToken: c.get('csrf') ?? null,
    }),
  });
}

/** The local operator is never an HTTP caller. */
export function isSystem(actor: Actor): boolean {
  return actor.id === SYSTEM_ACTOR.id;
}
