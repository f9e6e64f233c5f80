/** Every CSV export goes through the kit's writer: formula cells are neutralised, numbers stay numbers. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../compliance/index.js';
import type { ProgressReport } from '../landrelease/index.js';
import type { StockStatement } from '../stock/index.js';
import { findingsCsv, progressCsv, statementCsv } from './index.js';
import { documentCsv } from './kit/index.js';

const EVIL = '=HYPERLINK("http://example.invalid","x")';
const NEUTRAL = `"'=HYPERLINK(""http://example.invalid"",""x"")"`;
const CHECKPOINT = { origin: 'cairn/test', size: 3, root: 'ab'.repeat(32) };

describe('CSV exports', () => {
  it('neutralise a formula in the stock statement and keep quantities numeric', () => {
    const st: StockStatement = {
      title: 'SYNTHETIC statement',
      asOf: '2026-01-31',
      checkpoint: CHECKPOINT,
      byState: [{ state: 'FI', quantity: -3 }],
      byType: [],
      holdings: [],
      formB: [{ state: 'FI', designation: EVIL, lotNumber: '+L1', quantity: 25, note: '' }],
      formD: [],
      formG: [],
    };
    const csv = statementCsv(st);
    expect(csv).toContain(`FI,${NEUTRAL},'+L1,25`);
    expect(csv).toContain('FI,-3');
  });

  it('neutralise a formula in the land-release progress report', () => {
    const methods = { cancelled: 0, reduced: 0, cleared: 10 };
    const r: ProgressReport = {
      report: 'landrelease-progress',
      from: '2026-01-01',
      to: '2026-01-31',
      unit: 'm2',
      checkpoint: CHECKPOINT,
      area: {
        total: 10,
        byMethod: methods,
        byOrganisation: [{ organisation: '@SYN operator', ...methods, total: 10 }],
        byMonth: [],
        byYearOrganisation: [],
      },
      devices: { total: 0, byType: [], byCategory: [], byYearOrganisation: [] },
      casualties: { total: 0, killed: 0, injured: 0, bySexAge: [] },
      eore: { sessions: 0, audience: { women: 0, men: 0, girls: 0, boys: 0 } },
      hazards: { count: 0, byStatus: {}, remainingAreaM2: 0 },
    };
    expect(progressCsv(r)).toContain(
      "area-by-organisation,2026-01-01/2026-01-31,'@SYN operator,cleared,,,,10,m2",
    );
  });

  it('neutralise a formula in compliance findings and in a treaty report document', () => {
    const finding: Finding = {
      rule: 'r1',
      severity: 'warning',
      subject: { kind: 'facility', id: 'f1', label: '-1+1' },
      legalBasis: 'APMBC Art 4',
      message: EVIL,
    };
    const csv = findingsCsv({
      at: '2026-01-31T00:00:00.000Z',
      checkpoint: CHECKPOINT,
      rules: [],
      findings: [finding],
    });
    expect(csv.split('\n')[1]).toBe(`warning,r1,facility,f1,'-1+1,APMBC Art 4,${NEUTRAL}`);
    const doc = documentCsv({
      title: 't',
      subject: 's',
      facts: [['Lat', -8.1]],
      sections: [
        {
          id: 'B',
          title: 'B',
          legalBasis: 'Art 7',
          status: 'computed',
          notes: [],
          facts: [],
          tables: [{ caption: 'T', columns: ['a'], rows: [[EVIL, -8.1]] }],
        },
      ],
      attestation: [],
      ledger: CHECKPOINT,
    });
    expect(doc).toContain('report,fact,Lat,-8.1');
    expect(doc).toContain(`B,T,row,${NEUTRAL},-8.1`);
  });

  it('are all written by the kit: no other file in src quotes CSV fields itself', () => {
    const src = join(import.meta.dirname, '..');
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith('.ts') && !p.endsWith('.test.ts')) files.push(p);
      }
    };
    walk(src);
    // RFC 4180 quoting doubles quotes: `replace(/"/g, '""')`. Only the kit's writer may do it.
    const quoting = files
      .filter((p) => readFileSync(p, 'utf8').includes(`'""'`))
      .map((p) => relative(src, p));
    // interchange/gpkg.ts doubles quotes to quote SQL identifiers (SQL:2016 §5.2), not CSV fields.
    const sqlIdentifiers = [join('interchange', 'gpkg.ts')];
    expect(quoting.filter((p) => !sqlIdentifiers.includes(p))).toEqual([join('reports', 'kit', 'csv.ts')]);
  });
});
