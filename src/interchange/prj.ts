/**
 * WKT for the CRSs a Shapefile or GeoPackage export may be written in: ESRI WKT for a .prj and
 * OGC WKT 1 (with EPSG authorities) for a GeoPackage `gpkg_spatial_ref_sys.definition`. Built
 * from the proj4 parameters Cairn already holds (src/geo crs-defs) and the names the EPSG
 * registry and ESRI give each system, as PROJ 9.1.1 prints them (`projinfo EPSG:N -o WKT1_ESRI`
 * and `-o WKT1_GDAL`): GDAL and ArcGIS recognise a .prj by those names, so a file written here is
 * reported as EPSG:3346, not as an unnamed custom CRS. Nothing is fetched.
 */
import { crsDefinition, parseCrsCode, type CrsDefinition } from '../geo/index.js';

type Ellipsoid = 'GRS80' | 'WGS84' | 'krass';

const SPHEROID: Readonly<
  Record<Ellipsoid, readonly [esri: string, ogc: string, a: number, rf: number, code: number]>
> = {
  GRS80: ['GRS_1980', 'GRS 1980', 6378137, 298.257222101, 7019],
  WGS84: ['WGS_1984', 'WGS 84', 6378137, 298.257223563, 7030],
  krass: ['Krasovsky_1940', 'Krassowsky 1940', 6378245, 298.3, 7024],
};

interface Geographic {
  readonly esri: string;
  readonly esriDatum: string;
  readonly ogc: string;
  readonly ogcDatum: string;
  readonly datumCode: number;
  readonly code: number;
  readonly ellipsoid: Ellipsoid;
}

/** A geographic CRS: ESRI GEOGCS and datum names, OGC names, EPSG datum and CRS codes, ellipsoid. */
const g = (
  esri: string,
  esriDatum: string,
  ogc: string,
  ogcDatum: string,
  datumCode: number,
  code: number,
  ellipsoid: Ellipsoid,
): Geographic => ({ esri, esriDatum, ogc, ogcDatum, datumCode, code, ellipsoid });

const ETRS89_DATUM = 'European_Terrestrial_Reference_System_1989';
const WGS84 = g('GCS_WGS_1984', 'D_WGS_1984', 'WGS 84', 'WGS_1984', 6326, 4326, 'WGS84');
const ETRS89 = g('GCS_ETRS_1989', 'D_ETRS_1989', 'ETRS89', ETRS89_DATUM, 6258, 4258, 'GRS80');
const EST97 = g('GCS_Estonia_1997', 'D_Estonia_1997', 'EST97', 'Estonia_1997', 6180, 4180, 'GRS80');
const LKS92 = g('GCS_LKS_1992', 'D_Latvia_1992', 'LKS92', 'Latvia_1992', 6661, 4661, 'GRS80');
const LKS94 = g('GCS_LKS_1994', 'D_Lithuania_1994', 'LKS94', 'Lithuania_1994_ETRS89', 6126, 4669, 'GRS80');
const PL2000 = g('ETRF2000-PL', 'D_ETRF2000_Poland', 'ETRF2000-PL', 'ETRF2000_Poland', 1305, 9702, 'GRS80');
const UCS2000 = g('GCS_Ukraine_2000', 'D_Ukraine_2000', 'UCS-2000', 'Ukraine_2000', 1077, 5561, 'krass');
const SK42 = g('GCS_Pulkovo_1942', 'D_Pulkovo_1942', 'Pulkovo 1942', 'Pulkovo_1942', 6284, 4284, 'krass');

/** Each projected CRS with a .prj: its geographic base and its ESRI name. */
const PROJECTED: ReadonlyMap<number, readonly [Geographic, string]> = new Map<
  number,
  readonly [Geographic, string]
