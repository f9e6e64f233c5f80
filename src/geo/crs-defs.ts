/**
 * The CRS definitions Cairn ships, kept in the repository rather than fetched (records must
 * reproduce offline and in 2030). Each proj4 string was taken from the EPSG registry as printed
 * by PROJ 9.1.1 (`projinfo EPSG:NNNN -o PROJ`, EPSG dataset in proj.db), and where the registry
 * leaves the datum shift open (several transformations exist) the EPSG transformation chosen is
 * named. `+towgs84` uses the Position Vector convention (EPSG method 9606), which is what PROJ and
 * proj4js expect. EPSG publishes the Pulkovo 1942 rotations in the Coordinate Frame convention
 * (method 9607) with the opposite sign: copying them unchanged into +towgs84 is the ~25–100 m
 * error of field-users.md §1.6 (maptiler/epsg.io#194, wladich/nakarte#1261). The golden tests
 * check each pipeline against cs2cs.
 */

/** Axis order of a CRS's x and y as Cairn's transform() takes them. */
export type AxisUse = 'lon-lat' | 'east-north';

export interface CrsDefinition {
  readonly code: string;
  readonly name: string;
  readonly axes: AxisUse;
  /** Axis order the EPSG registry declares, for OGC API clients (4326 is lat, lon). */
  readonly registryAxisOrder: 'lat-lon' | 'lon-lat' | 'east-north' | 'north-east';
  readonly proj4: string;
  /** Where the definition comes from. */
  readonly source: string;
  /** Area of use in WGS 84 degrees [west, south, east, north]; points outside (+1°) are refused. */
  readonly area: readonly [number, number, number, number];
}

const WGS84_GEO = '+proj=longlat +datum=WGS84 +no_defs';
const GRS80_ZERO = '+ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs';
/** EPSG:15865 Pulkovo 1942 to WGS 84 (16), 4.5 m, covers Ukraine, the Baltic states and Belarus.
 * EPSG gives tx=25 ty=-141 tz=-78.5 m, rx=0 ry=-0.35 rz=-0.736″ in Coordinate Frame (9607); in
 * Position Vector form, as +towgs84 needs, the rotations change sign. */
export const SK42_TOWGS84 = '25,-141,-78.5,0,0.35,0.736,0';
/** EPSG:5840 UCS-2000 to WGS 84 (2), 1 m, Ukraine: a three-parameter shift. */
export const UCS2000_TOWGS84 = '24,-121,-76,0,0,0,0';

const SK42 = `+ellps=krass +towgs84=${SK42_TOWGS84} +units=m +no_defs`;
const UCS2000 = `+ellps=krass +towgs84=${UCS2000_TOWGS84} +units=m +no_defs`;

function tm(lon0: number, k: number, x0: number, y0: number, datum: string): string {
  return `+proj=tmerc +lat_0=0 +lon_0=${lon0} +k=${k} +x_0=${x0} +y_0=${y0} ${datum}`;
}

const reg = (code: number): string => `EPSG registry via PROJ 9.1.1 proj.db: projinfo EPSG:${code} -o PROJ`;

function gk(
  code: number,
  name: string,
  lon0: number,
  x0: number,
  datum: string,
  shift: string,
  lat: readonly [number, number],
  half: number,
): CrsDefinition {
  return {
    code: `EPSG:${code}`,
    name,
    axes: 'east-north',
    registryAxisOrder: 'north-east',
    proj4: tm(lon0, 1, x0, 0, datum),
    source: `${reg(code)}; datum shift ${shift}`,
    area: [lon0 - half, lat[0], lon0 + half, lat[1]],
  };
}

const UKRAINE_LAT = [44.3, 52.4] as const;
const SK42_LAT = [35, 84] as const;

