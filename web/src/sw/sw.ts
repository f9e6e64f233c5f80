/**
 * The service worker (built to `/sw.js` by web/vite.config.ts, which writes this build's file list
 * in place of `__CAIRN_PRECACHE__`). Hand-written rather than Workbox: it has four rules
 * (strategy.ts), and the list of files comes straight from the build (docs/decisions.md).
 *
 * Update flow: a new version installs beside the old one and waits; the page shows "a new version
 * is ready" and, when the user chooses to reload, posts `skip-waiting`; the new worker activates,
 * deletes the old version's shell cache and takes over; the page reloads on `controllerchange`.
 */
import { PUBLIC_DOC_CACHE, shellCacheName, staleCaches, strategyFor } from './strategy.js';

declare const __CAIRN_PRECACHE__: { readonly version: string; readonly urls: readonly string[] };

/* Service worker types (the web tsconfig has the DOM libs, not the WebWorker ones). */
interface ExtendableEvent extends Event {
  waitUntil(p: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(r: Response | Promise<Response>): void;
}
interface MessageEventLike extends ExtendableEvent {
  readonly data: unknown;
}
interface WorkerScope {
  readonly location: Location;
  skipWaiting(): Promise<void>;
  readonly clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', fn: (e: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', fn: (e: FetchEvent) => void): void;
  addEventListener(type: 'message', fn: (e: MessageEventLike) => void): void;
}

const scope = globalThis as unknown as WorkerScope;
const { version, urls } = __CAIRN_PRECACHE__;
const SHELL = shellCacheName(version);
const shellPaths = new Set(urls.map((u) => new URL(u, scope.location.origin).pathname));

scope.addEventListener('install', (e) => {
  // Every file or none: a version whose shell did not fully arrive never takes over.
  e.waitUntil(caches.open(SHELL).then((c) => c.addAll(urls.map((u) => new Request(u, { cache: 'reload' })))));
});

scope.addEventListener('activate', (e) => {
  e.waitUntil(
    (async () => {
      for (const name of staleCaches(await caches.keys(), version)) await caches.delete(name);
      await scope.clients.claim();
    })(),
  );
});

scope.addEventListener('message', (e) => {
  if (e.data === 'skip-waiting') void scope.skipWaiting();
});

async function fromShell(req: Request): Promise<Response> {
  const hit = await caches.match(req, { cacheName: SHELL, ignoreSearch: true });
  return hit ?? fetch(req);
}

async function navigate(req: Request): Promise<Response> {
  const index = await caches.match('/index.html', { cacheName: SHELL });
  return index ?? fetch(req);
}

async function tile(req: Request): Promise<Response> {
  try {
    const r = await fetch(req);
    // A server error with a saved copy at hand: the saved copy is the better answer.
    if (r.status < 500) return r;
    return (await caches.match(req)) ?? r;
  } catch (e) {
    const saved = await caches.match(req);
    if (saved !== undefined) return saved;
    throw e;
  }
}

async function publicDoc(req: Request): Promise<Response> {
  try {
    const r = await fetch(req);
    if (r.ok) {
      const copy = r.clone();
      void caches.open(PUBLIC_DOC_CACHE).then((c) => c.put(req, copy));
    }
    return r;
  } catch (e) {
    const saved = await caches.match(req, { cacheName: PUBLIC_DOC_CACHE });
    if (saved !== undefined) return saved;
    throw e;
  }
}

scope.addEventListener('fetch', (e) => {
  const req = e.request;
  const url = new URL(req.url);
  const s = strategyFor(
    {
      method: req.method,
      mode: req.mode,
      sameOrigin: url.origin === scope.location.origin,
      pathname: url.pathname,
    },
    shellPaths,
  );
  if (s === 'shell') e.respondWith(fromShell(req));
  else if (s === 'navigate') e.respondWith(navigate(req));
  else if (s === 'tile') e.respondWith(tile(req));
  else if (s === 'public-doc') e.respondWith(publicDoc(req));
  // 'network': not handled here, so the browser fetches as if there were no worker.
});
