/**
 * One printable model for tabular reports — title, facts, sections with notes and tables, the
 * ledger basis — so CSV, HTML and PDF render the same content from the same figures.
 */
import { csvTable } from './csv.js';
import { escapeHtml, htmlFacts, htmlPage, htmlTable, type LedgerBasis } from './html.js';
import { pdfWriter } from './pdf.js';

export type Cell = string | number;

export interface DocTable {
  readonly caption: string;
  readonly columns: readonly string[];
  readonly rows: ReadonlyArray<readonly Cell[]>;
}

export interface DocSection {
  readonly id: string;
  readonly title: string;
  /** The legal basis of the part ('' when none) and its status (e.g. computed, withheld). */
  readonly legalBasis: string;
  readonly status: string;
  readonly notes: readonly string[];
  readonly facts: ReadonlyArray<readonly [string, Cell]>;
  readonly tables: readonly DocTable[];
}

export interface ReportDocument {
  readonly title: string;
  /** PDF metadata subject, e.g. "Treaty report computed from the Cairn ledger". */
  readonly subject: string;
  readonly facts: ReadonlyArray<readonly [string, Cell]>;
  readonly sections: readonly DocSection[];
  /** Lines printed verbatim under "Ledger attestation" (e.g. a signed checkpoint note); may be empty. */
  readonly attestation: readonly string[];
  /** The ledger tree the figures were computed from (footer of every page). */
  readonly ledger: LedgerBasis | null;
}

/**
 * The document as CSV: `section,table,column,value` rows. Facts are `fact` rows; each table row
 * repeats its section and caption so the file filters cleanly in a spreadsheet.
 */
export function documentCsv(d: ReportDocument): string {
  const rows: Cell[][] = [];
  for (const [k, v] of d.facts) rows.push(['report', 'fact', k, v]);
  for (const s of d.sections) {
    if (s.legalBasis !== '' || s.status !== '') rows.push([s.id, 'status', s.legalBasis, s.status]);
    for (const n of s.notes) rows.push([s.id, 'note', '', n]);
    for (const [k, v] of s.facts) rows.push([s.id, 'fact', k, v]);
    for (const t of s.tables) {
      rows.push([s.id, t.caption, 'columns', t.columns.join('|')]);
      for (const r of t.rows) rows.push([s.id, t.caption, 'row', ...r]);
    }
  }
  if (d.ledger !== null)
    rows.push(['ledger', 'basis', `${d.ledger.origin} size ${d.ledger.size}`, d.ledger.root]);
  for (const line of d.attestation) rows.push(['attestation', '', '', line]);
  return csvTable(['section', 'table', 'column', 'value'], rows);
}

function sectionHtml(s: DocSection): string {
  const tables = s.tables
    .map((t) =>
      t.rows.length === 0
        ? `<p class="empty"><b>${escapeHtml(t.caption)}:</b> none recorded.</p>`
        : htmlTable(t.columns, t.rows, t.caption),
    )
    .join('');
  const basis =
    s.legalBasis === ''
      ? ''
      : `<p class="basis">${escapeHtml(s.legalBasis)} · <span class="status ${escapeHtml(s.status)}">${escapeHtml(s.status)}</span></p>`;
  return `<section id="${escapeHtml(s.id)}"><h2>${escapeHtml(s.title)}</h2>${basis}${s.notes.map((n) => `<p class="note">${escapeHtml(n)}</p>`).join('')}${htmlFacts(s.facts)}${tables}</section>`;
}

/** The document as one self-contained HTML page (inline style, no scripts, no external links loaded). */
export function documentHtml(d: ReportDocument): string {
  const attestation =
    d.attestation.length === 0
      ? ''
      : `\n<section id="attestation"><h2>Ledger attestation</h2><pre>${d.attestation.map(escapeHtml).join('\n')}</pre></section>`;
  return htmlPage({
    title: d.title,
    ledger: d.ledger,
    body: `${htmlFacts(d.facts)}\n${d.sections.map(sectionHtml).join('\n')}${attestation}`,
  });
}

/** The document as PDF bytes (A4, embedded Unicode font, ledger footer on every page). */
export function documentPdf(d: ReportDocument): Promise<Buffer> {
  const w = pdfWriter({ title: d.title, subject: d.subject, ledger: d.ledger });
  w.text(d.title, { bold: true, size: 14 });
  w.doc.moveDown(0.5);
  w.facts(d.facts);
  for (const s of d.sections) {
    w.ensureSpace(80);
    w.doc.moveDown(0.8);
    w.text(s.title, { bold: true, size: 12 });
    if (s.legalBasis !== '') w.text(`${s.legalBasis} — ${s.status}`, { size: 8 });
    w.doc.moveDown(0.2);
    for (const n of s.notes) w.text(n);
    w.facts(s.facts);
    w.doc.moveDown(0.3);
    for (const t of s.tables) w.table(t.columns, t.rows, { caption: t.caption });
  }
  if (d.attestation.length > 0) {
    w.doc.addPage();
    w.text('Ledger attestation', { bold: true, size: 12 });
    w.doc.moveDown(0.3);
    for (const l of d.attestation) w.text(l, { mono: true, size: 7 });
  }
  return w.finish();
}
