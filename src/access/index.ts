/**
 * access: roles, permissions, classification and regional scope (design.md §5). Enforced in the
 * app layer, never only in the UI. Modules add permissions here and grant them to roles.
 */
import type { Expr } from '../store/index.js';
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
  'stock-officer': [
    'stock.read',
    'stock.propose',
    'stock.check',
    'catalogue.manage',
    'treaty.read',
    'compliance.read',
    'report.read',
    'ledger.read',
    'public.read',
  ],
  approver: [
    'stock.read',
    'stock.approve',
    'treaty.read',
    'compliance.read',
    'report.read',
    'ledger.read',
    'public.read',
  ],
  'minefield-recorder': [
    'minefield.read',
    'minefield.record',
    'stock.read',
    'treaty.read',
    'compliance.read',
    'report.read',
    'ledger.read',
    'public.read',
  ],
  'im-officer': [
    'landrelease.read',
    'landrelease.submit',
    'landrelease.review',
    'victim.read',
    'minefield.read',
    'minefield.release',
    'minefield.count',
    'treaty.read',
    'compliance.read',
    'report.read',
    'ledger.read',
    'public.read',
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
export function labelOf(
  data: Readonly<Record<string, unknown>>,
  fallback: Classification,
): { classification: Classification; region?: string } {
  const c = data['classification'];
  const r = data['region'];
  const classification =
    typeof c === 'string' && (CLASSIFICATIONS as readonly string[]).includes(c)
      ? (c as Classification)
      : fallback;
  return { classification, ...(typeof r === 'string' ? { region: r } : {}) };
}

/** True when the record's region is inside the actor's scope (an empty scope is everything). */
export function inScope(actor: Actor, region: string | undefined): boolean {
  return actor.regions.length === 0 || region === undefined || actor.regions.includes(region);
}

/** Need-to-know: may this actor see a record of this classification and region at all? */
export function mayRead(
  actor: Actor,
  record: { readonly classification: Classification; readonly region?: string | undefined },
): boolean {
  return cleared(actor, record.classification) && inScope(actor, record.region);
}

/** The default clearance given to a new user with these roles. */
export function defaultClearance(roles: readonly Role[]): Classification {
  if (roles.includes('admin') || roles.includes('auditor')) return 'secret';
  if (roles.includes('minefield-recorder') || roles.includes('im-officer')) return 'confidential';
  if (roles.every((r) => r === 'public')) return 'public';
  return 'restricted';
}

/**
 * Need-to-know as a store filter (design.md §5): the rows of a collection an actor may see, as an
 * `Expr` the store evaluates *before* limit, offset and count, so a page never holds, and a total
 * never counts, a row the actor may not see. `mayRead` is the same rule for one record; the
 * property test in src/http/access.property.test.ts proves the two agree.
 */

/** Constant expressions in the store's AST. */
export const TRUE_EXPR: Expr = { op: 'and', args: [] };
export const FALSE_EXPR: Expr = { op: 'or', args: [] };

/** AND that folds constants. */
export function andExpr(...args: Expr[]): Expr {
  const xs = args.filter((a) => !(a.op === 'and' && a.args.length === 0));
  if (xs.some((a) => a.op === 'or' && a.args.length === 0)) return FALSE_EXPR;
  return xs.length === 1 && xs[0] !== undefined ? xs[0] : { op: 'and', args: xs };
}

/** What governs the reading of one collection. */
export interface ReadRule {
  /** Permission that shows every row the caller is cleared for. */
  readonly permission: Permission;
  /** Classification assumed for rows that carry none. */
  readonly defaultClassification: Classification;
  /** Rows visible to callers without `permission` but with `public.read` (absent: none). */
  readonly publicFilter?: Expr;
}

/**
 * The filter of the rows this actor may see, or FALSE_EXPR: classification (a missing level
 * counts as the default) and regional scope (a row without a region is in every scope).
 * @example findPage(store, { collection: 'hazards', where: andExpr(readFilter(actor, rule), clientFilter) })
 */
export function readFilter(actor: Actor, rule: ReadRule): Expr {
  const pub = rule.publicFilter !== undefined && can(actor, 'public.read') ? rule.publicFilter : FALSE_EXPR;
  if (!can(actor, rule.permission)) return pub;
  const levels = CLASSIFICATIONS.filter((k) => cleared(actor, k));
  const classification: Expr = {
    op: 'or',
    args: [
      { op: 'in', field: 'classification', values: levels },
      ...(cleared(actor, rule.defaultClassification)
        ? [{ op: 'isNull', field: 'classification' } as const]
        : []),
    ],
  };
  const region: Expr =
    actor.regions.length === 0
      ? TRUE_EXPR
      : {
          op: 'or',
          args: [
            { op: 'isNull', field: 'region' },
            { op: 'in', field: 'region', values: actor.regions },
          ],
        };
  const granted = andExpr(classification, region);
  return pub === FALSE_EXPR ? granted : { op: 'or', args: [pub, granted] };
}
