/** Every report Cairn computes. The CLI (`cairn report ID`) and the HTTP API (`GET /api/reports/ID`) are generated from this list. */
import { complianceFindingsReport } from './compliance.js';
import type { Report } from './define.js';
import { landreleaseProgressReport } from './landrelease-progress.js';
import { minefieldSheetReport } from './minefield-sheet.js';
import { stockStatementReport } from './stock-statement.js';
import { article7Report, ccwArticle13Report } from './treaty-reports.js';

export const REPORTS: readonly Report[] = [
  article7Report,
  ccwArticle13Report,
  stockStatementReport,
  landreleaseProgressReport,
  minefieldSheetReport,
  complianceFindingsReport,
];

/** The report with this id (or CLI alias), if any. */
export function reportById(id: string): Report | undefined {
  return REPORTS.find((r) => r.id === id || r.aliases.includes(id));
}
