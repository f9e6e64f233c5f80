/**
 * Completeness of a message catalogue against English: the same keys, no empty text, the same
 * placeholders in every form, exactly the CLDR plural categories of the language where English
 * has plural forms, and no text left in English. Used by i18n.test.ts, so a key added to en.json
 * fails the build until every language has it.
 */
import type { Message } from './index.js';

export type CatalogueRule =
  'missing' | 'extra' | 'empty' | 'placeholders' | 'plural-forms' | 'same-as-english';

/** One gap in a catalogue: the key, the rule it breaks, and what is wrong. */
export interface CatalogueProblem {
  readonly key: string;
  readonly rule: CatalogueRule;
  readonly detail: string;
}

const forms = (m: Message): readonly string[] => (typeof m === 'string' ? [m] : Object.values(m));
const placeholders = (s: string): string[] =>
  [...new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? ''))].sort();
/** A text with no word of its own, only placeholders and punctuation (`{layer}: {message}`). */
const onlyPlaceholders = (s: string): boolean => !/\p{L}/u.test(s.replace(/\{\w+\}/g, ''));

/**
 * Every gap in catalogue `cat` of language `lang`, compared with `en`. `sameAsEnglish` names the
 * keys whose text may rightly be the English text (a product or grid-system name).
 */
export function checkCatalogue(
  lang: string,
  cat: Readonly<Record<string, Message>>,
  en: Readonly<Record<string, Message>>,
  sameAsEnglish: ReadonlySet<string> = new Set(),
): CatalogueProblem[] {
  const problems: CatalogueProblem[] = [];
  const categories = [...new Intl.PluralRules(lang).resolvedOptions().pluralCategories].sort();
  for (const key of Object.keys(en))
    if (!Object.hasOwn(cat, key)) problems.push({ key, rule: 'missing', detail: 'not translated' });
  for (const [key, m] of Object.entries(cat)) {
    const base = en[key];
    if (base === undefined) {
      problems.push({ key, rule: 'extra', detail: 'not in English' });
      continue;
    }
    const empty = forms(m).some((f) => f.trim() === '');
    if (empty) problems.push({ key, rule: 'empty', detail: 'an empty text' });
    const want = placeholders(forms(base).join(' ')).join();
    for (const f of forms(m))
      if (placeholders(f).join() !== want)
        problems.push({
          key,
          rule: 'placeholders',
          detail: `"${f}" has {${placeholders(f).join('}, {')}}, English has {${want.split(',').join('}, {')}}`,
        });
    if ((typeof base === 'object') !== (typeof m === 'object')) {
      problems.push({
        key,
        rule: 'plural-forms',
        detail:
          typeof base === 'object'
            ? `needs the plural forms ${categories.join(', ')}`
            : 'must be one text, as in English',
      });
    } else if (typeof m === 'object') {
      const have = Object.keys(m).sort();
      if (have.join() !== categories.join())
        problems.push({
          key,
          rule: 'plural-forms',
          detail: `has ${have.join(', ')}; ${lang} needs ${categories.join(', ')}`,
        });
    }
    if (lang !== 'en' && !empty && !sameAsEnglish.has(key)) {
      const english = new Set(forms(base));
      const same = forms(m).filter((f) => english.has(f) && !onlyPlaceholders(f));
      if (same.length > 0)
        problems.push({ key, rule: 'same-as-english', detail: `"${same[0] ?? ''}" is the English text` });
    }
  }
  return problems;
}
