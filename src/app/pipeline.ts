/**
 * The command pipeline (design.md §2): validate against current state, then append events and
 * update projections in one transaction, or refuse with every problem and write nothing.
 */
import { can, type Actor } from '../access/index.js';
import {
  CairnError,
  canonicalJson,
  err,
  isoInstant,
  ok,
  parseInstant,
  problem,
  type Clock,
  type JsonObject,
  type Problem,
  type Result,
} from '../core/index.js';
import { parseEventBytes, type EventDraft, type LedgerEvent } from '../ledger/index.js';
import { erasuresIn, sealCommitment, sealRefsIn, type DocWriter, type Store } from '../store/index.js';
import {
  EventRegistry,
  type CommandEnvelope,
  type CommandHandler,
  type DomainModule,
  type NewEvent,
} from '../command/index.js';

/** An effectiveAt this far in the future is refused (clock skew allowance). */
const FUTURE_SKEW_MS = 5 * 60 * 1000;
/** An effectiveAt this far in the past is accepted but flagged 'backdated' in the event. */
const BACKDATED_AFTER_MS = 24 * 60 * 60 * 1000;
const MAX_REACTION_DEPTH = 4;
const SUBMISSION_ID = /^[A-Za-z0-9._:-]{1,128}$/;
export const SUBMISSIONS = 'submissions';

export interface Executed {
  readonly events: readonly LedgerEvent[];
  readonly result: JsonObject;
  /** True when this submission id was seen before: nothing was written. */
  readonly replayed: boolean;
}

/** Apply one event to projections through every module, plus the pipeline's own submissions index. */
export async function projectEvent(
  modules: readonly DomainModule[],
  event: LedgerEvent,
  docs: DocWriter,
): Promise<void> {
  // Stored events are never rewritten: an older version is upcast here, each time it is read.
  const e = EventRegistry.of(modules).upcast(event);
  for (const m of modules) await m.project(e, { docs });
  if (event.submission !== undefined) {
    const prev = await docs.getDoc(SUBMISSIONS, event.submission);
    const seqs = Array.isArray(prev?.data['seqs']) ? (prev.data['seqs'] as number[]) : [];
    await docs.putDoc({
      collection: SUBMISSIONS,
      id: event.submission,
      version: event.seq,
      data: {
        type: (prev?.data['type'] as string | undefined) ?? event.command ?? event.type,
        actor: event.actor,
        seqs: [...seqs, event.seq],
      },
    });
  }
}

export class Pipeline {
  readonly #store: Store;
  readonly #clock: Clock;
  readonly #modules: readonly DomainModule[];
  readonly #events: EventRegistry;
  readonly #handlers = new Map<string, CommandHandler>();

