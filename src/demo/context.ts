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

export type DemoSeeder = (ctx: DemoContext) => Promise<void>;

/** A deterministic PRNG (mulberry32), from core. */
export { seededRandom } from '../core/index.js';

/** Every demo record's text carries this label. */
export const SYNTHETIC = 'SYNTHETIC DEMO DATA';

/** Run one demo command; a refusal is a bug in the seeder, so it throws with every problem. */
export async function demoCommand(app: Cairn, cmd: CommandEnvelope, actor: Actor): Promise<Record<string, unknown>> {
  const r = await app.execute(cmd, actor);
  if (!r.ok) throw new CairnError(r.errors[0]?.code ?? 'INTERNAL', `demo ${cmd.type}: ${r.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`);
  return r.value.result;
}
