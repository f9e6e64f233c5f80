/**
 * users: the first domain, proving the pipeline. Add a user, assign or revoke a role, set
 * clearance and regions, disable or enable, set a password, create or revoke API tokens.
 * Secrets never enter the ledger: events record only that a credential was set or revoked.
 */
import { z } from 'zod';
import {
  CLASSIFICATIONS,
  ROLES,
  defaultClearance,
  type Actor,
  type Classification,
  type Role,
} from '../access/index.js';
import {
  assertNever,
  err,
  newId,
  ok,
  problem,
  type JsonObject,
  type Problem,
  type Result,
} from '../core/index.js';
import type { DocReader } from '../store/index.js';
import {
  collection,
  defineCommand,
  type Decision,
  type DomainModule,
  type NewEvent,
  type ProjectContext,
} from '../command/index.js';
import { userEvents, type UserEvent } from './events.js';
import { MIN_PASSWORD_LENGTH, hashPassword, newToken } from './password.js';

export const USERS = 'users';

export interface UserRecord {
  readonly id: string;
  readonly name: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
  readonly clearance: Classification;
  readonly regions: readonly string[];
  readonly disabled: boolean;
  readonly createdAt: string;
}

const NAME = z
  .string()
  .regex(/^[a-z][a-z0-9._-]{1,63}$/, 'a user name is 2–64 lower-case letters, digits or . _ -');
const role = z.enum(ROLES);
const classification = z.enum(CLASSIFICATIONS);
const region = z
  .string()
  .regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, 'a region is an ISO 3166 code such as FI or UA-14');
const password = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `a password has at least ${MIN_PASSWORD_LENGTH} characters`);
const userRef = z.object({ name: NAME }).strict();

/** The user document as a typed record. */
export function toUser(data: JsonObject): UserRecord {
  return data as unknown as UserRecord;
}

/** An API token as its document records it (the secret stays in the credentials table). */
export interface TokenRecord {
  readonly id: string;
  readonly userId: string;
  readonly label: string;
  readonly createdAt: string;
  readonly revoked: boolean;
  readonly revokedAt?: string;
}

/** The user documents, one per user id. */
export const userDocs = collection<UserRecord>(USERS);
/** The API token documents, one per token (credential) id. */
export const tokenDocs = collection<TokenRecord>('tokens');

/** Find a user by name (names are unique). */
export async function findUserByName(docs: DocReader, name: string): Promise<UserRecord | undefined> {
  const [d] = await userDocs.find(docs, { where: { op: '=', field: 'name', value: name }, limit: 1 });
  return d?.data;
}

export async function findUserById(docs: DocReader, id: string): Promise<UserRecord | undefined> {
  return userDocs.data(docs, id);
}

/** The actor a user acts as. */
export function actorOf(u: UserRecord): Actor {
  return { id: u.id, name: u.name, roles: u.roles, clearance: u.clearance, regions: u.regions };
}

async function existing(docs: DocReader, name: string): Promise<Result<UserRecord>> {
  const u = await findUserByName(docs, name);
  return u === undefined ? err([problem('USER_UNKNOWN', 'payload.name', `no user named "${name}"`)]) : ok(u);
}

async function activeAdmins(docs: DocReader): Promise<UserRecord[]> {
  const all = await userDocs.find(docs);
  return all.map((d) => d.data).filter((u) => !u.disabled && u.roles.includes('admin'));
}

const one = (event: NewEvent, extra: Partial<Decision> = {}): Result<Decision> =>
  ok({ events: [event], ...extra });

const addUser = defineCommand({
  type: 'user.add',
  permission: 'user.manage',
  schema: z
    .object({
      name: NAME,
      displayName: z.string().min(1).max(200).optional(),
      roles: z.array(role).min(1, 'a user needs at least one role'),
      clearance: classification.optional(),
      regions: z.array(region).default([]),
      password,
    })
    .strict(),
  async decide(p, ctx) {
    const problems: Problem[] = [];
    if ((await findUserByName(ctx.docs, p.name)) !== undefined)
      problems.push(problem('USER_EXISTS', 'payload.name', `a user named "${p.name}" already exists`));
    if (problems.length > 0) return err(problems);
    const id = newId();
    const roles = [...new Set(p.roles)].sort();
    const user = {
      userId: id,
      name: p.name,
      displayName: p.displayName ?? p.name,
      roles,
      clearance: p.clearance ?? defaultClearance(roles),
      regions: p.regions,
    };
    const credId = newId();
    return ok({
      events: [
        userEvents.event('user.added', user),
        userEvents.event('user.credential-set', { userId: id, kind: 'password', credentialId: credId }),
      ],
      credentials: [
        {
          id: credId,
          userId: id,
          kind: 'password',
          secret: await hashPassword(p.password),
          createdAt: ctx.now.toISOString(),
        },
      ],
      result: { userId: id, name: p.name },
    });
  },
});

