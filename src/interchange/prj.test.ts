import { describe, expect, it } from 'vitest';
import { parseCrsCode } from '../geo/index.js';
import { PRJ_EPSG_CODES, crsOfPrj, esriWkt, ogcWkt } from './index.js';

describe('WKT of the export CRSs', () => {
  it('reads every .prj it writes back as the EPSG code it was written for', () => {
    for (const code of PRJ_EPSG_CODES.filter((c) => c !== 4326))
      expect(crsOfPrj(esriWkt(code)), `EPSG:${code}`).toEqual({ kind: 'epsg', code });
    expect(crsOfPrj(esriWkt(4326))).toEqual({ kind: 'wgs84' });
  });

  it('offers only codes Cairn can transform to, and writes no WKT for the others', () => {
    for (const code of PRJ_EPSG_CODES) expect(parseCrsCode(`EPSG:${code}`).ok, `EPSG:${code}`).toBe(true);
    // LKS-2020 is shipped for coordinates but PROJ 9.1.1 has no names for it: no .prj is invented.
    expect(esriWkt(10306)).toBeUndefined();
    expect(ogcWkt(10306)).toBeUndefined();
  });

  it('recognises a .prj ArcGIS or QGIS writes for a Ukrainian grid by its ESRI name', () => {
    const prj =
      'PROJCS["Ukraine_2000_GK_Zone_6",GEOGCS["GCS_Ukraine_2000",DATUM["D_Ukraine_2000",SPHEROID["Krasovsky_1940",6378245.0,298.3]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",6500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",33.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
    // By name, so the UCS-2000 datum shift of Cairn's definition applies (a bare WKT has none).
    expect(crsOfPrj(prj)).toEqual({ kind: 'epsg', code: 5564 });
  });
});
