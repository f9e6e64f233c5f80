/** A treaty report document as PDF (pdfkit, standard fonts, A4). */
import PDFDocument from 'pdfkit';
import type { Cell, DocTable, ReportDocument } from './document.js';

type Pdf = InstanceType<typeof PDFDocument>;

const LEFT = 40;
const WIDTH = 515;
const BOTTOM = 790;

function text(doc: Pdf, s: string, opts: { bold?: boolean; size?: number } = {}): void {
  doc.font(opts.bold === true ? 'Helvetica-Bold' : 'Helvetica').fontSize(opts.size ?? 9).fillColor('#000').text(s, LEFT, doc.y, { width: WIDTH });
}

function facts(doc: Pdf, rows: ReadonlyArray<readonly [string, Cell]>): void {
  for (const [k, v] of rows) {
    if (doc.y > BOTTOM - 20) doc.addPage();
    doc.font('Helvetica-Bold').fontSize(9).text(`${k}: `, LEFT, doc.y, { width: WIDTH, continued: true }).font('Helvetica').text(String(v));
  }
}

function table(doc: Pdf, t: DocTable): void {
  text(doc, t.caption, { bold: true });
  if (t.rows.length === 0) {
    text(doc, 'None recorded.');
    doc.moveDown(0.3);
    return;
  }
  const w = WIDTH / t.columns.length;
  const line = (cells: readonly Cell[], bold: boolean): void => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(7.5);
    const h = Math.max(...cells.map((c) => doc.heightOfString(String(c), { width: w - 4 }))) + 4;
    if (doc.y + h > BOTTOM) doc.addPage();
    const y = doc.y;
    cells.forEach((c, i) => {
      const x = LEFT + i * w;
      doc.rect(x, y, w, h).strokeColor('#999').lineWidth(0.5).stroke();
      doc.fillColor('#000').text(String(c), x + 2, y + 2, { width: w - 4 });
    });
    doc.x = LEFT;
    doc.y = y + h;
  };
  line(t.columns, true);
  for (const r of t.rows) line(r, false);
  doc.moveDown(0.4);
}

/** Render the document to PDF bytes. */
export function reportPdf(d: ReportDocument): Promise<Buffer> {
  const doc: Pdf = new PDFDocument({ size: 'A4', margin: 40, info: { Title: d.title, Subject: 'Treaty report computed from the Cairn ledger', Creator: 'Cairn' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => { resolve(Buffer.concat(chunks)); });
    doc.on('error', reject);
  });
  text(doc, d.title, { bold: true, size: 14 });
  doc.moveDown(0.5);
  facts(doc, d.facts);
  for (const s of d.sections) {
    if (doc.y > BOTTOM - 80) doc.addPage();
    doc.moveDown(0.8);
    text(doc, s.title, { bold: true, size: 12 });
    if (s.legalBasis !== '') text(doc, `${s.legalBasis} — ${s.status}`, { size: 8 });
    doc.moveDown(0.2);
    for (const n of s.notes) text(doc, n);
    facts(doc, s.facts);
    doc.moveDown(0.3);
    for (const t of s.tables) table(doc, t);
  }
  doc.addPage();
  text(doc, 'Ledger attestation', { bold: true, size: 12 });
  doc.moveDown(0.3);
  doc.font('Courier').fontSize(7);
  for (const l of d.attestation) doc.text(l, LEFT, doc.y, { width: WIDTH });
  doc.end();
  return done;
}
