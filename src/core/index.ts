/** core: the leaf module. It imports nothing from the project. */
export { ok, err, assertNever } from './result.js';
export type { Ok, Err, Result } from './result.js';
export type { Brand } from './brand.js';
export { deepFreeze } from './json.js';
export type { JsonPrimitive, JsonValue, JsonObject } from './json.js';
export { canonicalJson, canonicalBytes } from './canonical.js';
export { systemClock, fixedClock, parseInstant, isCalendarDate, isoInstant } from './clock.js';
export type { Clock } from './clock.js';
export { newId, isUuid, parseSha256Hex } from './ids.js';
export type { UserId, Sha256Hex } from './ids.js';
export { errorCatalogue, problem, isErrorCode, CairnError } from './errors.js';
export type { ErrorCode, ErrorSpec, Problem } from './errors.js';
export { seededRandom } from './random.js';
