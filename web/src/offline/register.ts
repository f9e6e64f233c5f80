/**
 * Registering the service worker (built to /sw.js) and the update flow: when a new version has
 * installed and waits (looked for on load, when the network returns and when the app comes back to
 * the foreground), `onUpdate` is called; `applyUpdate` lets it take over and the page reloads
 * once it controls the page. Nothing happens in the dev server or where service workers are not
 * available (plain http to a non-localhost address: the app then works online only).
 */

let waiting: ServiceWorker | undefined;

export function registerServiceWorker(onUpdate: () => void): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const sw = navigator.serviceWorker;
  // When a new version takes over (after applyUpdate), the page reloads to run it. The one
  // change that is not an update is the first worker claiming the page that installed it (same
  // version): that page must still reload on the next change, or the first visit after an install
  // — a field tablet's long-lived tab — would stay on the old version after "Reload"
  // (test/e2e/update.test.ts).
  let controlled = sw.controller !== null;
  let reloading = false;
  sw.addEventListener('controllerchange', () => {
    if (!controlled) {
      controlled = true;
      return;
    }
    if (reloading) return;
    reloading = true;
    globalThis.location.reload();
  });
  const watch = (reg: ServiceWorkerRegistration) => {
    const offer = (w: ServiceWorker | null) => {
      // Only an update: the first install has no page of an older version to replace.
      if (w === null || sw.controller === null) return;
      waiting = w;
      onUpdate();
    };
    offer(reg.waiting);
    reg.addEventListener('updatefound', () => {
      const w = reg.installing;
      w?.addEventListener('statechange', () => {
        if (w.state === 'installed') offer(w);
      });
    });
  };
  // The browser looks for a new worker only on navigation, and the app navigates by hash: a tab
  // left open in the field would never see an update. Look when the network returns and when the
  // app comes back to the foreground (a failed look, offline, is simply tried again next time).
  const lookForUpdate = (reg: ServiceWorkerRegistration) => {
    const look = () => {
      if (navigator.onLine) reg.update().catch(() => undefined);
    };
    globalThis.addEventListener('online', look);
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') look();
    });
  };
  // A classic worker: one self-contained file (the build checks), for every browser with workers.
  const register = () => {
    sw.register('/sw.js', { scope: '/' }).then(
      (reg) => {
        watch(reg);
        lookForUpdate(reg);
      },
      (e: unknown) => {
        console.warn('cairn: the service worker did not register; the app works online only', e);
      },
    );
  };
  // Installing precaches the whole build (a few MB). On a first visit that would compete with the
  // map for the network and the CPU, so it starts once the page has loaded and the browser is idle
  // (at most a few seconds later). A page the worker already controls registers at once.
  if (sw.controller !== null) register();
  else afterLoad(register);
}

/** Run `f` after the page's load event, once the main thread is idle (or after 4 s at the latest). */
function afterLoad(f: () => void): void {
  const idle = () => {
    if (typeof globalThis.requestIdleCallback === 'function')
      globalThis.requestIdleCallback(f, { timeout: 4000 });
    else setTimeout(f, 1000);
  };
  if (document.readyState === 'complete') idle();
  else globalThis.addEventListener('load', idle, { once: true });
}

/** Let the waiting version take over (the page then reloads). */
export function applyUpdate(): void {
  waiting?.postMessage('skip-waiting');
}

/** Resolves once a service worker controls the page (the e2e test waits for it). */
export function controlled(): boolean {
  return 'serviceWorker' in navigator && navigator.serviceWorker.controller !== null;
}
