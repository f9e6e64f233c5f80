/** Types shared by the HTTP routes: the Hono environment and the server options. */
import type { Actor } from '../access/index.js';
import type { Cairn } from '../app/index.js';
import type { DataVersion } from './version.js';

/** How the caller was authenticated. Cookie sessions need CSRF protection; the others do not. */
export type AuthKind = 'anonymous' | 'session' | 'token';

export interface HttpVariables {
  actor: Actor;
  auth: AuthKind;
  sessionId: string | undefined;
  /** The CSRF token of the caller's cookie session. */
  csrf: string | undefined;
}

export interface HttpEnv {
  Variables: HttpVariables;
}

export interface HttpOptions {
  /** Largest accepted request body in bytes (default 1 MiB). */
  readonly maxBodyBytes?: number;
  /** Set the Secure flag on cookies (behind TLS). Also inferred from https URLs and X-Forwarded-Proto. */
  readonly secureCookies?: boolean;
  /** Folder for photo attachments (the data directory's `attachments/`); in memory when absent. */
  readonly attachmentsDir?: string;
  /** Directory of the built web app (default dist/web). */
  readonly webRoot?: string;
  /** Milliseconds since the epoch; injectable for backoff tests. */
  readonly now?: () => number;
  /** Session lifetime in ms (default 8 h). */
  readonly sessionTtlMs?: number;
  /** Hook to observe every request's URL (the GDAL test checks bbox push-down). */
  readonly onRequest?: (url: URL) => void;
  /** Parse every schema-first route's response with its declared schema; a mismatch is a 500 (tests). */
  readonly checkResponses?: boolean;
}

/** What route modules receive. */
export interface HttpDeps {
  readonly app: Cairn;
  readonly opts: HttpOptions;
  /** Ledger size at which feature data last changed (caches key on it). */
  readonly version: DataVersion;
}
