/** Marking, inspections and repairs of a minefield record (CCW APII Art 5(2), TA 4). */
import { describe, expect, it } from 'vitest';
import { getMinefield } from './index.js';
import {
  createRecord,
  worldPerTest,
  must,
  validMarking,
  type MinefieldWorld,
  errorCodes as codes,
} from './testing/fixture.js';

let w: MinefieldWorld;
worldPerTest((world) => (w = world));

describe('marking, inspections and repairs', () => {
  it('refuses a sign that fails Technical Annex 4, listing every failure', async () => {
    const { id } = await createRecord(w);
    const r = await w.app.execute(
      {
        type: 'minefield.marking.record',
        payload: validMarking(id, {
          sign: {
            shape: 'triangle',
            widthCm: 25,
            heightCm: 18,
            colour: 'blue',
            border: { colour: 'white', reflective: false },
            words: [{ language: 'de', text: 'MINEN' }],
          },
        }),
      },
      w.recorder,
    );
    expect(r.ok ? [] : r.errors.map((e) => `${e.code}@${e.path}`)).toEqual([
      'MINEFIELD_SIGN_NONCONFORMING@payload.sign.widthCm',
      'MINEFIELD_SIGN_NONCONFORMING@payload.sign.heightCm',
      'MINEFIELD_SIGN_NONCONFORMING@payload.sign.colour',
      'MINEFIELD_SIGN_NONCONFORMING@payload.sign.border.colour',
      'MINEFIELD_SIGN_NONCONFORMING@payload.sign.border.reflective',
      'MINEFIELD_SIGN_NONCONFORMING@payload.sign.words',
      'MINEFIELD_SIGN_NONCONFORMING@payload.sign.words',
    ]);
  });

  it('accepts a 15 cm orange square with Russian and Swedish words in Finland, refuses a 14 cm one', async () => {
    const { id } = await createRecord(w);
    const sign = (side: number) => ({
      shape: 'square',
      widthCm: side,
      colour: 'orange',
      border: { colour: 'yellow', reflective: true },
      words: [
        { language: 'ru', text: 'МИНЫ' },
        { language: 'sv', text: 'MINOR' },
      ],
    });
    expect(
      (
        await w.app.execute(
          { type: 'minefield.marking.record', payload: validMarking(id, { sign: sign(15) }) },
          w.recorder,
        )
      ).ok,
    ).toBe(true);
    expect(
      codes(
        await w.app.execute(
          { type: 'minefield.marking.record', payload: validMarking(id, { sign: sign(14) }) },
          w.recorder,
        ),
      ),
    ).toEqual(['MINEFIELD_SIGN_NONCONFORMING']);
  });

  it('records an inspection with findings and photos, and a repair closes only open findings', async () => {
    const { id } = await createRecord(w);
    expect(
      codes(
        await w.app.execute(
          {
            type: 'minefield.inspection.record',
            payload: { minefieldId: id, inspectedAt: '2026-05-20T10:00:00Z', inspector: 'x' },
          },
          w.recorder,
        ),
      ),
    ).toEqual(['MINEFIELD_MARKING_MISSING']);
    await must(w.app, { type: 'minefield.marking.record', payload: validMarking(id) }, w.recorder);
    const i = await must(
      w.app,
      {
        type: 'minefield.inspection.record',
        payload: {
          minefieldId: id,
          inspectedAt: '2026-05-20T10:00:00Z',
          inspector: 'SYNTHETIC Sgt',
          findings: [
            { kind: 'sign-missing', note: 'north side', photos: ['photo-1.jpg'] },
            { kind: 'fence-breach' },
          ],
        },
      },
      w.recorder,
    );
    const [f1, f2] = i.result['findingIds'] as string[];
    expect(
      codes(
        await w.app.execute(
          {
            type: 'minefield.repair.record',
            payload: { minefieldId: id, findingIds: ['nope'], repairedAt: '2026-05-21T10:00:00Z' },
          },
          w.recorder,
        ),
      ),
    ).toEqual(['MINEFIELD_FINDING_UNKNOWN']);
    expect(
      codes(
        await w.app.execute(
          {
            type: 'minefield.repair.record',
            payload: { minefieldId: id, findingIds: [f1], repairedAt: '2026-05-19T10:00:00Z' },
          },
          w.recorder,
        ),
      ),
    ).toEqual(['VALIDATION_DATE_ORDER']);
    await must(
      w.app,
      {
        type: 'minefield.repair.record',
        payload: { minefieldId: id, findingIds: [f1], repairedAt: '2026-05-21T10:00:00Z', note: 'replaced' },
      },
      w.recorder,
    );
    const rec = await getMinefield(w.app.store, id);
    expect(rec?.inspections[0]?.findings.map((f) => [f.findingId, f.repairedAt ?? null])).toEqual([
      [f1, '2026-05-21T10:00:00.000Z'],
      [f2, null],
    ]);
    expect(rec?.inspections[0]?.findings[0]?.photos).toEqual(['photo-1.jpg']);
    expect(
      codes(
        await w.app.execute(
          {
            type: 'minefield.repair.record',
            payload: { minefieldId: id, findingIds: [f1], repairedAt: '2026-05-22T10:00:00Z' },
          },
          w.recorder,
        ),
      ),
    ).toEqual(['MINEFIELD_FINDING_UNKNOWN']);
  });
});
