/**
 * Stock records as stored in projection documents (law-and-standards §9.1–9.3). The Zod schemas
 * of the commands are the boundary; these types describe what the projector writes.
 */
export const COLLECTIONS = {
  types: 'stock.types',
  lots: 'stock.lots',
  orgs: 'stock.orgs',
  facilities: 'stock.facilities',
  accounts: 'stock.accounts',
  balances: 'stock.balances',
  movements: 'stock.movements',
  checks: 'stock.checks',
  discrepancies: 'stock.discrepancies',
  emplacement: 'stock.emplacement',
  lotHistory: 'stock.lot-history',
} as const;

export const CATEGORIES = ['AP', 'AT', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];
/** APMBC status of a type: a banned AP mine, an anti-vehicle mine, or command-detonated only (Form J). */
export const OTTAWA_STATUSES = ['banned-ap', 'anti-vehicle', 'command-detonated-only'] as const;
export type OttawaStatus = (typeof OTTAWA_STATUSES)[number];
/** UN hazard divisions (IATG 02.20). */
export const HAZARD_DIVISIONS = ['1.1', '1.2', '1.3', '1.4', '1.5', '1.6'] as const;
export type HazardDivision = (typeof HAZARD_DIVISIONS)[number];
/** Surveillance condition codes (IATG 03.10; law-and-standards §9.2). */
export const CONDITIONS = [
  'serviceable',
  'unserviceable-repairable',
  'unserviceable-awaiting-disposal',
  'under-investigation',
] as const;
export type Condition = (typeof CONDITIONS)[number];
export const ORG_KINDS = [
  'national-authority',
  'armed-forces-unit',
  'operator',
  'manufacturer',
  'storage-custodian',
  'destruction-contractor',
  'training-institution',
  'ngo',
] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

/** Form H identification and clearance facts (APMBC Art 7(1)(h)); nothing about employment. */
export interface FormH {
  readonly dimensions: string;
  readonly fuzing: string;
  readonly explosiveContent: string;
  readonly metalContent: string;
  readonly photoRefs: readonly string[];
  readonly clearanceNotes: string;
}

export interface MineType {
  readonly id: string;
  readonly designation: string;
  readonly category: Category;
  readonly ottawaStatus: OttawaStatus;
  /** APII TA 2(a): at least 8 g iron equivalent in one coherent mass. */
  readonly detectable: boolean;
  readonly selfDestruct: boolean;
  readonly selfDestructPeriodDays: number | null;
  readonly selfDeactivation: boolean;
  readonly selfDeactivationPeriodDays: number | null;
  readonly remotelyDelivered: boolean;
  readonly hazardDivision: HazardDivision;
  readonly compatibilityGroup: string;
  /** Net explosive quantity per item, kg. */
  readonly neqKg: number;
  readonly formH: FormH;
}

export interface Lot {
  readonly id: string;
  readonly typeId: string;
  readonly lotNumber: string;
  readonly manufacturerId: string;
  readonly countryOfOrigin: string;
  /** APII TA 1(d): month and year of production, `YYYY-MM`. */
  readonly productionMonth: string;
  readonly serialRange: { readonly from: string; readonly to: string } | null;
  readonly condition: Condition;
  readonly recalled: boolean;
}

export interface Organisation {
  readonly id: string;
  readonly name: string;
  readonly kind: OrgKind;
  /** ISO 3166-1 alpha-2 code. */
  readonly country: string;
}

export interface StorageLocation {
  readonly id: string;
  readonly building: string;
  readonly bay: string;
}

export interface Facility {
  readonly id: string;
  readonly name: string;
  readonly operatorId: string;
  /** The state whose stockpile the facility holds (ISO 3166-1 alpha-2). */
  readonly state: string;
  readonly licenceRef: string;
  /** Licensed maximum NEQ (kg) per hazard division; an absent division is not licensed. */
  readonly neqLimitsKg: Readonly<Partial<Record<HazardDivision, number>>>;
  readonly securityLevel: 1 | 2 | 3;
  readonly twoPersonRule: boolean;
  readonly lastInspection: string | null;
  readonly inspectionIntervalDays: number;
  readonly locations: readonly StorageLocation[];
  /** NEQ currently held per hazard division (kg), maintained by the projector. */
  readonly neqHeldKg: Readonly<Partial<Record<HazardDivision, number>>>;
}

export const ACCOUNT_KINDS = [
  'production',
  'storage',
  'in-transit',
  'transferred-out',
  'emplaced',
  'retained',
  'consumed-in-training',
  'destroyed',
  'lost',
  'found-surplus',
  'adjustment',
] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];
/** External accounts are sources: their balance is the negative of what they supplied. */
export const SOURCE_KINDS: readonly AccountKind[] = ['production', 'found-surplus', 'adjustment'];

