import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../access/index.js';
import type { Cairn } from '../app/index.js';
import { addTestUser, makeTestApp } from '../app/testing/index.js';
import { SUBJECT_KINDS, findingVisible } from './index.js';

let app: Cairn;
beforeAll(async () => {
  app = await makeTestApp();
});
afterAll(async () => {
  await app.close();
});

describe('need-to-know on compliance findings', () => {
  it('fails closed: a subject kind it does not know is hidden, even from the system operator', async () => {
    for (const kind of ['victim', 'Minefield', '', 'minefield ']) {
      expect(await findingVisible(app, SYSTEM_ACTOR, { kind, id: 'x' }), kind).toBe(false);
    }
  });

  it('decides each known kind by the reader’s permission', async () => {
    const officer = await addTestUser(app, 'olga', ['stock-officer']);
    const surveyor = await addTestUser(app, 'sami', ['field-surveyor']);
    for (const kind of [
      'facility',
      'movement',
      'discrepancy',
      'stock-type',
      'lot',
      'check',
      'state',
    ] as const) {
      expect(await findingVisible(app, officer, { kind, id: 'x' }), kind).toBe(true);
      expect(await findingVisible(app, surveyor, { kind, id: 'x' }), kind).toBe(false);
    }
    // Records that do not exist are visible to nobody.
    expect(await findingVisible(app, SYSTEM_ACTOR, { kind: 'minefield', id: 'no-such-record' })).toBe(false);
    expect(await findingVisible(app, SYSTEM_ACTOR, { kind: 'hazard', id: 'no-such-record' })).toBe(false);
    expect(SUBJECT_KINDS).toHaveLength(9);
  });
});
