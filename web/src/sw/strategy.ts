/**
 * What the service worker does with each request (sw.ts), as a pure function so it is tested
 * without a browser. The rules (docs/web.md, "Offline"):
 * - the app shell (the files of this build, listed by the Vite build) comes from the cache;
 * - a page navigation gets the cached index.html: the app opens with no connection;
 * - vector tiles go to the network and fall back to an area saved for offline use;
 * - the OpenAPI document (`GET /api`, the same for every caller, no user data) goes to the network
 *   and falls back to its last copy, so the forms validate offline against the server's schemas;
 * - everything else — every /api and /ogc answer, above all authenticated data — goes to the
 *   network only and is never answered from a cache.
 */

export type Strategy = 'shell' | 'navigate' | 'tile' | 'public-doc' | 'network';

export interface RequestFacts {
  readonly method: string;
  readonly mode: string;
  /** Same origin as the worker. */
  readonly sameOrigin: boolean;
  readonly pathname: string;
}

export const SHELL_CACHE_PREFIX = 'cairn-shell-';
/** The last copy of the OpenAPI document (public: no user data). */
export const PUBLIC_DOC_CACHE = 'cairn-public';

/** The strategy for a request, given the paths precached with this version of the app. */
export function strategyFor(r: RequestFacts, shell: ReadonlySet<string>): Strategy {
  if (r.method !== 'GET' || !r.sameOrigin) return 'network';
  if (r.pathname === '/api') return 'public-doc';
  if (r.pathname.startsWith('/api/') || r.pathname === '/api' || r.pathname.startsWith('/ogc'))
    return 'network';
  if (r.pathname.startsWith('/tiles/')) return 'tile';
  if (shell.has(r.pathname)) return 'shell';
  if (r.mode === 'navigate') return 'navigate';
  return 'network';
}

/** The shell cache of a version: one per build, so a new version never mixes files with the old. */
export function shellCacheName(version: string): string {
  return `${SHELL_CACHE_PREFIX}${version}`;
}

/** Shell caches of other versions, to delete once this version is active (saved areas are kept). */
export function staleCaches(names: readonly string[], version: string): string[] {
  const current = shellCacheName(version);
  return names.filter((n) => n.startsWith(SHELL_CACHE_PREFIX) && n !== current);
}
