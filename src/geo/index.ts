/**
 * geo: geometry validation and repair, geodesic measures, coordinate parsing and formatting
 * (degrees, UTM, MGRS, national grids), bearing-and-distance points, a spatial index and exact
 * predicates. The only public door of the module; it imports no domain module.
 */
export type {
  ArealGeometry,
  BBox,
  CrsCode,
  Geometry,
  LineStringGeometry,
  Metres,
  Mgrs,
  MultiLineStringGeometry,
  MultiPointGeometry,
  MultiPolygonGeometry,
  PointGeometry,
  PolygonGeometry,
  Position,
  SquareMetres,
  Wgs84Point,
} from './types.js';

// Validation and repair
export { validateGeometry, DUPLICATE_TOLERANCE_DEG, LONG_EDGE_METRES } from './validate.js';
export type { ValidateOptions } from './validate.js';
export type { ValidGeometry } from './validate.js';
export { validateBatch, NEAR_DUPLICATE_RATIO } from './batch.js';
export type { BatchReport } from './batch.js';
export { hasErrors } from './issues.js';
export type { GeometryIssue, IssueDetails, Severity } from './issues.js';
export { repairGeometry } from './repair.js';
export type { Repaired, RepairChange } from './repair.js';

// Measures
export { measure, geodesicArea, geodesicPerimeter, geodesicDirect, geodesicInverse } from './geodesic.js';
export type { Measures, DirectSolution, InverseSolution } from './geodesic.js';
export { areaIn, formatArea, areaDisplay } from './display.js';
export type { AreaUnit } from './display.js';

// Coordinates
export { parseCoordinate, formatCoordinate, parseFormat, formatName } from './coords.js';
export type {
  CoordinateFormat,
  ParsedCoordinate,
  OriginalCoordinate,
  FormattedCoordinate,
} from './coords.js';
export { parseDegrees, formatDd, formatDms, formatDmm } from './degrees.js';
export type { DegreeFormat, ParsedDegrees } from './degrees.js';
export { parseUtm, formatUtm, toUtm, standardZone, bandLetter } from './utm.js';
export type { UtmCoordinate, UtmForm, Hemisphere } from './utm.js';
export { parseMgrs, toMgrs, isMgrsPrecision } from './mgrs.js';
export type { MgrsPrecision, MgrsSquare } from './mgrs.js';
export {
  transform,
  toWgs84,
  fromWgs84,
  supportedCrs,
  supportedCrsCodes,
  parseCrsCode,
  crsDefinition,
} from './crs.js';
export type { Direction } from './crs.js';
export type { CrsDefinition } from './crs-defs.js';
export { wgs84Point } from './point.js';

// Bearing and distance
export {
  parseBearing,
  pointAtBearing,
  bearingBetween,
  gridConvergence,
  trueAzimuth,
  parseGrid,
  MILS_PER_CIRCLE,
} from './bearing.js';
export type { Bearing, BearingDistance, BearingReference, BearingUnit, Grid } from './bearing.js';

// Spatial
export { HazardIndex } from './hazard-index.js';
export { locatePoint, pointInPolygon, intersects, withinTolerance } from './predicates.js';
export { bboxOf } from './planar.js';
export type { Location } from './planar.js';
export { union, difference, intersection, buffer } from './ops.js';
export { relate } from './relate.js';
export type { SpatialRelation } from './relate.js';