>([
  [3067, [ETRS89, 'EUREF_FIN_TM35FIN']],
  [3301, [EST97, 'Estonia_1997_Estonia_National_Grid']],
  [3059, [LKS92, 'LKS_1992_Latvia_TM']],
  [3346, [LKS94, 'LKS_1994_Lithuania_TM']],
  [2180, [PL2000, 'ETRS_1989_Poland_CS92']],
  ...[2176, 2177, 2178, 2179].map((c, i) => [c, [PL2000, `ETRS_1989_Poland_CS2000_Zone_${i + 5}`]] as const),
  ...[5562, 5563, 5564, 5565].map((c, i) => [c, [UCS2000, `Ukraine_2000_GK_Zone_${i + 4}`]] as const),
  ...[28404, 28405, 28406, 28407].map((c, i) => [c, [SK42, `Pulkovo_1942_GK_Zone_${i + 4}`]] as const),
  ...[7, 8, 9, 10, 11, 12, 13].map((z) => [2516 + z, [SK42, `Pulkovo_1942_3_Degree_GK_Zone_${z}`]] as const),
  ...[21, 24, 27, 30, 33, 36, 39].map(
    (cm, i) => [2582 + i, [SK42, `Pulkovo_1942_3_Degree_GK_CM_${cm}E`]] as const,
  ),
  ...[34, 35, 36, 37].map((z) => [32600 + z, [WGS84, `WGS_1984_UTM_Zone_${z}N`]] as const),
]);

/** The EPSG codes a Shapefile or GeoPackage can be exported in (WGS 84 first). */
export const PRJ_EPSG_CODES: readonly number[] = [4326, ...PROJECTED.keys()];

/** ESRI writes every number with a decimal point (500000.0); OGC WKT as it is (500000). */
const esriNum = (n: number): string => (Number.isInteger(n) ? `${n}.0` : String(n));

interface Projection {
  readonly method: 'tm' | 'lcc';
  readonly lat0: number;
  readonly lon0: number;
  readonly k: number;
  readonly x0: number;
  readonly y0: number;
  readonly lat1: number;
  readonly lat2: number;
}

/** The projection parameters of a proj4 string (tmerc, utm or lcc: what the national grids use). */
function projectionOf(proj4: string): Projection {
  const p = new Map(
    proj4
      .split(/\s+/)
      .filter((t) => t.startsWith('+') && t.includes('='))
      .map((t) => t.slice(1).split('=') as [string, string]),
  );
  const num = (k: string, d: number): number => (p.has(k) ? Number(p.get(k)) : d);
  const proj = p.get('proj');
  if (proj === 'utm') {
    const zone = num('zone', NaN);
    return { method: 'tm', lat0: 0, lon0: 6 * zone - 183, k: 0.9996, x0: 500000, y0: 0, lat1: 0, lat2: 0 };
  }
  if (proj !== 'tmerc' && proj !== 'lcc') throw new Error(`no WKT for +proj=${proj ?? '?'}`);
  return {
    method: proj === 'lcc' ? 'lcc' : 'tm',
    lat0: num('lat_0', 0),
    lon0: num('lon_0', 0),
    k: num('k', 1),
    x0: num('x_0', 0),
    y0: num('y_0', 0),
    lat1: num('lat_1', 0),
    lat2: num('lat_2', 0),
  };
}

function definitionOf(epsg: number): CrsDefinition | undefined {
  const parsed = parseCrsCode(`EPSG:${epsg}`);
  return parsed.ok ? crsDefinition(parsed.value) : undefined;
}

function projection(epsg: number): Projection {
  const def = definitionOf(epsg);
  if (def === undefined) throw new Error(`EPSG:${epsg} has no definition`);
  return projectionOf(def.proj4);
}

const DEGREE = '0.0174532925199433';

function esriGeogcs(g: Geographic): string {
  const [name, , a, rf] = SPHEROID[g.ellipsoid];
  return `GEOGCS["${g.esri}",DATUM["${g.esriDatum}",SPHEROID["${name}",${esriNum(a)},${esriNum(rf)}]],PRIMEM["Greenwich",0.0],UNIT["Degree",${DEGREE}]]`;
}

const auth = (code: number): string => `AUTHORITY["EPSG","${code}"]`;

