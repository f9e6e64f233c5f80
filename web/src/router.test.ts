import { describe, expect, it } from 'vitest';
import { href, parseRoute, type Route } from './router.js';

describe('hash routes', () => {
  it.each<Route>([
    { page: 'map' },
    { page: 'stock' },
    { page: 'ledger' },
    { page: 'outbox' },
    { page: 'new', kind: 'minefield' },
    { page: 'record', collection: 'stock-movements', id: 'a/b c' },
  ])('round-trips %o through its href', (r) => {
    expect(parseRoute(href(r))).toEqual(r);
  });

  it('reads a shared map view and falls back to the map for anything unknown', () => {
    expect(parseRoute('#/map/@60.17,24.94,12')).toEqual({
      page: 'map',
      at: { lat: 60.17, lon: 24.94, zoom: 12 },
    });
    expect(parseRoute('#/map/@nonsense')).toEqual({ page: 'map' });
    expect(parseRoute('#/no-such-page')).toEqual({ page: 'map' });
    expect(parseRoute('')).toEqual({ page: 'map' });
  });
});
