import { describe, expect, it } from 'vitest';
import { HAZARD_STATUSES, SUBMISSION_KINDS, SUBMISSION_STATUSES } from '../landrelease/index.js';
import { STATUSES } from '../minefields/index.js';
import { BALANCE_GROUPS } from '../stock/index.js';
import * as schemas from './schemas.js';

describe('the shared API schemas', () => {
  it('hold the same enumerations as the modules they describe (the browser cannot import the modules)', () => {
    expect(schemas.MINEFIELD_STATUSES).toEqual(STATUSES);
    expect(schemas.HAZARD_STATUSES).toEqual(HAZARD_STATUSES);
    expect(schemas.SUBMISSION_STATUSES).toEqual(SUBMISSION_STATUSES);
    expect(schemas.SUBMISSION_KINDS).toEqual(SUBMISSION_KINDS);
    expect(schemas.BALANCE_GROUPS).toEqual(BALANCE_GROUPS);
  });

  it('reads paging parameters, clamping a large page and refusing a zero one', () => {
    expect(schemas.PagingQuery.parse({ limit: '5000', offset: '20' })).toEqual({
      limit: schemas.API_MAX_LIMIT,
      offset: 20,
    });
    expect(schemas.PagingQuery.safeParse({ limit: '0' }).success).toBe(false);
    expect(schemas.PagingQuery.safeParse({ offset: '-1' }).success).toBe(false);
    expect(schemas.PagingQuery.safeParse({ limit: '1e3' }).success).toBe(false);
  });

  it('reads a comma-separated enumeration and names the wrong member', () => {
    expect(schemas.HazardQuery.parse({ status: 'open, closed' }).status).toEqual(['open', 'closed']);
    const bad = schemas.HazardQuery.safeParse({ status: 'open,shut' });
    expect(bad.success ? [] : bad.error.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['invalid_value', 'status.1'],
    ]);
  });

  it('imports nothing node-only, so the web app can import it', async () => {
    const { readFile } = await import('node:fs/promises');
    const text = await readFile(new URL('./schemas.ts', import.meta.url), 'utf8');
    const imports = [...text.matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1]);
    expect(imports).toEqual(['zod', '../access/index.js', '../command/index.js']);
  });
});
