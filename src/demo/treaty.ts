/**
 * Demo readiness: SYNTHETIC DEMO DATA. Finland's registry seed says "peace"; the demo story has
 * the (fictional) government raise readiness to crisis a month before today, by an authorised
 * `treaty.readiness.set` event citing a SYNTHETIC legal reference. Minefield records laid after
 * that date are lawful under the national undertaking; the one laid before it deliberately shows
 * the `minefield.laid-in-peace` finding (see minefields.ts).
 */
import { SYNTHETIC, demoCommand, type DemoContext } from './context.js';

const DAY = 86_400_000;

/** Days before the demo's today when the demo state's readiness became crisis. */
export const CRISIS_DAYS_AGO = 30;

/** The demo state whose readiness changes. */
export const DEMO_STATE = 'FI';

/** Raise the demo state's readiness to crisis, as an authorised admin act citing its (fictional) basis. */
export async function seedReadinessDemo(ctx: DemoContext): Promise<void> {
  const admin = ctx.actors.get('admin');
  if (admin === undefined) return;
  // From midnight UTC of the day CRISIS_DAYS_AGO before today.
  const from = new Date(Math.floor(ctx.today.getTime() / DAY) * DAY - CRISIS_DAYS_AGO * DAY);
  await demoCommand(
    ctx.app,
    {
      type: 'treaty.readiness.set',
      effectiveAt: from.toISOString(),
      payload: {
        code: DEMO_STATE,
        status: 'crisis',
        legalReference: `${SYNTHETIC}: fictional Government decision SYN-GOV-2026-001 raising defence readiness (not a real act)`,
        // example.org is reserved for documentation (RFC 2606): nothing real is cited.
        sourceUrl: 'https://example.org/synthetic-demo-data/readiness-decision',
      },
    },
    admin,
  );
}
