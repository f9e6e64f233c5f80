/**
 * Message catalogues and locale formatting. Every user-visible string is a key in `en.json`
 * (complete); `fi.json` and `uk.json` cover the main screens and fall back to English per key.
 * Dates and numbers are formatted with `Intl` for the chosen locale.
 */
import en from './en.json';
import fi from './fi.json';
import uk from './uk.json';

export const LOCALES = ['en', 'fi', 'uk'] as const;
export type Locale = (typeof LOCALES)[number];
export type MessageKey = keyof typeof en;

/** Each locale's own name, shown in the language picker. */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = { en: 'English', fi: 'Suomi', uk: 'Українська' };

const catalogues: Readonly<Record<Locale, Readonly<Partial<Record<MessageKey, string>>>>> = { en, fi, uk };
const STORAGE_KEY = 'cairn.locale';

let current: Locale = initialLocale();

function isLocale(s: string | null | undefined): s is Locale {
  return s !== null && s !== undefined && (LOCALES as readonly string[]).includes(s);
}

function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (isLocale(saved)) return saved;
  } catch {
    // storage may be disabled; fall through to the browser's language
  }
  const nav = typeof navigator === 'undefined' ? undefined : navigator.language.slice(0, 2);
  return isLocale(nav) ? nav : 'en';
}

export function locale(): Locale {
  return current;
}

/** Switch the locale; the caller re-renders. */
export function setLocale(l: Locale): void {
  current = l;
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

/** Translate `key` into the current locale, filling `{name}` placeholders. */
export function t(key: MessageKey, params: Readonly<Record<string, string | number>> = {}): string {
  const text = catalogues[current][key] ?? en[key];
  return text.replace(/\{(\w+)\}/g, (m, name: string) => {
    const v = params[name];
    if (v === undefined) return m;
    return typeof v === 'number' ? formatNumber(v) : v;
  });
}

/** A number in the current locale. */
export function formatNumber(n: number, opts: Intl.NumberFormatOptions = {}): string {
  return new Intl.NumberFormat(current, opts).format(n);
}

/** A date or instant in the current locale (date only, or date and time). */
export function formatDate(iso: string, withTime = false): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(current, withTime ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'medium' }).format(d);
}

/** An area in m², with hectares beside it from 1 ha up (units are never mixed in storage). */
export function formatArea(m2: number): string {
  const sq = `${formatNumber(Math.round(m2))} m²`;
  return m2 >= 10_000 ? `${sq} (${formatNumber(m2 / 10_000, { maximumFractionDigits: 2 })} ha)` : sq;
}