const assignRole = defineCommand({
  type: 'user.role.assign',
  permission: 'user.manage',
  schema: z.object({ name: NAME, role }).strict(),
  async decide(p, ctx) {
    const u = await existing(ctx.docs, p.name);
    if (!u.ok) return u;
    if (u.value.roles.includes(p.role))
      return err([problem('CONFLICT', 'payload.role', `${p.name} already has the role ${p.role}`)]);
    return one(userEvents.event('user.role-assigned', { userId: u.value.id, role: p.role }));
  },
});

const revokeRole = defineCommand({
  type: 'user.role.revoke',
  permission: 'user.manage',
  schema: z.object({ name: NAME, role }).strict(),
  async decide(p, ctx) {
    const u = await existing(ctx.docs, p.name);
    if (!u.ok) return u;
    if (!u.value.roles.includes(p.role))
      return err([problem('CONFLICT', 'payload.role', `${p.name} does not have the role ${p.role}`)]);
    if (p.role === 'admin' && !u.value.disabled && (await activeAdmins(ctx.docs)).length <= 1) {
      return err([
        problem('USER_LAST_ADMIN', 'payload.role', 'the last active admin cannot lose the admin role'),
      ]);
    }
    return one(userEvents.event('user.role-revoked', { userId: u.value.id, role: p.role }));
  },
});

const setAccess = defineCommand({
  type: 'user.access.set',
  permission: 'user.manage',
  schema: z
    .object({ name: NAME, clearance: classification.optional(), regions: z.array(region).optional() })
    .strict(),
  async decide(p, ctx) {
    const u = await existing(ctx.docs, p.name);
    if (!u.ok) return u;
    return one(
      userEvents.event('user.access-set', {
        userId: u.value.id,
        clearance: p.clearance ?? u.value.clearance,
        regions: p.regions ?? [...u.value.regions],
      }),
    );
  },
});

const disable = defineCommand({
  type: 'user.disable',
  permission: 'user.manage',
  schema: userRef.extend({ reason: z.string().min(1).max(500) }).strict(),
  async decide(p, ctx) {
    const u = await existing(ctx.docs, p.name);
    if (!u.ok) return u;
    if (u.value.disabled) return err([problem('CONFLICT', 'payload.name', `${p.name} is already disabled`)]);
    if (u.value.roles.includes('admin') && (await activeAdmins(ctx.docs)).length <= 1) {
      return err([problem('USER_LAST_ADMIN', 'payload.name', 'the last active admin cannot be disabled')]);
    }
    return one(userEvents.event('user.disabled', { userId: u.value.id, reason: p.reason }));
  },
});

const enable = defineCommand({
  type: 'user.enable',
  permission: 'user.manage',
  schema: userRef,
  async decide(p, ctx) {
    const u = await existing(ctx.docs, p.name);
    if (!u.ok) return u;
    if (!u.value.disabled) return err([problem('CONFLICT', 'payload.name', `${p.name} is not disabled`)]);
    return one(userEvents.event('user.enabled', { userId: u.value.id }));
  },
});

const setPassword = defineCommand({
  type: 'user.password.set',
  permission: 'user.manage',
  schema: userRef.extend({ password }).strict(),
  async decide(p, ctx) {
    const u = await existing(ctx.docs, p.name);
    if (!u.ok) return u;
    const credId = newId();
    return ok({
      events: [
        userEvents.event('user.credential-set', {
          userId: u.value.id,
          kind: 'password',
          credentialId: credId,
        }),
      ],
      credentials: [
        {
          id: credId,
          userId: u.value.id,
          kind: 'password',
          secret: await hashPassword(p.password),
          createdAt: ctx.now.toISOString(),
        },
      ],
    });
  },
});

