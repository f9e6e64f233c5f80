import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from './cli.testkit.js';

const run = runCli;

afterEach(() => {
  process.exitCode = undefined;
});

/** A synthetic suspected hazardous area (SYNTHETIC DEMO DATA; a random square, no real place). */
const hazardReport = {
  name: 'SYNTHETIC test hazard',
  kind: 'sha',
  evidence: { kind: 'indirect', items: ['SYNTHETIC community report'] },
  devices: { suspected: ['ap-mine'], confirmed: [] },
  perimeter: {
    type: 'Polygon',
    coordinates: [
      [
        [-20, -30],
        [-19.999, -30],
        [-19.999, -29.999],
        [-20, -29.999],
        [-20, -30],
      ],
    ],
  },
  benchmark: [-20.0005, -30.0005],
  estimatedAreaM2: 10000,
  landUse: ['agriculture'],
  blockages: [],
  beneficiaries: { women: 1, men: 1, girls: 0, boys: 0 },
  priority: 'high',
  minefieldIds: [],
  classification: 'restricted',
  region: 'FI',
};

describe('cairn landrelease status', () => {
  it('accepts the human id that `landrelease hazards` prints; an unknown one is refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cairn-lr-cli-'));
    const d = ['--data', join(dir, 'd')];
    expect((await run(['init', ...d])).code).toBe(0);
    for (const [name, role] of [
      ['sam', 'field-surveyor'],
      ['ines', 'im-officer'],
    ] as const) {
      expect((await run(['user', 'add', name, '--role', role, ...d], 'a long enough password')).code).toBe(0);
    }
    const file = join(dir, 'hazard.json');
    writeFileSync(file, JSON.stringify(hazardReport));
    const sub = JSON.parse(
      (await run(['landrelease', 'submit', 'hazard', file, '--json', '--as', 'sam', ...d])).out,
    ) as { submissionId: string };
    expect((await run(['landrelease', 'approve', sub.submissionId, '--as', 'ines', ...d])).code).toBe(0);
    const listed = await run(['landrelease', 'hazards', '--as', 'ines', ...d]);
    const humanId = /^(\S+) sha open /m.exec(listed.out)?.[1];
    expect(humanId).toMatch(/^HA-\d+$/);

    const byHuman = await run([
      'landrelease',
      'status',
      humanId ?? '',
      'closed',
      '--date',
      '2026-01-05',
      '--reason',
      'cancelled by survey',
      '--as',
      'ines',
      ...d,
    ]);
    expect([byHuman.code, byHuman.err]).toEqual([0, '']);
    expect((await run(['landrelease', 'hazards', '--as', 'ines', ...d])).out).toMatch(
      new RegExp(`^${humanId ?? ''} sha closed `, 'm'),
    );

    const unknown = await run([
      'landrelease',
      'status',
      'HA-9999',
      'closed',
      '--date',
      '2026-01-05',
      '--reason',
      'x',
      '--as',
      'ines',
      ...d,
    ]);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/LANDRELEASE_HAZARD_UNKNOWN/);
  });
});
