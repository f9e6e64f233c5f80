import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEvents } from '../app/index.js';
import { generateSigningKeyPem, loadSigner, verifierKeyString } from '../ledger/index.js';
import { buildPackage, verifyPackage, type MinefieldPackage } from './index.js';
import {
  createRecord,
  minefieldWorld,
  must,
  report,
  validMarking,
  type MinefieldWorld,
} from './testing/fixture.js';

let w: MinefieldWorld;
let pkg: MinefieldPackage;

beforeAll(async () => {
  w = await minefieldWorld();
  const { id } = await createRecord(w);
  await createRecord(w);
  await must(w.app, report(id, 'completion'), w.recorder);
  await must(w.app, { type: 'minefield.marking.record', payload: validMarking(id) }, w.recorder);
  await must(
    w.app,
    {
      type: 'minefield.release',
      payload: {
        minefieldId: id,
        recipient: { kind: 'national-mac', name: 'SYNTHETIC MAC' },
        legalBasis: 'CCW APII Art 9(2)',
        releasedAt: '2026-05-31T00:00:00Z',
      },
    },
    w.imo,
  );
  pkg = await buildPackage(w.app.store, w.app.ledger, readEvents(w.app.store), id, w.app.clock.now());
});
afterAll(async () => {
  await w.app.close();
});

const tampered = (f: (p: MinefieldPackage) => MinefieldPackage) => JSON.stringify(f(structuredClone(pkg)));
const codes = async (text: string) => {
  const r = await verifyPackage(text);
  return r.ok ? [] : [...new Set(r.errors.map((e) => e.code))];
};

describe('export package', () => {
  it("holds only this record's events, including the handover, and verifies offline", async () => {
    const types = pkg.events.map(
      (e) =>
        JSON.parse(Buffer.from(e.bytes, 'base64').toString('utf8')) as {
          type: string;
          payload: { minefieldId: string };
        },
    );
    expect(types.map((e) => e.type)).toEqual([
      'minefield.recorded',
      'minefield.report-filed',
      'minefield.status-changed',
      'minefield.marking-recorded',
      'minefield.released',
      'minefield.handed-to-mine-action',
    ]);
    expect(types.every((e) => e.payload.minefieldId === pkg.minefieldId)).toBe(true);
    expect((pkg.geojson['features'] as unknown[]).length).toBe(4);
    const r = await verifyPackage(JSON.stringify(pkg));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value).toMatchObject({ humanId: pkg.humanId, events: 6, origin: 'cairn/test' });
  });

  it('refuses a tampered record', async () => {
    expect(await codes(tampered((p) => ({ ...p, record: { ...p.record, unit: 'SOMEONE ELSE' } })))).toEqual([
      'MINEFIELD_PACKAGE_RECORD_MISMATCH',
    ]);
    expect(
      await codes(tampered((p) => ({ ...p, geojson: { type: 'FeatureCollection', features: [] } }))),
    ).toEqual(['MINEFIELD_PACKAGE_RECORD_MISMATCH']);
  });

  it('refuses a tampered event or proof', async () => {
    expect(
      await codes(
        tampered((p) => ({
          ...p,
          events: p.events.map((e, i) =>
            i === 1
              ? {
                  ...e,
                  proof: e.proof.map((h, j) => (j === 0 ? `${h[0] === '0' ? '1' : '0'}${h.slice(1)}` : h)),
                }
              : e,
          ),
        })),
      ),
    ).toEqual(['LEDGER_PROOF_INVALID']);
    const forged = (e: MinefieldPackage['events'][number]) =>
      Buffer.from(
        Buffer.from(e.bytes, 'base64').toString('utf8').replace('"number":35', '"number":3'),
      ).toString('base64');
    expect(
      await codes(
        tampered((p) => ({
          ...p,
          events: p.events.map((e, i) => (i === 0 ? { ...e, bytes: forged(e) } : e)),
        })),
      ),
    ).toEqual(['LEDGER_PROOF_INVALID']);
    expect(await codes(tampered((p) => ({ ...p, events: p.events.slice(1) })))).toEqual([
      'MINEFIELD_PACKAGE_INVALID',
      'MINEFIELD_PACKAGE_RECORD_MISMATCH',
    ]);
  });

  it('refuses a tampered checkpoint', async () => {
    const lines = pkg.checkpoint.split('\n');
    const bumped = [lines[0], String(Number(lines[1]) + 1), ...lines.slice(2)].join('\n');
    expect(await codes(tampered((p) => ({ ...p, checkpoint: bumped })))).toEqual([
      'LEDGER_CHECKPOINT_INVALID',
    ]);
  });

  it('refuses a tampered or substituted key', async () => {
    const other = loadSigner('cairn/test', generateSigningKeyPem());
    if (!other.ok) throw new Error('key');
    expect(await codes(tampered((p) => ({ ...p, verifierKey: verifierKeyString(other.value) })))).toEqual([
      'LEDGER_CHECKPOINT_INVALID',
    ]);
    expect(
      await codes(
        tampered((p) => ({ ...p, verifierKey: p.verifierKey.replace(/\+([0-9a-f]{8})\+/, '+00000000+') })),
      ),
    ).toEqual(['KEY_INVALID']);
  });

  it('refuses text that is not a package', async () => {
    expect(await codes('not json')).toEqual(['MINEFIELD_PACKAGE_INVALID']);
    expect(await codes(JSON.stringify({ format: 'other' }))).toEqual(['MINEFIELD_PACKAGE_INVALID']);
  });
});
