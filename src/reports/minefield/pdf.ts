/** The record sheet as PDF (the rendering kit's pdfWriter): header, sketch map, tables, marking history, checkpoint. */
import { FONT, PAGE, pdfWriter, type Pdf, type PdfCell, type PdfWriter } from '../kit/index.js';
import { mapFrame } from './map.js';
import type { MinefieldSheet } from './sheet.js';

type Doc = Pdf;

const { LEFT, WIDTH } = PAGE;

/** A fixed-width table in the sheet's 8 pt type. */
function table(
  w: PdfWriter,
  head: readonly string[],
  widths: readonly number[],
  rows: ReadonlyArray<ReadonlyArray<PdfCell>>,
): void {
  w.table(head, rows, { widths, size: 8 });
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
  const r = s.record;
  doc.font(FONT.bold).fontSize(10).fillColor('#b03a2e').text(s.classification, { align: 'center' });
  doc.fillColor('#000').fontSize(16).text(s.title, LEFT, doc.y, { width: WIDTH });
  doc.font(FONT.regular).fontSize(9).moveDown(0.3);
  table(
    w,
    ['Field', 'Value'],
    [140, 375],
    [
      ['State', r.state],
      ['Responsible unit', r.unit],
      ['Record type', r.recordType],
      ['Status', r.status],
      ['Laying start', r.layingStart ?? '—'],
      ['Laying end', r.layingEnd ?? '—'],
      ['Copies held at (TA 1(c))', r.copiesHeldAt.join('; ') || '—'],
      [
        'Area',
        s.perimeter === null ? '—' : `${s.perimeter.areaM2} m², perimeter ${s.perimeter.perimeterM} m`,
      ],
    ],
  );
  w.heading('Sketch map: perimeter, reference points and bearings');
  drawMap(doc, s);
  w.heading('Reference points (APII TA 1(a)(i))');
  table(
    w,
    ['Label', 'Entered', 'Landmark', 'Fixed / acc.', 'Bearing to perimeter'],
    [45, 120, 160, 70, 120],
    s.referencePoints.map((p) => [
      p.label,
      `${p.entered} (${p.crs})`,
      `${p.landmark}${p.toLandmark === null ? '' : `; landmark at ${p.toLandmark}`}`,
      `${p.fixedBy}, ${p.accuracyM} m`,
      p.toPerimeter === null
        ? '—'
        : `${p.toPerimeter.trueBearingDeg}° true (${p.toPerimeter.mils} mil), ${p.toPerimeter.distanceM} m`,
    ]),
  );
  w.heading('Contents (APII TA 1(a)(iii))');
  table(
    w,
    ['#', 'Type', 'Cat.', 'Lot', 'Number', 'Emplacing', 'Fuze', 'Life time', 'Anti-handling'],
    [20, 75, 30, 60, 45, 60, 70, 80, 75],
    s.contents.map((c) => [
      c.line,
      c.type,
      c.category,
      c.lot,
      c.number,
      c.emplacingMethod,
      c.fuzeType,
      c.lifeTime,
      c.antiHandling,
    ]),
  );
  doc
    .font(FONT.bold)
    .fontSize(9)
    .text(`Total mines: ${s.totalMines}`, LEFT, doc.y + 4);
  w.heading('Reconciliation with stock issues');
  table(
    w,
    ['Type', 'Lot', 'Issued', 'Returned', 'Recorded', 'Difference'],
    [150, 125, 60, 60, 60, 60],
    s.reconciliation.map((l) => [l.typeId, l.lotId, l.issued, l.returned, l.recorded, l.difference]),
  );
  w.heading('Marking, fencing and monitoring (APII Art 5(2)(a), TA 4)');
  const m = s.marking.latest;
  doc
    .font(FONT.regular)
    .fontSize(9)
    .text(
      `Marking status: ${s.marking.status}` +
        (m === null
          ? ''
          : `. Sign: ${m.sign.shape} ${m.sign.widthCm} cm, ${m.sign.colour}, ${m.sign.border.colour} border; words ${m.sign.words.map((w) => `${w.language}: ${w.text}`).join(', ')}. Spacing ${m.signSpacingM} m. Fence: ${m.fenceType}. Monitoring: ${m.monitoring.arrangement}, patrol every ${m.monitoring.patrolIntervalHours} h. Installed ${m.installedAt}.`),
      LEFT,
      doc.y,
      { width: WIDTH },
    );
  doc.moveDown(0.3);
  table(
    w,
    ['Inspected', 'Inspector', 'Findings'],
    [110, 120, 285],
    s.marking.inspections.map((i) => [i.date, i.inspector, i.findings.join('; ') || 'no defects']),
  );
  w.heading('Minefield reports');
  table(
    w,
    ['Type', 'DTG', 'Originator', 'Recipient', 'Summary'],
    [70, 95, 90, 90, 170],
    s.reports.map((x) => [x.type, x.dtg, x.originator, x.recipient, x.summary]),
  );
  w.heading('Releases and withholdings (APII Art 9(2))');
  table(
    w,
    ['Released', 'Recipient', 'Parts', 'Legal basis'],
    [95, 140, 140, 140],
    s.releases.map((x) => [x.date, x.recipient, x.parts, x.legalBasis]),
  );
  if (s.withholdings.length > 0)
    table(
      w,
      ['Withheld', 'Recipient', 'Reason'],
      [95, 140, 280],
      s.withholdings.map((x) => [x.date, x.recipient, x.reason]),
    );
  w.heading('Ledger checkpoint');
  doc
    .font(FONT.regular)
    .fontSize(9)
    .text(
      `Computed from log ${s.checkpoint.origin} at tree size ${s.checkpoint.size}; root ${s.checkpoint.rootHex}`,
      LEFT,
      doc.y,
      { width: WIDTH },
    );
  doc
    .font(FONT.mono)
    .fontSize(7)
    .text(s.checkpoint.text, LEFT, doc.y + 4, { width: WIDTH });
  doc
    .font(FONT.regular)
    .fontSize(8)
    .text(`Generated ${s.generatedAt}`, LEFT, doc.y + 6);
  doc
    .font(FONT.bold)
    .fontSize(10)
    .fillColor('#b03a2e')
    .text(s.classification, LEFT, doc.y + 6, { width: WIDTH, align: 'center' });
  return w.finish();
}
