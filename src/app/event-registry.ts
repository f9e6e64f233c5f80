/**
 * The registry of every domain module's events, built from each module's events.ts directly
 * (not the module doors): a verify worker thread loads only this, the command kit and zod, never
 * the rest of the application. `domainModules` (modules.ts) carries the same sets.
 */
import { EventRegistry } from '../command/events.js';
import { auditEvents } from '../audit/events.js';
import { landReleaseEvents } from '../landrelease/events.js';
import { minefieldEvents } from '../minefields/events.js';
import { stockEvents } from '../stock/events.js';
import { treatyEvents } from '../treaty/events.js';
import { userEvents } from '../users/events.js';

/** Every domain module's event set, in the order of `domainModules`. */
export const domainEventSets = [
  userEvents,
  auditEvents,
  minefieldEvents,
  landReleaseEvents,
  treatyEvents,
  stockEvents,
] as const;

const closed = new EventRegistry(domainEventSets);
const open = new EventRegistry(domainEventSets, true);

/**
 * The domain registry; `openToOthers` lets events whose type no domain module claims pass
 * unchecked (a module list with an untyped module, see `EventRegistry.of`).
 */
export function domainEventRegistry(openToOthers: boolean): EventRegistry {
  return openToOthers ? open : closed;
}
