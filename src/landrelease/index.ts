/**
 * landrelease: hazardous areas, survey and clearance activities, land release accounting (m²),
 * devices found, accidents and victims, risk education, the review workbench and imports
 * (IMAS 07.11, 08.10, 08.20, 09.10, 10.60; GICHD Minimum Data Requirements; IMSMA items).
 */
export { landReleaseModule } from './module.js';
export {
  HAZARDS,
  RELEASES,
  ACTIVITIES,
  DEVICES,
  ACCIDENTS,
  VICTIMS,
  EORE_SESSIONS,
  LR_SUBMISSIONS,
  HAZARD_KINDS,
  HAZARD_STATUSES,
  HAZARD_TRANSITIONS,
  ACTIVITY_TYPES,
  ACTIVITY_STATUSES,
  RELEASE_METHODS,
  DEVICE_CATEGORIES,
  ACCIDENT_KINDS,
  SUBMISSION_KINDS,
} from './types.js';
export type {
  HazardRecord,
  HazardDoc,
  ReleaseRecord,
  DeviceRecord,
  HazardKind,
  HazardStatus,
  ActivityType,
  ReleaseMethod,
  DeviceCategory,
  SubmissionKind,
  SubmissionStatus,
  Sadd,
  StatusChange,
} from './types.js';
export type {
  SubmitPayload,
  HazardReport,
  ActivityReport,
  AccidentReport,
  EoreReport,
  AttachmentRef,
  PositionFix,
} from './schemas.js';
export { attachmentRef } from './schemas.js';
export { accountReleases, checkAreal, unionAll, WITHIN_TOLERANCE_M, OVERLAP_TOLERANCE_M } from './areas.js';
export type { Account, OutputAccount } from './areas.js';
export type { QaNote, QaSeverity } from './evaluate.js';
export { getSubmission } from './workbench.js';
export { lrDocs as landReleaseDocs } from './documents.js';
export type { SubmissionRecord, AccidentDoc, EoreDoc } from './documents.js';
export { MINEFIELD_HANDED } from './hazards.js';
export {
  FEATURE_COLLECTIONS,
  visibleTo,
  readDocs,
  readDoc,
  readVictims,
  readSubmissionVictims,
  casualtyCounts,
} from './read.js';
export { casualtiesOf, sealAccidentReport } from './victims.js';
export type { SealedReader, VictimRef, Casualty, SealedVictim } from './victims.js';
export type { FeatureCollection, CasualtyCount } from './read.js';
export { progressReport } from './report.js';
export type { ProgressReport, ReportCheckpoint } from './report.js';
export {
  importProfiles,
  colombiaDesminado,
  readWithProfile,
  parseCsvRecords,
  IMPORT_CHUNK,
} from './import.js';
export type { CsvRecord, ImportProfile, ImportRow, ParsedFile } from './import.js';
export { hazardImportPayload, HAZARD_IMPORT_MAX } from './import-hazards.js';
export type { HazardImportPayload } from './import-hazards.js';
export {
  landReleaseRules,
  reconcileFound,
  reconciliationRule,
  closedWithRemainingArea,
} from './rules-list.js';
export type { RecordedLine, RecordedContents, FoundLine, Reconciliation } from './rules.js';
export { hazardList, submissionQueue, HAZARD_READ } from './lists.js';
export type { FeatureRow, HazardQuery, QueuedSubmission, SubmissionQuery } from './lists.js';
export { SUBMISSION_STATUSES } from './types.js';
