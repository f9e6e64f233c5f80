/**
 * Typed events: each module declares its events once (`defineEvents`), one strict Zod schema per
 * type with its current schema version and the upcasters that bring an older stored payload up to
 * it. The registry assembled from the modules' sets is what the pipeline checks new events
 * against, what projection and replay upcast through, and what `cairn verify` checks every stored
 * payload with. Stored events are never rewritten: an old version is upcast each time it is read.
 */
import { z } from 'zod';
import type { JsonObject, Problem } from '../core/index.js';
import { problem } from '../core/index.js';
import type { LedgerEvent } from '../ledger/index.js';
import type { DomainModule, NewEvent, ProjectContext } from './command.js';
import { zodProblems } from './validation.js';

// geo's Position: [lon, lat] (WGS 84).
const position = z.tuple([z.number(), z.number()]).readonly();
const line = z.array(position).readonly();
const lines = z.array(line).readonly();
/**
 * A GeoJSON geometry as events carry it: validated (and repaired) in `decide` with geo's rules,
 * so its schema checks the shape (types and [lon, lat] positions), not those rules again.
 */
export const geometryJson = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('Point'), coordinates: position }),
  z.strictObject({ type: z.literal('MultiPoint'), coordinates: line }),
  z.strictObject({ type: z.literal('LineString'), coordinates: line }),
  z.strictObject({ type: z.literal('MultiLineString'), coordinates: lines }),
  z.strictObject({ type: z.literal('Polygon'), coordinates: lines }),
  z.strictObject({ type: z.literal('MultiPolygon'), coordinates: z.array(lines).readonly() }),
]);
/** A polygon or multipolygon (an area). */
export const arealGeometryJson = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('Polygon'), coordinates: lines }),
  z.strictObject({ type: z.literal('MultiPolygon'), coordinates: z.array(lines).readonly() }),
]);

/** `T` with its keys whose value may be undefined made optional instead (JSON has no undefined). */
export type Compact<T> = { [K in keyof T as undefined extends T[K] ? never : K]: T[K] } & {
  [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined>;
};

/**
 * The object without its undefined-valued keys (shallow), typed so: what an optional command
 * field becomes in an event payload, where a field is present or absent, never undefined.
 */
export function compact<T extends object>(o: T): Compact<T> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as Compact<T>;
}

/** Turns a version-n payload into version n + 1 (a pure function of the stored payload). */
export type Upcaster = (payload: JsonObject) => JsonObject;

/** One event type: its schema at its current version, and how older versions are upcast. */
export interface EventDef<T extends string = string, S extends z.ZodType = z.ZodType> {
  readonly type: T;
  /** The version new events are written with (1 for a type that never changed). */
  readonly version: number;
  readonly schema: S;
  /** `upcasters[i]` turns a version-(i + 1) payload into version i + 2; length is version − 1. */
  readonly upcasters: readonly Upcaster[];
}

/**
 * Declare an event type. Without `upcasters` it is at version 1; each upcaster adds a version.
 * @example eventDef('stock.movement-rejected', z.strictObject({ movementId: uuid, reason: z.string() }))
 */
export function eventDef<const T extends string, S extends z.ZodType>(
  type: T,
  schema: S,
  upcasters: readonly Upcaster[] = [],
): EventDef<T, S> {
  return { type, version: upcasters.length + 1, schema, upcasters };
}

/** A stored event of one declared type, as its current version, payload typed by its schema. */
export type TypedEvent<D extends EventDef> =
  D extends EventDef<infer T, infer S>
    ? Omit<LedgerEvent, 'type' | 'payload'> & { readonly type: T; readonly payload: z.output<S> }
    : never;

/** The payload a decide function passes for event type T (checked at compile time). */
export type PayloadOf<D extends EventDef, T extends D['type']> = z.input<Extract<D, { type: T }>['schema']>;

/** The envelope fields a decide function may set beside type and payload. */
export type EventOptions = Omit<NewEvent, 'type' | 'payload' | 'schemaVersion'>;

