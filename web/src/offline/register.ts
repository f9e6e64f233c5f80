/**
 * Registering the service worker (built to /sw.js) and the update flow: when a new version has
 * installed and waits, `onUpdate` is called; `applyUpdate` lets it take over and the page reloads
 * once it controls the page. Nothing happens in the dev server or where service workers are not
 * available (plain http to a non-localhost address: the app then works online only).
 */

let waiting: ServiceWorker | undefined;

export function registerServiceWorker(onUpdate: () => void): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const sw = navigator.serviceWorker;
  // A page that already had a worker reloads when a new one takes over (after applyUpdate).
  const hadController = sw.controller !== null;
  let reloading = false;
  sw.addEventListener('controllerchange', () => {
    if (!hadController || reloading) return;
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
  // A classic worker: one self-contained file (the build checks), for every browser with workers.
  sw.register('/sw.js', { scope: '/' }).then(watch, (e: unknown) => {
    console.warn('cairn: the service worker did not register; the app works online only', e);
  });
}

/** Let the waiting version take over (the page then reloads). */
export function applyUpdate(): void {
  waiting?.postMessage('skip-waiting');
}

/** Resolves once a service worker controls the page (the e2e test waits for it). */
export function controlled(): boolean {
  return 'serviceWorker' in navigator && navigator.serviceWorker.controller !== null;
}
