/** Demo users: one per role, plus a second approver so the two-person rule can be shown. */
import { randomBytes } from 'node:crypto';
import { SYSTEM_ACTOR, type Actor } from '../access/index.js';
import type { Cairn } from '../app/index.js';
import { CairnError } from '../core/index.js';
import { actorOf, findUserByName } from '../users/index.js';
import type { DemoUser } from './context.js';

export const DEMO_ROLES: readonly (readonly [string, string])[] = [
  ['admin', 'admin'],
  ['stock', 'stock-officer'],
  ['approver', 'approver'],
  ['approver2', 'approver'],
  ['recorder', 'minefield-recorder'],
  ['imo', 'im-officer'],
  ['surveyor', 'field-surveyor'],
  ['auditor', 'auditor'],
  ['public', 'public'],
];

/** Create the demo users with random passwords; returns them and their actors. */
export async function seedDemoUsers(app: Cairn): Promise<{ users: DemoUser[]; actors: Map<string, Actor> }> {
  const users: DemoUser[] = [];
  const actors = new Map<string, Actor>();
  for (const [name, role] of DEMO_ROLES) {
    const password = `demo-${randomBytes(6).toString('base64url')}`;
    const r = await app.execute(
      {
        type: 'user.add',
        payload: { name, roles: [role], password, displayName: `${name} (synthetic demo user)` },
      },
      SYSTEM_ACTOR,
    );
    if (!r.ok)
      throw new CairnError(
        r.errors[0]?.code ?? 'INTERNAL',
        `demo user ${name}: ${r.errors.map((e) => e.message).join('; ')}`,
      );
    const u = await findUserByName(app.store, name);
    if (u === undefined) throw new Error(`demo user ${name} not projected`);
    actors.set(name, actorOf(u));
    users.push({ name, role, password });
  }
  return { users, actors };
}
