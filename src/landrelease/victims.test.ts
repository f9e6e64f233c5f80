import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Cairn, domainModules, exportLedger, importLedger } from '../app/index.js';
import { fixedClock } from '../core/index.js';
import { generateSigningKeyPem, loadSigner, parseEventBytes, type Signer } from '../ledger/index.js';
import { makeTestStore } from '../store/testing/index.js';
import { sealCommitment } from '../store/index.js';
import { ACCIDENTS, readSubmissionVictims, readVictims } from './index.js';
import {
  approve,
  makeFixture,
  recordHazard,
  square,
  submissionIdOf,
  submit,
  type Fixture,
} from './fixtures.testkit.js';

const NAME = 'SYNTHETIC Person Zeta';
const accident = (hazardId: string) => ({
  kind: 'mine',
  date: '2026-04-02',
  location: [10.0003, 0.5003],
  hazardId,
  device: { category: 'ap-mine' },
  cause: 'SYNTHETIC',
  areaMarked: false,
  description: 'SYNTHETIC DEMO DATA accident',
  victims: [
    {
      sex: 'male',
      ageGroup: 'child',
      age: 11,
      name: NAME,
      occupation: 'SYNTHETIC herder',
      consent: true,
      outcome: 'injured',
      injuries: ['C1.2.3.2'],
    },
    { sex: 'female', ageGroup: 'adult', outcome: 'killed' },
  ],
});

function signer(): Signer {
  const s = loadSigner('cairn/test', generateSigningKeyPem());
  if (!s.ok) throw new Error('test key');
  return s.value;
}
const newApp = async (sig: Signer) =>
  new Cairn({
    store: await makeTestStore(),
    signer: sig,
    clock: fixedClock('2026-06-01T12:00:00Z', 1000),
    modules: domainModules,
  });

async function ledgerText(f: Fixture): Promise<string> {
  const size = await f.app.store.treeSize();
  return (await f.app.store.readEntries(0, size)).map((e) => e.bytes.toString('utf8')).join('\n');
}

/** Record one accident through the workbench; returns its ids. */
async function recordAccident(f: Fixture): Promise<{ accidentId: string; submissionId: string }> {
  const hz = await recordHazard(f, square(10, 0.5, 0.001));
  const submissionId = submissionIdOf(await submit(f, f.surveyor, 'accident', accident(hz)));
  const a = await approve(f, submissionId);
  return { accidentId: a.result['officialId'] as string, submissionId };
}

let sig: Signer;
let f: Fixture;
beforeEach(async () => {
  sig = signer();
  f = await makeFixture(await newApp(sig));
});
afterEach(async () => {
  await f.app.close();
});

