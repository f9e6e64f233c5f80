/**
 * `npm run bench -- events`: what checking a payload against its event schema costs (issue #13
 * §1). The seeded demo ledger (SYNTHETIC DEMO DATA: every module's events, from small status
 * changes to minefield records with their points) is checked event by event through the
 * registry, as the pipeline does for each new event and verify for each stored one; 20 passes
 * per repetition, 7 repetitions after a warm-up, min and median µs per event.
 */
import { readEvents } from '../src/app/index.js';
import { makeTestApp } from '../src/app/testing/index.js';
import { EventRegistry } from '../src/command/index.js';
import { seedDemo } from '../src/demo/index.js';
import type { LedgerEvent } from '../src/ledger/index.js';
import { emit, median, timeIt } from './emit.js';

const BENCH = 'events';

export async function run(): Promise<void> {
  const app = await makeTestApp();
  try {
    await seedDemo(app);
    const events: LedgerEvent[] = [];
    for await (const e of readEvents(app.store)) events.push(e);
    const registry = EventRegistry.of(app.modules);
    const passes = 20;
    let sink = 0;
    const ms = await timeIt(() => {
      for (let k = 0; k < passes; k++) for (const e of events) sink += registry.check(e).length;
    }, 7);
    if (sink !== 0) throw new Error(`the demo ledger holds ${sink} invalid payloads`);
    const perEvent = (t: number) => Number(((t * 1000) / (passes * events.length)).toFixed(2));
    const bytes = Math.round(
      events.reduce((s, e) => s + JSON.stringify(e.payload).length, 0) / events.length,
    );
    emit({
      bench: BENCH,
      metric: 'payload-check.median',
      value: perEvent(median(ms)),
      unit: 'µs/event',
      min: perEvent(ms[0] ?? Number.NaN),
      events: events.length,
      meanPayloadBytes: bytes,
    });
  } finally {
    await app.close();
  }
}
