/** The service worker's routing rules (strategy.ts): what is served from a cache, and what never is. */
import { describe, expect, it } from 'vitest';
import { shellCacheName, staleCaches, strategyFor } from './strategy.js';

const shell = new Set([
  '/index.html',
  '/assets/index-abc.js',
  '/basemap/countries.json',
  '/manifest.webmanifest',
]);
const get = (pathname: string, mode = 'cors') => ({ method: 'GET', mode, sameOrigin: true, pathname });

describe('the service worker strategy', () => {
  it('serves the files of this build from the shell cache, and any page navigation with the cached app', () => {
    expect(strategyFor(get('/assets/index-abc.js'), shell)).toBe('shell');
    expect(strategyFor(get('/basemap/countries.json'), shell)).toBe('shell');
    expect(strategyFor(get('/', 'navigate'), shell)).toBe('navigate');
    expect(strategyFor(get('/map', 'navigate'), shell)).toBe('navigate');
  });

  it('never answers the API or OGC API from a cache, navigation or not, and leaves writes and other origins alone', () => {
    for (const p of [
      '/api/session',
      '/api/collections/hazards/items',
      '/api/ledger/entries',
      '/ogc/collections',
      '/api/attachments/abc',
    ]) {
      expect(strategyFor(get(p), shell), p).toBe('network');
      expect(strategyFor(get(p, 'navigate'), shell), p).toBe('network');
    }
    expect(strategyFor({ ...get('/assets/index-abc.js'), method: 'POST' }, shell)).toBe('network');
    expect(strategyFor({ ...get('/assets/index-abc.js'), sameOrigin: false }, shell)).toBe('network');
    expect(strategyFor(get('/assets/unknown-old.js'), shell)).toBe('network');
  });

  it('sends vector tiles to the network first, with saved areas as the fallback', () => {
    expect(strategyFor(get('/tiles/hazards/12/2330/1180.mvt'), shell)).toBe('tile');
  });

  it('keeps the last copy of the public OpenAPI document only, for validating forms offline', () => {
    expect(strategyFor(get('/api'), shell)).toBe('public-doc');
    expect(strategyFor({ ...get('/api'), method: 'POST' }, shell)).toBe('network');
  });

  it('names one shell cache per version and deletes the others, keeping saved map areas', () => {
    expect(shellCacheName('v2')).toBe('cairn-shell-v2');
    expect(staleCaches(['cairn-shell-v1', 'cairn-shell-v2', 'cairn-area-x1', 'other'], 'v2')).toEqual([
      'cairn-shell-v1',
    ]);
  });
});
