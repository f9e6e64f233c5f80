/**
 * reports: one report definition (`defineReport`: id, title, permission, Zod parameters, compute,
 * renderers) and the registry of every report, from which the CLI (`cairn report ID`) and the HTTP
 * API (`GET /api/reports/ID`) are generated (docs/reports.md). The module's door; the report
 * families keep their own doors (`reports/treaty`, `reports/minefield`) and the rendering kit is
 * `reports/kit`.
 */
export { defineReport, flagOf, REPORT_FORMATS, REPORT_CONTENT_TYPES } from './define.js';
export type { Report, ReportSpec, ReportParam, ReportFormat, Rendered, ParamInput } from './define.js';
export { REPORTS, reportById } from './registry.js';
export {
  findingVisible,
  findingsFor,
  visibleFindings,
  findingsCsv,
  allFindings,
  currentBasis,
  SUBJECT_KINDS,
} from './compliance.js';
export { statementCsv } from './stock-statement.js';
export { progressCsv } from './landrelease-progress.js';
export type { FindingsFilter, FindingsReport, SubjectKind } from './compliance.js';
export type { ProgressModel } from './landrelease-progress.js';
export type { ReportApp } from './treaty/index.js';
