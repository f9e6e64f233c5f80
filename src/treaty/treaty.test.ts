import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../access/index.js';
import type { Cairn } from '../app/index.js';
import { addTestUser, makeTestApp } from '../app/testing/index.js';
import {
  addMonths,
  apiiParty,
  art20Effect,
  art4Deadline,
  entryIntoForce,
  getTreatyState,
  ottawaStatusAt,
  readinessAt,
  treatySeedCommands,
  withdrawalOf,
  type ReadinessPeriod,
} from './index.js';

let app: Cairn;
beforeEach(async () => {
  app = await makeTestApp({ now: '2026-06-01T12:00:00Z' });
  for (const c of treatySeedCommands()) {
    const r = await app.execute(c, SYSTEM_ACTOR);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
  }
});
afterEach(async () => {
  await app.close();
});

const period = (status: ReadinessPeriod['status'], from: string): ReadinessPeriod => ({
  status,
  from: `${from}T00:00:00.000Z`,
  legalReference: 'test',
  sourceUrl: 'https://example.org',
});

describe('treaty registry', () => {
  it('computes the withdrawal date of each of the five withdrawing states as deposit plus six months', async () => {
    // Deposit dates and effective dates from law-and-standards §6.
    const expected: Record<string, [string, string]> = {
      FI: ['2025-07-10', '2026-01-10'],
      EE: ['2025-06-27', '2025-12-27'],
      LV: ['2025-06-27', '2025-12-27'],
      LT: ['2025-06-27', '2025-12-27'],
      PL: ['2025-08-20', '2026-02-20'],
    };
    for (const [code, [deposited, effective]] of Object.entries(expected)) {
      expect(await withdrawalOf(app.store, code)).toEqual({
        kind: 'effective',
        deposited,
        nominal: effective,
        effective,
        deferred: false,
      });
      expect(await ottawaStatusAt(app.store, code, new Date(`${effective}T00:00:00Z`))).toBe('withdrawn');
      const dayBefore = new Date(Date.parse(`${effective}T00:00:00Z`) - 1);
      expect(await ottawaStatusAt(app.store, code, dayBefore)).toBe('withdrawal-pending');
    }
  });

  it('records Ukraine as suspended, not withdrawn, and an Art 20 notice in armed conflict as deferred', async () => {
    expect(await ottawaStatusAt(app.store, 'UA', new Date('2026-06-01'))).toBe('suspended');
    expect(await ottawaStatusAt(app.store, 'UA', new Date('2025-07-17'))).toBe('party');
    expect(await withdrawalOf(app.store, 'UA')).toEqual({ kind: 'none' });
    const ua = await getTreatyState(app.store, 'UA');
    expect(art20Effect('2025-07-18', ua?.readiness ?? [])).toEqual({
      kind: 'deferred-armed-conflict',
      deposited: '2025-07-18',
      nominal: '2026-01-18',
    });
  });

  it('defers a withdrawal until an armed conflict ends, and ignores a conflict that ended before the six months', () => {
    const conflict = [
      period('peace', '2020-01-01'),
      period('armed-conflict', '2025-10-01'),
      period('crisis', '2026-03-15'),
    ];
    expect(art20Effect('2025-07-10', conflict)).toEqual({
      kind: 'effective',
      deposited: '2025-07-10',
      nominal: '2026-01-10',
      effective: '2026-03-15',
      deferred: true,
    });
    const ended = [period('armed-conflict', '2025-01-01'), period('peace', '2025-12-01')];
    expect(art20Effect('2025-07-10', ended)).toMatchObject({ effective: '2026-01-10', deferred: false });
  });

  it('computes entry into force per Art 17(2) and the Art 4 deadline', async () => {
    const ee = await getTreatyState(app.store, 'EE');
    expect(ee && entryIntoForce(ee)).toBe('2004-11-01');
    const ua = await getTreatyState(app.store, 'UA');
    expect(ua && art4Deadline(ua)).toBe('2010-06-01');
    const pl = await getTreatyState(app.store, 'PL');
    expect(pl && art4Deadline(pl)).toBe('2017-06-01');
    expect(addMonths('2025-08-31', 6)).toBe('2026-02-28');
  });

  it('answers readiness and APII participation, and every seeded fact carries a source URL', async () => {
    expect(await readinessAt(app.store, 'UA', new Date('2026-01-01'))).toBe('armed-conflict');
    expect(await readinessAt(app.store, 'UA', new Date('2021-01-01'))).toBeUndefined();
    expect(await readinessAt(app.store, 'FI', new Date('2026-01-01'))).toBe('peace');
    expect(await readinessAt(app.store, 'SE', new Date('2026-01-01'))).toBeUndefined();
    for (const c of ['FI', 'EE', 'LV', 'LT', 'PL', 'UA']) {
      expect(await apiiParty(app.store, c)).toBe(true);
      const s = await getTreatyState(app.store, c);
      for (const i of s?.instruments ?? []) expect(i.sourceUrl).toMatch(/^https?:\/\//);
      for (const r of s?.readiness ?? []) expect(r.sourceUrl).toMatch(/^https?:\/\//);
      expect(s?.apiiSourceUrl).toMatch(/^https?:\/\//);
    }
    expect(await apiiParty(app.store, 'SE')).toBe(false);
  });

  it('sets readiness only by an authorised event with a legal reference and a date', async () => {
    const officer = await addTestUser(app, 'olli', ['stock-officer']);
    const payload = {
      code: 'FI',
      status: 'crisis',
      legalReference: 'Emergency Powers Act 1552/2011 §3',
      sourceUrl: 'https://example.org/decision',
    };
    const denied = await app.execute(
      { type: 'treaty.readiness.set', effectiveAt: '2026-05-01', payload },
      officer,
    );
    expect(!denied.ok && denied.errors[0]?.code).toBe('AUTH_FORBIDDEN');
    const undated = await app.execute({ type: 'treaty.readiness.set', payload }, SYSTEM_ACTOR);
    expect(!undated.ok && undated.errors[0]?.code).toBe('VALIDATION_DATE_MISSING');
    const bad = await app.execute(
      {
        type: 'treaty.readiness.set',
        effectiveAt: '2026-05-01',
        payload: { code: 'XX', status: 'war', legalReference: '', sourceUrl: 'nope' },
      },
      SYSTEM_ACTOR,
    );
    expect(!bad.ok && bad.errors.map((e) => e.path).sort()).toEqual([
      'payload.legalReference',
      'payload.sourceUrl',
      'payload.status',
    ]);
    const ok = await app.execute(
      { type: 'treaty.readiness.set', effectiveAt: '2026-05-01', payload },
      SYSTEM_ACTOR,
    );
    expect(ok.ok).toBe(true);
    expect(await readinessAt(app.store, 'FI', new Date('2026-05-02'))).toBe('crisis');
    expect(await readinessAt(app.store, 'FI', new Date('2026-04-30'))).toBe('peace');
    expect((await app.verify()).ok).toBe(true);
  });
});
