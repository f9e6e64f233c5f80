/** The record sheet as a standalone HTML page with an inline SVG sketch map. */
import { escapeHtml as esc, htmlPage, htmlTable } from '../kit/index.js';
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

function table(t: SheetTable): string {
  return t.rows.length === 0 ? '<p>None recorded.</p>' : htmlTable(t.head, t.rows);
}

function svgMap(s: MinefieldSheet): string {
  const W = 640;
  const H = 400;
  const f = mapFrame(s, W, H);
  const pt = (p: readonly [number, number]) => `${p[0].toFixed(1)},${p[1].toFixed(1)}`;
  const parts: string[] = [`<rect x="0" y="0" width="${W}" height="${H}" fill="#fff" stroke="#999"/>`];
  if (s.perimeter !== null) {
    parts.push(
      `<polygon points="${s.perimeter.polygon.map((p) => pt(f.project(p))).join(' ')}" fill="#f5b7b1" stroke="#c0392b" stroke-width="2"/>`,
    );
  }
  for (const row of s.rows)
    parts.push(
      `<polyline points="${row.points.map((p) => pt(f.project(p))).join(' ')}" fill="none" stroke="#7b241c" stroke-dasharray="4 2"/>`,
    );
  const first = s.perimeter?.polygon[0];
  for (const rp of s.referencePoints) {
    const [x, y] = f.project(rp.position);
    if (first !== undefined && rp.toPerimeter !== null) {
      const [x2, y2] = f.project(first);
      parts.push(
        `<line x1="${x.toFixed(1)}" y1="${y.toFixed(1)}" x2="${x2.toFixed(1)}" y2="${y2.toFixed(1)}" stroke="#1a5276" stroke-dasharray="6 3"/>`,
      );
      parts.push(
        `<text x="${((x + x2) / 2).toFixed(1)}" y="${((y + y2) / 2 - 4).toFixed(1)}" font-size="11" fill="#1a5276">${esc(`${rp.toPerimeter.mils} mil / ${rp.toPerimeter.distanceM} m`)}</text>`,
      );
    }
    parts.push(`<polygon points="${x},${y - 7} ${x - 6},${y + 5} ${x + 6},${y + 5}" fill="#1a5276"/>`);
    parts.push(`<text x="${x + 8}" y="${y + 4}" font-size="12" font-weight="bold">${esc(rp.label)}</text>`);
  }
  const bar = f.scaleBarM / f.metresPerUnit;
  parts.push(
    `<line x1="20" y1="${H - 20}" x2="${20 + bar}" y2="${H - 20}" stroke="#000" stroke-width="3"/><text x="20" y="${H - 26}" font-size="11">${f.scaleBarM} m</text>`,
  );
  parts.push(
    `<text x="${W - 30}" y="30" font-size="16" font-weight="bold">N</text><line x1="${W - 25}" y1="60" x2="${W - 25}" y2="36" stroke="#000" stroke-width="2"/>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="Sketch map of the perimeter and reference points">${parts.join('')}</svg>`;
}

/** Render the sheet as one HTML document. */
export function sheetHtml(s: MinefieldSheet): string {
  const t = sheetTables(s);
  const h2 = (text: string) => `<h2>${esc(text)}</h2>`;
  const p = (text: string) => `<p>${esc(text)}</p>`;
  const body = [
    table(t.fields),
    h2(HEADINGS.map),
    svgMap(s),
    h2(HEADINGS.referencePoints),
    table(t.referencePoints),
    h2(HEADINGS.contents),
    table(t.contents),
    p(totalText(s)),
    h2(HEADINGS.reconciliation),
    table(t.reconciliation),
    h2(HEADINGS.marking),
    p(markingText(s)),
    table(t.inspections),
    h2(HEADINGS.reports),
    table(t.reports),
    h2(HEADINGS.releases),
    table(t.releases),
    ...(t.withholdings.rows.length === 0 ? [] : [table(t.withholdings)]),
    h2(HEADINGS.checkpoint),
    p(checkpointText(s)),
    `<pre>${esc(s.checkpoint.text)}</pre>`,
    p(generatedText(s)),
  ].join('\n');
  return htmlPage({
    title: s.title,
    classification: s.classification,
    ledger: { origin: s.checkpoint.origin, size: s.checkpoint.size, root: s.checkpoint.rootHex },
    body,
    style: 'table{width:auto}',
  });
}
