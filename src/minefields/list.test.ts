import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, Classification } from '../access/index.js';
import type { Cairn } from '../app/index.js';
import { makeTestApp } from '../app/testing/index.js';
import { MINEFIELDS, minefieldList } from './index.js';

let app: Cairn;
const actor = (
  id: string,
  roles: Actor['roles'],
  clearance: Classification,
  regions: string[] = [],
): Actor => ({ id, name: id, roles, clearance, regions });

/** 60 bare record documents (read-path test data): a third secret, a sixth unlabelled, half in region east. */
const records = Array.from({ length: 60 }, (_, i) => ({
  id: `mf-${String(i).padStart(2, '0')}`,
  humanId: `FI-MF-2026-${String(60 - i).padStart(4, '0')}`,
  status: i % 4 === 0 ? 'cleared' : 'laid-recorded',
  classification: i % 6 === 0 ? undefined : i % 3 === 0 ? 'secret' : 'confidential',
  region: i % 2 === 0 ? 'east' : 'west',
}));

beforeAll(async () => {
  app = await makeTestApp();
  await app.store.transaction(async (tx) => {
    for (const { classification, ...r } of records)
      await tx.putDoc({
        collection: MINEFIELDS,
        id: r.id,
        data: { ...r, ...(classification === undefined ? {} : { classification }) },
        version: 1,
      });
  });
});
afterAll(async () => {
  await app.close();
});

describe('minefieldList', () => {
  it('lists and counts only records a confidential recorder may know exist, by human id', async () => {
    const expected = records
      .filter((r) => r.classification === 'confidential')
      .sort((a, b) => (a.humanId < b.humanId ? -1 : 1));
    const first = await minefieldList(app.store, actor('rec', ['minefield-recorder'], 'confidential'), {
      limit: 10,
      offset: 0,
    });
    const second = await minefieldList(app.store, actor('rec', ['minefield-recorder'], 'confidential'), {
      limit: 10,
      offset: 10,
    });
    if (!first.ok || !second.ok) throw new Error('list');
    expect(first.value.total).toBe(expected.length);
    expect([...first.value.items, ...second.value.items].map((r) => r.id)).toEqual(
      expected.slice(0, 20).map((r) => r.id),
    );
  });

  it('applies regional scope and the status filter before counting', async () => {
    const east = actor('east', ['minefield-recorder'], 'secret', ['east']);
    const r = await minefieldList(app.store, east, { limit: 5, offset: 0, status: ['cleared'] });
    expect(r.ok && r.value.total).toBe(
      records.filter((x) => x.region === 'east' && x.status === 'cleared').length,
    );
  });

  it('refuses a caller without minefield.read', async () => {
    const r = await minefieldList(app.store, actor('stock', ['stock-officer'], 'secret'), {
      limit: 5,
      offset: 0,
    });
    expect(r.ok ? 'ok' : r.errors[0]?.code).toBe('AUTH_FORBIDDEN');
  });
});
