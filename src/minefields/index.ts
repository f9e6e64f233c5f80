/**
 * minefields: records under CCW Amended Protocol II — reference points, perimeter, contents,
 * reports, status lifecycle, marking and inspections, reconciliation with stock, information
 * releases and withholdings, export packages, and compliance rules. The module's only door.
 */
export { minefieldsModule } from './module.js';
export { minefieldEvents } from './events.js';
export type { MinefieldEvent } from './events.js';
export { minefieldRules, MINEFIELD_RULE_DEFAULTS } from './rules.js';
export {
  getMinefield,
  findMinefield,
  readMinefield,
  listMinefields,
  countMinefields,
  mayReadMinefield,
} from './records.js';
export { recordedContents, reconcileMinefield, reconcileLines } from './reconcile.js';
export type { RecordedContent, ReconciliationLine } from './reconcile.js';
export { TRANSITIONS, REPORT_STATUS, missingTa1, checkTransition } from './lifecycle.js';
export { checkSign, CCW_LANGUAGES, LOCAL_LANGUAGES } from './marking.js';
export { recordGeoJson } from './geojson.js';
export { buildPackage, verifyPackage, isRecordEvent, PACKAGE_FORMAT } from './package.js';
export type { MinefieldPackage, PackageLedger, PackageVerified } from './package.js';
export {
  MINEFIELDS,
  REFERENCE_POINTS,
  HANDED_TO_MINE_ACTION,
  STATES,
  RECORD_TYPES,
  STATUSES,
  REPORT_TYPES,
  RECIPIENT_KINDS,
  RECORD_PARTS,
  FINDING_KINDS,
  EMPLACING_METHODS,
  MINE_ACTION_RECIPIENTS,
} from './types.js';
export type {
  MinefieldRecord,
  MinefieldStatus,
  RecordType,
  ReportType,
  StateCode,
  ReferencePoint,
  RecordedPoint,
  ContentsLine,
  Perimeter,
  Marking,
  Inspection,
  Finding as InspectionFinding,
  Release,
  Withholding,
  FiledReport,
  SignSpec,
  RecipientKind,
  RecordPart,
} from './types.js';
export type {
  CreateInput,
  AmendInput,
  ReportInput,
  MarkingInput,
  InspectionInput,
  ReleaseInput,
  WithholdInput,
  PointInput,
} from './schema.js';
export { minefieldList, MINEFIELD_READ } from './list.js';
export type { MinefieldListQuery } from './list.js';
