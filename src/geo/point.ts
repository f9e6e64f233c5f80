/** The one place outside the coordinate parsers that mints a Wgs84Point from numbers. */
import { err, ok, problem, type Problem, type Result } from '../core/index.js';
import type { Wgs84Point } from './types.js';

/** Check latitude and longitude numbers and brand them as a WGS 84 point. */
export function wgs84Point(lat: unknown, lon: unknown): Result<Wgs84Point> {
  const problems: Problem[] = [];
  for (const [name, v, limit] of [
    ['lat', lat, 90],
    ['lon', lon, 180],
  ] as const) {
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      problems.push(problem('COORD_INVALID', name, `${name} must be a finite number`, { value: v }));
    } else if (Math.abs(v) > limit) {
      problems.push(
        problem('COORD_OUT_OF_RANGE', name, `${name} ${v} is outside [-${limit}, ${limit}]`, { value: v }),
      );
    }
  }
  return problems.length > 0 ? err(problems) : ok({ lat, lon } as Wgs84Point);
}
