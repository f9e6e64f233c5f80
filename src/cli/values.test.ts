/**
 * Values that start with a minus sign are values, not options (issue #12 §1): southern and western
 * coordinates, negative numbers. Expected coordinates come from GeographicLib's own tools
 * (GeoConvert, GeodSolve) and GDAL's gdaltransform, run by hand:
 *   echo "-8.1 -93.3" | GeoConvert -m -p 0          → 15LVM6694804634
 *   echo "-8.1 -93.3" | GeoConvert -u -p 3          → 15s 466948.204 9104634.775
 *   echo "-0.5 -12" | GeoConvert -m -p 0            → 29MJV6603444658
 *   echo "-8.1 -93.3 45 1000" | GeodSolve -p 9      → -8.09360636549538 -93.29358447049748 …
 *   echo "-500000 -12" | gdaltransform -s_srs EPSG:3857 -t_srs EPSG:4326 → -4.49157642059761 -0.000107797834091926
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './cli.testkit.js';
import { isMinusValue } from './values.js';

const run = (...args: string[]) => runCli(args);

afterEach(() => {
  process.exitCode = undefined;
});

describe('values that start with a minus sign', () => {
  it('tells numbers and coordinate text from options', () => {
    for (const v of ['-8.1 -93.3', '-8.1,-93.3', '-12', '-0.5e3', '-.5', '-8.1'])
      expect(isMinusValue(v), v).toBe(true);
    for (const v of ['-x', '--from', '-', '--', '-e5', '--8']) expect(isMinusValue(v), v).toBe(false);
  });
});

describe('cairn geo with southern and western coordinates', () => {
  it('converts "-8.1 -93.3" to MGRS, wherever the value stands among the options', async () => {
    const want = { code: 0, out: '15LVM6694804634\n', err: '' };
    expect(await run('geo', 'convert', '-8.1 -93.3', '--from', 'dd', '--to', 'mgrs')).toEqual(want);
    expect(await run('geo', 'convert', '--from', 'dd', '-8.1 -93.3', '--to', 'mgrs')).toEqual(want);
    expect(await run('geo', 'convert', '--from', 'dd', '--to', 'mgrs', '-8.1 -93.3')).toEqual(want);
  });

  it('still honours -- before the value', async () => {
    expect(await run('geo', 'convert', '--from', 'dd', '--to', 'mgrs', '--', '-8.1 -93.3')).toEqual({
      code: 0,
      out: '15LVM6694804634\n',
      err: '',
    });
  });

  it('reads comma-separated coordinate text and converts to UTM', async () => {
    expect((await run('geo', 'convert', '-0.5,-12', '--from', 'dd', '--to', 'mgrs')).out).toBe(
      '29MJV6603444658\n',
    );
    expect((await run('geo', 'convert', '-8.1,-93.3', '--from', 'dd', '--to', 'utm')).out).toBe(
      '15L 466948.204 9104634.775\n',
    );
  });

  it('reads negative projected coordinates', async () => {
    const r = await run('geo', 'convert', '-500000 -12', '--from', 'epsg:3857', '--to', 'dd', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { lat: number; lon: number };
    expect(j.lon).toBeCloseTo(-4.49157642059761, 9);
    expect(j.lat).toBeCloseTo(-0.000107797834091926, 9);
  });

  it('finds the point at a bearing and distance from a southern, western reference point', async () => {
    const r = await run('geo', 'point', '-8.1 -93.3', '--bearing', '45', '--distance', '1000', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { lat: number; lon: number };
    expect(j.lat).toBeCloseTo(-8.09360636549538, 7);
    expect(j.lon).toBeCloseTo(-93.29358447049748, 7);
  });

  it('refuses a negative distance or bearing by naming the option, not as an unknown option', async () => {
    for (const d of ['-100', '-0.5e3']) {
      const r = await run('geo', 'point', '-8.1 -93.3', '--bearing', '45', '--distance', d);
      expect(r.code, d).toBe(2);
      expect(r.err, d).toContain('--distance');
      expect(r.err, d).not.toContain('unknown option');
    }
    const b = await run('geo', 'point', '-8.1 -93.3', '--bearing', '-45', '--distance', '10');
    expect(b.code).toBe(2);
    expect(b.err).toContain('--bearing');
  });

  it('still refuses real unknown options', async () => {
    for (const opt of ['-x', '--bogus']) {
      const r = await run('geo', 'convert', '-8.1 -93.3', '--from', 'dd', '--to', 'mgrs', opt);
      expect(r.code, opt).toBe(2);
      expect(r.err, opt).toContain(`unknown option '${opt}'`);
    }
  });
});

describe('numeric options given negative numbers', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cairn-values-'));
    expect((await run('init', '--data', dir, '--origin', 'cairn/test-values')).code).toBe(0);
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const cases: readonly (readonly [string, string[]])[] = [
    ['--index', ['ledger', 'proof', 'inclusion', '--index', '-1', '--size', '1']],
    ['--size', ['ledger', 'proof', 'inclusion', '--index', '0', '--size', '-12']],
    ['--from', ['ledger', 'proof', 'consistency', '--from', '-0.5e3', '--to', '1']],
    ['--limit', ['stock', 'move', 'list', '--limit', '-5']],
    ['--at-size', ['stock', 'balance', '--state', 'FI', '--at-size', '-1']],
  ];
  for (const [flag, argv] of cases) {
    it(`${argv.slice(0, 3).join(' ')}: refuses ${flag} ${argv[argv.indexOf(flag) + 1] ?? ''} naming ${flag}`, async () => {
      const r = await run(...argv, '--data', dir);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`${flag} must be a non-negative integer`);
    });
  }
});
