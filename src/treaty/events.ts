/** The treaty module's events: one strict schema per type, at its current version. */
import { z } from 'zod';
import {
  calendarDateSchema,
  defineEvents,
  eventDef,
  instantSchema,
  type EventsOf,
} from '../command/index.js';
import { INSTRUMENT_KINDS, READINESS } from './types.js';

const code = z.string().regex(/^[A-Z]{2}$/, 'a state is an ISO 3166-1 alpha-2 code such as FI');
const sourceUrl = z.url();

export const treatyEvents = defineEvents('treaty.', [
  eventDef('treaty.state-registered', z.strictObject({ code, name: z.string().min(1) })),
  eventDef(
    'treaty.instrument-recorded',
    z.strictObject({
      code,
      kind: z.enum(INSTRUMENT_KINDS),
      date: calendarDateSchema,
      sourceUrl,
      note: z.string(),
    }),
  ),
  eventDef('treaty.apii-set', z.strictObject({ code, party: z.boolean(), sourceUrl })),
  /** `from` is when the readiness period began (the command's effectiveAt). */
  eventDef(
    'treaty.readiness-set',
    z.strictObject({
      code,
      status: z.enum(READINESS),
      legalReference: z.string().min(1),
      sourceUrl,
      from: instantSchema,
    }),
  ),
]);

export type TreatyEvent = EventsOf<typeof treatyEvents>;
