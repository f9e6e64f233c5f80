import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS_ACTOR, type Actor, type Classification } from '../access/index.js';
import type { Cairn } from '../app/index.js';
import { makeTestApp } from '../app/testing/index.js';
import { LR_SUBMISSIONS, hazardList, submissionQueue } from './index.js';

let app: Cairn;
const actor = (
  id: string,
  roles: Actor['roles'],
  clearance: Classification,
  regions: string[] = [],
): Actor => ({ id, name: id, roles, clearance, regions });
const imo = actor('imo', ['im-officer'], 'confidential');
const north = actor('north', ['im-officer'], 'secret', ['north']);
const surveyor = actor('surveyor', ['field-surveyor'], 'restricted');

/** 120 hazards: every fourth secret, every fifth unlabelled (counts as secret), a third in the south, every tenth a public warning. */
const hazards = Array.from({ length: 120 }, (_, i) => ({
  id: `hz-${String(i).padStart(3, '0')}`,
  humanId: `HZ-${String(119 - i).padStart(4, '0')}`,
  classification: i % 5 === 0 ? undefined : i % 4 === 0 ? 'secret' : 'restricted',
  region: i % 3 === 0 ? 'south' : 'north',
  publicWarning: i % 10 === 0,
  status: i % 2 === 0 ? 'open' : 'closed',
}));

beforeAll(async () => {
  app = await makeTestApp();
  await app.store.transaction(async (tx) => {
    for (const h of hazards) {
      const { classification, ...rest } = h;
      await tx.putDoc({
        collection: 'hazards',
        id: h.id,
        data: { ...rest, ...(classification === undefined ? {} : { classification }) },
        version: 1,
      });
    }
    for (let i = 0; i < 30; i++) {
      await tx.putDoc({
        collection: LR_SUBMISSIONS,
        id: `sub-${String(i).padStart(2, '0')}`,
        data: {
          id: `sub-${String(i).padStart(2, '0')}`,
          kind: 'hazard',
          status: i < 20 ? 'submitted' : 'approved',
          report: { name: `report ${i}` },
          submittedBy: i % 2 === 0 ? 'surveyor' : 'someone',
          submittedAt: `2026-05-${String(1 + i).padStart(2, '0')}T09:00:00Z`,
          classification: i % 3 === 0 ? 'secret' : 'restricted',
        },
        version: 1,
      });
    }
  });
});
afterAll(async () => {
  await app.close();
});

/** Every page of a list, following offsets. */
async function walk(run: (offset: number) => ReturnType<typeof hazardList>, limit: number) {
  const out: string[] = [];
  const totals = new Set<number>();
  for (let offset = 0; ; offset += limit) {
    const r = await run(offset);
    if (!r.ok) throw new Error(r.errors[0]?.message);
    totals.add(r.value.total);
    out.push(...r.value.items.map((d) => d.id));
    if (r.value.items.length < limit) break;
  }
  return { ids: out, totals };
}

describe('hazardList', () => {
  it('pages only what a confidential-cleared officer may see, and counts only that', async () => {
    // Expected from the data, by the rule: public warnings, and restricted rows (secret and unlabelled are above confidential).
    const visible = hazards
      .filter((h) => h.publicWarning || h.classification === 'restricted')
      .sort((a, b) => (a.humanId < b.humanId ? -1 : 1))
      .map((h) => h.id);
    const { ids, totals } = await walk((offset) => hazardList(app.store, imo, { limit: 25, offset }), 25);
    expect(ids).toEqual(visible);
    expect([...totals]).toEqual([visible.length]);
  });

  it('keeps a regional officer to their region (and the warnings everyone sees), and the public to released warnings', async () => {
    const northern = hazards.filter((h) => h.publicWarning || h.region === 'north').length;
    const r = await hazardList(app.store, north, { limit: 1000, offset: 0 });
    expect(r.ok && r.value.total).toBe(northern);
    expect(
      r.ok && r.value.items.every((d) => d.data['region'] === 'north' || d.data['publicWarning'] === true),
    ).toBe(true);
    const pub = await hazardList(app.store, ANONYMOUS_ACTOR, { limit: 5, offset: 0 });
    expect(pub.ok && pub.value.total).toBe(hazards.filter((h) => h.publicWarning).length);
    expect(pub.ok && pub.value.items.length).toBe(5);
  });

  it('filters by status before paging', async () => {
    const open = hazards.filter(
      (h) => (h.publicWarning || h.classification === 'restricted') && h.status === 'open',
    ).length;
    const r = await hazardList(app.store, imo, { limit: 3, offset: 0, status: ['open'] });
    expect(r.ok && r.value.total).toBe(open);
  });
});

describe('submissionQueue', () => {
  it('lists reports waiting for review, oldest first, with who may review each', async () => {
    const r = await submissionQueue(app.store, imo, { limit: 100, offset: 0 });
    if (!r.ok) throw new Error('queue');
    // 20 submitted, of which those with i % 3 === 0 are secret (above confidential): 7 hidden.
    expect(r.value.total).toBe(13);
    expect(r.value.items.map((s) => s.submittedAt)).toEqual(
      [...r.value.items.map((s) => s.submittedAt)].sort(),
    );
    expect(r.value.items.every((s) => s.mayReview && !s.ownSubmission)).toBe(true);
  });

  it('tells the submitter which reports are their own and that they may not review any', async () => {
    const r = await submissionQueue(app.store, surveyor, { limit: 100, offset: 0 });
    if (!r.ok) throw new Error('queue');
    expect(r.value.items.filter((s) => s.ownSubmission).map((s) => s.id)).toEqual([
      'sub-02',
      'sub-04',
      'sub-08',
      'sub-10',
      'sub-14',
      'sub-16',
    ]);
    expect(r.value.items.some((s) => s.mayReview)).toBe(false);
  });

  it('refuses someone who neither submits nor reviews', async () => {
    const r = await submissionQueue(app.store, actor('stock', ['stock-officer'], 'secret'), {
      limit: 10,
      offset: 0,
    });
    expect(r.ok ? 'ok' : r.errors[0]?.code).toBe('AUTH_FORBIDDEN');
  });
});
