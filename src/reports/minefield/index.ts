/** reports/minefield: the APII minefield record sheet as JSON, HTML or PDF. */
export { minefieldSheet } from './sheet.js';
export type { MinefieldSheet, SheetLedger, SheetReferencePoint, SheetContentsRow } from './sheet.js';
export { sheetHtml } from './html.js';
export { sheetPdf } from './pdf.js';
export { mapFrame } from './map.js';
