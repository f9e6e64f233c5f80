import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../access/index.js';
import { openCairn } from './context.js';
import { runCli } from './cli.testkit.js';

async function run(...args: string[]): ReturnType<typeof runCli> {
  const r = await runCli(args);
  process.exitCode = undefined;
  return r;
}

/** Decode an 8-bit greyscale or RGB PNG (pdftoppm output) into one grey value per pixel. */
function greyPixels(png: Buffer): { width: number; height: number; pixels: Uint8Array } {
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  let off = 8;
  let width = 0;
  let height = 0;
  let bpp = 1;
  const idat: Buffer[] = [];
  while (off < png.length) {
    const len = png.readUInt32BE(off);
    const type = png.toString('ascii', off + 4, off + 8);
    const chunk = png.subarray(off + 8, off + 8 + len);
    if (type === 'IHDR') {
      width = chunk.readUInt32BE(0);
      height = chunk.readUInt32BE(4);
      expect(chunk[8]).toBe(8);
      bpp = chunk[9] === 2 ? 3 : 1;
    } else if (type === 'IDAT') idat.push(chunk);
    off += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * bpp;
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)] ?? 0;
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x] ?? 0;
      const a = x >= bpp ? (out[y * stride + x - bpp] ?? 0) : 0;
      const b = y > 0 ? (out[(y - 1) * stride + x] ?? 0) : 0;
      const c = x >= bpp && y > 0 ? (out[(y - 1) * stride + x - bpp] ?? 0) : 0;
      const p = a + b - c;
      const paeth =
        Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c)
          ? a
          : Math.abs(p - b) <= Math.abs(p - c)
            ? b
            : c;
      const pred = [0, a, b, (a + b) >> 1, paeth][filter] ?? 0;
      out[y * stride + x] = (v + pred) & 0xff;
    }
  }
  const pixels = new Uint8Array(width * height);
  for (let i = 0; i < width * height; i++) pixels[i] = out[i * bpp] ?? 0;
  return { width, height, pixels };
}

let dir: string;
let data: string;
let humanId: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cairn-mf-cli-'));
  data = join(dir, 'data');
  expect((await run('init', '--data', data, '--origin', 'cairn/mf-test')).code).toBe(0);
  const { app } = await openCairn(data, {});
  let types: { ap: string; lot: string };
  try {
    const ex = async (type: string, payload: Record<string, unknown>) => {
      const r = await app.execute({ type, payload }, SYSTEM_ACTOR);
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      return r.value.result;
    };
    const facts = {
      detectable: true,
      selfDestruct: false,
      selfDestructPeriodDays: null,
      selfDeactivation: false,
      selfDeactivationPeriodDays: null,
      remotelyDelivered: false,
      hazardDivision: '1.1',
      compatibilityGroup: 'D',
    };
    const ap = (
      await ex('stock.type.add', {
        designation: 'SYN-AP-9',
        category: 'AP',
        ottawaStatus: 'banned-ap',
        neqKg: 0.1,
        ...facts,
      })
    )['typeId'] as string;
    const org = (await ex('stock.org.add', { name: 'SYNTHETIC Works', kind: 'manufacturer', country: 'FI' }))[
      'orgId'
    ] as string;
    const lot = (
      await ex('stock.lot.add', {
        typeId: ap,
        lotNumber: 'LOT-42',
        manufacturerId: org,
        countryOfOrigin: 'FI',
        productionMonth: '2025-01',
      })
    )['lotId'] as string;
    types = { ap, lot };
  } finally {
    await app.close();
  }
  const payload = {
    state: 'FI',
    region: 'FI-18',
    classification: 'restricted',
    recordType: 'hand-emplaced',
    unit: 'SYNTHETIC 9th Engineers',
    copiesHeldAt: ['SYNTHETIC Division HQ'],
    referencePoints: [
      {
        label: 'RP1',
        coordinate: { text: '61.40000 25.40000', format: 'dd' },
        landmark: 'SYNTHETIC stone cairn',
        fixedBy: 'gps',
        accuracyM: 3,
      },
      {
        label: 'RP2',
        coordinate: { text: '61.40000 25.41000', format: 'dd' },
        landmark: 'SYNTHETIC pylon',
        fixedBy: 'resection',
        accuracyM: 5,
      },
    ],
    perimeter: {
      turningPoints: [
        { kind: 'bearing', from: 'RP1', bearing: '400mil', distanceM: 120 },
        { kind: 'coordinate', text: '61.4012 25.4060' },
        { kind: 'coordinate', text: '61.4030 25.4060' },
        { kind: 'coordinate', text: '61.4030 25.4010' },
      ],
    },
    positionsNotFeasible: 'SYNTHETIC: scattered by hand along a track',
    contents: [
      {
        typeId: types.ap,
        lotId: types.lot,
        number: 24,
        emplacingMethod: 'hand',
        fuzeType: 'SYNTHETIC pressure',
        lifeTime: { kind: 'indefinite' },
        antiHandling: { present: false },
      },
    ],
    layingStart: '2025-11-02T06:00:00Z',
    layingEnd: '2025-11-02T09:30:00Z',
  };
  writeFileSync(join(dir, 'mf.json'), JSON.stringify(payload));
  const c = await run('minefield', 'create', '--data', data, '--file', join(dir, 'mf.json'), '--json');
  expect(c.code).toBe(0);
  humanId = (JSON.parse(c.out) as { humanId: string }).humanId;
  expect(
    (
      await run(
        'minefield',
        'report',
        humanId,
        '--data',
        data,
        '--type',
        'completion',
        '--dtg',
        '2025-11-02T10:00:00Z',
        '--originator',
        'SYNTHETIC 9 Eng',
        '--recipient',
        'SYNTHETIC Div',
        '--summary',
        'laid',
      )
    ).code,
  ).toBe(0);
});

