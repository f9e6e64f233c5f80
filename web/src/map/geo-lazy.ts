/**
 * The shared geo module (src/geo: coordinate parsing and formatting, geodesic areas, bearings)
 * loaded on first use as its own chunk, so the map's first paint does not wait for proj4 and
 * GeographicLib. The app never reimplements coordinate parsing: it is the server's code.
 */
export type Geo = typeof import('../../../src/geo/index.js');

let geo: Promise<Geo> | undefined;

export function loadGeo(): Promise<Geo> {
  // A load that failed (the connection dropped) is tried again by the next caller, not remembered.
  geo ??= import('../../../src/geo/index.js').catch((e: unknown) => {
    geo = undefined;
    throw e;
  });
  return geo;
}
