/** app: the use cases — command pipeline, ledger service, verification, replay, data directory. */
export { Cairn } from './cairn.js';
export type { CairnDeps } from './cairn.js';
export { Pipeline, projectEvent, SUBMISSIONS } from './pipeline.js';
export type { Executed } from './pipeline.js';
export { LedgerService } from './ledger-service.js';
export type { EntryView, InclusionView, ConsistencyView } from './ledger-service.js';
export { verifyStore } from './verify.js';
export type { VerifyReport, VerifyFailure, VerifyOptions, VerifyCheck } from './verify.js';
export { replay, readEvents } from './replay.js';
export type { ReplayOptions } from './replay.js';
export {
  createDataDir,
  openDataDir,
  defaultOrigin,
  dataDirVerifierKey,
  CONFIG_FILE,
  KEY_FILE,
  DB_FILE,
} from './datadir.js';
export type { DataDir, DataDirConfig } from './datadir.js';
export { domainModules } from './modules.js';
export { exportLedger, importLedger, EXPORT_FORMAT, EXPORT_VERSION } from './transfer.js';
export type { ExportHeader, ExportOptions, TransferSummary } from './transfer.js';
export { geoSpatialPredicate } from './spatial.js';
