/** Commands: validated against current state, they produce events or a typed refusal. */
import type { z } from 'zod';
import type { Actor, Permission } from '../access/index.js';
import type { JsonObject, Result } from '../core/index.js';
import type { LedgerEvent } from '../ledger/index.js';
import type { Credential, DocReader, DocWriter } from '../store/index.js';
import type { EventSet } from './events.js';
import { parseWith } from './validation.js';

/** What a command submits, at any boundary (CLI, HTTP, import). */
export interface CommandEnvelope {
  readonly type: string;
  readonly payload: unknown;
  /** When it happened in the world (ISO 8601). Some commands require it; others default to now. */
  readonly effectiveAt?: string | undefined;
  /** Client-generated id: submitting the same id again returns the original result and writes nothing. */
  readonly submission?: string | undefined;
  /** The second person, where a two-person rule applies (must be a different, authorised user). */
  readonly cosigner?: string | undefined;
}

/** An event a command decided on, before the pipeline stamps actor, time and place. */
export interface NewEvent {
  readonly type: string;
  readonly payload: JsonObject;
  /** The type's current version (set by `EventSet.event`); the pipeline refuses any other. */
  readonly schemaVersion?: number;
  readonly refs?: readonly number[];
  readonly cosigner?: string;
  /** Overrides the command's effectiveAt for this event. */
  readonly effectiveAt?: string;
}

export interface Decision {
  readonly events: readonly NewEvent[];
  /** Secrets written in the same transaction; never in the ledger. */
  readonly credentials?: readonly Credential[];
  readonly revokeCredentials?: readonly string[];
  /**
   * Personal data written to the sealed side table in the same transaction, never to the ledger.
   * Each record's `{ sealedId: id, commitment: sealCommitment(salt, data) }` must appear in one of
   * the decision's events (store/sealed.ts); the pipeline refuses to commit otherwise.
   */
  readonly sealed?: readonly { readonly id: string; readonly data: JsonObject; readonly salt: string }[];
  /** Sealed records erased in the same transaction; an event must list them in `erasedSealedIds`. */
  readonly eraseSealed?: readonly string[];
  /** Data returned to the caller (ids minted, a one-time token…). */
  readonly result?: JsonObject;
}

export interface DecideContext {
  readonly actor: Actor;
  /** Current projections, inside the command's transaction. */
  readonly docs: DocReader;
  /** Server time of this execution. */
  readonly now: Date;
  /** The command's effective time (defaults to now). */
  readonly effectiveAt: Date;
  readonly cosigner?: string | undefined;
}

export interface CommandHandler {
  readonly type: string;
  readonly permission: Permission;
  /** 'required': a missing effectiveAt is refused; 'default-now': it defaults to now. */
  readonly effectiveAt: 'required' | 'default-now';
  /** The payload schema, so boundaries (OpenAPI, web forms) can publish the same validation. */
  readonly schema?: z.ZodType;
  readonly handle: (payload: unknown, ctx: DecideContext) => Promise<Result<Decision>>;
  /**
   * The command's result as a function of the events it appended (its reactions included). With
   * it, a resent submission answers with the original result, not only the events (issue #6 §8);
   * the pipeline checks on every run that it equals what `decide` returned.
   */
  readonly resultOf?: (events: readonly ResultEvent[]) => JsonObject;
}

/** What `resultOf` reads of an appended event. */
export interface ResultEvent {
  readonly type: string;
  readonly payload: JsonObject;
}

/** Define a command from a Zod schema and a decision function over the parsed payload. */
export function defineCommand<S extends z.ZodType>(spec: {
  readonly type: string;
  readonly permission: Permission;
  readonly effectiveAt?: 'required' | 'default-now';
  readonly schema: S;
  readonly decide: (payload: z.infer<S>, ctx: DecideContext) => Promise<Result<Decision>> | Result<Decision>;
  readonly resultOf?: (events: readonly ResultEvent[]) => JsonObject;
}): CommandHandler {
  return {
    type: spec.type,
    permission: spec.permission,
    effectiveAt: spec.effectiveAt ?? 'default-now',
    schema: spec.schema,
    ...(spec.resultOf === undefined ? {} : { resultOf: spec.resultOf }),
    handle: async (payload, ctx) => {
      const parsed = parseWith(spec.schema, payload, 'payload');
      if (!parsed.ok) return parsed;
      return spec.decide(parsed.value, ctx);
    },
  };
}

export interface ProjectContext {
  readonly docs: DocWriter;
}

/** A domain module: its commands, its events, and the projector that folds them into documents. */
export interface DomainModule {
  readonly name: string;
  readonly commands: readonly CommandHandler[];
  /**
   * The module's event types, schemas, versions and upcasters (events.ts). Every domain module
   * declares them; a module without (a test's) has its events pass unchecked.
   */
  readonly events?: EventSet;
  /**
   * Apply one event, already upcast to its current version by the registry. Must be
   * deterministic: replay equals live. Built with `events.projector(f)`, so `f` sees only the
   * module's own typed events.
   */
  readonly project: (event: LedgerEvent, ctx: ProjectContext) => Promise<void>;
  /**
   * React to an event just appended (by any module) with further events, appended in the same
   * transaction by the same actor — e.g. a minefield handed over to mine action creates a CHA.
   * Reactions are recorded events, so replay never re-runs them.
   */
  readonly react?: (event: LedgerEvent, ctx: ReactContext) => Promise<readonly NewEvent[]>;
}

export interface ReactContext {
  /** Projections, already including the event being reacted to. */
  readonly docs: DocReader;
  readonly now: Date;
}
