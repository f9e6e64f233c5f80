/**
 * demo: the synthetic, labelled demo data generator behind `cairn demo`. Each domain module adds
 * one seeder to `demoSeeders` (in order). Data is fictional: random shapes, not real places of
 * military relevance, and every record says SYNTHETIC DEMO DATA.
 */
import type { Cairn } from '../app/index.js';
import { seededRandom, type DemoSeeder, type DemoUser } from './context.js';
import { seedDemoUsers } from './users.js';
import { seedStockDemo } from './stock.js';
import { seedMinefieldDemo } from './minefields.js';
import { seedReadinessDemo } from './treaty.js';
import { seedLandReleaseDemo } from './landrelease.js';

export type { DemoContext, DemoSeeder, DemoUser } from './context.js';
export { SYNTHETIC, seededRandom } from './context.js';
export { DEMO_ROLES } from './users.js';
export { DEMO_FINDINGS, type DemoFinding } from './findings.js';

/** Seeders run in this order after the demo users exist. Modules append theirs. */
export const demoSeeders: readonly DemoSeeder[] = [
  seedStockDemo,
  seedReadinessDemo,
  seedMinefieldDemo,
  seedLandReleaseDemo,
];

/** Fill an empty instance with the demo users and every module's synthetic data. */
export async function seedDemo(app: Cairn, seed = 20261126): Promise<{ users: DemoUser[] }> {
  const { users, actors } = await seedDemoUsers(app);
  const ctx = { app, actors, random: seededRandom(seed), today: app.clock.now() };
  for (const s of demoSeeders) await s(ctx);
  return { users };
}
