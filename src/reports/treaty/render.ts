/** CSV and self-contained HTML renderings of a treaty report document (no external resources). */
import type { Cell, DocSection, ReportDocument } from './document.js';

function csvCell(v: Cell): string {
  const s = typeof v === 'number' ? String(v) : v;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const csvLine = (cells: readonly Cell[]): string => cells.map(csvCell).join(',');

/**
 * The document as CSV: `section,table,…` rows. Facts are `fact` rows; each table row repeats its
 * section and caption so the file filters cleanly in a spreadsheet.
 */
export function reportCsv(d: ReportDocument): string {
  const out: string[] = [csvLine(['section', 'table', 'column', 'value'])];
  for (const [k, v] of d.facts) out.push(csvLine(['report', 'fact', k, v]));
  for (const s of d.sections) {
    out.push(csvLine([s.id, 'status', s.legalBasis, s.status]));
    for (const n of s.notes) out.push(csvLine([s.id, 'note', '', n]));
    for (const [k, v] of s.facts) out.push(csvLine([s.id, 'fact', k, v]));
    for (const t of s.tables) {
      out.push(csvLine([s.id, t.caption, 'columns', t.columns.join('|')]));
      for (const r of t.rows) out.push(csvLine([s.id, t.caption, 'row', ...r]));
    }
  }
  for (const line of d.attestation) out.push(csvLine(['attestation', '', '', line]));
  return `${out.join('\n')}\n`;
}

const esc = (v: Cell): string => String(v).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function sectionHtml(s: DocSection): string {
  const facts = s.facts.length === 0 ? '' : `<dl>${s.facts.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>`;
  const tables = s.tables
    .map((t) =>
      t.rows.length === 0
        ? `<p class="empty"><b>${esc(t.caption)}:</b> none recorded.</p>`
        : `<table><caption>${esc(t.caption)}</caption><thead><tr>${t.columns.map((c) => `<th>${esc(c)}</th>`).join('')}</tr></thead><tbody>${t.rows
            .map((r) => `<tr>${r.map((c) => `<td${typeof c === 'number' ? ' class="n"' : ''}>${esc(c)}</td>`).join('')}</tr>`)
            .join('')}</tbody></table>`,
    )
    .join('');
  return `<section id="${esc(s.id)}"><h2>${esc(s.title)}</h2>${s.legalBasis === '' ? '' : `<p class="basis">${esc(s.legalBasis)} · <span class="status ${esc(s.status)}">${esc(s.status)}</span></p>`}${s.notes.map((n) => `<p class="note">${esc(n)}</p>`).join('')}${facts}${tables}</section>`;
}

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#111}
h1{font-size:1.5em}h2{font-size:1.15em;border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:1.6em}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em}dt{font-weight:600}dd{margin:0;word-break:break-all}
table{border-collapse:collapse;margin:.6em 0;width:100%}caption{text-align:left;font-weight:600;padding:.3em 0}
th,td{border:1px solid #bbb;padding:.25em .5em;text-align:left;vertical-align:top}td.n{text-align:right}
.basis{color:#555}.status.withheld{color:#a00}.status.no-information-recorded{color:#a60}.note{margin:.3em 0}
pre{background:#f4f4f4;padding:.6em;overflow:auto;font-size:12px}`;

/** The document as one self-contained HTML page (inline style, no scripts, no external links loaded). */
export function reportHtml(d: ReportDocument): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(d.title)}</title><style>${STYLE}</style></head>
<body><h1>${esc(d.title)}</h1>
<dl>${d.facts.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>
${d.sections.map(sectionHtml).join('\n')}
<section id="attestation"><h2>Ledger attestation</h2><pre>${d.attestation.map(esc).join('\n')}</pre></section>
</body></html>
`;
}
