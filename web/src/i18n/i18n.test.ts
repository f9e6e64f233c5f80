import { describe, expect, it } from 'vitest';
import en from './en.json';
import fi from './fi.json';
import uk from './uk.json';
import { formatArea, setLocale, t } from './index.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogues', () => {
  it.each([
    ['fi', fi],
    ['uk', uk],
  ] as const)('has no %s key that English lacks, and keeps every placeholder of the English text', (_name, cat) => {
    const enMap: Record<string, string> = en;
    for (const [k, v] of Object.entries(cat)) {
      expect(Object.hasOwn(enMap, k), k).toBe(true);
      expect(placeholders(v), k).toEqual(placeholders(enMap[k] ?? ''));
    }
  });

  it.each([
    ['fi', fi],
    ['uk', uk],
  ] as const)('translates every string into %s (none falls back to English)', (_name, cat) => {
    const missing = Object.keys(en).filter((k) => !Object.hasOwn(cat, k));
    expect(missing, missing.join(', ')).toEqual([]);
  });

  it('fills placeholders with locale-formatted numbers', () => {
    setLocale('fi');
    expect(t('compliance.count', { count: 1234 })).toBe(`${new Intl.NumberFormat('fi').format(1234)} havaintoa`);
    setLocale('en');
    expect(t('compliance.count', { count: 1234 })).toBe('1,234 findings');
  });

  it('shows areas in m² with hectares from one hectare up', () => {
    setLocale('en');
    expect(formatArea(950)).toBe('950 m²');
    expect(formatArea(25_000)).toBe('25,000 m² (2.5 ha)');
  });
});
