/** Nominal typing for validated values. Only a parser mints a brand (style.md habit 5). */
declare const brandTag: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brandTag]: B };
