import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  LOCALES,
  LOCALE_NAMES,
  enumLabel,
  formatArea,
  formatDate,
  formatMonth,
  formatNumber,
  loadLocale,
  regionName,
  setLocale,
  t,
  type Locale,
  type Message,
} from './index.js';
import { checkCatalogue } from './check.js';
import { findHardCoded } from './scan.js';
import en from './en.json';
import et from './et.json';
import fi from './fi.json';
import lt from './lt.json';
import lv from './lv.json';
import pl from './pl.json';
import uk from './uk.json';

const CATALOGUES: Readonly<Record<Locale, Readonly<Record<string, Message>>>> = {
  en,
  fi,
  uk,
  et,
  lv,
  lt,
  pl,
};

beforeAll(async () => {
  for (const l of LOCALES) await loadLocale(l);
});

/**
 * Messages that are rightly the same as English in every language, each with its reason.
 * Keep it short: anything else identical to English is an untranslated string.
 */
const SAME_AS_ENGLISH: Readonly<Record<string, string>> = {
  'app.title': 'the product name, never translated',
  'coord.format.utm': 'the name of the grid system (UTM), the same in every language',
  'coord.format.mgrs': 'the name of the grid system (MGRS), the same in every language',
  'map.readout.mgrs': 'the name of the grid system (MGRS), the same in every language',
  'map.readout.dd':
    'DD, the international abbreviation for decimal degrees, as printed on maps and GPS units',
};

describe('message catalogues', () => {
  it.each(LOCALES)(
    'the %s catalogue is complete: every key of English and no other, no empty text, the same placeholders, the CLDR plural forms of the language, nothing left in English',
    (l) => {
      expect(checkCatalogue(l, CATALOGUES[l], en, new Set(Object.keys(SAME_AS_ENGLISH)))).toEqual([]);
    },
  );

  it('has plural forms for some messages, so the plural check checks something', () => {
    expect(Object.values(CATALOGUES.en).filter((m) => typeof m === 'object').length).toBeGreaterThanOrEqual(
      5,
    );
  });

  it('reports every kind of gap in a catalogue, by key and rule', () => {
    const base: Record<string, Message> = {
      greet: 'Hello {name}',
      count: { one: '{count} finding', other: '{count} findings' },
      title: 'Cairn',
      sep: '{a}: {b}',
      gone: 'Gone',
      plain: 'Plain',
      same: 'Legend',
    };
    const pl: Record<string, Message> = {
      greet: 'Witaj {imie}',
      count: { one: '{count} ustalenie', other: '{count} ustalenia' },
      title: 'Cairn',
      sep: '{a}: {b}',
      plain: { one: 'a', other: 'b' },
      same: 'Legend',
      added: 'Nowy',
      blank: ' ',
    };
    const got = checkCatalogue('pl', pl, { ...base, blank: 'Blank' }, new Set(['title'])).map(
      (p) => `${p.key}:${p.rule}`,
    );
    expect(got.sort()).toEqual([
      'added:extra',
      'blank:empty',
      'count:plural-forms',
      'gone:missing',
      'greet:placeholders',
      'plain:plural-forms',
      'same:same-as-english',
    ]);
  });

  it('accepts Polish plural forms one, few, many and other, and Latvian zero, one and other', () => {
    const base = { n: { one: '{count} x', other: '{count} xs' } };
    expect(
      checkCatalogue(
        'pl',
        { n: { one: '{count} a', few: '{count} b', many: '{count} c', other: '{count} d' } },
        base,
      ),
    ).toEqual([]);
    expect(
      checkCatalogue('lv', { n: { zero: '{count} a', one: '{count} b', other: '{count} c' } }, base),
    ).toEqual([]);
    expect(
      checkCatalogue('lv', { n: { one: '{count} b', other: '{count} c' } }, base).map((p) => p.rule),
    ).toEqual(['plural-forms']);
  });

  it('names each language in its own words (the CLDR autonym) in the picker', () => {
    for (const l of LOCALES)
      expect(LOCALE_NAMES[l].toLocaleLowerCase(l), l).toBe(
        new Intl.DisplayNames([l], { type: 'language' }).of(l)?.toLocaleLowerCase(l),
      );
  });
});

