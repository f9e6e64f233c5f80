/**
 * Message catalogues and locale formatting. Every user-visible string is a key in `en.json`; every
 * other catalogue has the same keys (i18n.test.ts fails on a gap), and a key missing at run time
 * falls back to English. A message is either a string or, where a count is shown, an object of
 * CLDR plural forms (`one`, `few`, `many`, `other`, …) chosen by `Intl.PluralRules` for the
 * `count` parameter. Dates and numbers are formatted with `Intl` for the chosen locale.
 *
 * English is in the entry script; each other catalogue is a chunk of its own, fetched once by
 * `loadLocale` (the entry script stays small however many languages there are).
 */
import en from './en.json';

export const LOCALES = ['en', 'fi', 'uk', 'et', 'lv', 'lt', 'pl'] as const;
export type Locale = (typeof LOCALES)[number];
export type MessageKey = keyof typeof en;

/** The CLDR plural forms of one message; `other` is always present. */
export type PluralMessage = Readonly<Partial<Record<Intl.LDMLPluralRule, string>>> & {
  readonly other: string;
};
export type Message = string | PluralMessage;
export type Catalogue = Readonly<Partial<Record<MessageKey, Message>>>;

/** Each locale's own name (its CLDR autonym), shown in the language picker. */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = {
  en: 'English',
  fi: 'Suomi',
  uk: 'Українська',
  et: 'eesti',
  lv: 'latviešu',
  lt: 'lietuvių',
  pl: 'polski',
};

const LOADERS: Readonly<Record<Locale, () => Promise<Catalogue>>> = {
  en: () => Promise.resolve(en),
  fi: () => import('./fi.json').then((m) => m.default),
  uk: () => import('./uk.json').then((m) => m.default),
  et: () => import('./et.json').then((m) => m.default),
  lv: () => import('./lv.json').then((m) => m.default),
  lt: () => import('./lt.json').then((m) => m.default),
  pl: () => import('./pl.json').then((m) => m.default),
};
const loaded = new Map<Locale, Catalogue>([['en', en]]);

/** Fetch the catalogue of `l` once; until it is here, `t` speaks English in that locale. */
export async function loadLocale(l: Locale): Promise<void> {
  if (!loaded.has(l)) loaded.set(l, await LOADERS[l]());
}

const STORAGE_KEY = 'cairn.locale';

let current: Locale = initialLocale();
let plurals = new Intl.PluralRules(current);

export function isLocale(s: string | null | undefined): s is Locale {
  return s !== null && s !== undefined && (LOCALES as readonly string[]).includes(s);
}

/** The saved choice, else the first of the browser's languages that Cairn speaks, else English. */
function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (isLocale(saved)) return saved;
  } catch {
    // storage may be disabled; fall through to the browser's language
  }
  if (typeof navigator === 'undefined') return 'en';
  const wanted = navigator.languages.length > 0 ? navigator.languages : [navigator.language];
  for (const tag of wanted) {
    const base = tag.split('-')[0]?.toLowerCase();
    if (isLocale(base)) return base;
  }
  return 'en';
}

export function locale(): Locale {
  return current;
}

/** Switch the locale (its catalogue loaded by `loadLocale` first); the caller re-renders. */
export function setLocale(l: Locale): void {
  current = l;
  plurals = new Intl.PluralRules(l);
  try {
    localStorage.setItem(STORAGE_KEY, l);
  } catch {
    // not persisted; the choice still holds for this page
  }
  if (typeof document !== 'undefined') document.documentElement.lang = l;
}

/** True when `key` is in the English catalogue. */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

/** The form of `m` for `count` under the current locale's plural rules (`other` when no count). */
function select(m: Message, count: string | number | undefined): string {
  if (typeof m === 'string') return m;
  if (typeof count !== 'number') return m.other;
  return m[plurals.select(count)] ?? m.other;
}

/**
 * Translate `key` into the current locale, filling `{name}` placeholders; numbers are formatted
 * for the locale, and a plural message takes the form for `params.count`.
 * @example t('compliance.count', { count: 3 }) // "3 findings"
 */
export function t(key: MessageKey, params: Readonly<Record<string, string | number>> = {}): string {
  const text = select(loaded.get(current)?.[key] ?? en[key], params['count']);
  return text.replace(/\{(\w+)\}/g, (m, name: string) => {
    const v = params[name];
    if (v === undefined) return m;
    return typeof v === 'number' ? formatNumber(v) : v;
  });
}

/**
 * The label of an enumerated value (a hazard kind, an activity status…): the message
 * `${prefix}.${value}` when the catalogue has one, else the value itself (a value the server
 * added after this build still shows).
 */
export function enumLabel(prefix: string, value: string): string {
  const key = `${prefix}.${value}`;
  return isMessageKey(key) ? t(key) : value;
}

/** A country or state by its ISO 3166 code, named in the current locale (the code when unknown). */
export function regionName(code: string): string {
  try {
    return new Intl.DisplayNames([current], { type: 'region', fallback: 'code' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** A number in the current locale. */
export function formatNumber(n: number, opts: Intl.NumberFormatOptions = {}): string {
  return new Intl.NumberFormat(current, opts).format(n);
}

/**
 * A date or instant in the current locale (date only, or date and time). A calendar date
 * (`2026-03-15`) is that day wherever the reader is: it is not shifted by the local time zone.
 */
export function formatDate(iso: string, withTime = false): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const zone: Intl.DateTimeFormatOptions = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? { timeZone: 'UTC' } : {};
  return new Intl.DateTimeFormat(
    current,
    withTime ? { dateStyle: 'medium', timeStyle: 'short', ...zone } : { dateStyle: 'medium', ...zone },
  ).format(d);
}

/** A calendar month (`2026-03`) in the current locale, e.g. "Mar 2026"; other text as it is. */
export function formatMonth(ym: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(ym);
  if (m === null) return ym;
  return new Intl.DateTimeFormat(current, { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(
    new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)),
  );
}

/** An area in m², with hectares beside it from 1 ha up (units are never mixed in storage). */
export function formatArea(m2: number): string {
  const sq = `${formatNumber(Math.round(m2))} m²`;
  return m2 >= 10_000 ? `${sq} (${formatNumber(m2 / 10_000, { maximumFractionDigits: 2 })} ha)` : sq;
}
