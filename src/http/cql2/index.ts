/** CQL2 (OGC 21-065r2): text and JSON encodings, and compilation to the store's filter AST. */
export { parseCql2Text } from './text.js';
export { parseCql2Json } from './json.js';
export { writeCql2Text, toWkt } from './write.js';
export { compileCql2 } from './compile.js';
export type { CompileContext } from './compile.js';
export type { Cql2Value, Cql2Op, Cql2Geometry } from './types.js';