function ogcGeogcs(g: Geographic): string {
  const [, name, a, rf, code] = SPHEROID[g.ellipsoid];
  return `GEOGCS["${g.ogc}",DATUM["${g.ogcDatum}",SPHEROID["${name}",${a},${rf},${auth(code)}],${auth(g.datumCode)}],PRIMEM["Greenwich",0,${auth(8901)}],UNIT["degree",${DEGREE},${auth(9122)}],${auth(g.code)}]`;
}

/** The ESRI WKT of a .prj for `epsg`, or undefined when Cairn writes no .prj for it. */
export function esriWkt(epsg: number): string | undefined {
  if (epsg === 4326) return esriGeogcs(WGS84);
  const entry = PROJECTED.get(epsg);
  if (entry === undefined) return undefined;
  const [g, name] = entry;
  const p = projection(epsg);
  const param = (k: string, v: number): string => `PARAMETER["${k}",${esriNum(v)}]`;
  const method =
    p.method === 'lcc'
      ? 'Lambert_Conformal_Conic'
      : g === UCS2000 || g === SK42
        ? 'Gauss_Kruger'
        : 'Transverse_Mercator';
  const params =
    p.method === 'lcc'
      ? [
          param('False_Easting', p.x0),
          param('False_Northing', p.y0),
          param('Central_Meridian', p.lon0),
          param('Standard_Parallel_1', p.lat1),
          param('Standard_Parallel_2', p.lat2),
          param('Latitude_Of_Origin', p.lat0),
        ]
      : [
          param('False_Easting', p.x0),
          param('False_Northing', p.y0),
          param('Central_Meridian', p.lon0),
          param('Scale_Factor', p.k),
          param('Latitude_Of_Origin', p.lat0),
        ];
  return `PROJCS["${name}",${esriGeogcs(g)},PROJECTION["${method}"],${params.join(',')},UNIT["Meter",1.0]]`;
}

/** The OGC WKT 1 of `epsg` with its EPSG authorities (a GeoPackage srs definition), or undefined. */
export function ogcWkt(epsg: number): string | undefined {
  if (epsg === 4326) return undefined; // the GeoPackage standard's own row is written for 4326
  const entry = PROJECTED.get(epsg);
  const def = definitionOf(epsg);
  if (entry === undefined || def === undefined) return undefined;
  const p = projection(epsg);
  const param = (k: string, v: number): string => `PARAMETER["${k}",${v}]`;
  const params =
    p.method === 'lcc'
      ? [
          'PROJECTION["Lambert_Conformal_Conic_2SP"]',
          param('latitude_of_origin', p.lat0),
          param('central_meridian', p.lon0),
          param('standard_parallel_1', p.lat1),
          param('standard_parallel_2', p.lat2),
        ]
      : [
          'PROJECTION["Transverse_Mercator"]',
          param('latitude_of_origin', p.lat0),
          param('central_meridian', p.lon0),
          param('scale_factor', p.k),
        ];
  return `PROJCS["${def.name}",${ogcGeogcs(entry[0])},${params.join(',')},${param('false_easting', p.x0)},${param('false_northing', p.y0)},UNIT["metre",1,${auth(9001)}],${auth(epsg)}]`;
}

/** The registry name of an EPSG code Cairn writes WKT for (gpkg srs_name). */
export function crsName(epsg: number): string {
  return definitionOf(epsg)?.name ?? `EPSG:${epsg}`;
}

const byEsriName = new Map([...PROJECTED].map(([code, [, name]]) => [name.toLowerCase(), code]));

/**
 * The EPSG code of a .prj that names one of these systems the ESRI way (as ArcGIS, QGIS and GDAL
 * write them, with no AUTHORITY): the datum shift then comes from Cairn's own definition, where
 * proj4's WKT reader would apply none and put a Krassovsky-based grid ~100 m off.
 */
export function epsgOfEsriName(wkt: string): number | undefined {
  const m = /^\s*PROJCS\s*\[\s*"([^"]+)"/i.exec(wkt);
  return m?.[1] === undefined ? undefined : byEsriName.get(m[1].toLowerCase());
}
