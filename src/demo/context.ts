/** What a demo seeder gets: the app, the demo users as actors, a seeded PRNG and a clock. */
import type { Actor } from '../access/index.js';
import type { Cairn } from '../app/index.js';
import type { CommandEnvelope } from '../command/index.js';
import { CairnError } from '../core/index.js';

export interface DemoUser {
  readonly name: string;
  readonly role: string;
  readonly password: string;
}

export interface DemoContext {
  readonly app: Cairn;
  /** Demo actors by user name (see users.ts for the list). */
  readonly actors: ReadonlyMap<string, Actor>;
  /** Deterministic random numbers in [0, 1). */
  readonly random: () => number;
  /** The demo's "today"; seeded history lies in the year before it. */
  readonly today: Date;
}

const DAY = 86_400_000;

/**
 * The instant at `hour` o'clock UTC on the day `daysAgo` before `today`, but never after `today`:
 * a demo seeded just after midnight must not date today's events at noon, in the future.
 */
export function demoInstant(today: Date, daysAgo: number, hour = 12): string {
  const day = Math.floor(today.getTime() / DAY) - daysAgo;
  return new Date(Math.min(day * DAY + hour * 3_600_000, today.getTime())).toISOString();
}

export type DemoSeeder = (ctx: DemoContext) => Promise<void>;

/** A deterministic PRNG (mulberry32), from core. */
export { seededRandom } from '../core/index.js';

/** Every demo record's text carries this label. */
export const SYNTHETIC = 'SYNTHETIC DEMO DATA';

/** Run one demo command; a refusal is a bug in the seeder, so it throws with every problem. */
export async function demoCommand(
  app: Cairn,
  cmd: CommandEnvelope,
  actor: Actor,
): Promise<Record<string, unknown>> {
  const r = await app.execute(cmd, actor);
  if (!r.ok)
    throw new CairnError(
      r.errors[0]?.code ?? 'INTERNAL',
      `demo ${cmd.type}: ${r.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`,
    );
  return r.value.result;
}
