import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../access/index.js';
import { openCairn } from '../cli/context.js';
import type { CliIo } from '../cli/io.js';
import { main } from '../cli/main.js';
import type { ProgressReport } from './index.js';

// Vendored with its MIT licence and provenance in test/fixtures/colombia-demining.
const CSV = join(import.meta.dirname, '../../test/fixtures/colombia-demining/desminado_v1.csv');

function io(): { io: CliIo; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
      stdin: Readable.from([]),
      stdinIsTTY: false,
      env: {},
    },
    out,
    err,
  };
}

/** Independent sums straight from the raw file: year → operator → [area, devices]. */
function rawTotals(): Map<string, [number, number]> {
  const text = readFileSync(CSV, 'utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const [head, ...lines] = text
    .slice(1)
    .split(/\r?\n/)
    .filter((l) => l !== '');
  const h = (head ?? '').split(',');
  const at = (name: string) => h.indexOf(name);
  const out = new Map<string, [number, number]>();
  for (const l of lines) {
    const c = l.split(',');
    const key = `${c[at('anio')] ?? ''}|${c[at('organizacion')] ?? ''}`;
    const v = out.get(key) ?? [0, 0];
    out.set(key, [v[0] + Number(c[at('areadespejada')]), v[1] + Number(c[at('totalartefactosdestruidos')])]);
  }
  return out;
}

let dir: string;
const orgNames = new Map<string, string>();
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cairn-colombia-'));
  expect(
    await main(['node', 'cairn', 'init', '--data', dir, '--origin', 'cairn/test-colombia'], io().io),
  ).toBe(0);
  // The operators are catalogued organisations (stock); the import refuses unknown ones.
  const names = new Set([...rawTotals().keys()].map((k) => k.split('|')[1] ?? ''));
  const { app } = await openCairn(dir, {});
  try {
    for (const name of names) {
      const r = await app.execute(
        { type: 'stock.org.add', payload: { name, kind: 'operator', country: 'CO' } },
        SYSTEM_ACTOR,
      );
      if (!r.ok) throw new Error(r.errors[0]?.message);
      orgNames.set(r.value.result['orgId'] as string, name);
    }
  } finally {
    await app.close();
  }
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('Colombia import (colombia-desminado profile)', () => {
  it('imports every row, and re-importing the same file writes nothing', async () => {
    const a = io();
    expect(
      await main(
        [
          'node',
          'cairn',
          'landrelease',
          'import',
          CSV,
          '--profile',
          'colombia-desminado',
          '--data',
          dir,
          '--json',
        ],
        a.io,
      ),
    ).toBe(0);
    expect(JSON.parse(a.out.join(''))).toMatchObject({ rows: 3129, imported: 3129, alreadyImported: 0 });
    const b = io();
    expect(
      await main(
        [
          'node',
          'cairn',
          'landrelease',
          'import',
          CSV,
          '--profile',
          'colombia-desminado',
          '--data',
          dir,
          '--json',
        ],
        b.io,
      ),
    ).toBe(0);
    expect(JSON.parse(b.out.join(''))).toMatchObject({ imported: 0, alreadyImported: 3129 });
  });

  it('reports yearly area and device totals per operator equal to sums over the raw CSV, naming its checkpoint', async () => {
    const c = io();
    expect(
      await main(
        [
          'node',
          'cairn',
          'report',
          'landrelease',
          '--from',
          '2004-01-01',
          '--to',
          '2019-12-31',
          '--data',
          dir,
          '--json',
        ],
        c.io,
      ),
    ).toBe(0);
    const r = JSON.parse(c.out.join('')) as ProgressReport;
    expect(r.checkpoint.size).toBeGreaterThan(0);
    expect(r.checkpoint.root).toMatch(/^[0-9a-f]{64}$/);
    const got = new Map<string, [number, number]>();
    for (const x of r.area.byYearOrganisation)
      got.set(`${x.year}|${orgNames.get(x.organisation) ?? x.organisation}`, [x.cleared, 0]);
    for (const x of r.devices.byYearOrganisation) {
      const k = `${x.year}|${orgNames.get(x.organisation) ?? x.organisation}`;
      got.set(k, [got.get(k)?.[0] ?? 0, x.count]);
    }
    const want = new Map([...rawTotals()].filter(([, v]) => v[0] > 0 || v[1] > 0));
    expect(new Map([...got].sort())).toEqual(new Map([...want].sort()));
    expect(r.area.total).toBe([...want.values()].reduce((s, v) => s + v[0], 0));
    expect(r.area.total).toBe(6008612);
  });

  it('refuses a file whose operators are not catalogued, listing each row, and writes nothing', async () => {
    const other = mkdtempSync(join(tmpdir(), 'cairn-colombia-empty-'));
    try {
      expect(
        await main(['node', 'cairn', 'init', '--data', other, '--origin', 'cairn/test-empty'], io().io),
      ).toBe(0);
      const d = io();
      expect(
        await main(
          ['node', 'cairn', 'landrelease', 'import', CSV, '--profile', 'colombia-desminado', '--data', other],
          d.io,
        ),
      ).toBe(1);
      expect(d.err.join('')).toContain('LANDRELEASE_ORGANISATION_UNKNOWN');
      const { app } = await openCairn(other, {});
      expect(await app.store.countDocs({ collection: 'activities' })).toBe(0);
      await app.close();
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});
