/** Parameter schemas shared by the report definitions: every value arrives as text (a flag or a query parameter). */
import { z } from 'zod';
import { calendarDateSchema } from '../command/index.js';

/** A calendar date YYYY-MM-DD that exists. */
export const dateParam = (description: string) => calendarDateSchema.describe(description);

/** A non-negative whole number written in digits. */
export const countParam = (description: string) =>
  z
    .string()
    .regex(/^(0|[1-9][0-9]{0,14})$/, 'a non-negative whole number')
    .transform(Number)
    .describe(description);

/** A comma-separated list of values from `allowed`. */
export const listParam = <T extends string>(allowed: readonly [T, ...T[]], description: string) =>
  z
    .string()
    .transform((s) => s.split(',').map((x) => x.trim()))
    .pipe(z.array(z.enum(allowed)))
    .describe(description);

/** An ISO 3166-1 alpha-2 code, any case (`fi` is FI). */
export const stateParam = z
  .string()
  .regex(/^[A-Za-z]{2}$/, 'an ISO 3166-1 alpha-2 code such as FI')
  .transform((s) => s.toUpperCase())
  .describe('state (ISO 3166-1 alpha-2), e.g. FI');

/** A calendar year YYYY. */
export const yearParam = z
  .string()
  .regex(/^\d{4}$/, 'a calendar year YYYY')
  .transform(Number)
  .describe('the calendar year reported on (closed: its last day has passed)');

/** Today's date (UTC) by the application's clock. */
export const today = (now: Date): string => now.toISOString().slice(0, 10);
