/** The record sheet as a standalone HTML page with an inline SVG sketch map. */
import { escapeHtml as esc, htmlPage, htmlTable } from '../kit/index.js';
import { mapFrame } from './map.js';
import type { MinefieldSheet } from './sheet.js';

function table(head: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  return rows.length === 0 ? '<p>None recorded.</p>' : htmlTable(head, rows);
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
  const r = s.record;
  const m = s.marking.latest;
  const body = `${table(
    ['Field', 'Value'],
    [
      ['State', r.state],
      ['Responsible unit', r.unit],
      ['Record type', r.recordType],
      ['Status', r.status],
      ['Laying start', r.layingStart ?? '—'],
      ['Laying end', r.layingEnd ?? '—'],
      ['Copies held at (TA 1(c))', r.copiesHeldAt.join('; ') || '—'],
      ['Area', s.perimeter === null ? '—' : `${s.perimeter.areaM2} m²`],
    ],
  )}
<h2>Sketch map</h2>
${svgMap(s)}
<h2>Reference points (APII TA 1(a)(i))</h2>
${table(
  ['Label', 'Entered', 'CRS', 'Landmark', 'To landmark', 'Fixed by', 'Accuracy m', 'To perimeter'],
  s.referencePoints.map((p) => [
    p.label,
    p.entered,
    p.crs,
    p.landmark,
    p.toLandmark ?? '—',
    p.fixedBy,
    p.accuracyM,
    p.toPerimeter === null
      ? '—'
      : `${p.toPerimeter.trueBearingDeg}° true (${p.toPerimeter.mils} mil), ${p.toPerimeter.distanceM} m`,
  ]),
)}
<h2>Contents (APII TA 1(a)(iii))</h2>
${table(
  ['#', 'Type', 'Cat.', 'Lot', 'Number', 'Emplacing', 'Fuze', 'Life time', 'Anti-handling'],
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
)}
<p>Total mines: ${s.totalMines}</p>
<h2>Reconciliation with stock</h2>
${table(
  ['Type', 'Lot', 'Issued', 'Returned', 'Recorded', 'Difference'],
  s.reconciliation.map((l) => [l.typeId, l.lotId, l.issued, l.returned, l.recorded, l.difference]),
)}
<h2>Marking, fencing and monitoring (APII Art 5(2)(a), TA 4)</h2>
<p>Status: ${esc(s.marking.status)}${m === null ? '' : `; ${esc(m.sign.shape)} sign ${esc(m.sign.widthCm)} cm, ${esc(m.sign.colour)}; spacing ${esc(m.signSpacingM)} m; fence ${esc(m.fenceType)}; monitoring ${esc(m.monitoring.arrangement)} every ${esc(m.monitoring.patrolIntervalHours)} h; installed ${esc(m.installedAt)}`}</p>
${table(
  ['Inspected', 'Inspector', 'Findings'],
  s.marking.inspections.map((i) => [i.date, i.inspector, i.findings.join('; ') || 'no defects']),
)}
<h2>Reports</h2>
${table(
  ['Type', 'DTG', 'Originator', 'Recipient', 'Summary'],
  s.reports.map((x) => [x.type, x.dtg, x.originator, x.recipient, x.summary]),
)}
<h2>Releases and withholdings (APII Art 9(2))</h2>
${table(
  ['Released', 'Recipient', 'Parts', 'Legal basis'],
  s.releases.map((x) => [x.date, x.recipient, x.parts, x.legalBasis]),
)}
${table(
  ['Withheld', 'Recipient', 'Reason'],
  s.withholdings.map((x) => [x.date, x.recipient, x.reason]),
)}
<h2>Ledger checkpoint</h2>
<p>Computed from log ${esc(s.checkpoint.origin)} at tree size ${s.checkpoint.size}, root ${esc(s.checkpoint.rootHex)}.</p>
<pre>${esc(s.checkpoint.text)}</pre>
<p>Generated ${esc(s.generatedAt)}</p>
`;
  return htmlPage({
    title: s.title,
    classification: s.classification,
    ledger: { origin: s.checkpoint.origin, size: s.checkpoint.size, root: s.checkpoint.rootHex },
    body,
    style: 'table{width:auto}',
  });
}