/** One module's events. */
export interface EventSet<D extends EventDef = EventDef> {
  /** The type prefix every event of the module carries (`stock.`). */
  readonly prefix: string;
  readonly defs: readonly D[];
  /** The definition of a type of this set. */
  get(type: string): EventDef | undefined;
  /** A new event of this module, its payload checked against the type's schema at compile time. */
  event<T extends D['type']>(type: T, payload: PayloadOf<D, T>, options?: EventOptions): NewEvent;
  /** The module's projector over its typed union: events of other modules never reach `f`. */
  projector(
    f: (e: TypedEvent<D>, ctx: ProjectContext) => Promise<void>,
  ): (e: LedgerEvent, ctx: ProjectContext) => Promise<void>;
  /** The event typed, when it is a (current-version) event of this set; otherwise undefined. */
  typed(e: LedgerEvent): TypedEvent<D> | undefined;
  /** An event of this set at its type's current version (itself when current or not upcastable). */
  upcast(e: LedgerEvent): LedgerEvent;
  /**
   * The problems of a stored event of this set: an undeclared type or version, or a payload
   * (upcast to the current version) that its schema refuses, every field named under `payload`.
   */
  check(e: Pick<LedgerEvent, 'type' | 'schemaVersion' | 'payload'>): EventProblems;
}

/** The typed union of a set's events. */
export type EventsOf<S> = S extends EventSet<infer D> ? TypedEvent<D> : never;

/**
 * A module's event set. Every type starts with `prefix`, and each type is declared once.
 * @example export const stockEvents = defineEvents('stock.', [eventDef('stock.org-added', orgSchema), …]);
 */
export function defineEvents<const D extends EventDef>(prefix: string, defs: readonly D[]): EventSet<D> {
  const byType = new Map<string, D>();
  for (const d of defs) {
    if (!d.type.startsWith(prefix)) throw new Error(`event type ${d.type} does not start with ${prefix}`);
    if (byType.has(d.type)) throw new Error(`event type ${d.type} is declared twice`);
    byType.set(d.type, d);
  }
  const upcast = (e: LedgerEvent): LedgerEvent => {
    const d = byType.get(e.type);
    if (
      d === undefined ||
      e.schemaVersion === d.version ||
      e.schemaVersion < 1 ||
      e.schemaVersion > d.version
    )
      return e;
    return { ...e, schemaVersion: d.version, payload: upcastPayload(d, e.schemaVersion, e.payload) };
  };
  const typed = (e: LedgerEvent): TypedEvent<D> | undefined => {
    const d = byType.get(e.type);
    // The registry upcast the event before projection; a version it could not reach is skipped
    // (verify reports it), never projected as if it had the current shape.
    return d === undefined || e.schemaVersion !== d.version ? undefined : (e as unknown as TypedEvent<D>);
  };
  return {
    prefix,
    defs,
    get: (type) => byType.get(type),
    event(type, payload, options = {}) {
      const d = byType.get(type);
      if (d === undefined) throw new Error(`event type ${type} is not declared`);
      // The one place a typed payload becomes the ledger's JSON: the schema admits JSON only.
      return { ...options, type, payload: payload as JsonObject, schemaVersion: d.version };
    },
    projector(f) {
      return (e, ctx) => {
        const t = typed(upcast(e));
        return t === undefined ? Promise.resolve() : f(t, ctx);
      };
    },
    typed,
    upcast,
    check(e) {
      const d = byType.get(e.type);
      if (d === undefined)
        return [problem('EVENT_TYPE_UNKNOWN', 'type', `no module declares the event type ${e.type}`)];
      if (!Number.isInteger(e.schemaVersion) || e.schemaVersion < 1 || e.schemaVersion > d.version) {
        return [
          problem(
            'EVENT_VERSION_UNKNOWN',
            'schemaVersion',
            `${e.type} has versions 1–${d.version}, not ${String(e.schemaVersion)}`,
          ),
        ];
      }
      let payload: JsonObject;
      try {
        payload = upcastPayload(d, e.schemaVersion, e.payload);
      } catch (x) {
        return [
          problem(
            'EVENT_PAYLOAD_INVALID',
            'payload',
            `cannot upcast ${e.type} v${e.schemaVersion}: ${x instanceof Error ? x.message : String(x)}`,
          ),
        ];
      }
      const r = d.schema.safeParse(payload, { reportInput: true });
      return r.success
        ? []
        : zodProblems(r.error.issues, 'payload').map((p) => ({ ...p, code: 'EVENT_PAYLOAD_INVALID' }));
    },
  };
}

