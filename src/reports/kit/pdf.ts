/**
 * PDF for every report (pdfkit): A4 page setup, one embedded Unicode font family, headings,
 * term–value facts, tables with page breaks, and a footer on every page naming the ledger tree
 * the report was computed from.
 *
 * The font is DejaVu Sans (package `dejavu-fonts-ttf`, Bitstream Vera licence; docs/decisions.md):
 * pdfkit's standard 14 fonts carry WinAnsi only, so Polish, Latvian, Lithuanian, Estonian and
 * Ukrainian text came out garbled. pdfkit embeds only the glyphs used (a subset) with a ToUnicode
 * map, so the text reads back (pdftotext) and copies out as typed.
 */
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { ledgerLine, type LedgerBasis } from './html.js';

export type Pdf = InstanceType<typeof PDFDocument>;

const require = createRequire(import.meta.url);
const ttf = (file: string): string => require.resolve(`dejavu-fonts-ttf/ttf/${file}`);

/** The registered font names: regular, bold and monospace (Latin Extended, Greek, Cyrillic). */
export const FONT = { regular: 'Cairn-Sans', bold: 'Cairn-Sans-Bold', mono: 'Cairn-Mono' } as const;
const FONT_FILES: ReadonlyArray<readonly [string, string]> = [
  [FONT.regular, 'DejaVuSans.ttf'],
  [FONT.bold, 'DejaVuSans-Bold.ttf'],
  [FONT.mono, 'DejaVuSansMono.ttf'],
];

/** Page geometry (A4 in points): content from LEFT over WIDTH, page breaks before BOTTOM. */
export const PAGE = { LEFT: 40, WIDTH: 515, BOTTOM: 780, FOOTER_Y: 806 } as const;

export type PdfCell = string | number;

/** A report PDF being written: the pdfkit document plus the shared layout helpers. */
export interface PdfWriter {
  /** The pdfkit document, for drawing (the record sheet's sketch map). */
  readonly doc: Pdf;
  /** Start a new page unless `height` points still fit above the footer. */
  ensureSpace(height: number): void;
  heading(text: string, size?: number): void;
  text(
    s: string,
    opts?: {
      readonly bold?: boolean;
      readonly size?: number;
      readonly mono?: boolean;
      readonly color?: string;
      readonly align?: 'left' | 'center';
    },
  ): void;
  facts(rows: ReadonlyArray<readonly [string, PdfCell]>): void;
  /** A table with a bold header row; `widths` default to equal columns. */
  table(
    columns: readonly string[],
    rows: ReadonlyArray<ReadonlyArray<PdfCell>>,
    opts?: { readonly widths?: readonly number[]; readonly caption?: string; readonly size?: number },
  ): void;
  /** Write the footer on every page and finish: the PDF bytes. */
  finish(): Promise<Buffer>;
}

/** Open a report PDF: A4, the Unicode fonts registered, metadata set. */
export function pdfWriter(meta: {
  readonly title: string;
  readonly subject: string;
  readonly ledger: LedgerBasis | null;
  readonly classification?: string;
}): PdfWriter {
  const doc: Pdf = new PDFDocument({
    size: 'A4',
    margin: PAGE.LEFT,
    bufferPages: true,
    info: { Title: meta.title, Subject: meta.subject, Creator: 'Cairn' },
  });
  for (const [name, file] of FONT_FILES) doc.registerFont(name, ttf(file));
  doc.font(FONT.regular);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => {
      resolve(Buffer.concat(chunks));
    });
    doc.on('error', reject);
  });
  const { LEFT, WIDTH, BOTTOM } = PAGE;

  const ensureSpace = (height: number): void => {
    if (doc.y + height > BOTTOM) doc.addPage();
  };
  const text: PdfWriter['text'] = (s, o = {}) => {
    doc
      .font(o.mono === true ? FONT.mono : o.bold === true ? FONT.bold : FONT.regular)
      .fontSize(o.size ?? 9)
      .fillColor(o.color ?? '#000')
      .text(s, LEFT, doc.y, { width: WIDTH, align: o.align ?? 'left' });
  };
  const heading = (s: string, size = 12): void => {
    ensureSpace(60);
    doc.moveDown(0.6);
    text(s, { bold: true, size });
    doc.moveDown(0.2);
  };
  const facts = (rows: ReadonlyArray<readonly [string, PdfCell]>): void => {
    for (const [k, v] of rows) {
      ensureSpace(20);
      doc
        .font(FONT.bold)
        .fontSize(9)
        .fillColor('#000')
        .text(`${k}: `, LEFT, doc.y, { width: WIDTH, continued: true })
        .font(FONT.regular)
        .text(String(v));
    }
  };
  const table: PdfWriter['table'] = (columns, rows, o = {}) => {
    if (o.caption !== undefined) text(o.caption, { bold: true });
    if (rows.length === 0) {
      text('None recorded.');
      doc.moveDown(0.3);
      return;
    }
    const widths = o.widths ?? columns.map(() => WIDTH / columns.length);
    const line = (cells: ReadonlyArray<PdfCell>, bold: boolean): void => {
      doc.font(bold ? FONT.bold : FONT.regular).fontSize(o.size ?? 7.5);
      const h =
        Math.max(...cells.map((c, i) => doc.heightOfString(String(c), { width: (widths[i] ?? 60) - 4 }))) + 4;
      ensureSpace(h);
      const y = doc.y;
      let x = LEFT;
      cells.forEach((c, i) => {
        const w = widths[i] ?? 60;
        doc.rect(x, y, w, h).strokeColor('#999').lineWidth(0.5).stroke();
        doc
          .fillColor('#000')
          .text(String(c), x + 2, y + 2, { width: w - 4, align: typeof c === 'number' ? 'right' : 'left' });
        x += w;
      });
      doc.x = LEFT;
      doc.y = y + h;
    };
    line(columns, true);
    for (const r of rows) line(r, false);
    doc.moveDown(0.4);
  };
  const finish = (): Promise<Buffer> => {
    const range = doc.bufferedPageRange();
    const foot = ledgerLine(meta.ledger);
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      // Writing below the bottom margin would add a page: lift the margin for the footer.
      const margin = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      const cls = meta.classification === undefined ? '' : `${meta.classification} · `;
      doc
        .font(FONT.regular)
        .fontSize(6.5)
        .fillColor('#555')
        .text(`${cls}${foot} · page ${i - range.start + 1} of ${range.count}`, LEFT, PAGE.FOOTER_Y, {
          width: WIDTH,
          align: 'center',
        });
      doc.page.margins.bottom = margin;
    }
    doc.end();
    return done;
  };
  return { doc, ensureSpace, heading, text, facts, table, finish };
}
