/**
 * audit: who logged in, who failed to, and who read which restricted, confidential or secret
 * records (design.md §5). These are ledger events like any other, so the audit trail is as
 * tamper-evident as the records it watches. Only adapters (the HTTP server) execute these
 * commands; the generic commands endpoint refuses the `audit.` prefix so nobody forges them.
 */
import { z } from 'zod';
import { CLASSIFICATIONS } from '../access/index.js';
import { assertNever, ok } from '../core/index.js';
import { defineCommand, type DomainModule, type ProjectContext } from '../command/index.js';
import { auditEvents, type AuditEvent } from './events.js';

/** The projection collection holding one document per audit event. */
export const AUDIT = 'audit';
/** Command types only adapters may execute. */
export const AUDIT_COMMAND_PREFIX = 'audit.';

const login = defineCommand({
  type: 'audit.login.record',
  // Anyone, even an anonymous caller whose login failed, leaves a trace.
  permission: 'public.read',
  schema: z
    .object({
      name: z.string().max(200),
      outcome: z.enum(['success', 'failure', 'logout']),
      method: z.enum(['password', 'token', 'session']),
      client: z.string().max(200).optional(),
    })
    .strict(),
  decide: (p) =>
    ok({
      events: [
        auditEvents.event('audit.login-recorded', {
          name: p.name,
          outcome: p.outcome,
          method: p.method,
          ...(p.client === undefined ? {} : { client: p.client }),
        }),
      ],
    }),
});

const read = defineCommand({
  type: 'audit.read.record',
  permission: 'public.read',
  // Either the records read, or — for a map tile, which may hold tens of thousands — the tile and
  // the ledger size it was cut at: replaying the ledger to that size and reading the tile with the
  // reader's access filter gives exactly the records it held, so nothing is lost by not listing them.
  schema: z.union([
    z
      .object({
        collection: z.string().max(100),
        records: z
          .array(z.object({ id: z.string().max(200), classification: z.enum(CLASSIFICATIONS) }).strict())
          .min(1)
          .max(10_000),
        route: z.string().max(500),
      })
      .strict(),
    z
      .object({
        collection: z.string().max(100),
        tile: z
          .object({
            z: z.number().int().min(0).max(24),
            x: z.number().int().min(0),
            y: z.number().int().min(0),
          })
          .strict(),
        ledgerSize: z.number().int().min(0),
        route: z.string().max(500),
      })
      .strict(),
  ]),
  decide: (p) => ok({ events: [auditEvents.event('audit.read-recorded', p)] }),
});

/** One audit document per audit event, keyed by its seq. */
async function project(e: AuditEvent, { docs }: ProjectContext): Promise<void> {
  switch (e.type) {
    case 'audit.login-recorded':
    case 'audit.read-recorded':
      break;
    default:
      assertNever(e, 'audit event');
  }
  await docs.putDoc({
    collection: AUDIT,
    id: String(e.seq).padStart(12, '0'),
    version: e.seq,
    data: { seq: e.seq, type: e.type, actor: e.actor, at: e.recordedAt, ...e.payload },
  });
}

export const auditModule: DomainModule = {
  name: 'audit',
  commands: [login, read],
  events: auditEvents,
  project: auditEvents.projector(project),
};
