/** JSON values as they travel through the ledger. */
export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | readonly JsonValue[] | { readonly [k: string]: JsonValue };
export type JsonObject = { readonly [k: string]: JsonValue };

/** Deep-freeze a JSON-like value in place and return it (immutable by default, habit 8). */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    if (Array.isArray(value)) {
      // Hot path: geometry is mostly arrays of numbers, which need no call per element.
      for (let i = 0; i < value.length; i++) {
        const v: unknown = value[i];
        if (v !== null && typeof v === 'object') deepFreeze(v);
      }
    } else {
      for (const v of Object.values(value as object) as unknown[])
        if (v !== null && typeof v === 'object') deepFreeze(v);
    }
  }
  return value;
}
