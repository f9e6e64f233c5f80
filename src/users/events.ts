/** The users module's events: one strict schema per type, at its current version. */
import { z } from 'zod';
import { CLASSIFICATIONS, ROLES } from '../access/index.js';
import { defineEvents, eventDef, type EventsOf } from '../command/index.js';

const userId = z.string().min(1);
const role = z.enum(ROLES);
const classification = z.enum(CLASSIFICATIONS);

export const userEvents = defineEvents('user.', [
  eventDef(
    'user.added',
    z.strictObject({
      userId,
      name: z.string().min(1),
      displayName: z.string(),
      roles: z.array(role),
      clearance: classification,
      regions: z.array(z.string()),
    }),
  ),
  /** A password or API token was set; the secret itself never enters the ledger. */
  eventDef(
    'user.credential-set',
    z.strictObject({
      userId,
      kind: z.enum(['password', 'token']),
      credentialId: z.string().min(1),
      label: z.string().exactOptional(),
    }),
  ),
  eventDef(
    'user.credential-revoked',
    z.strictObject({ userId, kind: z.literal('token'), credentialId: z.string().min(1), reason: z.string() }),
  ),
  eventDef('user.role-assigned', z.strictObject({ userId, role })),
  eventDef('user.role-revoked', z.strictObject({ userId, role })),
  eventDef(
    'user.access-set',
    z.strictObject({ userId, clearance: classification, regions: z.array(z.string()) }),
  ),
  eventDef('user.disabled', z.strictObject({ userId, reason: z.string() })),
  eventDef('user.enabled', z.strictObject({ userId })),
]);

export type UserEvent = EventsOf<typeof userEvents>;