  constructor(store: Store, clock: Clock, modules: readonly DomainModule[]) {
    this.#store = store;
    this.#clock = clock;
    this.#modules = modules;
    this.#events = EventRegistry.of(modules);
    for (const m of modules) {
      for (const h of m.commands) {
        if (this.#handlers.has(h.type)) throw new Error(`command ${h.type} is defined twice`);
        this.#handlers.set(h.type, h);
      }
    }
  }

  get modules(): readonly DomainModule[] {
    return this.#modules;
  }

  /** The command types this pipeline knows, sorted. */
  commandTypes(): string[] {
    return [...this.#handlers.keys()].sort();
  }

  handler(type: string): CommandHandler | undefined {
    return this.#handlers.get(type);
  }

  /** Execute a command as `actor`. Refusals list every problem and write nothing. */
  async execute(cmd: CommandEnvelope, actor: Actor): Promise<Result<Executed>> {
    const handler = this.#handlers.get(cmd.type);
    if (handler === undefined)
      return err([problem('VALIDATION_ENUM', 'type', `unknown command type "${cmd.type}"`)]);
    if (!can(actor, handler.permission)) {
      return err([
        problem('AUTH_FORBIDDEN', '', `${actor.name} may not ${cmd.type} (needs ${handler.permission})`),
      ]);
    }
    const now = this.#clock.now();
    const problems: Problem[] = [];
    let effectiveAt = now;
    if (cmd.effectiveAt === undefined || cmd.effectiveAt === '') {
      if (handler.effectiveAt === 'required')
        problems.push(
          problem('VALIDATION_DATE_MISSING', 'effectiveAt', 'effectiveAt is required: when did this happen?'),
        );
    } else {
      const d = parseInstant(cmd.effectiveAt);
      if (d === undefined)
        problems.push(
          problem('VALIDATION_FORMAT', 'effectiveAt', 'effectiveAt must be an ISO 8601 date or date-time'),
        );
      else if (d.getTime() > now.getTime() + FUTURE_SKEW_MS) {
        problems.push(
          problem('VALIDATION_DATE_FUTURE', 'effectiveAt', `effectiveAt ${cmd.effectiveAt} is in the future`),
        );
      } else effectiveAt = d;
    }
    if (cmd.submission !== undefined && !SUBMISSION_ID.test(cmd.submission)) {
      problems.push(
        problem('VALIDATION_FORMAT', 'submission', 'a submission id is 1–128 letters, digits or . _ : -'),
      );
    }
    if (cmd.cosigner !== undefined && cmd.cosigner === actor.id) {
      problems.push(
        problem('AUTH_FORBIDDEN', 'cosigner', 'the cosigner must be a different person from the actor'),
      );
    }
    if (problems.length > 0) return err(problems);

    return this.#store.transaction(async (tx): Promise<Result<Executed>> => {
      if (cmd.submission !== undefined) {
        const seen = await tx.getDoc(SUBMISSIONS, cmd.submission);
        if (seen !== undefined) {
          if (seen.data['type'] !== cmd.type || seen.data['actor'] !== actor.id) {
            return err([
              problem(
                'CONFLICT',
                'submission',
                `submission ${cmd.submission} was already used for a different command`,
              ),
            ]);
          }
          const seqs = (seen.data['seqs'] as number[] | undefined) ?? [];
          const original = await this.#readEvents(seqs);
          // The original result where the command can derive it from its events (checked below
          // on every fresh run), else the submission id.
          return ok({
            events: original,
            result: handler.resultOf?.(original) ?? { submission: cmd.submission },
            replayed: true,
          });
        }
      }
      const decision = await handler.handle(cmd.payload, {
        actor,
        docs: tx,
        now,
        effectiveAt,
        cosigner: cmd.cosigner,
      });
      if (!decision.ok) return decision;
      this.#checkEvents(cmd.type, decision.value.events);
      const drafts: EventDraft[] = decision.value.events.map((e) => {
        const eff = e.effectiveAt ?? isoInstant(effectiveAt);
        const backdated = now.getTime() - new Date(eff).getTime() > BACKDATED_AFTER_MS;
        const cosigner = e.cosigner ?? cmd.cosigner;
        return {
          type: e.type,
          schemaVersion: this.#events.versionOf(e.type),
          effectiveAt: eff,
          actor: actor.id,
          ...(cosigner === undefined ? {} : { cosigner }),
          payload: e.payload,
          refs: e.refs ?? [],
          ...(backdated ? { flags: ['backdated'] } : {}),
          ...(cmd.submission === undefined ? {} : { submission: cmd.submission, command: cmd.type }),
        };
      });
      const events = drafts.length === 0 ? [] : await tx.append(drafts, isoInstant(now));
      for (const e of events) await projectEvent(this.#modules, e, tx);
      // Reactions: modules may answer an appended event with further events (bounded depth).
      let pending = events;
      for (let depth = 0; pending.length > 0; depth++) {
        if (depth >= MAX_REACTION_DEPTH) throw new Error('reaction chain too deep');
        const reactions: EventDraft[] = [];
        for (const e of pending) {
          for (const m of this.#modules) {
            if (m.react === undefined) continue;
            const made = await m.react(e, { docs: tx, now });
            this.#checkEvents(cmd.type, made);
            for (const r of made) {
              reactions.push({
                type: r.type,
                schemaVersion: this.#events.versionOf(r.type),
                effectiveAt: r.effectiveAt ?? e.effectiveAt,
                actor: actor.id,
                payload: r.payload,
                refs: r.refs ?? [e.seq],
                ...(e.submission === undefined ? {} : { submission: e.submission, command: cmd.type }),
              });
            }
          }
        }
        pending = reactions.length === 0 ? [] : await tx.append(reactions, isoInstant(now));
        for (const e of pending) await projectEvent(this.#modules, e, tx);
        events.push(...pending);
      }
      for (const c of decision.value.credentials ?? []) await tx.putCredential(c);
      // Sealed personal data: only its commitment enters the ledger, so each record must be
      // committed to by an event of this decision (otherwise verify could never check it).
      const sealed = decision.value.sealed ?? [];
      const erased = decision.value.eraseSealed ?? [];
      if (sealed.length > 0 || erased.length > 0) {
        const refs = new Map(
          events.flatMap((e) => sealRefsIn(e.payload)).map((r) => [r.sealedId, r.commitment]),
        );
        const erasures = new Set(events.flatMap((e) => erasuresIn(e.payload)));
        for (const r of sealed) {
          if (refs.get(r.id) !== sealCommitment(r.salt, r.data))
            throw new CairnError(
              'INTERNAL',
              `${cmd.type}: sealed record ${r.id} is not committed to by its events`,
            );
          await tx.putSealed(r.id, r.data, r.salt);
        }
        for (const id of erased) {
          if (!erasures.has(id))
            throw new CairnError(
              'INTERNAL',
              `${cmd.type}: sealed record ${id} is erased without an erasure event`,
            );
          await tx.eraseSealed(id);
        }
      }
      for (const id of decision.value.revokeCredentials ?? []) await tx.revokeCredential(id, isoInstant(now));
      const result = decision.value.result ?? {};
      if (
        handler.resultOf !== undefined &&
        canonicalJson(handler.resultOf(events)) !== canonicalJson(result)
      ) {
        throw new CairnError(
          'INTERNAL',
          `${cmd.type}: its result cannot be derived from its events, so a resent submission would answer differently`,
        );
      }
      return ok({ events, result, replayed: false });
    });
  }

  /**
   * Refuse events that a decide or react function built wrong (an undeclared type or version, a
   * payload its schema refuses): a bug, so thrown, and the transaction writes nothing.
   */
  #checkEvents(command: string, events: readonly NewEvent[]): void {
    const problems = events.flatMap((e, i) =>
      this.#events
        .checkNew(e)
        .map((p) => ({ ...p, path: `events[${i}].${p.path}`, message: `${e.type}: ${p.message}` })),
    );
    const first = problems[0];
    if (first !== undefined)
      throw new CairnError(
        first.code,
        `${command} produced an invalid event: ${first.path}: ${first.message}`,
        problems,
      );
  }

  async #readEvents(seqs: readonly number[]): Promise<LedgerEvent[]> {
    const out: LedgerEvent[] = [];
    for (const s of seqs) {
      const [entry] = await this.#store.readEntries(s, s + 1);
      if (entry !== undefined) out.push(this.#events.upcast(parseEventBytes(entry.bytes)));
    }
    return out;
  }
}

/** Canonical digest text of a command, for logs and conflict messages. */
export function commandText(cmd: CommandEnvelope): string {
  return canonicalJson({ type: cmd.type, payload: cmd.payload ?? null });
}
