/** The record sheet as PDF (the rendering kit's pdfWriter): header, sketch map, tables, marking history, checkpoint. */
import { FONT, PAGE, pdfWriter, type Pdf, type PdfWriter } from '../kit/index.js';
import { mapFrame } from './map.js';
import {
  checkpointText,
  generatedText,
  HEADINGS,
  markingText,
  sheetTables,
  totalText,
  type SheetTable,
} from './sections.js';
import type { MinefieldSheet } from './sheet.js';

type Doc = Pdf;

const { LEFT, WIDTH } = PAGE;

/** A fixed-width table in the sheet's 8 pt type. */
function table(w: PdfWriter, t: SheetTable, widths: readonly number[]): void {
  w.table(t.head, t.rows, { widths, size: 8 });
}

function drawMap(doc: Doc, s: MinefieldSheet): void {
  const W = WIDTH;
  const H = 260;
  if (doc.y + H > PAGE.BOTTOM) doc.addPage();
  const top = doc.y;
  const f = mapFrame(s, W, H);
  const at = (p: readonly [number, number, ...unknown[]]) =>
    [LEFT + f.project([p[0], p[1]])[0], top + f.project([p[0], p[1]])[1]] as const;
  doc.rect(LEFT, top, W, H).lineWidth(0.5).strokeColor('#999').stroke();
  if (s.perimeter !== null && s.perimeter.polygon.length > 0) {
    const pts = s.perimeter.polygon.map((p) => at(p));
    const [x0, y0] = pts[0] ?? [LEFT, top];
    doc.moveTo(x0, y0);
    for (const [x, y] of pts.slice(1)) doc.lineTo(x, y);
    doc.closePath().lineWidth(1.5).fillOpacity(0.35).fillAndStroke('#f5b7b1', '#c0392b').fillOpacity(1);
  }
  for (const row of s.rows) {
    const pts = row.points.map((p) => at(p));
    const [x0, y0] = pts[0] ?? [LEFT, top];
    doc.moveTo(x0, y0);
    for (const [x, y] of pts.slice(1)) doc.lineTo(x, y);
    doc.dash(3, { space: 2 }).lineWidth(1).strokeColor('#7b241c').stroke().undash();
  }
  const first = s.perimeter?.polygon[0];
  for (const rp of s.referencePoints) {
    const [x, y] = at(rp.position);
    if (first !== undefined && rp.toPerimeter !== null) {
      const [x2, y2] = at(first);
      doc
        .moveTo(x, y)
        .lineTo(x2, y2)
        .dash(5, { space: 3 })
        .lineWidth(0.8)
        .strokeColor('#1a5276')
        .stroke()
        .undash();
      doc
        .fontSize(7)
        .fillColor('#1a5276')
        .text(`${rp.toPerimeter.mils} mil / ${rp.toPerimeter.distanceM} m`, (x + x2) / 2, (y + y2) / 2 - 9, {
          lineBreak: false,
        });
    }
    doc.polygon([x, y - 6], [x - 5, y + 4], [x + 5, y + 4]).fill('#1a5276');
    doc
      .font(FONT.bold)
      .fontSize(9)
      .fillColor('#000')
      .text(rp.label, x + 7, y - 3, { lineBreak: false });
  }
  const bar = f.scaleBarM / f.metresPerUnit;
  doc
    .moveTo(LEFT + 12, top + H - 12)
    .lineTo(LEFT + 12 + bar, top + H - 12)
    .lineWidth(2.5)
    .strokeColor('#000')
    .stroke();
  doc
    .font(FONT.regular)
    .fontSize(7)
    .fillColor('#000')
    .text(`${f.scaleBarM} m`, LEFT + 12, top + H - 24, { lineBreak: false });
  doc
    .moveTo(LEFT + W - 20, top + 40)
    .lineTo(LEFT + W - 20, top + 16)
    .lineWidth(1.5)
    .stroke();
  doc
    .font(FONT.bold)
    .fontSize(10)
    .text('N', LEFT + W - 24, top + 4, { lineBreak: false });
  doc.x = LEFT;
  doc.y = top + H + 6;
}

/** Render the sheet to PDF bytes. */
export function sheetPdf(s: MinefieldSheet): Promise<Buffer> {
  const w = pdfWriter({
    title: s.title,
    subject: 'CCW APII minefield record',
    ledger: { origin: s.checkpoint.origin, size: s.checkpoint.size, root: s.checkpoint.rootHex },
    classification: s.classification,
  });
  const doc = w.doc;
  const t = sheetTables(s);
  const para = (text: string, font: string = FONT.regular): void => {
    doc
      .font(font)
      .fontSize(9)
      .text(text, LEFT, doc.y + 4, { width: WIDTH });
  };
  doc.font(FONT.bold).fontSize(10).fillColor('#b03a2e').text(s.classification, { align: 'center' });
  doc.fillColor('#000').fontSize(16).text(s.title, LEFT, doc.y, { width: WIDTH });
  doc.font(FONT.regular).fontSize(9).moveDown(0.3);
  table(w, t.fields, [140, 375]);
  w.heading(HEADINGS.map);
  drawMap(doc, s);
  w.heading(HEADINGS.referencePoints);
  table(w, t.referencePoints, [30, 80, 50, 115, 50, 45, 45, 100]);
  w.heading(HEADINGS.contents);
  table(w, t.contents, [20, 75, 30, 60, 45, 60, 70, 80, 75]);
  para(totalText(s), FONT.bold);
  w.heading(HEADINGS.reconciliation);
  table(w, t.reconciliation, [150, 125, 60, 60, 60, 60]);
  w.heading(HEADINGS.marking);
  para(markingText(s));
  doc.moveDown(0.3);
  table(w, t.inspections, [110, 120, 285]);
  w.heading(HEADINGS.reports);
  table(w, t.reports, [70, 95, 90, 90, 170]);
  w.heading(HEADINGS.releases);
  table(w, t.releases, [95, 140, 140, 140]);
  if (t.withholdings.rows.length > 0) table(w, t.withholdings, [95, 140, 280]);
  w.heading(HEADINGS.checkpoint);
  para(checkpointText(s));
  doc
    .font(FONT.mono)
    .fontSize(7)
    .text(s.checkpoint.text, LEFT, doc.y + 4, { width: WIDTH });
  doc
    .font(FONT.regular)
    .fontSize(8)
    .text(generatedText(s), LEFT, doc.y + 6);
  doc
    .font(FONT.bold)
    .fontSize(10)
    .fillColor('#b03a2e')
    .text(s.classification, LEFT, doc.y + 6, { width: WIDTH, align: 'center' });
  return w.finish();
}
