/** Typed results: expected failures are values, exceptions are for bugs (style.md habit 7). */
import type { Problem } from './errors.js';

export type Ok<T> = { readonly ok: true; readonly value: T };
export type Err<E = readonly Problem[]> = { readonly ok: false; readonly errors: E };
export type Result<T, E = readonly Problem[]> = Ok<T> | Err<E>;

/** Wrap a value as a successful result. */
export function ok<T>(value: T): Ok<T> {
  return { ok: true, value };
}

/** Wrap a list of problems as a failed result. */
export function err<E = readonly Problem[]>(errors: E): Err<E> {
  return { ok: false, errors };
}

/** Exhaustiveness guard for tagged unions: a new kind breaks the build until handled. */
export function assertNever(x: never, what = 'value'): never {
  throw new Error(`unhandled ${what}: ${JSON.stringify(x)}`);
}
