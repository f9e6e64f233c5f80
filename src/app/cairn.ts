/**
 * The application facade: one object per open data directory, used by the CLI and HTTP
 * adapters. It wires the store, the signer, the clock and the domain modules.
 */
import { createHash, randomBytes } from 'node:crypto';
import { ANONYMOUS_ACTOR, type Actor } from '../access/index.js';
import { CairnError, newId, type Clock, type Result } from '../core/index.js';
import { parseVerifierKey, verifierKeyString, type Signer, type Verifier } from '../ledger/index.js';
import type { SpatialPredicate, Store } from '../store/index.js';
import { actorOf, findUserById, findUserByName, tokenDigest, verifyLoginPassword } from '../users/index.js';
import type { CommandEnvelope, DomainModule } from '../command/index.js';
import { LedgerService } from './ledger-service.js';
import { Pipeline, type Executed } from './pipeline.js';
import { replay, type ReplayOptions } from './replay.js';
import { verifyStore, type VerifyOptions, type VerifyReport } from './verify.js';

export interface CairnDeps {
  readonly store: Store;
  readonly signer: Signer;
  readonly clock: Clock;
  readonly modules: readonly DomainModule[];
  readonly spatial?: SpatialPredicate;
}

export class Cairn {
  readonly store: Store;
  readonly clock: Clock;
  readonly pipeline: Pipeline;
  readonly ledger: LedgerService;
  readonly modules: readonly DomainModule[];
  readonly #signer: Signer;
  readonly #spatial: SpatialPredicate | undefined;

  constructor(deps: CairnDeps) {
    this.store = deps.store;
    this.clock = deps.clock;
    this.modules = deps.modules;
    this.#signer = deps.signer;
    this.#spatial = deps.spatial;
    this.pipeline = new Pipeline(deps.store, deps.clock, deps.modules);
    this.ledger = new LedgerService(deps.store, deps.signer, deps.clock);
  }

  /** Execute a command as an actor. */
  execute(cmd: CommandEnvelope, actor: Actor): Promise<Result<Executed>> {
    return this.pipeline.execute(cmd, actor);
  }

  verifier(): Verifier {
    const v = parseVerifierKey(verifierKeyString(this.#signer));
    if (!v.ok) throw new Error('own verifier key does not parse');
    return v.value;
  }

  /** Full verification of the ledger, checkpoints and projections. */
  verify(opts: Omit<VerifyOptions, 'spatial'> = {}): Promise<VerifyReport> {
    return verifyStore(this.store, this.verifier(), this.modules, {
      ...opts,
      ...(this.#spatial ? { spatial: this.#spatial } : {}),
    });
  }

  /** Projections as they were at a ledger size or an effective date (time travel by replay). */
  replay(opts: Omit<ReplayOptions, 'spatial'> = {}) {
    return replay(this.store, this.modules, {
      ...opts,
      ...(this.#spatial ? { spatial: this.#spatial } : {}),
    });
  }

  /** Resolve a name and password to an actor, or refuse with AUTH_INVALID_CREDENTIALS / AUTH_USER_DISABLED. */
  async authenticate(name: string, password: string): Promise<Actor> {
    const u = await findUserByName(this.store, name);
    const creds = u === undefined ? [] : await this.store.findCredentials(u.id, 'password');
    const current = creds.filter((c) => c.revokedAt === undefined).at(-1);
    // One scrypt run at the current cost whether or not the name exists, has a password or is
    // disabled, so timing does not reveal which names exist.
    const ok = await verifyLoginPassword(password, current?.secret);
    if (u === undefined || current === undefined || !ok)
      throw new CairnError('AUTH_INVALID_CREDENTIALS', 'the name or password is wrong');
    if (u.disabled) throw new CairnError('AUTH_USER_DISABLED', `user ${name} is disabled`);
    return actorOf(u);
  }

  /** Resolve an API token to an actor. */
  async actorForToken(token: string): Promise<Actor> {
    const c = await this.store.findCredentialBySecret('token', tokenDigest(token));
    const u = c === undefined ? undefined : await findUserById(this.store, c.userId);
    if (u === undefined)
      throw new CairnError('AUTH_INVALID_CREDENTIALS', 'the API token is unknown or revoked');
    if (u.disabled) throw new CairnError('AUTH_USER_DISABLED', `user ${u.name} is disabled`);
    return actorOf(u);
  }

  /**
   * Open a login session for an actor until `expires`. Returns the session id (the cookie's
   * secret, shown once) and its CSRF token. Only the id's SHA-256 digest is stored, as a
   * credential of kind 'session', so sessions survive a restart and every server process sees
   * them, while a copy of the database holds nothing a client could present.
   */
  async openSession(actor: Actor, expires: Date): Promise<{ readonly id: string; readonly csrf: string }> {
    const id = randomBytes(32).toString('base64url');
    const credential = {
      id: newId(),
      userId: actor.id,
      kind: SESSION_KIND,
      secret: tokenDigest(id),
      label: `${SESSION_LABEL}${expires.toISOString()}`,
      createdAt: this.clock.now().toISOString(),
    };
    await this.store.transaction((tx) => tx.putCredential(credential));
    return { id, csrf: sessionCsrf(id) };
  }

  /**
   * The actor and CSRF token of an open session, or undefined when the id is unknown, closed or
   * past its expiry at `now`. Refuses (AUTH_USER_DISABLED) when its user has been disabled.
   */
  async session(
    id: string,
    now: Date,
  ): Promise<{ readonly actor: Actor; readonly csrf: string } | undefined> {
    const c = await this.store.findCredentialBySecret(SESSION_KIND, tokenDigest(id));
    const until =
      c?.label?.startsWith(SESSION_LABEL) === true
        ? Date.parse(c.label.slice(SESSION_LABEL.length))
        : Number.NaN;
    if (c === undefined || !(until > now.getTime())) return undefined;
    const u = await findUserById(this.store, c.userId);
    if (u === undefined || u.disabled)
      throw new CairnError('AUTH_USER_DISABLED', 'the user of this session is disabled');
    return { actor: actorOf(u), csrf: sessionCsrf(id) };
  }

  /** Close a session (logout); an unknown id is a no-op. */
  async closeSession(id: string, at: Date): Promise<void> {
    const c = await this.store.findCredentialBySecret(SESSION_KIND, tokenDigest(id));
    if (c !== undefined) await this.store.transaction((tx) => tx.revokeCredential(c.id, at.toISOString()));
  }

  /** The actor for a user name (the local CLI acting as a named user), or anonymous. */
  async actorByName(name: string | undefined): Promise<Actor> {
    if (name === undefined) return ANONYMOUS_ACTOR;
    const u = await findUserByName(this.store, name);
    if (u === undefined) throw new CairnError('USER_UNKNOWN', `no user named "${name}"`);
    if (u.disabled) throw new CairnError('AUTH_USER_DISABLED', `user ${name} is disabled`);
    return actorOf(u);
  }

  close(): Promise<void> {
    return this.store.close();
  }
}

/** Credential kind of login sessions (transient: never exported with the ledger). */
export const SESSION_KIND = 'session';
/** A session credential's label: this prefix, then its expiry as an ISO instant. */
const SESSION_LABEL = 'session until ';

/**
 * The CSRF token of a session: derived from its secret id, so nothing more is stored, and only
 * a page that was given it (the id itself never reaches scripts: the cookie is httpOnly) can send it.
 */
function sessionCsrf(id: string): string {
  return createHash('sha256').update(`cairn-csrf\u0000${id}`, 'utf8').digest('base64url');
}
