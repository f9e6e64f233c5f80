import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../access/index.js';
import {
  article7Document,
  ccwDocument,
  computeArticle7,
  computeCcwArticle13,
  reportCsv,
  reportHtml,
  reportPdf,
  type Article7Report,
  type CcwArticle13Report,
  type TreatyReport,
} from './index.js';
import { MOVES, buildScenario, type Scenario } from './scenario.testkit.js';

let s: Scenario;
let a7: TreatyReport<Article7Report>;
let ccw: TreatyReport<CcwArticle13Report>;
beforeAll(async () => {
  s = await buildScenario();
  s.clock.set('2027-01-05T09:00:00Z');
  const a = await computeArticle7(s.app, SYSTEM_ACTOR, { state: 'FI', year: 2026 });
  const c = await computeCcwArticle13(s.app, SYSTEM_ACTOR, { state: 'FI', year: 2026 });
  if (!a.ok || !c.ok) throw new Error('report refused');
  [a7, ccw] = [a.value, c.value];
});
afterAll(async () => {
  await s.app.close();
});

/** Form B's total, from the scenario's commands: AP receipts less retention and destruction by the end of 2026. */
const formBTotal = MOVES.filter((m) => m.lot !== 'T1' && m.date <= '2026-12-31').reduce(
  (a, m) => a + (m.kind === 'receipt' ? m.qty : m.kind === 'retain' || m.kind === 'destroy' ? -m.qty : 0),
  0,
);

describe('treaty report renderings', () => {
  it('prints the key fields of the Article 7 report in its PDF (golden fields read back with pdftotext)', async () => {
    const pdf = await reportPdf(article7Document(a7));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const file = join(mkdtempSync(join(tmpdir(), 'cairn-art7-')), 'art7.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const flat = text.replace(/\s+/g, '');
    expect(text).toContain('Ottawa Convention Article 7 report — Finland, 2026');
    expect(text).toMatch(/Reporting period: 2026-01-01 – 2026-12-31/);
    expect(text).toMatch(/Due: 2027-04-30/);
    for (const form of [
      'Form A',
      'Form B',
      'Form C',
      'Form D',
      'Form E',
      'Form F',
      'Form G',
      'Form H',
      'Form I',
      'Form J',
    ])
      expect(text).toContain(form);
    expect(text).toMatch(new RegExp(`Total: ${formBTotal}\\b`));
    expect(flat).toContain(`treesize${s.sizeAtPeriodEnd},root${a7.body.checkpoint.root}`);
    expect(flat).toContain(a7.digest);
    expect(text).toContain('SYN-AP-2');
    expect(text).toContain('Ledger attestation');
  });

  it('renders self-contained HTML with every form and no script or external resource', () => {
    const html = reportHtml(article7Document(a7));
    for (const id of ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'limits', 'attestation'])
      expect(html).toContain(`<section id="${id}">`);
    expect(html).not.toMatch(/<script|<link|src=|url\(/i);
    expect(html).toContain(a7.digest);
    const ccwHtml = reportHtml(ccwDocument(ccw));
    expect(ccwHtml).toContain('CCW Amended Protocol II Article 13(4) annual report — Finland, 2026');
    expect(ccwHtml).not.toContain(s.minefield.humanId);
  });

  it('renders CSV rows that carry each table row with its section and caption', () => {
    const csv = reportCsv(article7Document(a7)).split('\n');
    const l1 = MOVES.filter((m) => m.lot === 'L1' && m.date <= '2026-12-31').reduce(
      (a, m) => a + (m.kind === 'receipt' ? m.qty : m.kind === 'retain' || m.kind === 'destroy' ? -m.qty : 0),
      0,
    );
    expect(csv[0]).toBe('section,table,column,value');
    expect(csv).toContain(`B,By type and lot,row,SYN-AP-1,L-001,${l1}`);
    expect(csv).toContain('E,status,APMBC Art 7(1)(e),no-information-recorded');
    expect(csv.some((l) => l.startsWith('report,fact,Digest') && l.endsWith(a7.digest))).toBe(true);
  });
});
