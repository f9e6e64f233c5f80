/** `cairn demo --no-serve`: synthetic, labelled data, verified, with its users and deliberate findings. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_FINDINGS, DEMO_ROLES } from '../../src/demo/index.js';
import { cleanTemp, cli, tempDir } from './helpers.js';

afterAll(cleanTemp);

describe('cairn demo --no-serve', () => {
  it('creates labelled synthetic data, verifies it, and prints where it is, the users and the deliberate findings', async () => {
    const dir = join(tempDir(), 'demo');
    const r = await cli(['demo', '--no-serve', '--data', dir]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`SYNTHETIC DEMO DATA in ${dir}`);
    expect(r.out).toMatch(/verified OK/);
    for (const [name, role] of DEMO_ROLES)
      expect(r.out).toMatch(new RegExp(`user ${name}\\s+role ${role}\\s+password \\S+`));
    for (const f of DEMO_FINDINGS) expect(r.out).toContain(`${f.rule}: ${f.why}`);
    const config = JSON.parse(readFileSync(join(dir, 'cairn.json'), 'utf8')) as { synthetic?: boolean };
    expect(config.synthetic).toBe(true);
    expect(existsSync(join(dir, 'signing.key'))).toBe(true);
    const verify = await cli(['verify', '--data', dir]);
    expect(verify.code).toBe(0);
  }, 180_000);
});