export interface Account {
  readonly key: string;
  readonly kind: AccountKind;
  /** Owning state (ISO 3166), or null for the global sources. */
  readonly state: string | null;
  readonly facilityId: string | null;
  readonly locationId: string | null;
  /** The named party: recipient state, minefield id, institution id, destruction certificate, incident. */
  readonly ref: string | null;
  /** Destruction basis (Form G: Art 4 stockpile or Art 5 mined areas) or other account facts. */
  readonly basis: string | null;
}

/** A balance line, one document per (account, lot): a balance is one getDoc. */
export interface Balance {
  readonly account: string;
  /** The account's facts, copied so a statement reads balance lines only. */
  readonly kind: AccountKind;
  readonly state: string | null;
  readonly facilityId: string | null;
  readonly locationId: string | null;
  readonly ref: string | null;
  readonly basis: string | null;
  readonly lotId: string;
  readonly typeId: string;
  readonly qty: number;
}

/**
 * Per lot, every account's balance with its packed per-day history (see history.ts): one document
 * per lot, so a statement as of a date reads one row per lot rather than one per balance line.
 */
export interface LotHistory {
  readonly lotId: string;
  readonly typeId: string;
  readonly lines: Readonly<
    Record<string, Omit<Account, 'key'> & { readonly qty: number; readonly h: string }>
  >;
}

export const MOVEMENT_KINDS = [
  'receipt',
  'internal-transfer',
  'issue-emplacement',
  'return',
  'export',
  'retain',
  'consume-training',
  'destroy',
  'loss',
  'found',
  'adjustment',
] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];
export const MOVEMENT_STATUSES = ['proposed', 'approved', 'executed', 'rejected', 'cancelled'] as const;
export type MovementStatus = (typeof MOVEMENT_STATUSES)[number];

export interface Movement {
  readonly id: string;
  readonly kind: MovementKind;
  readonly status: MovementStatus;
  /** Account keys, and the accounts themselves. */
  readonly from: string;
  readonly to: string;
  readonly fromAccount: Account;
  readonly toAccount: Account;
  readonly lotId: string;
  readonly typeId: string;
  readonly quantity: number;
  readonly state: string;
  readonly minefieldId: string | null;
  /** Kind-specific facts (recipient, certificates, method, site …). */
  readonly details: Readonly<Record<string, string>>;
  readonly proposedBy: string;
  readonly approvedBy: string | null;
  readonly executedBy: string | null;
  readonly decidedBy: string | null;
  readonly effectiveAt: string;
  readonly executedAt: string | null;
}

export const DISCREPANCY_STATUSES = ['open', 'investigating', 'resolved-explained', 'loss-reported'] as const;
export type DiscrepancyStatus = (typeof DISCREPANCY_STATUSES)[number];

export interface Discrepancy {
  readonly id: string;
  readonly checkId: string;
  readonly facilityId: string;
  readonly locationId: string;
  readonly lotId: string;
  readonly expected: number;
  readonly counted: number;
  readonly status: DiscrepancyStatus;
  readonly openedAt: string;
  readonly closedAt: string | null;
  readonly note: string;
}

export interface StockCheck {
  readonly id: string;
  readonly facilityId: string;
  readonly counters: readonly [string, string];
  readonly lines: ReadonlyArray<{
    readonly locationId: string;
    readonly lotId: string;
    readonly expected: number;
    readonly counted: number;
  }>;
  readonly countedAt: string;
}

/** One lot's line of a minefield record's emplacement tally. */
export interface EmplacementLine {
  readonly typeId: string;
  readonly lotId: string;
  readonly issued: number;
  readonly returned: number;
}

/** Per minefield record: what was issued to it and returned from it, per lot. */
export interface Emplacement {
  readonly minefieldId: string;
  readonly lines: readonly EmplacementLine[];
}

/** Account keys. Facility storage is per location (building and bay). */
export const accountKey = {
  storage: (facilityId: string, locationId: string) => `storage:${facilityId}:${locationId}`,
  production: () => 'production',
  inTransit: (state: string) => `in-transit:${state}`,
  transferredOut: (recipient: string) => `transferred-out:${recipient}`,
  emplaced: (minefieldId: string) => `emplaced:${minefieldId}`,
  retained: (institutionId: string) => `retained:${institutionId}`,
  consumed: (state: string) => `consumed-in-training:${state}`,
  destroyed: (movementId: string) => `destroyed:${movementId}`,
  lost: (incident: string) => `lost:${incident}`,
  found: () => 'found-surplus',
  adjustment: () => 'adjustment',
} as const;

/** The balance document id for (account, lot): one getDoc per lookup. */
export function balanceId(account: string, lotId: string): string {
  return `${account}|${lotId}`;
}

/** Days since 1970-01-01 (UTC) of an instant. */
export function epochDay(d: Date): number {
  return Math.floor(d.getTime() / 86_400_000);
}
