/**
 * command: the kit every domain module builds on — command handlers defined from Zod schemas,
 * decisions, projectors, and boundary validation that turns issues into catalogued problems.
 * It sits below the domain modules; the app layer runs the handlers (src/app).
 */
export { defineCommand } from './command.js';
export type {
  CommandEnvelope,
  NewEvent,
  Decision,
  DecideContext,
  CommandHandler,
  ProjectContext,
  DomainModule,
  ReactContext,
  ResultEvent,
} from './command.js';
export { parseWith, zodProblems, instantSchema, calendarDateSchema } from './validation.js';
export { compact, defineEvents, eventDef, EventRegistry, geometryJson, arealGeometryJson } from './events.js';
export type {
  Compact,
  EventDef,
  EventSet,
  EventsOf,
  EventOptions,
  PayloadOf,
  TypedEvent,
  Upcaster,
} from './events.js';
export { collection } from './collection.js';
export type { Collection, TypedDoc } from './collection.js';
