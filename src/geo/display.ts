/** Display of areas and lengths. Storage is m² only; these helpers only format. */
import type { SquareMetres } from './types.js';

export type AreaUnit = 'm2' | 'ha' | 'km2';

const PER_UNIT: Readonly<Record<AreaUnit, number>> = { m2: 1, ha: 10000, km2: 1000000 };
const SYMBOL: Readonly<Record<AreaUnit, string>> = { m2: 'm²', ha: 'ha', km2: 'km²' };

/** Convert stored m² to a display unit (a plain number: it must never be stored). */
export function areaIn(area: SquareMetres, unit: AreaUnit): number {
  return area / PER_UNIT[unit];
}

/**
 * Locale-aware area text, e.g. `formatArea(a, 'ha', 'uk-UA')` → "1,25 ha".
 * @example formatArea(12500 as SquareMetres, 'ha', 'en') // '1.25 ha'
 */
export function formatArea(
  area: SquareMetres,
  unit: AreaUnit,
  locale = 'en',
  maximumFractionDigits?: number,
): string {
  const digits = maximumFractionDigits ?? (unit === 'm2' ? 0 : unit === 'ha' ? 4 : 6);
  const n = new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(areaIn(area, unit));
  return `${n} ${SYMBOL[unit]}`;
}

/** The area in all three units, for acts that print m² with hectares (Ukraine) and for km² statistics. */
export function areaDisplay(
  area: SquareMetres,
  locale = 'en',
): { readonly m2: string; readonly ha: string; readonly km2: string } {
  return {
    m2: formatArea(area, 'm2', locale),
    ha: formatArea(area, 'ha', locale),
    km2: formatArea(area, 'km2', locale),
  };
}
