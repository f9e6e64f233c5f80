/**
 * The offline session: who last signed in on this device, so the app opens without a connection
 * and the outbox and report forms work under their name (issue #12 §2). Only the identity the
 * server already showed the page is kept — id, name, roles, clearance, regions — never a password,
 * a session id (the cookie is httpOnly) or a CSRF token. Reports entered offline are still sent
 * only through a real server session of the same user (outbox.ts); the server decides, not this.
 */
import type { Actor } from '../../../src/access/index.js';
import { readIdentity } from './stored.js';

const KEY = 'cairn.offlineIdentity';

/** Where the identity lives (localStorage in the app, a map in tests). */
export interface IdentityStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** What the server said about the session the last time it was asked. */
export type ServerSession = 'unknown' | 'signed-in' | 'signed-out';

/** The identity fields of an actor, and nothing else the server may add to it. */
function identityOf(a: Actor): Actor {
  return { id: a.id, name: a.name, roles: [...a.roles], clearance: a.clearance, regions: [...a.regions] };
}

export class OfflineIdentity {
  readonly #storage: IdentityStorage;
  readonly #listeners = new Set<() => void>();
  #server: ServerSession = 'unknown';

  constructor(storage: IdentityStorage) {
    this.#storage = storage;
  }

  /** Remember who signed in (called on every confirmed session). */
  remember(actor: Actor): void {
    this.#storage.setItem(KEY, JSON.stringify(identityOf(actor)));
  }

  /** The last signed-in user on this device, or undefined (none, or damaged storage). */
  last(): Actor | undefined {
    return readIdentity(this.#storage.getItem(KEY));
  }

  /** Signing out forgets the identity: the next start needs the server. */
  forget(): void {
    this.#storage.removeItem(KEY);
    this.setServer('signed-out');
  }

  server(): ServerSession {
    return this.#server;
  }

  setServer(s: ServerSession): void {
    if (s === this.#server) return;
    this.#server = s;
    for (const fn of this.#listeners) fn();
  }

  subscribe(fn: () => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }
}

let shared: OfflineIdentity | undefined;

/** The app's offline identity, in localStorage. */
export function appIdentity(): OfflineIdentity {
  shared ??= new OfflineIdentity(globalThis.localStorage);
  return shared;
}