export const CRS_DEFINITIONS: readonly CrsDefinition[] = [
  {
    code: 'EPSG:4326',
    name: 'WGS 84',
    axes: 'lon-lat',
    registryAxisOrder: 'lat-lon',
    proj4: WGS84_GEO,
    source: reg(4326),
    area: [-180, -90, 180, 90],
  },
  {
    code: 'OGC:CRS84',
    name: 'WGS 84 (CRS84, lon/lat)',
    axes: 'lon-lat',
    registryAxisOrder: 'lon-lat',
    proj4: WGS84_GEO,
    source: 'OGC CRS84 = EPSG:4326 with longitude first',
    area: [-180, -90, 180, 90],
  },
  {
    code: 'EPSG:3857',
    name: 'WGS 84 / Pseudo-Mercator',
    axes: 'east-north',
    registryAxisOrder: 'east-north',
    proj4:
      '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +no_defs',
    source: reg(3857),
    area: [-180, -85.06, 180, 85.06],
  },
  {
    code: 'EPSG:4258',
    name: 'ETRS89',
    axes: 'lon-lat',
    registryAxisOrder: 'lat-lon',
    proj4: '+proj=longlat +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +no_defs',
    source: `${reg(4258)}; ETRS89 = WGS 84 at the metre level (EPSG:1149)`,
    area: [-16.1, 32.88, 40.18, 84.73],
  },
  {
    code: 'EPSG:4284',
    name: 'Pulkovo 1942',
    axes: 'lon-lat',
    registryAxisOrder: 'lat-lon',
    proj4: `+proj=longlat +ellps=krass +towgs84=${SK42_TOWGS84} +no_defs`,
    source: `${reg(4284)}; datum shift EPSG:15865`,
    area: [19.57, 35.14, 180, 81.91],
  },
  {
    code: 'EPSG:5561',
    name: 'UCS-2000',
    axes: 'lon-lat',
    registryAxisOrder: 'lat-lon',
    proj4: `+proj=longlat +ellps=krass +towgs84=${UCS2000_TOWGS84} +no_defs`,
    source: `${reg(5561)}; datum shift EPSG:5840`,
    area: [22.15, 43.18, 40.23, 52.38],
  },
  {
    code: 'EPSG:3067',
    name: 'ETRS89 / TM35FIN(E,N)',
    axes: 'east-north',
    registryAxisOrder: 'east-north',
    proj4: `+proj=utm +zone=35 ${GRS80_ZERO}`,
    source: reg(3067),
    area: [19.08, 58.84, 31.59, 70.09],
  },
  {
    code: 'EPSG:3301',
    name: 'Estonian Coordinate System of 1997',
    axes: 'east-north',
    registryAxisOrder: 'north-east',
    proj4: `+proj=lcc +lat_0=57.5175539305556 +lon_0=24 +lat_1=59.3333333333333 +lat_2=58 +x_0=500000 +y_0=6375000 ${GRS80_ZERO}`,
    source: reg(3301),
    area: [20.37, 57.52, 28.2, 60.0],
  },
  {
    code: 'EPSG:3059',
    name: 'LKS92 / Latvia TM',
    axes: 'east-north',
    registryAxisOrder: 'north-east',
    proj4: tm(24, 0.9996, 500000, -6000000, GRS80_ZERO),
    source: reg(3059),
    area: [19.06, 55.67, 28.24, 58.09],
  },
  {
    code: 'EPSG:10306',
    name: 'LKS-2020 / Latvia TM',
    axes: 'east-north',
    registryAxisOrder: 'north-east',
    proj4: tm(24, 0.9996, 500000, -6000000, GRS80_ZERO),
    source:
      'EPSG 10306 (EPSG dataset 2025, not yet in PROJ 9.1.1; https://epsg.io/10306): same TM parameters as LKS92 on GRS 1980; LKS-2020 (ETRF2014-based, epoch 2020.28) is taken as WGS 84 at the metre level, as PROJ does for ETRS89 realisations without a grid. The LKS-92→LKS-2020 grid (lv_lgia_lks92to2020) is not applied.',
    area: [19.06, 55.67, 28.24, 58.09],
  },
  {
    code: 'EPSG:3346',
    name: 'LKS94 / Lithuania TM',
    axes: 'east-north',
    registryAxisOrder: 'north-east',
    proj4: tm(24, 0.9998, 500000, 0, GRS80_ZERO),
    source: reg(3346),
    area: [19.02, 53.89, 26.82, 56.45],
  },
  {
    code: 'EPSG:2180',
    name: 'ETRF2000-PL / CS92',
    axes: 'east-north',
    registryAxisOrder: 'north-east',
    proj4: tm(19, 0.9993, 500000, -5300000, GRS80_ZERO),
    source: reg(2180),
    area: [14.14, 49.0, 24.15, 55.93],
  },
  {
    code: 'EPSG:2176',
    name: 'ETRF2000-PL / CS2000/15',
    axes: 'east-north',
    registryAxisOrder: 'north-east',
    proj4: tm(15, 0.999923, 5500000, 0, GRS80_ZERO),
    source: reg(2176),
    area: [14.14, 50.26, 16.5, 54.89],
  },
  {
    code: 'EPSG:2177',
    name: 'ETRF2000-PL / CS2000/18',
    axes: 'east-north',
    registryAxisOrder: 'north-east',
    proj4: tm(18, 0.999923, 6500000, 0, GRS80_ZERO),
    source: reg(2177),
    area: [16.5, 49.39, 19.5, 55.93],
  },
  {
    code: 'EPSG:2178',
    name: 'ETRF2000-PL / CS2000/21',
    axes: 'east-north',
    registryAxisOrder: 'north-east',
    proj4: tm(21, 0.999923, 7500000, 0, GRS80_ZERO),
    source: reg(2178),
    area: [19.5, 49.09, 22.5, 54.55],
  },
  {
    code: 'EPSG:2179',
    name: 'ETRF2000-PL / CS2000/24',
    axes: 'east-north',
    registryAxisOrder: 'north-east',
    proj4: tm(24, 0.999923, 8500000, 0, GRS80_ZERO),
    source: reg(2179),
    area: [22.5, 49.0, 24.15, 54.41],
  },
  gk(5562, 'UCS-2000 / Gauss-Kruger zone 4', 21, 4500000, UCS2000, 'EPSG:5840', UKRAINE_LAT, 3),
  gk(5563, 'UCS-2000 / Gauss-Kruger zone 5', 27, 5500000, UCS2000, 'EPSG:5840', UKRAINE_LAT, 3),
  gk(5564, 'UCS-2000 / Gauss-Kruger zone 6', 33, 6500000, UCS2000, 'EPSG:5840', UKRAINE_LAT, 3),
  gk(5565, 'UCS-2000 / Gauss-Kruger zone 7', 39, 7500000, UCS2000, 'EPSG:5840', UKRAINE_LAT, 3),
  gk(28404, 'Pulkovo 1942 / Gauss-Kruger zone 4', 21, 4500000, SK42, 'EPSG:15865', SK42_LAT, 3),
  gk(28405, 'Pulkovo 1942 / Gauss-Kruger zone 5', 27, 5500000, SK42, 'EPSG:15865', SK42_LAT, 3),
  gk(28406, 'Pulkovo 1942 / Gauss-Kruger zone 6', 33, 6500000, SK42, 'EPSG:15865', SK42_LAT, 3),
  gk(28407, 'Pulkovo 1942 / Gauss-Kruger zone 7', 39, 7500000, SK42, 'EPSG:15865', SK42_LAT, 3),
  // 3-degree SK-42 zones 7–13 (CM 21°E–39°E), with and without the zone-number prefix.
  ...[7, 8, 9, 10, 11, 12, 13].map((z) =>
    gk(
      2516 + z,
      `Pulkovo 1942 / 3-degree Gauss-Kruger zone ${z}`,
      3 * z,
      z * 1000000 + 500000,
      SK42,
      'EPSG:15865',
      SK42_LAT,
      1.5,
    ),
  ),
  ...[21, 24, 27, 30, 33, 36, 39].map((cm, i) =>
    gk(
      2582 + i,
      `Pulkovo 1942 / 3-degree Gauss-Kruger CM ${cm}E`,
      cm,
      500000,
      SK42,
      'EPSG:15865',
      SK42_LAT,
      1.5,
    ),
  ),
  ...[34, 35, 36, 37].map((z): CrsDefinition => ({
    code: `EPSG:326${z}`,
    name: `WGS 84 / UTM zone ${z}N`,
    axes: 'east-north',
    registryAxisOrder: 'east-north',
    proj4: `+proj=utm +zone=${z} +datum=WGS84 +units=m +no_defs`,
    source: reg(32600 + z),
    area: [6 * z - 186, 0, 6 * z - 180, 84],
  })),
];
