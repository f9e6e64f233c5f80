import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentPdf, pdfWriter, type ReportDocument } from './index.js';

/** Place names in each language Cairn serves (SYNTHETIC test text). */
const SAMPLES = [
  'Łódź Żółć',
  'Rīga Ķegums',
  'Šiauliai Ąžuolas',
  'Tõrva Jõgeva',
  'Київ Їжак Ґанок',
  'Suomussalmi Äänekoski',
];

/** pdftotext is required: CI must fail, not skip, when it is missing. */
function pdfText(pdf: Buffer): string {
  const file = join(mkdtempSync(join(tmpdir(), 'cairn-kit-pdf-')), 'r.pdf');
  writeFileSync(file, pdf);
  try {
    return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  } catch (e) {
    throw new Error(
      `pdftotext (poppler-utils) is needed to read report PDFs back${process.env['CI'] === undefined ? '' : ' and CI must have it'}: ${String(e)}`,
    );
  }
}

const LEDGER = { origin: 'cairn/kit-test', size: 42, root: 'ab'.repeat(32) };

describe('the report PDF', () => {
  it('embeds a Unicode font, so Polish, Latvian, Lithuanian, Estonian, Ukrainian and Finnish text reads back as written', async () => {
    const doc: ReportDocument = {
      title: 'SYNTHETIC place names — Łódź',
      subject: 'kit test',
      facts: SAMPLES.map((s, i) => [`Name ${i + 1}`, s] as const),
      sections: [
        {
          id: 's',
          title: 'Table of names',
          legalBasis: '',
          status: 'computed',
          notes: [],
          facts: [],
          tables: [{ caption: 'Names', columns: ['Place', 'n'], rows: SAMPLES.map((s, i) => [s, i]) }],
        },
      ],
      attestation: ['— attestation line Київ'],
      ledger: LEDGER,
    };
    const text = pdfText(await documentPdf(doc));
    for (const s of SAMPLES) expect(text.split(s).length - 1).toBeGreaterThanOrEqual(2);
    expect(text).toContain('SYNTHETIC place names — Łódź');
    expect(text).toContain('— attestation line Київ');
  });

  it('prints the ledger tree the report was computed from at the foot of every page', async () => {
    const w = pdfWriter({
      title: 'Footer test',
      subject: 'kit test',
      ledger: LEDGER,
      classification: 'RESTRICTED',
    });
    w.table(
      ['row'],
      Array.from({ length: 150 }, (_, i) => [`row ${i}`]),
    );
    const text = pdfText(await w.finish());
    const pages = text.split('\f').filter((p) => p.trim() !== '');
    expect(pages.length).toBeGreaterThanOrEqual(3);
    pages.forEach((p, i) => {
      const flat = p.replace(/\s+/g, '');
      expect(flat).toContain(`treesize42,root${LEDGER.root}`);
      expect(flat).toContain(`RESTRICTED`);
      expect(flat).toContain(`page${i + 1}of${pages.length}`);
    });
  });
});
