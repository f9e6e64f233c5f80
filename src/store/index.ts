/** store: the port every adapter implements, plus adapter-independent helpers. */
export type {
  Store,
  WriteTx,
  DocReader,
  DocWriter,
  Doc,
  DocQuery,
  Expr,
  Scalar,
  BBox,
  StoredGeometry,
  Credential,
  SealedData,
  StoredEntry,
  StoredCheckpoint,
  MigrationReport,
  NodeHash,
  VectorTileOptions,
  ParallelReadSpec,
  EntryReader,
  DocPage,
  DocExtent,
} from './port.js';
export { readNodeRange } from './nodes.js';
export { findPage } from './page.js';
export type { Page, PageRequest } from './page.js';
export { docExtent, extentOfDocs } from './extent.js';
export { geometryBBox, bboxIntersects } from './bbox.js';
export {
  evaluate,
  truthOf,
  fieldValue,
  hasSpatial,
  isValidField,
  likeMatches,
  compareStrings,
  compareForOrder,
} from './expr.js';
export type { SpatialPredicate, SpatialOp, Truth } from './expr.js';
export { MemoryDocs } from './memory.js';
export { sealCommitment, newSalt, sealRefsIn, erasuresIn, ERASED_SEALED_FIELD } from './sealed.js';
export type { SealRef } from './sealed.js';
