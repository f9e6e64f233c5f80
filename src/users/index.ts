/** users: identities, roles and credentials. */
export { userEvents } from './events.js';
export type { UserEvent } from './events.js';
export { usersModule, USERS, findUserByName, findUserById, actorOf, toUser } from './module.js';
export type { UserRecord } from './module.js';
export {
  hashPassword,
  verifyPassword,
  verifyLoginPassword,
  SCRYPT_PARAMS,
  newToken,
  tokenDigest,
  MIN_PASSWORD_LENGTH,
} from './password.js';
