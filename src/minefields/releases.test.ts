/** Information releases (APII Art 9(2)), need-to-know on records, and recorded contents for land release. */
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../access/index.js';
import { addTestUser } from '../app/testing/index.js';
import {
  HANDED_TO_MINE_ACTION,
  countMinefields,
  getMinefield,
  listMinefields,
  readMinefield,
  recordedContents,
} from './index.js';
import {
  createRecord,
  worldPerTest,
  must,
  report,
  validPayload,
  type MinefieldWorld,
  errorCodes as codes,
} from './testing/fixture.js';

let w: MinefieldWorld;
worldPerTest((world) => (w = world));

describe('information releases (APII Art 9(2))', () => {
  it('hands the record over to mine action on release to a national mine action centre, once', async () => {
    const { id, humanId } = await createRecord(w);
    await must(w.app, report(id, 'completion'), w.recorder);
    const un = await must(
      w.app,
      {
        type: 'minefield.release',
        payload: {
          minefieldId: id,
          recipient: { kind: 'un-secretary-general', name: 'UN Secretary-General' },
          legalBasis: 'CCW APII Art 9(2)',
          releasedAt: '2026-05-30T00:00:00Z',
        },
      },
      w.imo,
    );
    expect(un.events.map((e) => e.type)).toEqual(['minefield.released']);
    const mac = await must(
      w.app,
      {
        type: 'minefield.release',
        payload: {
          minefieldId: id,
          recipient: { kind: 'national-mac', name: 'SYNTHETIC National MAC' },
          legalBasis: 'CCW APII Art 9(2), Art 10',
          releasedAt: '2026-05-31T00:00:00Z',
        },
      },
      w.imo,
    );
    const handed = mac.events.find((e) => e.type === HANDED_TO_MINE_ACTION);
    const rec = await getMinefield(w.app.store, id);
    expect(handed?.payload).toMatchObject({
      minefieldId: id,
      humanId,
      state: 'FI',
      recipient: 'SYNTHETIC National MAC',
      perimeter: rec?.perimeter?.polygon,
    });
    expect(rec?.handedToMineAction?.recipient.kind).toBe('national-mac');
    expect(rec?.releases.map((x) => x.recipient.kind)).toEqual(['un-secretary-general', 'national-mac']);
    const again = await must(
      w.app,
      {
        type: 'minefield.release',
        payload: {
          minefieldId: id,
          recipient: { kind: 'clearance-operator', name: 'SYNTHETIC Operator' },
          legalBasis: 'x',
          releasedAt: '2026-05-31T00:00:00Z',
          parts: ['perimeter'],
        },
      },
      w.imo,
    );
    expect(again.events.map((e) => e.type).filter((t) => t === HANDED_TO_MINE_ACTION)).toEqual([]);
  });

  it('records a decision to withhold with its reason; a recorder may not release', async () => {
    const { id } = await createRecord(w);
    await must(
      w.app,
      {
        type: 'minefield.withhold',
        payload: {
          minefieldId: id,
          recipient: { kind: 'adverse-party', name: 'SYNTHETIC adverse party' },
          reason: 'forces on adverse territory; reciprocal security',
          decidedAt: '2026-05-30T00:00:00Z',
        },
      },
      w.imo,
    );
    expect((await getMinefield(w.app.store, id))?.withholdings[0]?.reason).toBe(
      'forces on adverse territory; reciprocal security',
    );
    expect(
      codes(
        await w.app.execute(
          {
            type: 'minefield.release',
            payload: {
              minefieldId: id,
              recipient: { kind: 'adverse-party', name: 'x' },
              legalBasis: 'x',
              releasedAt: '2026-05-30T00:00:00Z',
            },
          },
          w.recorder,
        ),
      ),
    ).toEqual(['AUTH_FORBIDDEN']);
  });
});

describe('need-to-know', () => {
  it('hides a secret record from a confidential recorder entirely, and counts only for roles granted minefield.count', async () => {
    const visible = await createRecord(w);
    const secret = await must(
      w.app,
      { type: 'minefield.create', payload: validPayload(w, { classification: 'secret' }) },
      SYSTEM_ACTOR,
    );
    const secretId = secret.result['minefieldId'] as string;
    expect((await listMinefields(w.app.store, w.recorder)).map((r) => r.id)).toEqual([visible.id]);
    const hidden = await readMinefield(w.app.store, w.recorder, secretId);
    const absent = await readMinefield(w.app.store, w.recorder, 'no-such-record');
    expect(codes(hidden)).toEqual(['NOT_FOUND']);
    expect(codes(absent)).toEqual(['NOT_FOUND']);
    const cmd = await w.app.execute(
      { type: 'minefield.amend', payload: { minefieldId: secretId, unit: 'x' } },
      w.recorder,
    );
    expect(codes(cmd)).toEqual(['NOT_FOUND']);
    expect(codes(await countMinefields(w.app.store, w.recorder))).toEqual(['AUTH_FORBIDDEN']);
    const auditor = await addTestUser(w.app, 'audra', ['auditor'], { clearance: 'restricted' });
    expect(await listMinefields(w.app.store, auditor)).toEqual([]);
    expect(await countMinefields(w.app.store, auditor)).toEqual({ ok: true, value: 2 });
    const pub = await addTestUser(w.app, 'pat', ['public']);
    expect(await listMinefields(w.app.store, pub)).toEqual([]);
  });

  it('scopes records by region', async () => {
    await createRecord(w, { region: 'FI-08' });
    const other = await addTestUser(w.app, 'reg', ['minefield-recorder'], { regions: ['FI-10'] });
    const same = await addTestUser(w.app, 'reg2', ['minefield-recorder'], { regions: ['FI-08'] });
    expect(await listMinefields(w.app.store, other)).toEqual([]);
    expect((await listMinefields(w.app.store, same)).length).toBe(1);
  });
});

describe('recorded contents for land release', () => {
  it('returns each line with its type category', async () => {
    const { id } = await createRecord(w);
    expect(await recordedContents(w.app.store, id)).toEqual([
      { typeId: w.stock.apTypeId, lotId: w.stock.lotId, number: 35, category: 'AP' },
      { typeId: w.stock.atTypeId, lotId: w.stock.atLotId, number: 10, category: 'AT' },
    ]);
  });
});
