/** One JSON line per figure: {"bench":…,"metric":…,"value":N,"unit":…} (the issues' benchmark format). */
export interface Figure {
  readonly bench: string;
  readonly metric: string;
  readonly value: number;
  readonly unit: string;
  readonly [extra: string]: unknown;
}

export function emit(figure: Figure): void {
  process.stdout.write(`${JSON.stringify(figure)}\n`);
}

/** Run `fn` `reps` times after `warmup` runs; return sorted durations in ms. */
export async function timeIt(fn: () => unknown, reps = 5, warmup = 1): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    out.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return out.sort((a, b) => a - b);
}

export function median(sorted: readonly number[]): number {
  if (sorted.length === 0) return Number.NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? Number.NaN)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** A deterministic PRNG (mulberry32) so benchmark data is seeded and repeatable. */
export { seededRandom } from '../src/core/index.js';

/** A sink that keeps results alive so the optimiser cannot drop the measured work. */
export const sink: { value: unknown } = { value: undefined };
