/**
 * The one CSV writer of every export: RFC 4180 quoting and formula neutralisation.
 *
 * - Quoting (RFC 4180 §2): a field holding `"`, `,`, CR or LF is enclosed in double quotes and
 *   each `"` doubled. Records end with LF, as Cairn's exports always have (RFC 4180 says CRLF;
 *   spreadsheets, Python's csv, pandas and GDAL read either).
 * - Formula neutralisation (OWASP "CSV Injection"): a **text** cell beginning with `=`, `+`, `-`,
 *   `@`, TAB or CR gets a leading `'`, so a spreadsheet shows it as text instead of running it.
 *   A value written from a JavaScript **number** is not text and stays as it is (`-8.1` stays a
 *   number a spreadsheet can add up); booleans are written `true`/`false`; null and undefined are
 *   empty; anything else (an object) is written as its JSON text, neutralised like any text.
 */

/** What a CSV cell may be given. */
export type CsvValue = string | number | boolean | null | undefined | object;

/** Characters that make a spreadsheet read a text cell as a formula (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** The text of one cell: neutralised if it is text that would start a formula, then quoted if needed. */
export function csvCell(v: CsvValue): string {
  let s: string;
  if (v === null || v === undefined) s = '';
  else if (typeof v === 'number') s = Number.isFinite(v) ? String(v) : '';
  else if (typeof v === 'boolean') s = String(v);
  else {
    s = typeof v === 'string' ? v : JSON.stringify(v);
    if (FORMULA_START.test(s)) s = `'${s}`;
  }
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One record: cells joined by commas (no line end). */
export function csvLine(cells: readonly CsvValue[]): string {
  return cells.map(csvCell).join(',');
}

/** A header and rows as CSV text, each record ending in LF. */
export function csvTable(header: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
  const out = [csvLine(header)];
  for (const r of rows) out.push(csvLine(r));
  return `${out.join('\n')}\n`;
}

/** Objects as CSV: one column per name in `columns`, in that order. */
export function csvObjects(
  rows: ReadonlyArray<Readonly<Record<string, unknown>>>,
  columns: readonly string[],
): string {
  return csvTable(
    columns,
    rows.map((r) => columns.map((c) => r[c] as CsvValue)),
  );
}