function upcastPayload(d: EventDef, from: number, payload: JsonObject): JsonObject {
  let p = payload;
  for (let v = from; v < d.version; v++) p = (d.upcasters[v - 1] as Upcaster)(p);
  return p;
}

/** Why an event does not conform: each problem's path starts at `payload` (or names the envelope field). */
export type EventProblems = readonly Problem[];

/**
 * Every module's events. A type whose prefix belongs to a set must be declared in it; a type no
 * set claims is an error too, unless some module declares no event set (an untyped module, as
 * tests define), whose events then pass unchecked.
 */
export class EventRegistry {
  readonly #sets = new Map<string, EventSet>();
  readonly #prefixes: readonly string[];
  readonly #open: boolean;

  constructor(sets: readonly EventSet[], open = false) {
    this.#open = open;
    this.#prefixes = sets.map((s) => s.prefix);
    for (const s of sets) {
      for (const d of s.defs) {
        if (this.#sets.has(d.type)) throw new Error(`event type ${d.type} is declared by two modules`);
        this.#sets.set(d.type, s);
      }
    }
  }

  /** The registry of a module list (cached per list): open when a module declares no events. */
  static of(modules: readonly DomainModule[]): EventRegistry {
    let r = registries.get(modules);
    if (r === undefined) {
      const sets = modules.flatMap((m) => (m.events === undefined ? [] : [m.events]));
      r = new EventRegistry(sets, sets.length < modules.length);
      registries.set(modules, r);
    }
    return r;
  }

  /** True when events no set declares pass unchecked (some module declares no event set). */
  get open(): boolean {
    return this.#open;
  }

  get(type: string): EventDef | undefined {
    return this.#sets.get(type)?.get(type);
  }

  /** The event at its type's current version (itself when current, unknown or not upcastable). */
  upcast(e: LedgerEvent): LedgerEvent {
    return this.#sets.get(e.type)?.upcast(e) ?? e;
  }

  /** The problems of a stored event (see `EventSet.check`); an undeclared type is one too, unless unchecked. */
  check(e: Pick<LedgerEvent, 'type' | 'schemaVersion' | 'payload'>): EventProblems {
    const s = this.#sets.get(e.type);
    if (s !== undefined) return s.check(e);
    if (this.#open && !this.#prefixes.some((p) => e.type.startsWith(p))) return [];
    return [problem('EVENT_TYPE_UNKNOWN', 'type', `no module declares the event type ${e.type}`)];
  }

  /**
   * The problems of an event a decide or react function produced: as `check`, and it must be
   * written at its type's current version.
   */
  checkNew(e: NewEvent): EventProblems {
    const d = this.get(e.type);
    const version = e.schemaVersion ?? d?.version ?? 1;
    if (d !== undefined && version !== d.version) {
      return [
        problem(
          'EVENT_VERSION_UNKNOWN',
          'schemaVersion',
          `new ${e.type} events are written at version ${d.version}, not ${version}`,
        ),
      ];
    }
    return this.check({ type: e.type, schemaVersion: version, payload: e.payload });
  }

  /** The version a new event of this type is written at (1 for an unchecked type). */
  versionOf(type: string): number {
    return this.get(type)?.version ?? 1;
  }
}

const registries = new WeakMap<readonly DomainModule[], EventRegistry>();
