/**
 * What the app keeps on the device, read back through schemas rather than casts: the outbox
 * (localStorage), saved map areas (localStorage), the last signed-in identity (localStorage) and
 * photos (IndexedDB). Anything stored by an older or newer build, or damaged by the browser or an
 * extension, is recognised as such: each reader decides what to do with it (the outbox never
 * overwrites it, see outbox.ts), and nothing of the wrong shape reaches the app as if it were right.
 */
import { z } from 'zod';
import { CLASSIFICATIONS, ROLES, type Actor, type Role } from '../../../src/access/index.js';
import { AttachmentRefSchema } from '../../../src/http/schemas.js';
import type { ApiProblem } from '../api/client.js';
import type { OutboxItem } from '../outbox.js';
import type { SavedArea } from './areas.js';
import type { StoredPhoto } from './photos.js';

const text = z.string();
const count = z.number().int().nonnegative();

const apiProblem = z.object({
  code: text,
  path: text,
  message: text,
  details: z.record(z.string(), z.unknown()).exactOptional(),
}) satisfies z.ZodType<ApiProblem>;

export const storedOutboxItem = z.object({
  id: text.min(1),
  owner: text.min(1),
  type: text.min(1),
  payload: z.unknown(),
  effectiveAt: text.exactOptional(),
  label: text,
  createdAt: text,
  status: z.enum(['pending', 'sent', 'refused']),
  attempts: count,
  lastAttemptAt: text.exactOptional(),
  error: text.exactOptional(),
  problems: z.array(apiProblem).readonly().exactOptional(),
  seq: count.exactOptional(),
  attachments: z.array(text).readonly().exactOptional(),
}) satisfies z.ZodType<OutboxItem>;

const lonLatBox = z.tuple([z.number(), z.number(), z.number(), z.number()]).readonly();

export const storedArea = z.object({
  id: text.min(1),
  name: text,
  box: lonLatBox,
  minZoom: count,
  maxZoom: count,
  tiles: count,
  bytes: count,
  savedAt: text,
}) satisfies z.ZodType<SavedArea>;

export const storedIdentity = z.object({
  id: text.min(1),
  name: text.min(1),
  // A role this build does not know (stored by a newer one) is left out, not the whole identity:
  // the server decides what the user may do when the reports are sent.
  roles: z
    .array(text)
    .transform((rs) => rs.filter((r): r is Role => (ROLES as readonly string[]).includes(r))),
  clearance: z.enum(CLASSIFICATIONS),
  regions: z.array(text).readonly(),
}) satisfies z.ZodType<Actor>;

/** A photo as photos.ts keeps it: the reference the report carries, and the bytes. */
export const storedPhoto = AttachmentRefSchema.extend({
  blob: z.instanceof(Blob),
  name: text,
  owner: text,
  savedAt: text,
}) satisfies z.ZodType<StoredPhoto>;

/** JSON text parsed, or undefined when it does not parse. */
export function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

/** A list as stored: the items that read as `schema`, and whether anything else was there. */
export interface StoredList<T> {
  readonly items: T[];
  /** The text did not parse as a JSON array, or held an item of another shape. */
  readonly unreadable: boolean;
}

/** Read a stored JSON array item by item (absent: an empty list). */
export function readList<T>(raw: string | null, schema: z.ZodType<T>): StoredList<T> {
  if (raw === null) return { items: [], unreadable: false };
  const v = parseJson(raw);
  if (!Array.isArray(v)) return { items: [], unreadable: true };
  const items: T[] = [];
  for (const x of v) {
    const r = schema.safeParse(x);
    if (r.success) items.push(r.data);
  }
  return { items, unreadable: items.length !== v.length };
}

/** The stored identity as an Actor, or undefined when absent or of another shape. */
export function readIdentity(raw: string | null): Actor | undefined {
  if (raw === null) return undefined;
  const r = storedIdentity.safeParse(parseJson(raw));
  return r.success ? r.data : undefined;
}
