/**
 * reports/treaty: treaty reports computed from the tamper-evident ledger — the Ottawa Convention
 * Article 7 transparency report (Forms A–J) and the CCW Amended Protocol II Article 13(4) annual
 * report — reproducible as of the period end, naming the ledger tree they were computed from.
 * Rendered as JSON, CSV, self-contained HTML or PDF. The module's only door.
 */
export { computeArticle7, computeCcwArticle13 } from './compute.js';
export type { TreatyReport } from './compute.js';
export { article7Report, checkRequest, NO_INFORMATION } from './article7.js';
export type { Article7Report, ReportHeader, ReportRequest } from './article7.js';
export { ccwArticle13Report } from './ccw.js';
export type { CcwArticle13Report, HeldType } from './ccw.js';
export {
  periodOf,
  basisOf,
  coveringSize,
  layered,
  digestOf,
  reproducibility,
  REFERENCE_COLLECTIONS,
} from './basis.js';
export type { Period, CoveringTree, Attestation, Basis, ReportApp } from './basis.js';
export { accessOf, stateOfRegion, areaFigure } from './scope.js';
export type { Access, AreaFigure, MinefieldAccess, PartStatus } from './scope.js';
export { article7Document, ccwDocument } from './document.js';
export type { ReportDocument, DocSection, DocTable, Cell } from './document.js';
/** Renderings: the rendering kit's document CSV, HTML and PDF (src/reports/kit). */
export {
  documentCsv as reportCsv,
  documentHtml as reportHtml,
  documentPdf as reportPdf,
} from '../kit/index.js';