/** Any user may create a token for themselves; an admin for anyone. */
const createToken = defineCommand({
  type: 'user.token.create',
  permission: 'public.read',
  schema: z.object({ name: NAME.optional(), label: z.string().min(1).max(100) }).strict(),
  async decide(p, ctx) {
    const name = p.name ?? ctx.actor.name;
    if (name !== ctx.actor.name && !ctx.actor.roles.includes('admin')) {
      return err([
        problem('AUTH_FORBIDDEN', 'payload.name', 'only an admin may create a token for another user'),
      ]);
    }
    const u = await existing(ctx.docs, name);
    if (!u.ok) return u;
    const { token, digest } = newToken();
    const credId = newId();
    return ok({
      events: [
        userEvents.event('user.credential-set', {
          userId: u.value.id,
          kind: 'token',
          credentialId: credId,
          label: p.label,
        }),
      ],
      credentials: [
        {
          id: credId,
          userId: u.value.id,
          kind: 'token',
          secret: digest,
          label: p.label,
          createdAt: ctx.now.toISOString(),
        },
      ],
      result: { tokenId: credId, token },
    });
  },
});

const revokeToken = defineCommand({
  type: 'user.token.revoke',
  permission: 'public.read',
  schema: z.object({ tokenId: z.uuid(), reason: z.string().max(500).optional() }).strict(),
  async decide(p, ctx) {
    const t = await tokenDocs.data(ctx.docs, p.tokenId);
    if (t === undefined || t.revoked)
      return err([problem('NOT_FOUND', 'payload.tokenId', 'no such active token')]);
    if (t.userId !== ctx.actor.id && !ctx.actor.roles.includes('admin')) {
      return err([
        problem('AUTH_FORBIDDEN', 'payload.tokenId', "only an admin may revoke another user's token"),
      ]);
    }
    return ok({
      events: [
        userEvents.event('user.credential-revoked', {
          userId: t.userId,
          kind: 'token',
          credentialId: p.tokenId,
          reason: p.reason ?? '',
        }),
      ],
      revokeCredentials: [p.tokenId],
    });
  },
});

/** Fold one users event into the user and token documents. */
async function project(e: UserEvent, { docs }: ProjectContext): Promise<void> {
  const { userId } = e.payload;
  const put = (data: UserRecord) => userDocs.put(docs, userId, e.seq, data);
  /** Update the user document, when it exists. */
  const update = (f: (u: UserRecord) => UserRecord) => userDocs.update(docs, userId, e.seq, f);
  switch (e.type) {
    case 'user.added': {
      const p = e.payload;
      return put({
        id: userId,
        name: p.name,
        displayName: p.displayName,
        roles: p.roles,
        clearance: p.clearance,
        regions: p.regions,
        disabled: false,
        createdAt: e.effectiveAt,
      });
    }
    case 'user.credential-set': {
      const p = e.payload;
      if (p.kind !== 'token') return;
      return tokenDocs.put(docs, p.credentialId, e.seq, {
        id: p.credentialId,
        userId,
        label: p.label ?? '',
        createdAt: e.effectiveAt,
        revoked: false,
      });
    }
    case 'user.credential-revoked': {
      return tokenDocs.update(docs, e.payload.credentialId, e.seq, (t) => ({
        ...t,
        revoked: true,
        revokedAt: e.effectiveAt,
      }));
    }
    case 'user.role-assigned': {
      const { role } = e.payload;
      return update((u) => ({ ...u, roles: [...u.roles, role].sort() }));
    }
    case 'user.role-revoked': {
      const { role } = e.payload;
      return update((u) => ({ ...u, roles: u.roles.filter((r) => r !== role) }));
    }
    case 'user.access-set': {
      const { clearance, regions } = e.payload;
      return update((u) => ({ ...u, clearance, regions }));
    }
    case 'user.disabled':
      return update((u) => ({ ...u, disabled: true }));
    case 'user.enabled':
      return update((u) => ({ ...u, disabled: false }));
    default:
      return assertNever(e, 'users event');
  }
}

export const usersModule: DomainModule = {
  name: 'users',
  events: userEvents,
  commands: [
    addUser,
    assignRole,
    revokeRole,
    setAccess,
    disable,
    enable,
    setPassword,
    createToken,
    revokeToken,
  ],
  project: userEvents.projector(project),
};