afterEach(() => {
  process.exitCode = undefined;
});

describe('cairn minefield', () => {
  it('lists the records the caller may see as JSON', async () => {
    const r = await run('minefield', 'list', '--data', data, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual([
      expect.objectContaining({ humanId, status: 'laid-recorded', state: 'FI' }),
    ]);
  });

  it('refuses bad input with every problem and exit 1', async () => {
    writeFileSync(
      join(dir, 'bad.json'),
      JSON.stringify({
        state: 'FI',
        classification: 'restricted',
        recordType: 'hand-emplaced',
        unit: 'u',
        layingStart: '2025-11-02T09:00:00Z',
        layingEnd: '2025-11-02T06:00:00Z',
        contents: [
          {
            typeId: 'nope',
            number: 1,
            emplacingMethod: 'hand',
            fuzeType: 'f',
            lifeTime: { kind: 'indefinite' },
            antiHandling: { present: false },
          },
        ],
      }),
    );
    const r = await run('minefield', 'create', '--data', data, '--file', join(dir, 'bad.json'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/MINEFIELD_UNKNOWN_MINE_TYPE/);
    expect(r.err).toMatch(/MINEFIELD_LAYING_DATES_ORDER/);
  });

  it('exports a package that verify-package accepts offline, and refuses it once tampered', async () => {
    const out = join(dir, 'pkg.json');
    expect((await run('minefield', 'export-package', humanId, '--data', data, '--out', out)).code).toBe(0);
    const good = await run('verify-package', out);
    expect(good.code).toBe(0);
    expect(good.out).toMatch(new RegExp(`^OK: ${humanId}, 3 events`));
    const pkg = JSON.parse(readFileSync(out, 'utf8')) as { record: { unit: string } };
    pkg.record.unit = 'forged';
    writeFileSync(join(dir, 'bad-pkg.json'), JSON.stringify(pkg));
    const bad = await run('verify-package', join(dir, 'bad-pkg.json'));
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/MINEFIELD_PACKAGE_RECORD_MISMATCH/);
  });

  it('renders the record sheet as a PDF whose text holds the key fields and whose first page is not blank', async () => {
    const pdf = join(dir, 'sheet.pdf');
    const r = await run('report', 'minefield', humanId, '--data', data, '--format', 'pdf', '--out', pdf);
    expect(r.code).toBe(0);
    const text = execFileSync('/usr/bin/pdftotext', ['-layout', pdf, '-']).toString('utf8');
    for (const key of [
      `Minefield record ${humanId}`,
      'RESTRICTED',
      'SYNTHETIC 9th Engineers',
      'laid-recorded',
      'RP1',
      'RP2',
      'SYNTHETIC stone cairn',
      'SYN-AP-9',
      'LOT-42',
      'Total mines: 24',
      'Marking status: none',
      'Ledger checkpoint',
      'cairn/mf-test',
    ]) {
      expect(text).toContain(key);
    }
    expect(text).toMatch(/tree size \d+; root\s+[0-9a-f]{64}/);
    execFileSync('/usr/bin/pdftoppm', [
      '-f',
      '1',
      '-l',
      '1',
      '-r',
      '40',
      '-gray',
      '-png',
      pdf,
      join(dir, 'page'),
    ]);
    const png = readdirSync(dir).find((f) => f.startsWith('page') && f.endsWith('.png'));
    expect(png).toBeDefined();
    const { width, height, pixels } = greyPixels(readFileSync(join(dir, png ?? '')));
    expect(width).toBeGreaterThan(100);
    const dark = pixels.filter((p) => p < 200).length / (width * height);
    expect(dark).toBeGreaterThan(0.01);
    expect(dark).toBeLessThan(0.6);
  });

  it('shows the same sections and facts in the HTML sheet as in the PDF', async () => {
    const html = (await run('report', 'minefield', humanId, '--data', data, '--format', 'html')).out;
    const pdf = join(dir, 'same.pdf');
    expect(
      (await run('report', 'minefield', humanId, '--data', data, '--format', 'pdf', '--out', pdf)).code,
    ).toBe(0);
    const text = execFileSync('/usr/bin/pdftotext', [pdf, '-']).toString('utf8').replace(/\s+/g, ' ');
    const decode = (h: string) =>
      h
        .replace(/&amp;/g, '&')
        .replace(/&#39;/g, "'")
        .replace(/&quot;/g, '"');
    const headings = [...html.matchAll(/<h2>([^<]+)<\/h2>/g)].map((m) => decode(m[1] ?? ''));
    expect(headings.length).toBeGreaterThanOrEqual(8);
    for (const h of headings) expect(text, h).toContain(h);
    for (const fact of ['Total mines: 24', 'Marking status: none.', 'perimeter', 'SYNTHETIC stone cairn'])
      expect([html.includes(fact), text.includes(fact)], fact).toEqual([true, true]);
  });

  it('renders HTML and JSON sheets', async () => {
    const html = await run('report', 'minefield', humanId, '--data', data, '--format', 'html');
    expect(html.out).toContain('<svg');
    expect(html.out).toContain(humanId);
    const json = await run('report', 'minefield', humanId, '--data', data, '--format', 'json');
    expect((JSON.parse(json.out) as { totalMines: number }).totalMines).toBe(24);
  });

  it('lists a compliance finding about the record only to a recorder whose regional scope holds it', async () => {
    for (const [name, region] of [
      ['rina', 'FI-18'],
      ['ella', 'EE'],
    ] as const)
      expect(
        (
          await runCli(
            ['user', 'add', name, '--role', 'minefield-recorder', '--region', region, '--data', data],
            'a long enough password',
          )
        ).code,
      ).toBe(0);
    const about = async (as: string) => {
      const r = await run('compliance', '--as', as, '--json', '--data', data);
      expect(r.code).toBe(0);
      const { findings } = JSON.parse(r.out) as { findings: { subject: { kind: string; label?: string } }[] };
      return findings.filter((f) => f.subject.kind === 'minefield' && f.subject.label === humanId);
    };
    // The record was laid with no marking recorded, so the marking rule finds it (APII 5(2)(a)).
    expect((await about('rina')).length).toBeGreaterThan(0);
    expect(await about('ella')).toEqual([]);
  });
});
