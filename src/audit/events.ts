/** The audit module's events: one strict schema per type, at its current version. */
import { z } from 'zod';
import { CLASSIFICATIONS } from '../access/index.js';
import { defineEvents, eventDef, type EventsOf } from '../command/index.js';

const login = z.strictObject({
  name: z.string().max(200),
  outcome: z.enum(['success', 'failure', 'logout']),
  method: z.enum(['password', 'token', 'session']),
  client: z.string().max(200).exactOptional(),
});

/** Either the records read, or a map tile and the ledger size it was cut at. */
const read = z.union([
  z.strictObject({
    collection: z.string().max(100),
    records: z
      .array(z.strictObject({ id: z.string().max(200), classification: z.enum(CLASSIFICATIONS) }))
      .min(1)
      .max(10_000),
    route: z.string().max(500),
  }),
  z.strictObject({
    collection: z.string().max(100),
    tile: z.strictObject({
      z: z.number().int().min(0).max(24),
      x: z.number().int().min(0),
      y: z.number().int().min(0),
    }),
    ledgerSize: z.number().int().min(0),
    route: z.string().max(500),
  }),
]);

export const auditEvents = defineEvents('audit.', [
  eventDef('audit.login-recorded', login),
  eventDef('audit.read-recorded', read),
]);

export type AuditEvent = EventsOf<typeof auditEvents>;
