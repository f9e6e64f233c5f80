import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from './cli.testkit.js';

const run = runCli;

afterEach(() => {
  process.exitCode = undefined;
});

const json = (r: { out: string }) => JSON.parse(r.out) as Record<string, unknown>;

/**
 * A fresh data directory with olli (stock officer), aino (approver) and any extra user, a
 * manufacturer in `state` and its depot there, licensed for hazard division `division`, and a way to
 * add a lot.
 */
async function depot(state: string, division: string, ...extra: (readonly [string, string])[]) {
  const data = join(mkdtempSync(join(tmpdir(), 'cairn-stock-cli-')), 'd');
  const d = ['--data', data];
  expect((await run(['init', ...d])).code).toBe(0);
  for (const [name, role] of [['olli', 'stock-officer'] as const, ['aino', 'approver'] as const, ...extra])
    expect((await run(['user', 'add', name, '--role', role, ...d], 'a long enough password')).code).toBe(0);
  const as = (u: string) => ['--as', u, '--json', ...d];
  const org = json(
    await run([
      'stock',
      'org',
      'add',
      '--name',
      'Works',
      '--kind',
      'manufacturer',
      '--country',
      state,
      ...as('olli'),
    ]),
  )['orgId'] as string;
  const facility = {
    name: 'Depot',
    operatorId: org,
    state,
    location: { type: 'Point', coordinates: [-20, -30] },
    licenceRef: 'L-1',
    neqLimitsKg: { [division]: 100 },
    securityLevel: 1,
    twoPersonRule: false,
    locations: [{ id: 'A1', building: 'A', bay: '1' }],
  };
  const fid = json(
    await run(['stock', 'facility', 'add', '--payload', JSON.stringify(facility), ...as('olli')]),
  )['facilityId'] as string;
  /** Add a mine type (its catalogue payload) and lot L1 of it from the manufacturer: the lot id. */
  const lot = async (type: Record<string, unknown>): Promise<string> => {
    const tid = json(await run(['stock', 'type', 'add', '--payload', JSON.stringify(type), ...as('olli')]))[
      'typeId'
    ] as string;
    const lid = json(
      await run([
        'stock',
        'lot',
        'add',
        '--type',
        tid,
        '--lot-number',
        'L1',
        '--manufacturer',
        org,
        '--origin',
        state,
        '--production-month',
        '2020-01',
        ...as('olli'),
      ]),
    )['lotId'] as string;
    return lid;
  };
  return { d, as, fid, lot };
}

