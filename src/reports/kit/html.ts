/** HTML for every report: one escaping function, one page frame and one table layout. No scripts, nothing loaded from elsewhere. */

/** Escape text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(v: string | number | boolean): string {
  return String(v).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/** The ledger tree a report was computed from, shown at the foot of every page and sheet. */
export interface LedgerBasis {
  readonly origin: string;
  readonly size: number;
  /** Merkle root of the tree of that size, hex. */
  readonly root: string;
}

/** The one-line statement of the ledger basis, as the PDF footer and the HTML footer print it. */
export function ledgerLine(l: LedgerBasis | null): string {
  return l === null
    ? 'Computed from an empty ledger'
    : `Computed from ledger ${l.origin}, tree size ${l.size}, root ${l.root}`;
}

export const HTML_STYLE = `body{font:14px/1.45 system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#111}
h1{font-size:1.5em}h2{font-size:1.15em;border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:1.6em}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em}dt{font-weight:600}dd{margin:0;word-break:break-all}
table{border-collapse:collapse;margin:.6em 0;width:100%}caption{text-align:left;font-weight:600;padding:.3em 0}
th,td{border:1px solid #bbb;padding:.25em .5em;text-align:left;vertical-align:top}td.n{text-align:right}
.basis{color:#555}.status.withheld{color:#a00}.status.no-information-recorded{color:#a60}.note{margin:.3em 0}
.cls{font-weight:bold;color:#b03a2e;text-align:center}footer{margin-top:2em;color:#555;font-size:12px;word-break:break-all}
pre{background:#f4f4f4;padding:.6em;overflow:auto;font-size:12px}`;

/** A table; numbers are right-aligned. `caption` is escaped; cells are escaped. */
export function htmlTable(
  columns: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number>>,
  caption?: string,
): string {
  const cap = caption === undefined ? '' : `<caption>${escapeHtml(caption)}</caption>`;
  const head = `<thead><tr>${columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr></thead>`;
  const body = rows
    .map(
      (r) =>
        `<tr>${r.map((c) => `<td${typeof c === 'number' ? ' class="n"' : ''}>${escapeHtml(c)}</td>`).join('')}</tr>`,
    )
    .join('');
  return `<table>${cap}${head}<tbody>${body}</tbody></table>`;
}

/** Term–value pairs as a definition list. */
export function htmlFacts(facts: ReadonlyArray<readonly [string, string | number]>): string {
  return facts.length === 0
    ? ''
    : `<dl>${facts.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>`;
}

/**
 * One self-contained page: inline style, the title as <h1>, the body (already HTML), and a footer
 * naming the ledger basis. `classification`, when given, heads and foots the page.
 */
export function htmlPage(p: {
  readonly title: string;
  readonly body: string;
  readonly ledger: LedgerBasis | null;
  readonly classification?: string;
  readonly style?: string;
}): string {
  const cls = p.classification === undefined ? '' : `<p class="cls">${escapeHtml(p.classification)}</p>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(p.title)}</title><style>${HTML_STYLE}${p.style ?? ''}</style></head>
<body>${cls}<h1>${escapeHtml(p.title)}</h1>
${p.body}
<footer>${escapeHtml(ledgerLine(p.ledger))}</footer>${cls}
</body></html>
`;
}
