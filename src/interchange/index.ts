/**
 * interchange: GIS files in and out — GeoPackage, KML, Shapefile, CSV (WKT) and GeoJSON.
 * Export writes a collection's visible features in any of them; import reads any of them,
 * converts to WGS 84, checks every feature and reports each problem, and hands the records to
 * one pipeline command (docs/interchange.md). The module's only door.
 */
export { FORMATS } from './types.js';
export type {
  Format,
  Field,
  LayerInfo,
  OutFeature,
  InFeature,
  ReadLayer,
  SourceCrs,
  FeatureWriter,
  Scalar,
} from './types.js';
export { exportFeatures, docPages, flatProperties, FORMAT_MEDIA, EXPORT_PAGE } from './export.js';
export type { DocPages, ExportOptions, ExportSummary } from './export.js';
export { readFeatures, detectFormat } from './read.js';
export {
  prepareImport,
  importCommand,
  importCommandOf,
  importableCollections,
  refusalEntries,
  fileDigest,
} from './import.js';
export type {
  ReportEntry,
  ValidationReport,
  PreparedImport,
  PreparedFeature,
  PrepareOptions,
} from './import.js';
export { toWkb, fromWkb, toGpkgBlob, fromGpkgBlob } from './wkb.js';
export { toWkt, fromWkt } from './wkt.js';
export { dbfFieldNames, crsOfPrj } from './shp.js';
export { PRJ_EPSG_CODES, esriWkt, ogcWkt } from './prj.js';
