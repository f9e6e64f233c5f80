/**
 * PostgreSQL failures as one clear line each (catalogued STORE_* codes). The message says what
 * to do; it never contains the password from the database URL.
 */
import { CairnError } from '../../core/index.js';

/** Where the store points, for messages: user@host:port/database (no password). */
export interface Target {
  readonly user: string;
  readonly host: string;
  readonly port: string;
  readonly database: string;
}

/** Parse a postgres:// URL for messages only (pg parses it for connecting). */
export function describeTarget(url: string): Target {
  try {
    const u = new URL(url);
    return {
      user: decodeURIComponent(u.username) || 'postgres',
      host: u.hostname || 'localhost',
      port: u.port || '5432',
      database:
        decodeURIComponent(u.pathname.replace(/^\//, '')) || decodeURIComponent(u.username) || 'postgres',
    };
  } catch {
    throw new CairnError(
      'USAGE',
      'the database URL is not a valid URL; expected postgres://USER:PASSWORD@HOST:PORT/DATABASE',
    );
  }
}

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
]);
/** Connection lost, server shutting down, serialisation failure, deadlock: the transaction never committed. */
const RETRYABLE = new Set([
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08003',
  '08006',
  '08007',
  '40001',
  '40P01',
  '53300',
  'ECONNRESET',
  'EPIPE',
]);
const LOST =
  /Connection terminated|not queryable|Client was closed|connection error|write after end|socket hang up/i;

function field(e: unknown, key: string): string | undefined {
  if (e === null || typeof e !== 'object') return undefined;
  const v = (e as Record<string, unknown>)[key];
  return typeof v === 'string' ? v : undefined;
}

/** True for errors that mean "the connection is gone": the client must be discarded. */
export function isConnectionLost(e: unknown): boolean {
  const code = field(e, 'code');
  if (
    code !== undefined &&
    (code.startsWith('57P') || code.startsWith('08') || code === 'ECONNRESET' || code === 'EPIPE')
  )
    return true;
  return e instanceof Error && LOST.test(e.message);
}

/**
 * Map a driver error to a CairnError, or return it unchanged when it is not an environment
 * fault (a bug, or an error the caller threw on purpose).
 */
export function mapPgError(e: unknown, t: Target): unknown {
  if (e instanceof CairnError) return e;
  const code = field(e, 'code');
  const msg = e instanceof Error ? e.message : String(e);
  const where = `${t.host}:${t.port}`;
  if (
    (code !== undefined && UNREACHABLE.has(code)) ||
    /timeout expired|connect ETIMEDOUT|timeout exceeded when trying to connect/i.test(msg)
  ) {
    return new CairnError(
      'STORE_UNAVAILABLE',
      `cannot reach PostgreSQL at ${where} (${code ?? msg}); start the server or correct --database-url / CAIRN_DATABASE_URL`,
    );
  }
  if (
    code === '28P01' ||
    code === '28000' ||
    /SASL|password authentication|client password must be/i.test(msg)
  ) {
    return new CairnError(
      'STORE_AUTH_FAILED',
      `PostgreSQL at ${where} refused user "${t.user}" (${msg}); check the user name and password in the database URL`,
    );
  }
  if (code === '3D000') {
    return new CairnError(
      'STORE_UNAVAILABLE',
      `database "${t.database}" does not exist on ${where}; create it (createdb -h ${t.host} -p ${t.port} -U ${t.user} ${t.database}) and run cairn migrate`,
    );
  }
  if (code === '42P01') {
    return new CairnError(
      'STORE_SCHEMA_OLD',
      `database "${t.database}" lacks Cairn's tables (${msg}); run cairn migrate`,
    );
  }
  if (code === '42704' || code === '42883') {
    if (/geometry|st_/i.test(msg)) {
      return new CairnError(
        'STORE_EXTENSION_MISSING',
        `PostGIS is missing in database "${t.database}" (${msg}); run cairn migrate as a user allowed to CREATE EXTENSION postgis`,
      );
    }
  }
  if ((code !== undefined && RETRYABLE.has(code)) || isConnectionLost(e)) {
    return new CairnError(
      'STORE_RETRYABLE',
      `the database connection to ${where} was interrupted (${code ?? msg}); nothing was written; retry (with the same submission id)`,
    );
  }
  return e;
}
