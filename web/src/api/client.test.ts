import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { errorCatalogue } from '../../../src/core/errors.js';
import { LOCALES, loadLocale, setLocale } from '../i18n/index.js';
import en from '../i18n/en.json';
import uk from '../i18n/uk.json';
import { ApiError, describeError, errorText, parseError, problemText } from './client.js';

const catalogues: Readonly<Record<string, Readonly<Record<string, unknown>>>> = { en, uk };
const msg = (lang: 'en' | 'uk', key: string): string => {
  const v = catalogues[lang]?.[key];
  if (typeof v !== 'string') throw new Error(`${lang} has no text for ${key}`);
  return v;
};

beforeAll(async () => {
  for (const l of LOCALES) await loadLocale(l);
});
afterEach(() => setLocale('en'));

describe("the server's error codes in the app's languages", () => {
  it('every code of the error catalogue has its title in the English catalogue, and no other code does', () => {
    const codes = Object.keys(errorCatalogue);
    const titled = Object.keys(en)
      .filter((k) => k.startsWith('error.title.'))
      .map((k) => k.slice('error.title.'.length));
    expect(titled.sort()).toEqual([...codes].sort());
    for (const [code, spec] of Object.entries(errorCatalogue))
      expect(msg('en', `error.title.${code}`), code).toBe(`${spec.title}.`);
  });

  it('in English an error shows the server’s own message, which names the field and the rule', () => {
    const e = parseError(409, {
      code: 'STOCK_SELF_APPROVAL',
      message: 'movement 7f… was proposed by alice; a second person must approve it',
    });
    expect(errorText(e)).toEqual({
      text: msg('en', 'error.generic').replace('{message}', e.message),
    });
    expect(
      problemText({ code: 'VALIDATION_RANGE', message: 'estimatedAreaM2: an area cannot be negative' }),
    ).toEqual({
      text: 'estimatedAreaM2: an area cannot be negative',
    });
  });

  it('in another language an error shows the code’s translated title, with the server’s English words as its detail', () => {
    setLocale('uk');
    const e = new ApiError(409, 'STOCK_SELF_APPROVAL', 'movement 7f… was proposed by alice', []);
    const title = msg('uk', 'error.title.STOCK_SELF_APPROVAL');
    expect(title).not.toBe(msg('en', 'error.title.STOCK_SELF_APPROVAL'));
    expect(errorText(e)).toEqual({ text: title, detail: e.message });
    expect(describeError(e)).toBe(`${title} ${msg('uk', 'error.detail')} ${e.message}`);
    const p = { code: 'VALIDATION_RANGE', message: 'estimatedAreaM2: an area cannot be negative' };
    expect(problemText(p)).toEqual({ text: msg('uk', 'error.title.VALIDATION_RANGE'), detail: p.message });
  });

  it('beside a field, English shows the server’s message and another language the code’s sentence with that message as detail', () => {
    const p = {
      code: 'COORD_INVALID',
      message: 'MGRS "34VFM 123": the easting and northing need as many digits',
    };
    expect(problemText(p)).toEqual({ text: p.message });
    setLocale('uk');
    expect(problemText(p)).toEqual({ text: msg('uk', 'error.code.COORD_INVALID'), detail: p.message });
  });

  it('a sentence written for the app is an error’s headline in every language', () => {
    for (const l of ['en', 'uk'] as const) {
      setLocale(l);
      const e = new ApiError(401, 'AUTH_INVALID_CREDENTIALS', 'invalid credentials', []);
      expect(errorText(e)).toEqual({ text: msg(l, 'error.code.AUTH_INVALID_CREDENTIALS') });
    }
  });

  it('a code this build does not know, a network failure and a thrown error still read as sentences', () => {
    setLocale('uk');
    const unknown = new ApiError(400, 'SOMETHING_NEWER', 'a newer server said this', []);
    expect(errorText(unknown)).toEqual({
      text: msg('uk', 'error.generic').replace('{message}', unknown.message),
    });
    expect(errorText(parseError(0, undefined))).toEqual({ text: msg('uk', 'error.network') });
    expect(describeError(new Error('boom'))).toBe(msg('uk', 'error.generic').replace('{message}', 'boom'));
  });
});
