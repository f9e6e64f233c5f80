/** Treaty registry records (law-and-standards §1.1 Art 20, §2.7, §6). */
export const TREATY_STATES = 'treaty.states';

/** Ottawa (APMBC) instruments a state deposits, plus Ukraine's "suspension" notice. */
export const INSTRUMENT_KINDS = [
  'signature',
  'ratification',
  'accession',
  'entry-into-force',
  'withdrawal',
  'suspension',
] as const;
export type InstrumentKind = (typeof INSTRUMENT_KINDS)[number];

export const READINESS = ['peace', 'crisis', 'armed-conflict'] as const;
export type Readiness = (typeof READINESS)[number];

export type OttawaStatus = 'party' | 'withdrawal-pending' | 'withdrawn' | 'suspended' | 'not-party';

export interface Instrument {
  readonly kind: InstrumentKind;
  /** Date of deposit or of the act (YYYY-MM-DD). */
  readonly date: string;
  readonly sourceUrl: string;
  readonly note: string;
}

export interface ReadinessPeriod {
  readonly status: Readiness;
  /** Start of the period (ISO instant); it lasts until the next period starts. */
  readonly from: string;
  readonly legalReference: string;
  readonly sourceUrl: string;
}

export interface TreatyState {
  /** ISO 3166-1 alpha-2. */
  readonly code: string;
  readonly name: string;
  readonly instruments: readonly Instrument[];
  readonly apiiParty: boolean;
  readonly apiiSourceUrl: string | null;
  /** Sorted by `from`. */
  readonly readiness: readonly ReadinessPeriod[];
}

/** The outcome of Art 20(3): a date, or deferred while an armed conflict lasts. */
export type WithdrawalEffect =
  | { readonly kind: 'none' }
  | {
      readonly kind: 'effective';
      readonly deposited: string;
      readonly nominal: string;
      readonly effective: string;
      readonly deferred: boolean;
    }
  | { readonly kind: 'deferred-armed-conflict'; readonly deposited: string; readonly nominal: string };