describe('victims\u2019 personal data is sealed outside the ledger', () => {
  it('writes no personal field into any event, only commitments that match the sealed records, and counts by sex and age', async () => {
    const { accidentId } = await recordAccident(f);
    const text = await ledgerText(f);
    for (const personal of [NAME, 'SYNTHETIC herder', 'C1.2.3.2', '"age":11'])
      expect(text).not.toContain(personal);
    const size = await f.app.store.treeSize();
    const recorded = (await f.app.store.readEntries(0, size))
      .map((e) => parseEventBytes(e.bytes))
      .find((e) => e.type === 'landrelease.accident-recorded');
    const victims = recorded?.payload['victims'] as {
      victimId: string;
      sealedId: string;
      commitment: string;
    }[];
    expect(victims).toHaveLength(2);
    for (const v of victims) {
      expect(Object.keys(v).sort()).toEqual(['commitment', 'sealedId', 'victimId']);
      const rec = await f.app.store.getSealed(v.sealedId);
      expect(rec).toBeDefined();
      if (rec !== undefined) expect(sealCommitment(rec.salt, rec.data)).toBe(v.commitment);
    }
    expect(recorded?.payload['casualties']).toEqual([
      { outcome: 'injured', sex: 'male', ageGroup: 'child', count: 1 },
      { outcome: 'killed', sex: 'female', ageGroup: 'adult', count: 1 },
    ]);
    // Projections hold no personal data either: the read helper joins it for victim.read.
    const all: string[] = [];
    for await (const d of f.app.store.allDocs()) all.push(JSON.stringify(d.data));
    expect(all.join('\n')).not.toContain(NAME);
    const r = await readVictims(f.app.store, f.imo, accidentId);
    expect(r.ok && r.value.map((d) => d.data['name']).sort()).toEqual([NAME, undefined]);
    expect((await f.app.store.getDoc(ACCIDENTS, accidentId))?.data['victimCount']).toBe(2);
    expect((await f.app.verify()).ok).toBe(true);
  });

  it('shows a reviewer with victim.read the sealed victims of a pending report, and nobody else', async () => {
    const hz = await recordHazard(f, square(10, 0.5, 0.001));
    const sid = submissionIdOf(await submit(f, f.surveyor, 'accident', accident(hz)));
    const r = await readSubmissionVictims(f.app.store, f.imo, sid);
    expect(r.ok && r.value.map((v) => v['name'])).toEqual([NAME, undefined]);
    const denied = await readSubmissionVictims(f.app.store, f.surveyor, sid);
    expect(!denied.ok && denied.errors[0]?.code).toBe('AUTH_FORBIDDEN');
  });

  it('erases one victim\u2019s data on request: the commitment stays, an erasure event is recorded and verify still passes', async () => {
    const { accidentId } = await recordAccident(f);
    const before = await readVictims(f.app.store, f.imo, accidentId);
    const named = before.ok ? before.value.find((d) => d.data['name'] === NAME) : undefined;
    const victimId = named?.id ?? '';
    const sealedId = named?.data['sealedId'] as string;
    const surveyor = await f.app.execute(
      { type: 'landrelease.victim.erase', payload: { victimId, reason: 'SYNTHETIC request' } },
      f.surveyor,
    );
    expect(!surveyor.ok && surveyor.errors[0]?.code).toBe('AUTH_FORBIDDEN');
    const size = await f.app.store.treeSize();
    const r = await f.app.execute(
      { type: 'landrelease.victim.erase', payload: { victimId, reason: 'data subject request (SYNTHETIC)' } },
      f.imo,
    );
    expect(r.ok && r.value.events.map((e) => [e.type, e.payload['erasedSealedIds']])).toEqual([
      ['landrelease.victim-data-erased', [sealedId]],
    ]);
    expect(await f.app.store.getSealed(sealedId)).toBeUndefined();
    expect(await f.app.store.treeSize()).toBe(size + 1);
    const after = await readVictims(f.app.store, f.imo, accidentId);
    const gone = after.ok ? after.value.find((d) => d.id === victimId) : undefined;
    expect(gone?.data['erased']).toBe(true);
    expect(gone?.data['name']).toBeUndefined();
    const again = await f.app.execute(
      { type: 'landrelease.victim.erase', payload: { victimId, reason: 'again' } },
      f.imo,
    );
    expect(!again.ok && again.errors[0]?.code).toBe('CONFLICT');
    const v = await f.app.verify();
    expect(v.failures).toEqual([]);
    expect(v.sealed).toBe(1);
  });

  it('fails verify when a sealed record is altered or deleted behind the ledger\u2019s back', async () => {
    const { accidentId } = await recordAccident(f);
    const r = await readVictims(f.app.store, f.imo, accidentId);
    const [a, b] = r.ok ? r.value.map((d) => d.data['sealedId'] as string) : [];
    const rec = await f.app.store.getSealed(a ?? '');
    await f.app.store.transaction(async (tx) => {
      await tx.eraseSealed(a ?? '');
      await tx.putSealed(a ?? '', { ...rec?.data, name: 'SYNTHETIC Someone Else' }, rec?.salt ?? '');
      await tx.eraseSealed(b ?? '');
    });
    const v = await f.app.verify();
    expect(v.ok).toBe(false);
    expect(v.failures.map((x) => x.check)).toEqual(['sealed', 'sealed']);
    const messages = v.failures.map((x) => x.message);
    expect(messages.filter((m) => m.includes(`${a ?? ''} does not match the commitment`))).toHaveLength(1);
    expect(
      messages.filter((m) => m.includes(`${b ?? ''} (event`) && m.includes('missing and no erasure event')),
    ).toHaveLength(1);
  });

  it('carries sealed records through ledger export and import, and leaves them out of a shared copy', async () => {
    const { accidentId } = await recordAccident(f);
    // Erase the victim who is not NAME (read order follows random ids, so pick by name).
    const before = (await readVictims(f.app.store, f.imo, accidentId)) as {
      ok: true;
      value: { id: string; data: Record<string, unknown> }[];
    };
    const other = before.value.find((d) => d.data['name'] !== NAME);
    expect(other).toBeDefined();
    await f.app.execute(
      { type: 'landrelease.victim.erase', payload: { victimId: other?.id ?? '', reason: 'SYNTHETIC' } },
      f.imo,
    );
    const copy = async (credentials: boolean): Promise<{ app: Cairn; lines: string[] }> => {
      const lines: string[] = [];
      await exportLedger(
        f.app,
        (l) => {
          lines.push(l);
          return Promise.resolve();
        },
        { credentials },
      );
      const app = await newApp(sig);
      await app.store.setMeta('origin', 'cairn/test');
      async function* it(): AsyncIterable<string> {
        await Promise.resolve();
        yield* lines;
      }
      await importLedger(app, it());
      return { app, lines };
    };
    const full = await copy(true);
    try {
      expect(full.lines.filter((l) => l.includes('"kind":"sealed"'))).toHaveLength(1);
      const r = await readVictims(full.app.store, f.imo, accidentId);
      expect(r.ok && r.value.map((d) => d.data['name']).filter((n) => n !== undefined)).toEqual([NAME]);
      expect((await full.app.verify()).failures).toEqual([]);
    } finally {
      await full.app.close();
    }
    const shared = await copy(false);
    try {
      expect(shared.lines.join('\n')).not.toContain(NAME);
      const v = await shared.app.verify();
      expect([v.ok, v.sealed]).toEqual([true, 0]);
    } finally {
      await shared.app.close();
    }
  });

  it('refuses an import whose sealed line does not match its commitment, writing nothing', async () => {
    await recordAccident(f);
    const lines: string[] = [];
    await exportLedger(f.app, (l) => {
      lines.push(l);
      return Promise.resolve();
    });
    const forged = lines.map((l) =>
      l.includes('"kind":"sealed"') ? l.replace(NAME, 'SYNTHETIC Forged') : l,
    );
    const app = await newApp(sig);
    try {
      await app.store.setMeta('origin', 'cairn/test');
      async function* it(): AsyncIterable<string> {
        await Promise.resolve();
        yield* forged;
      }
      await expect(importLedger(app, it())).rejects.toMatchObject({ code: 'LEDGER_IMPORT_INVALID' });
      expect(await app.store.treeSize()).toBe(0);
    } finally {
      await app.close();
    }
  });
});
