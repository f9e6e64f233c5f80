import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from './cli.testkit.js';

const run = runCli;

afterEach(() => {
  process.exitCode = undefined;
});

describe('cairn report article7 and ccw-art13', () => {
  it('prints the reports as JSON and CSV, writes a PDF, and refuses an open year and an uncleared user', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cairn-treaty-cli-'));
    const d = ['--data', join(dir, 'd')];
    expect((await run(['init', ...d])).code).toBe(0);
    expect((await run(['treaty', 'seed', ...d])).code).toBe(0);
    expect(
      (await run(['user', 'add', 'pia', '--role', 'field-surveyor', ...d], 'a long enough password')).code,
    ).toBe(0);
    // The system clock decides which years are closed: report the year before last, always closed.
    const year = String(new Date().getUTCFullYear() - 1);

    const j = await run(['report', 'article7', '--state', 'fi', '--year', year, ...d]);
    expect(j.code).toBe(0);
    const body = (
      JSON.parse(j.out) as {
        body: {
          state: { code: string; name: string };
          period: { year: number };
          checkpoint: { size: number };
        };
        digest: string;
      }
    ).body;
    expect([body.state.code, body.state.name, body.period.year]).toEqual(['FI', 'Finland', Number(year)]);

    const c = await run(['report', 'ccw-art13', '--state', 'FI', '--year', year, '--format', 'csv', ...d]);
    expect(c.code).toBe(0);
    expect(c.out.split('\n')[0]).toBe('section,table,column,value');
    expect(c.out).toContain('report,fact,APII party (treaty registry),yes');

    const pdf = join(dir, 'art7.pdf');
    const p = await run([
      'report',
      'article7',
      '--state',
      'FI',
      '--year',
      year,
      '--format',
      'pdf',
      '--out',
      pdf,
      ...d,
    ]);
    expect(p.code).toBe(0);
    expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(
      (await run(['report', 'article7', '--state', 'FI', '--year', year, '--format', 'pdf', ...d])).code,
    ).not.toBe(0);

    const open = await run(['report', 'article7', '--state', 'FI', '--year', String(Number(year) + 1), ...d]);
    expect(open.code).not.toBe(0);
    expect(open.err).toContain('REPORT_PERIOD_OPEN');
    const denied = await run(['report', 'ccw-art13', '--state', 'FI', '--year', year, '--as', 'pia', ...d]);
    expect(denied.code).not.toBe(0);
    expect(denied.err).toContain('AUTH_FORBIDDEN');
  });
});
