import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ANONYMOUS_ACTOR, SYSTEM_ACTOR } from '../access/index.js';
import { ok } from '../core/index.js';
import { defineReport, flagOf, type ReportApp } from './index.js';
import { dateParam } from './params.js';

// compute reads nothing of the reader: a report over its parameters alone.
const reader = {} as ReportApp;
const echo = defineReport({
  id: 'echo',
  title: 'Echo report',
  permission: 'report.read',
  params: z.strictObject({
    asOf: dateParam('the day').optional(),
    label: z.string().min(1).describe('a label'),
  }),
  compute: (_app, _actor, p) => Promise.resolve(ok({ asOf: p.asOf ?? null, label: p.label })),
  renderers: { html: (m) => `<p>${m.label}</p>`, pdf: () => Promise.resolve(Buffer.from('%PDF-')) },
  fileName: (m) => `echo ${m.label}`,
});

describe('defineReport', () => {
  it('lists its parameters with their help and whether they are required, and its formats', () => {
    expect(echo.params).toEqual([
      { name: 'asOf', description: 'the day', required: false },
      { name: 'label', description: 'a label', required: true },
    ]);
    expect(echo.formats).toEqual(['json', 'html', 'pdf']);
    expect(flagOf('asOf')).toBe('as-of');
  });

  it('renders the model as JSON by default, with a safe file name', async () => {
    const r = await echo.render(reader, SYSTEM_ACTOR, { label: 'a/b', asOf: undefined });
    expect(r.ok && r.value).toMatchObject({
      format: 'json',
      fileName: 'echo_a_b.json',
      contentType: 'application/json; charset=utf-8',
    });
    expect(r.ok && JSON.parse(String(r.value.body))).toEqual({ asOf: null, label: 'a/b' });
  });

  it('collects every problem, each naming its parameter: a bad date, a missing field, an unknown one and a format it lacks', async () => {
    const r = await echo.render(reader, SYSTEM_ACTOR, { asOf: '2026-02-30', extra: 'x' }, 'csv');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.code, e.path]).sort()).toEqual(
      [
        ['VALIDATION_ENUM', 'format'],
        ['VALIDATION_FORMAT', 'asOf'],
        ['VALIDATION_REQUIRED', 'label'],
        ['VALIDATION_UNKNOWN_FIELD', ''],
      ].sort(),
    );
  });

  it('refuses a caller without the permission before looking at the parameters', async () => {
    const r = await echo.render(reader, ANONYMOUS_ACTOR, { asOf: 'nonsense' });
    expect(r.ok ? [] : r.errors.map((e) => e.code)).toEqual(['AUTH_FORBIDDEN']);
  });
});
