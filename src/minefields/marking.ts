/** The international minefield warning sign (APII Technical Annex 4). */
import { problem, type Problem } from '../core/index.js';
import type { SignSpec, StateCode } from './types.js';

/** The six CCW languages (TA 4(c)): Arabic, Chinese, English, French, Russian, Spanish. */
export const CCW_LANGUAGES: readonly string[] = ['ar', 'zh', 'en', 'fr', 'ru', 'es'];

/** Languages prevalent in each state's areas, for the "local language" test (TA 4(c)). */
export const LOCAL_LANGUAGES: Readonly<Record<StateCode, readonly string[]>> = {
  FI: ['fi', 'sv'],
  EE: ['et'],
  LV: ['lv'],
  LT: ['lt'],
  PL: ['pl'],
  UA: ['uk'],
};

const MIN_TRIANGLE_W = 28;
const MIN_TRIANGLE_H = 20;
const MIN_SQUARE = 15;
const COLOURS = ['red', 'orange'];

const bad = (path: string, message: string, details: Record<string, unknown>): Problem =>
  problem('MINEFIELD_SIGN_NONCONFORMING', path, message, details);

/** Every way the sign fails Technical Annex 4; empty when it conforms. */
export function checkSign(s: SignSpec, state: StateCode): Problem[] {
  const out: Problem[] = [];
  // TA 4(a): triangle at least 28 cm × 20 cm, or square at least 15 cm a side.
  if (s.shape === 'triangle') {
    if (s.widthCm < MIN_TRIANGLE_W)
      out.push(
        bad('sign.widthCm', `a triangle is at least ${MIN_TRIANGLE_W} cm wide (APII TA 4(a))`, {
          value: s.widthCm,
          min: MIN_TRIANGLE_W,
        }),
      );
    if (s.heightCm === undefined || s.heightCm < MIN_TRIANGLE_H) {
      out.push(
        bad('sign.heightCm', `a triangle is at least ${MIN_TRIANGLE_H} cm high (APII TA 4(a))`, {
          value: s.heightCm ?? null,
          min: MIN_TRIANGLE_H,
        }),
      );
    }
  } else if (s.widthCm < MIN_SQUARE) {
    out.push(
      bad('sign.widthCm', `a square is at least ${MIN_SQUARE} cm a side (APII TA 4(a))`, {
        value: s.widthCm,
        min: MIN_SQUARE,
      }),
    );
  }
  // TA 4(b): red or orange with a yellow reflecting border.
  if (!COLOURS.includes(s.colour.toLowerCase()))
    out.push(bad('sign.colour', 'the sign is red or orange (APII TA 4(b))', { value: s.colour }));
  if (s.border.colour.toLowerCase() !== 'yellow')
    out.push(bad('sign.border.colour', 'the border is yellow (APII TA 4(b))', { value: s.border.colour }));
  if (!s.border.reflective)
    out.push(bad('sign.border.reflective', 'the border is reflective (APII TA 4(b))', { value: false }));
  // TA 4(c): "Mines" in one of the six CCW languages and in the language(s) prevalent in the area.
  const langs = s.words.filter((w) => w.text.trim() !== '').map((w) => w.language);
  if (!langs.some((l) => CCW_LANGUAGES.includes(l))) {
    out.push(
      bad(
        'sign.words',
        'the word for "mines" is needed in a CCW language: ar, zh, en, fr, ru or es (APII TA 4(c))',
        { value: langs },
      ),
    );
  }
  const local = LOCAL_LANGUAGES[state];
  if (!langs.some((l) => local.includes(l))) {
    out.push(
      bad(
        'sign.words',
        `the word for "mines" is needed in the local language (${local.join(' or ')}) (APII TA 4(c))`,
        { value: langs, local },
      ),
    );
  }
  return out;
}
