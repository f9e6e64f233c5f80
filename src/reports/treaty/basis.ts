/**
 * The ledger basis of a treaty report (design.md §2 "a report always names the checkpoint it was
 * computed from"; "a report for 2026 stays reproducible in 2030").
 *
 * - The reporting period is a calendar year (APMBC Art 7(2): annual updates cover the previous
 *   calendar year and are due by 30 April; CCW APII Art 13(4) reports are annual).
 * - The **covering tree** is the smallest prefix of the ledger holding every entry effective on or
 *   before the period end. Its size and root never change once written (the ledger is append-only),
 *   unless an entry effective inside the period is recorded later (a backdated correction) — which
 *   then, honestly, changes the basis.
 * - Two replays of the covering tree feed the report: `period` (only entries effective by the
 *   period end: balances, statuses, sessions) and `reference` (every entry of the covering tree:
 *   the mine type catalogue, lots, organisations, accounts and the treaty registry, whose facts
 *   carry their own dates and may have been catalogued after the events that use them).
 */
import { createHash } from 'node:crypto';
import { readEvents, type Cairn } from '../../app/index.js';
import { canonicalJson } from '../../core/index.js';
import { STOCK_COLLECTIONS } from '../../stock/index.js';
import type { Doc, DocQuery, DocReader } from '../../store/index.js';

/** A calendar-year reporting period. */
export interface Period {
  readonly year: number;
  /** First and last day, YYYY-MM-DD (inclusive). */
  readonly from: string;
  readonly to: string;
  /** The last instant of the period (ISO 8601 UTC). */
  readonly end: string;
  /** APMBC Art 7(2): the annual report is due 30 April of the following year. */
  readonly due: string;
}

/** The period of a calendar year. */
export function periodOf(year: number): Period {
  return {
    year,
    from: `${year}-01-01`,
    to: `${year}-12-31`,
    end: `${year}-12-31T23:59:59.999Z`,
    due: `${year + 1}-04-30`,
  };
}

/** The tree a report was computed from: origin, size and root (hex) — the covering tree. */
export interface CoveringTree {
  readonly origin: string;
  readonly size: number;
  readonly root: string;
}

/**
 * The signed checkpoint current when the report was produced, and the consistency proof that the
 * covering tree is a prefix of it (RFC 9162 §2.1.4). Not part of the reproducible body.
 */
export interface Attestation {
  readonly signedCheckpoint: {
    readonly origin: string;
    readonly size: number;
    readonly root: string;
    readonly text: string;
  };
  /** Hex hashes; empty when the covering tree is the checkpoint's tree or is empty. */
  readonly consistencyProof: readonly string[];
  readonly note: string;
}

/** What the report needs of the application: the ledger, time travel and the clock. */
export type ReportApp = Pick<Cairn, 'store' | 'ledger' | 'replay' | 'clock'>;

/** Collections read from the `reference` replay: catalogue, accounts and the treaty registry. */
export const REFERENCE_COLLECTIONS: ReadonlySet<string> = new Set([
  STOCK_COLLECTIONS.types,
  STOCK_COLLECTIONS.lots,
  STOCK_COLLECTIONS.orgs,
  STOCK_COLLECTIONS.facilities,
  STOCK_COLLECTIONS.accounts,
  'treaty.states',
]);

/** A reader that answers reference collections from `reference` and all others from `period`. */
export function layered(
  period: DocReader,
  reference: DocReader,
  referenceCollections: ReadonlySet<string> = REFERENCE_COLLECTIONS,
): DocReader {
  const pick = (collection: string): DocReader => (referenceCollections.has(collection) ? reference : period);
  return {
    getDoc: (collection: string, id: string): Promise<Doc | undefined> =>
      pick(collection).getDoc(collection, id),
    findDocs: (q: DocQuery): Promise<Doc[]> => pick(q.collection).findDocs(q),
    countDocs: (q: DocQuery): Promise<number> => pick(q.collection).countDocs(q),
  };
}

/** The size of the smallest ledger prefix holding every entry effective at or before `end`, within the first `size` entries. */
export async function coveringSize(app: Pick<Cairn, 'store'>, end: Date, size: number): Promise<number> {
  const limit = end.getTime();
  let covering = 0;
  let i = 0;
  for await (const e of readEvents(app.store, 0, size)) {
    i += 1;
    if (new Date(e.effectiveAt).getTime() <= limit) covering = i;
  }
  return covering;
}

/** The covering tree, its two replays and the attestation by the current signed checkpoint. */
export interface Basis {
  readonly tree: CoveringTree;
  /** Period facts over reference data (see the module comment). */
  readonly docs: DocReader;
  readonly attestation: Attestation;
}

/** Compute the basis of a report for `period`. Signs a checkpoint when none covers the current tree. */
export async function basisOf(app: ReportApp, period: Period): Promise<Basis> {
  const cp = await app.ledger.currentCheckpoint();
  const end = new Date(period.end);
  const size = await coveringSize(app, end, cp.size);
  const root = Buffer.from(await app.ledger.root(size)).toString('hex');
  // One replay after the other: a store adapter need not serve two long reads at once.
  const periodDocs = await app.replay({ toSize: size, asOf: end });
  const referenceDocs = await app.replay({ toSize: size });
  const proof = size === 0 || size === cp.size ? [] : (await app.ledger.consistency(size, cp.size)).proof;
  const cpRoot = Buffer.from(cp.root).toString('hex');
  return {
    tree: { origin: cp.origin, size, root },
    docs: layered(periodDocs, referenceDocs),
    attestation: {
      signedCheckpoint: { origin: cp.origin, size: cp.size, root: cpRoot, text: cp.text },
      consistencyProof: proof,
      note:
        size === cp.size
          ? `The report was computed from the tree of this signed checkpoint (size ${cp.size}).`
          : `The covering tree (size ${size}) is a prefix of this signed checkpoint (size ${cp.size}); check with \`cairn ledger proof consistency --from ${size} --to ${cp.size}\` or the proof given.`,
    },
  };
}

/** The reproducibility statement printed with every treaty report. */
export function reproducibility(period: Period, tree: CoveringTree): string {
  return (
    `Computed by replaying the first ${tree.size} ledger entries of ${tree.origin} (root ${tree.root}), the smallest prefix holding every entry ` +
    `effective on or before ${period.end}; entries effective after the period end are ignored. Recomputing this report at any later time ` +
    `gives the same figures, the same tree and the same digest, unless an entry effective inside ${period.year} is recorded later ` +
    `(a backdated correction), which changes the tree named here.`
  );
}

/** SHA-256 (hex) of the canonical JSON (RFC 8785) of a report body: equal bodies, equal digests. */
export function digestOf(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body), 'utf8').digest('hex');
}
