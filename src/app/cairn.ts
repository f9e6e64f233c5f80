/**
 * The application facade: one object per open data directory, used by the CLI and HTTP
 * adapters. It wires the store, the signer, the clock and the domain modules.
 */
import { ANONYMOUS_ACTOR, type Actor } from '../access/index.js';
import { CairnError, type Clock, type Result } from '../core/index.js';
import { parseVerifierKey, verifierKeyString, type Signer, type Verifier } from '../ledger/index.js';
import type { SpatialPredicate, Store } from '../store/index.js';
import { actorOf, findUserById, findUserByName, tokenDigest, verifyPassword } from '../users/index.js';
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
    return verifyStore(this.store, this.verifier(), this.modules, { ...opts, ...(this.#spatial ? { spatial: this.#spatial } : {}) });
  }

  /** Projections as they were at a ledger size or an effective date (time travel by replay). */
  replay(opts: Omit<ReplayOptions, 'spatial'> = {}) {
    return replay(this.store, this.modules, { ...opts, ...(this.#spatial ? { spatial: this.#spatial } : {}) });
  }

  /** Resolve a name and password to an actor, or refuse with AUTH_INVALID_CREDENTIALS / AUTH_USER_DISABLED. */
  async authenticate(name: string, password: string): Promise<Actor> {
    const u = await findUserByName(this.store, name);
    const creds = u === undefined ? [] : await this.store.findCredentials(u.id, 'password');
    const current = creds.filter((c) => c.revokedAt === undefined).at(-1);
    // Hash even for unknown users so timing does not reveal which names exist.
    const ok = await verifyPassword(password, current?.secret ?? 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=');
    if (u === undefined || current === undefined || !ok) throw new CairnError('AUTH_INVALID_CREDENTIALS', 'the name or password is wrong');
    if (u.disabled) throw new CairnError('AUTH_USER_DISABLED', `user ${name} is disabled`);
    return actorOf(u);
  }

  /** Resolve an API token to an actor. */
  async actorForToken(token: string): Promise<Actor> {
    const c = await this.store.findCredentialBySecret('token', tokenDigest(token));
    const u = c === undefined ? undefined : await findUserById(this.store, c.userId);
    if (u === undefined) throw new CairnError('AUTH_INVALID_CREDENTIALS', 'the API token is unknown or revoked');
    if (u.disabled) throw new CairnError('AUTH_USER_DISABLED', `user ${u.name} is disabled`);
    return actorOf(u);
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
