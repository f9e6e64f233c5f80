/** Minimal HTML views of OGC API resources (Part 1 /conf/html): readable, linkable, no scripts. */
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface HtmlLink {
  readonly href: string;
  readonly rel: string;
  readonly type: string;
  readonly title?: string;
}

/** Render a page: a title, links, and a JSON value shown as a definition list or table. */
export function htmlPage(title: string, links: readonly HtmlLink[], body: unknown): string {
  const ls = links
    .map(
      (l) =>
        `<li><a href="${esc(l.href)}" rel="${esc(l.rel)}" type="${esc(l.type)}">${esc(l.title ?? l.rel)}</a> <small>${esc(l.type)}</small></li>`,
    )
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)} – Cairn</title>
<style>body{font:14px system-ui,sans-serif;margin:2em;max-width:70em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left;vertical-align:top}pre{white-space:pre-wrap}</style>
</head><body><h1>${esc(title)}</h1><ul>${ls}</ul>${render(body)}</body></html>`;
}

function render(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v !== 'object') return esc(typeof v === 'string' ? v : JSON.stringify(v));
  if (Array.isArray(v)) {
    const rows = v.filter(
      (x): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x),
    );
    if (rows.length === v.length && rows.length > 0) {
      const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((k) => k !== 'links');
      const head = cols.map((c) => `<th>${esc(c)}</th>`).join('');
      const body = rows.map((r) => `<tr>${cols.map((c) => `<td>${cell(r[c])}</td>`).join('')}</tr>`).join('');
      return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
    }
    return `<ul>${v.map((x) => `<li>${render(x)}</li>`).join('')}</ul>`;
  }
  const entries = Object.entries(v as Record<string, unknown>).filter(([k]) => k !== 'links');
  return `<dl>${entries.map(([k, x]) => `<dt><b>${esc(k)}</b></dt><dd>${render(x)}</dd>`).join('')}</dl>`;
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return `<pre>${esc(JSON.stringify(v))}</pre>`;
  return esc(typeof v === 'string' ? v : JSON.stringify(v));
}
