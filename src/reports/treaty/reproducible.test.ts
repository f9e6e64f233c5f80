import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../access/index.js';
import { verifyConsistency } from '../../ledger/index.js';
import { submissionIdOf, submit } from '../../landrelease/fixtures.testkit.js';
import {
  computeArticle7,
  computeCcwArticle13,
  type Article7Report,
  type CcwArticle13Report,
  type TreatyReport,
} from './index.js';
import { addEventsAfterPeriod, buildScenario, type Scenario } from './scenario.testkit.js';

const req = { state: 'FI', year: 2026 } as const;
let s: Scenario;
let a7: TreatyReport<Article7Report>;
let ccw: TreatyReport<CcwArticle13Report>;

async function both(): Promise<[TreatyReport<Article7Report>, TreatyReport<CcwArticle13Report>]> {
  const a = await computeArticle7(s.app, SYSTEM_ACTOR, req);
  const c = await computeCcwArticle13(s.app, SYSTEM_ACTOR, req);
  if (!a.ok || !c.ok) throw new Error('report refused');
  return [a.value, c.value];
}

beforeAll(async () => {
  s = await buildScenario();
  s.clock.set('2027-01-05T09:00:00Z');
  [a7, ccw] = await both();
});
afterAll(async () => {
  await s.app.close();
});

describe('treaty reports are reproducible as of the period end', () => {
  it('names the tree that covers the period end: every entry of 2026 and nothing more', async () => {
    expect(a7.body.checkpoint.size).toBe(s.sizeAtPeriodEnd);
    expect(a7.body.checkpoint.root).toBe((await s.app.ledger.root(s.sizeAtPeriodEnd)).toString('hex'));
    expect(ccw.body.checkpoint).toEqual(a7.body.checkpoint);
    expect(a7.body.reproducibility).toContain(`first ${s.sizeAtPeriodEnd} ledger entries`);
  });

  it('gives the same body and digest after entries effective after the period are added, attested by a later signed checkpoint', async () => {
    await addEventsAfterPeriod(s);
    const grown = await s.app.ledger.size();
    expect(grown).toBeGreaterThan(s.sizeAtPeriodEnd);
    s.clock.set('2030-06-01T09:00:00Z');
    const [a, c] = await both();
    expect(a.body).toEqual(a7.body);
    expect(c.body).toEqual(ccw.body);
    expect([a.digest, c.digest]).toEqual([a7.digest, ccw.digest]);
    // The signed checkpoint of the day is later; the proof shows the covering tree is its prefix.
    const sc = a.attestation.signedCheckpoint;
    expect(sc.size).toBe(grown);
    const hex = (h: string) => Buffer.from(h, 'hex');
    expect(
      verifyConsistency(
        a.body.checkpoint.size,
        sc.size,
        hex(a.body.checkpoint.root),
        hex(sc.root),
        a.attestation.consistencyProof.map(hex),
      ),
    ).toBe(true);
  });

  it('changes the named tree and digest when an entry effective inside the period is recorded later', async () => {
    const sid = submissionIdOf(
      await submit(s.field, s.field.surveyor, 'eore', {
        date: '2026-12-15',
        location: [25.01, 61.21],
        organisation: s.field.orgId,
        audience: { women: 1, men: 1, girls: 1, boys: 1 },
        region: 'FI-18',
      }),
    );
    const r = await s.app.execute(
      { type: 'landrelease.review.approve', effectiveAt: '2026-12-20', payload: { submissionId: sid } },
      s.field.imo,
    );
    expect(r.ok).toBe(true);
    const [a] = await both();
    expect(a.body.checkpoint.size).toBe(await s.app.ledger.size());
    expect(a.digest).not.toBe(a7.digest);
    expect(a.body.formI.riskEducation.sessions).toBe(a7.body.formI.riskEducation.sessions + 1);
    // Everything else of 2026 is unchanged.
    expect(a.body.formB).toEqual(a7.body.formB);
  });
});
