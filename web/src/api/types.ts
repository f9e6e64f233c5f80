/**
 * The JSON API's response types for the web app: inferred from the same Zod schemas that validate
 * the routes and write the OpenAPI document (src/http/schemas.ts, zod only, no node code), so a
 * page reads exactly what the server declares and never casts a response.
 */
export type {
  BalancePageT as BalancePage,
  BalanceRowT as BalanceRow,
  CheckRowT as CheckRow,
  DocItemT as DocItem,
  FindingT as Finding,
  LedgerEntryT as LedgerEntry,
  LedgerHeadT as LedgerHead,
  MinefieldRecordT as MinefieldRecord,
  Page,
  QueuedMovementT as QueuedMovement,
  QueuedSubmissionT as QueuedSubmission,
  VerifyReportT as VerifyReport,
} from '../../../src/http/schemas.js';
