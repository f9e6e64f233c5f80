/**
 * reports/kit: the one rendering kit of every report and export — the CSV writer (RFC 4180 quoting,
 * formula neutralisation), HTML escaping and page layout, and PDF page setup with an embedded
 * Unicode font and a ledger footer. The module's only door.
 */
export { csvCell, csvLine, csvTable, csvObjects } from './csv.js';
export type { CsvValue } from './csv.js';
export { escapeHtml, htmlPage, htmlTable, htmlFacts, ledgerLine, HTML_STYLE } from './html.js';
export type { LedgerBasis } from './html.js';
export { pdfWriter, FONT, PAGE } from './pdf.js';
export type { Pdf, PdfWriter, PdfCell } from './pdf.js';
export { documentCsv, documentHtml, documentPdf } from './document.js';
export type { Cell, DocTable, DocSection, ReportDocument } from './document.js';