describe('translation', () => {
  afterEach(() => setLocale('en'));

  it('fills placeholders with locale-formatted numbers', () => {
    setLocale('fi');
    // Finnish groups thousands with a no-break space and writes "havaintoa" (partitive) after numbers other than 1.
    expect(t('compliance.count', { count: 1234 })).toBe('1\u00a0234 havaintoa');
    setLocale('en');
    expect(t('compliance.count', { count: 1234 })).toBe('1,234 findings');
  });

  it('chooses the plural form by the language rules: Polish one, few and many', () => {
    setLocale('pl');
    expect(t('compliance.count', { count: 1 })).toBe('1 ustalenie');
    expect(t('compliance.count', { count: 3 })).toBe('3 ustalenia');
    expect(t('compliance.count', { count: 5 })).toBe('5 ustaleń');
    expect(t('compliance.count', { count: 12 })).toBe('12 ustaleń');
    expect(t('compliance.count', { count: 22 })).toBe('22 ustalenia');
  });

  it('chooses Lithuanian one for 21, few for 2 and other for 11', () => {
    setLocale('lt');
    expect(t('compliance.count', { count: 21 })).toBe('21 pastebėjimas');
    expect(t('compliance.count', { count: 2 })).toBe('2 pastebėjimai');
    expect(t('compliance.count', { count: 11 })).toBe('11 pastebėjimų');
  });

  it('chooses Latvian one for 1 and 21 but not 11, and Ukrainian many for 5', () => {
    setLocale('lv');
    expect(t('compliance.count', { count: 21 })).toBe('21 konstatējums');
    expect(t('compliance.count', { count: 11 })).toBe('11 konstatējumi');
    setLocale('uk');
    expect(t('compliance.count', { count: 5 })).toBe('5 висновків');
    expect(t('compliance.count', { count: 1 })).toBe('1 висновок');
  });

  it('uses the singular in English and Estonian for one', () => {
    expect(t('compliance.count', { count: 1 })).toBe('1 finding');
    setLocale('et');
    expect(t('compliance.count', { count: 1 })).toBe('1 tähelepanek');
    expect(t('compliance.count', { count: 2 })).toBe('2 tähelepanekut');
  });

  it('labels enumerated values in the chosen language, and shows an unknown value as it is', () => {
    setLocale('pl');
    expect(enumLabel('hazard.kind', 'cha')).toBe('Potwierdzony obszar niebezpieczny (CHA)');
    expect(enumLabel('activity.type', 'nts')).toBe('Rozpoznanie nietechniczne (NTS)');
    expect(enumLabel('hazard.kind', 'added-later')).toBe('added-later');
  });

  it('names states in the chosen language', () => {
    setLocale('lt');
    expect(regionName('LV')).toBe(new Intl.DisplayNames(['lt'], { type: 'region' }).of('LV'));
    expect(regionName('LV')).not.toBe(new Intl.DisplayNames(['en'], { type: 'region' }).of('LV'));
  });

  it('formats dates, months and numbers for the chosen locale', () => {
    setLocale('pl');
    expect(formatNumber(1234.5)).toBe('1234,5');
    expect(formatDate('2026-03-15')).toBe('15 mar 2026');
    expect(formatMonth('2026-03')).toBe('mar 2026');
    setLocale('et');
    expect(formatNumber(12345.5)).toBe('12\u00a0345,5');
    setLocale('en');
    expect(formatMonth('2026-03')).toBe('Mar 2026');
    expect(formatMonth('not a month')).toBe('not a month');
  });

  it('shows areas in m² with hectares from one hectare up', () => {
    setLocale('en');
    expect(formatArea(950)).toBe('950 m²');
    expect(formatArea(25_000)).toBe('25,000 m² (2.5 ha)');
    setLocale('lv');
    expect(formatArea(25_000)).toBe('25\u00a0000 m² (2,5 ha)');
  });
});

describe('hard-coded text in the web app', () => {
  /**
   * Text that is the same in every language, each with its reason. Everything else a person
   * reads goes through `t()`.
   */
  const ALLOW = new Set([
    'Natural Earth', // the basemap's source, credited by its name as its terms ask
  ]);

  it('finds text nodes, spoken attributes, problem messages and dialogs, and passes keys, ids and comparisons', () => {
    const src = [
      'const a = <p title="Hover text" class="x-y">Hello <b>{"there"}</b> {t("k.key")} · {n}</p>;',
      'const b = <input placeholder={ok ? "Type here" : t("k.p")} aria-label={`${t("k.l")} 2`} id="some-id" data-testid="thing" />;',
      'const c = <span aria-label={`Point ${n}`}>{x === "literal" ? t("k.a") : null}{cond && "shown"}</span>;',
      'problems.push({ code: "X", path: "p", message: "too few points" });',
      'if (!confirm("Really remove?")) return;',
      'const d = <footer>{t("k.f")} · Natural Earth</footer>;',
      'const e = <label>{`RP${i}`}</label>;',
    ].join('\n');
    const found = findHardCoded('sample.tsx', src, ALLOW).map((h) => `${h.line}:${h.text}`);
    expect(found).toEqual([
      '1:Hover text',
      '1:Hello',
      '1:there',
      '2:Type here',
      '3:Point ',
      '3:shown',
      '4:too few points',
      '5:Really remove?',
      '7:RP',
    ]);
  });

  it('has none in web/src: every user-visible string goes through t()', () => {
    const root = fileURLToPath(new URL('..', import.meta.url));
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter(
      (f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$|\.d\.ts$/.test(f) && !f.startsWith('i18n'),
    );
    expect(files.length).toBeGreaterThan(10);
    const found = files
      .flatMap((f) =>
        findHardCoded(relative(root, join(root, f)), readFileSync(join(root, f), 'utf8'), ALLOW),
      )
      .map((h) => `${h.file}:${h.line}: ${h.text}`);
    expect(found).toEqual([]);
  });
});
