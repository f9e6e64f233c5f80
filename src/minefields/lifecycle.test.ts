import { describe, expect, it } from 'vitest';
import {
  STATUSES,
  TRANSITIONS,
  checkTransition,
  type MinefieldRecord,
  type MinefieldStatus,
} from './index.js';

/** A complete record with a conforming marking, so only the table decides. */
function recordIn(status: MinefieldStatus): MinefieldRecord {
  const pos = {
    position: [25.5, 61.5] as const,
    original: { kind: 'coordinate' as const, text: '61.5 25.5', format: 'dd', crs: 'EPSG:4326' },
  };
  return {
    id: 'm1',
    humanId: 'FI-MF-2026-0001',
    state: 'FI',
    unit: 'u',
    classification: 'restricted',
    copiesHeldAt: ['HQ'],
    recordType: 'hand-emplaced',
    status,
    statusHistory: [],
    referencePoints: [
      { label: 'RP1', point: pos, landmark: 'l', fixedBy: 'gps', accuracyM: 1 },
      { label: 'RP2', point: pos, landmark: 'l', fixedBy: 'gps', accuracyM: 1 },
    ],
    perimeter: {
      polygon: {
        type: 'Polygon',
        coordinates: [
          [
            [25.5, 61.5],
            [25.51, 61.5],
            [25.51, 61.51],
            [25.5, 61.5],
          ],
        ],
      },
      areaM2: 1,
      perimeterM: 1,
    },
    rows: [{ label: 'R1', points: [pos, pos] }],
    minePositions: [],
    contents: [
      {
        typeId: 't',
        number: 1,
        emplacingMethod: 'hand',
        fuzeType: 'f',
        lifeTime: { kind: 'indefinite' },
        antiHandling: { present: false },
      },
    ],
    layingStart: '2026-05-01T00:00:00.000Z',
    layingEnd: '2026-05-01T01:00:00.000Z',
    reports: [],
    markings: [
      {
        markingId: 'k',
        sign: {
          shape: 'square',
          widthCm: 15,
          colour: 'red',
          border: { colour: 'yellow', reflective: true },
          words: [
            { language: 'en', text: 'MINES' },
            { language: 'fi', text: 'MIINOJA' },
          ],
        },
        signSpacingM: 50,
        fenceType: 'wire',
        monitoring: { arrangement: 'patrol', patrolIntervalHours: 12 },
        installedAt: '2026-05-01T02:00:00.000Z',
        seq: 1,
      },
    ],
    inspections: [],
    releases: [],
    withholdings: [],
    createdAt: '',
    updatedAt: '',
  };
}

const facts = { reason: 'overrun by enemy action', receivingForce: 'allied brigade' };

describe('status transitions', () => {
  for (const from of STATUSES) {
    for (const to of STATUSES) {
      const allowed = TRANSITIONS[from].includes(to);
      it(`${allowed ? 'allows' : 'refuses'} ${from} → ${to}`, () => {
        const problems = checkTransition(recordIn(from), to, facts);
        if (allowed) expect(problems).toEqual([]);
        else
          expect(problems.map((p) => p.code)).toEqual([
            from === 'cleared' || from === 'closed' ? 'MINEFIELD_CLOSED' : 'INVALID_TRANSITION',
          ]);
      });
    }
  }

  it('lets a cleared record be closed and nothing else', () => {
    expect(TRANSITIONS.cleared).toEqual(['closed']);
    expect(TRANSITIONS.closed).toEqual([]);
  });
});
