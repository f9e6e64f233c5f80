/** Executing pipeline commands for an HTTP caller: refusals become the one error shape. */
import type { Context } from 'hono';
import type { z } from 'zod';
import type { Executed } from '../app/index.js';
import type { CommandEnvelope } from '../command/index.js';
import { problem, type Problem } from '../core/index.js';
import { AUDIT_COMMAND_PREFIX } from '../audit/index.js';
import type { HttpDeps, HttpEnv } from './env.js';
import { refuse, refuseAll } from './errors.js';
import type { CommandDone, CommandEnvelope as Envelope } from './schemas.js';

/** Refuse with a module's problems; an anonymous caller refused for permission gets 401, not 403. */
export function refuseAsCaller(c: Context<HttpEnv>, problems: readonly Problem[], what?: string): never {
  if (c.get('auth') === 'anonymous' && problems.some((e) => e.code === 'AUTH_FORBIDDEN')) {
    refuseAll([problem('AUTH_REQUIRED', '', 'log in or send an API token')]);
  }
  return refuseAll(problems, what);
}

/** Run a command as the caller; an anonymous caller refused for permission gets 401, not 403. */
export async function executeAsCaller(
  c: Context<HttpEnv>,
  deps: HttpDeps,
  cmd: CommandEnvelope,
): Promise<Executed> {
  if (cmd.type.startsWith(AUDIT_COMMAND_PREFIX)) {
    refuseAll([
      problem('AUTH_FORBIDDEN', 'type', 'audit events are recorded by the server, never submitted'),
    ]);
  }
  const r = await deps.app.execute(cmd, c.get('actor'));
  if (r.ok) return r.value;
  if (c.get('auth') === 'anonymous' && r.errors.some((e) => e.code === 'AUTH_FORBIDDEN')) {
    refuseAll([problem('AUTH_REQUIRED', '', `log in or send an API token to ${cmd.type}`)]);
  }
  return refuseAll(r.errors, cmd.type);
}

/**
 * POST /api/commands/{type}: run the command of that type with the request's envelope (the
 * `Idempotency-Key` header names the submission when the body does not), in the route's answer.
 */
export async function runCommand(
  c: Context<HttpEnv>,
  deps: HttpDeps,
  type: string,
  body: z.output<typeof Envelope>,
): Promise<z.input<typeof CommandDone>> {
  if (deps.app.pipeline.handler(type) === undefined || type.startsWith(AUDIT_COMMAND_PREFIX))
    refuse('NOT_FOUND', `no command "${type}"`, [problem('NOT_FOUND', 'type', `no command "${type}"`)]);
  const done = await executeAsCaller(c, deps, {
    type,
    payload: body.payload,
    effectiveAt: body.effectiveAt,
    submission: body.submission ?? c.req.header('idempotency-key'),
    cosigner: body.cosigner,
  });
  return {
    result: done.result,
    replayed: done.replayed,
    events: done.events.map((e) => ({ seq: e.seq, type: e.type, effectiveAt: e.effectiveAt })),
  };
}