describe('cairn stock, treaty, compliance and report stock', () => {
  it('runs the two-person lifecycle, refuses self-approval and reports the statement with its checkpoint', async () => {
    const { d, as, fid, lot } = await depot('UA', '1.1', ['audrey', 'auditor']);
    expect((await run(['treaty', 'seed', ...d])).code).toBe(0);
    const ua = json(await run(['treaty', 'show', 'UA', '--json', ...d]));
    expect(ua['ottawaStatus']).toBe('suspended');
    const fi = json(await run(['treaty', 'show', 'FI', '--at', '2025-12-01', '--json', ...d]));
    expect([fi['ottawaStatus'], fi['withdrawalEffective']]).toEqual(['withdrawal-pending', '2026-01-10']);

    const type = {
      designation: 'SYN-1',
      category: 'AP',
      ottawaStatus: 'banned-ap',
      detectable: true,
      selfDestruct: false,
      selfDeactivation: false,
      remotelyDelivered: false,
      hazardDivision: '1.1',
      compatibilityGroup: 'D',
      neqKg: 0.1,
    };
    const lid = await lot(type);
    const payload = JSON.stringify({
      kind: 'found',
      lotId: lid,
      quantity: 25,
      to: { facilityId: fid, locationId: 'A1' },
      reference: 'audit',
    });
    const mid = json(
      await run(['stock', 'move', 'propose', '--payload', payload, '--date', '2026-01-05', ...as('olli')]),
    )['movementId'] as string;

    const self = await run(['stock', 'move', 'approve', mid, ...as('olli')]);
    expect(self.code).not.toBe(0);
    expect(self.err).toMatch(/AUTH_FORBIDDEN/);
    const audit = await run(['stock', 'move', 'approve', mid, ...as('audrey')]);
    expect(audit.err).toMatch(/AUTH_FORBIDDEN/);
    expect((await run(['stock', 'move', 'approve', mid, ...as('aino')])).code).toBe(0);
    const undated = await run(['stock', 'move', 'execute', mid, ...as('olli')]);
    expect(undated.code).not.toBe(0);
    const exec = json(await run(['stock', 'move', 'execute', mid, '--date', '2026-01-06', ...as('olli')]));
    expect((exec['events'] as Array<{ flags?: string[] }>)[0]?.flags).toEqual(['backdated']);

    const bal = json(await run(['stock', 'balance', '--lot', lid, '--as-of', '2026-01-06', ...as('audrey')]));
    expect(bal['balance']).toBe(25);
    expect(
      json(await run(['stock', 'balance', '--lot', lid, '--as-of', '2026-01-05', ...as('audrey')]))[
        'balance'
      ],
    ).toBe(0);

    const st = json(await run(['report', 'stock', '--as-of', '2026-02-01', ...as('audrey')]));
    expect(st['formB']).toEqual([
      { state: 'UA', designation: 'SYN-1', lotNumber: 'L1', quantity: 25, note: '' },
    ]);
    expect((st['checkpoint'] as { size: number }).size).toBeGreaterThan(0);
    const csv = await run(['report', 'stock', '--as-of', '2026-02-01', '--csv', '--as', 'audrey', ...d]);
    expect(csv.out).toMatch(/^# Form B.*\nstate,designation,lotNumber,quantity\nUA,SYN-1,L1,25$/m);

    const c = json(await run(['compliance', ...as('audrey')]));
    const rules = (c['findings'] as Array<{ rule: string }>).map((f) => f.rule);
    expect(rules).toContain('stock.ap-stock-past-art4-deadline');
  });
  it('says a rejected or cancelled movement is "rejected" or "cancelled" in plain text', async () => {
    const { d, as, fid, lot } = await depot('EE', '1.2');
    const type = {
      designation: 'SYN-AT',
      category: 'AT',
      ottawaStatus: 'anti-vehicle',
      detectable: true,
      selfDestruct: false,
      selfDeactivation: false,
      remotelyDelivered: false,
      hazardDivision: '1.2',
      compatibilityGroup: 'D',
      neqKg: 1,
    };
    const lid = await lot(type);
    const payload = JSON.stringify({
      kind: 'receipt',
      lotId: lid,
      quantity: 5,
      to: { facilityId: fid, locationId: 'A1' },
    });
    const propose = async () =>
      json(
        await run(['stock', 'move', 'propose', '--payload', payload, '--date', '2026-01-05', ...as('olli')]),
      )['movementId'] as string;
    const first = await propose();
    const second = await propose();

    const rejected = await run([
      'stock',
      'move',
      'reject',
      first,
      '--reason',
      'wrong lot',
      '--as',
      'aino',
      ...d,
    ]);
    expect([rejected.code, rejected.out]).toEqual([0, `rejected ${first}\n`]);
    const cancelled = await run([
      'stock',
      'move',
      'cancel',
      second,
      '--reason',
      'duplicate',
      '--as',
      'olli',
      ...d,
    ]);
    expect([cancelled.code, cancelled.out]).toEqual([0, `cancelled ${second}\n`]);
  });
  it('treaty show prints the instruments and the readiness history it promises, not only the status row', async () => {
    const data = join(mkdtempSync(join(tmpdir(), 'cairn-treaty-cli-')), 'd');
    const d = ['--data', data];
    expect((await run(['init', ...d])).code).toBe(0);
    expect((await run(['treaty', 'register', 'SE', '--name', 'Sweden', ...d])).code).toBe(0);
    expect(
      (
        await run([
          'treaty',
          'instrument',
          'SE',
          '--kind',
          'ratification',
          '--date',
          '1998-11-30',
          '--source',
          'https://example.org/ratified',
          ...d,
        ])
      ).code,
    ).toBe(0);
    expect(
      (
        await run([
          'treaty',
          'readiness',
          'SE',
          '--status',
          'crisis',
          '--date',
          '2026-05-01',
          '--legal-ref',
          'Synthetic act 1',
          '--source',
          'https://example.org/act',
          ...d,
        ])
      ).code,
    ).toBe(0);
    const shown = await run(['treaty', 'show', 'SE', ...d]);
    expect(shown.code).toBe(0);
    expect(shown.out).toMatch(
      /\ninstruments\nkind +date +sourceUrl +note\nratification +1998-11-30 +https:\/\/example\.org\/ratified\n/,
    );
    expect(shown.out).toMatch(
      /\nreadiness history\nstatus +from +legalReference +sourceUrl\ncrisis +2026-05-01T00:00:00\.000Z +Synthetic act 1 +https:\/\/example\.org\/act\n/,
    );
    const listed = await run(['treaty', 'list', ...d]);
    expect(listed.out).not.toMatch(/instruments/);
  });
});
