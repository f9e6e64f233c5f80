/**
 * access: roles, permissions, classification and regional scope (design.md §5). Enforced in the
 * app layer, never only in the UI. Modules add permissions here and grant them to roles.
 */
export const PERMISSIONS = [
  'user.manage',
  'user.read',
  'ledger.read',
  'ledger.checkpoint',
  'catalogue.manage',
  'stock.read',
  'stock.propose',
  'stock.approve',
  'stock.check',
  'treaty.read',
  'treaty.manage',
  'compliance.read',
  'minefield.read',
  'minefield.record',
  'minefield.release',
  'minefield.count',
  'landrelease.read',
  'landrelease.submit',
  'landrelease.review',
  'victim.read',
  'report.read',
  'audit.read',
  'public.read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLES = [
  'admin',
  'stock-officer',
  'approver',
  'minefield-recorder',
  'im-officer',
  'field-surveyor',
  'auditor',
  'public',
] as const;
export type Role = (typeof ROLES)[number];

const READS: readonly Permission[] = PERMISSIONS.filter((p) => p.endsWith('.read') && p !== 'victim.read');

/** What each role may do. The auditor reads everything (but victims' personal data) and writes nothing. */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  admin: PERMISSIONS,
  'stock-officer': ['stock.read', 'stock.propose', 'stock.check', 'catalogue.manage', 'treaty.read', 'compliance.read', 'report.read', 'ledger.read', 'public.read'],
  approver: ['stock.read', 'stock.approve', 'treaty.read', 'compliance.read', 'report.read', 'ledger.read', 'public.read'],
  'minefield-recorder': ['minefield.read', 'minefield.record', 'stock.read', 'treaty.read', 'compliance.read', 'report.read', 'ledger.read', 'public.read'],
  'im-officer': [
    'landrelease.read', 'landrelease.submit', 'landrelease.review', 'victim.read', 'minefield.read', 'minefield.release',
    'minefield.count', 'treaty.read', 'compliance.read', 'report.read', 'ledger.read', 'public.read',
  ],
  'field-surveyor': ['landrelease.read', 'landrelease.submit', 'public.read'],
  auditor: [...READS, 'minefield.count'],
  public: ['public.read'],
};

export const CLASSIFICATIONS = ['public', 'restricted', 'confidential', 'secret'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

/** Who is acting: resolved by the app layer from a session, token or the local CLI. */
export interface Actor {
  readonly id: string;
  readonly name: string;
  readonly roles: readonly Role[];
  /** Highest classification this actor may read. */
  readonly clearance: Classification;
  /** Regional scope: ISO 3166 codes or region ids; empty means every region. */
  readonly regions: readonly string[];
}

/** The local operator of a data directory (cairn init, cairn user …): full rights, as root is. */
export const SYSTEM_ACTOR: Actor = Object.freeze({
  id: 'system',
  name: 'system',
  roles: Object.freeze(['admin'] as Role[]),
  clearance: 'secret',
  regions: Object.freeze([] as string[]),
});

/** The anonymous caller: public data only. */
export const ANONYMOUS_ACTOR: Actor = Object.freeze({
  id: 'anonymous',
  name: 'anonymous',
  roles: Object.freeze(['public'] as Role[]),
  clearance: 'public',
  regions: Object.freeze([] as string[]),
});

export function isRole(x: string): x is Role {
  return (ROLES as readonly string[]).includes(x);
}

export function isClassification(x: string): x is Classification {
  return (CLASSIFICATIONS as readonly string[]).includes(x);
}

/** True when any of the actor's roles grants the permission. */
export function can(actor: Actor, permission: Permission): boolean {
  return actor.roles.some((r) => ROLE_PERMISSIONS[r].includes(permission));
}

/** True when the actor's clearance reaches the record's classification. */
export function cleared(actor: Actor, classification: Classification): boolean {
  // A level not in the list (stored data read without validation) clears nobody.
  const needed = CLASSIFICATIONS.indexOf(classification);
  return needed >= 0 && CLASSIFICATIONS.indexOf(actor.clearance) >= needed;
}

/**
 * The classification and region of a stored record, read defensively: a missing or unknown level
 * counts as `fallback`, and a region that is not a string (absent or null) as none, which is how
 * the store's need-to-know filter reads them (http/collections.ts `accessFilter`).
 */
export function labelOf(data: Readonly<Record<string, unknown>>, fallback: Classification): { classification: Classification; region?: string } {
  const c = data['classification'];
  const r = data['region'];
  const classification = typeof c === 'string' && (CLASSIFICATIONS as readonly string[]).includes(c) ? (c as Classification) : fallback;
  return { classification, ...(typeof r === 'string' ? { region: r } : {}) };
}

/** True when the record's region is inside the actor's scope (an empty scope is everything). */
export function inScope(actor: Actor, region: string | undefined): boolean {
  return actor.regions.length === 0 || region === undefined || actor.regions.includes(region);
}

/** Need-to-know: may this actor see a record of this classification and region at all? */
export function mayRead(actor: Actor, record: { readonly classification: Classification; readonly region?: string | undefined }): boolean {
  return cleared(actor, record.classification) && inScope(actor, record.region);
}

/** The default clearance given to a new user with these roles. */
export function defaultClearance(roles: readonly Role[]): Classification {
  if (roles.includes('admin') || roles.includes('auditor')) return 'secret';
  if (roles.includes('minefield-recorder') || roles.includes('im-officer')) return 'confidential';
  if (roles.every((r) => r === 'public')) return 'public';
  return 'restricted';
}
