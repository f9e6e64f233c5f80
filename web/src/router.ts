/** Hash routes: `#/map`, `#/record/hazards/ID`, `#/new/hazard`, `#/stock`, … (no server routing needed). */
import { useEffect, useState } from 'preact/hooks';

/** A shareable map view: `#/map/@LAT,LON,ZOOM`. */
export interface MapAt {
  readonly lat: number;
  readonly lon: number;
  readonly zoom: number;
}

export type Route =
  | { readonly page: 'map'; readonly at?: MapAt }
  | { readonly page: 'record'; readonly collection: string; readonly id: string }
  | { readonly page: 'new'; readonly kind: string }
  | { readonly page: 'stock' }
  | { readonly page: 'compliance' }
  | { readonly page: 'progress' }
  | { readonly page: 'ledger' }
  | { readonly page: 'outbox' };

export function parseRoute(hash: string): Route {
  const parts = hash
    .replace(/^#\/?/, '')
    .split('/')
    .map((p) => decodeURIComponent(p));
  switch (parts[0]) {
    case 'record':
      if (parts[1] !== undefined && parts[2] !== undefined)
        return { page: 'record', collection: parts[1], id: parts.slice(2).join('/') };
      return { page: 'map' };
    case 'new':
      return { page: 'new', kind: parts[1] ?? 'hazard' };
    case 'stock':
    case 'compliance':
    case 'progress':
    case 'ledger':
    case 'outbox':
      return { page: parts[0] };
    case 'map': {
      const m = /^@(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?),(\d+(?:\.\d+)?)$/.exec(parts[1] ?? '');
      return m === null
        ? { page: 'map' }
        : { page: 'map', at: { lat: Number(m[1]), lon: Number(m[2]), zoom: Number(m[3]) } };
    }
    default:
      return { page: 'map' };
  }
}

export function href(r: Route): string {
  switch (r.page) {
    case 'record':
      return `#/record/${encodeURIComponent(r.collection)}/${encodeURIComponent(r.id)}`;
    case 'new':
      return `#/new/${encodeURIComponent(r.kind)}`;
    default:
      return `#/${r.page}`;
  }
}

export function navigate(r: Route): void {
  globalThis.location.hash = href(r);
}

export function useRoute(): Route {
  const [route, setRoute] = useState<Route>(() => parseRoute(globalThis.location.hash));
  useEffect(() => {
    const on = () => setRoute(parseRoute(globalThis.location.hash));
    globalThis.addEventListener('hashchange', on);
    return () => globalThis.removeEventListener('hashchange', on);
  }, []);
  return route;
}
