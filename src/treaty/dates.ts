/**
 * Treaty date arithmetic, pure: entry into force (APMBC Art 17(2)), the Art 4 stockpile
 * deadline, the Art 20 withdrawal date and the status of a state at an instant.
 */
import type {
  Instrument,
  OttawaStatus,
  Readiness,
  ReadinessPeriod,
  TreatyState,
  WithdrawalEffect,
} from './types.js';

const DAY = 86_400_000;

function utc(text: string): Date {
  return new Date(text.length === 10 ? `${text}T00:00:00Z` : text);
}

/** `YYYY-MM-DD` of an instant (UTC). */
export function dateText(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** The same day `months` later; a day missing in the target month falls to its last day. */
export function addMonths(date: string, months: number): string {
  const d = utc(date);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return dateText(new Date(Date.UTC(y, m, Math.min(d.getUTCDate(), last))));
}

function latest(
  instruments: readonly Instrument[],
  kinds: readonly Instrument['kind'][],
): Instrument | undefined {
  return [...instruments]
    .filter((i) => kinds.includes(i.kind))
    .sort((a, b) => a.date.localeCompare(b.date))
    .at(-1);
}

/**
 * Entry into force for the state: a recorded date, or else — APMBC Art 17(2) — the first day of
 * the sixth month after the month in which it deposited its ratification or accession.
 */
export function entryIntoForce(s: TreatyState): string | undefined {
  const recorded = latest(s.instruments, ['entry-into-force']);
  if (recorded !== undefined) return recorded.date;
  const joined = latest(s.instruments, ['ratification', 'accession']);
  if (joined === undefined) return undefined;
  const d = utc(joined.date);
  return dateText(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 6, 1)));
}

/** APMBC Art 4: stockpiles destroyed within four years of entry into force. */
export function art4Deadline(s: TreatyState): string | undefined {
  const eif = entryIntoForce(s);
  return eif === undefined ? undefined : addMonths(eif, 48);
}

/** The readiness period in force at `at`, if any. */
export function periodAt(readiness: readonly ReadinessPeriod[], at: Date): ReadinessPeriod | undefined {
  let found: ReadinessPeriod | undefined;
  for (const p of readiness) if (utc(p.from).getTime() <= at.getTime()) found = p;
  return found;
}

export function readinessOf(s: TreatyState, at: Date): Readiness | undefined {
  return periodAt(s.readiness, at)?.status;
}

/**
 * APMBC Art 20(2)–(3): a withdrawal takes effect six months after the Depositary receives the
 * instrument; if the state is then engaged in an armed conflict, not before the conflict ends
 * (taken as the start of the next recorded period that is not armed conflict).
 */
export function art20Effect(deposited: string, readiness: readonly ReadinessPeriod[]): WithdrawalEffect {
  const nominal = addMonths(deposited, 6);
  const nominalAt = utc(nominal);
  if (periodAt(readiness, nominalAt)?.status !== 'armed-conflict') {
    return { kind: 'effective', deposited, nominal, effective: nominal, deferred: false };
  }
  const end = readiness.find(
    (p) => utc(p.from).getTime() > nominalAt.getTime() && p.status !== 'armed-conflict',
  );
  if (end === undefined) return { kind: 'deferred-armed-conflict', deposited, nominal };
  return { kind: 'effective', deposited, nominal, effective: dateText(utc(end.from)), deferred: true };
}

/** The state's withdrawal, computed from its latest instrument of withdrawal. */
export function withdrawalEffect(s: TreatyState): WithdrawalEffect {
  const w = latest(s.instruments, ['withdrawal']);
  return w === undefined ? { kind: 'none' } : art20Effect(w.date, s.readiness);
}

/**
 * The state's APMBC status at `at`. Ukraine's "suspension" (VCLT Art 62, notified 18 Jul 2025)
 * is its own status: the Convention has no suspension clause, so it is not a withdrawal.
 */
export function statusOf(s: TreatyState, at: Date): OttawaStatus {
  const t = at.getTime();
  const susp = latest(s.instruments, ['suspension']);
  if (susp !== undefined && utc(susp.date).getTime() <= t) return 'suspended';
  const w = latest(s.instruments, ['withdrawal']);
  if (w !== undefined && utc(w.date).getTime() <= t) {
    const eff = art20Effect(w.date, s.readiness);
    return eff.kind === 'effective' && utc(eff.effective).getTime() <= t ? 'withdrawn' : 'withdrawal-pending';
  }
  const eif = entryIntoForce(s);
  return eif !== undefined && utc(eif).getTime() <= t ? 'party' : 'not-party';
}

/**
 * True while the Convention's prohibitions still bind the state: a party, a party whose
 * withdrawal has not yet taken effect, or one claiming a suspension the Convention does not
 * provide for (decisions.md: the "suspension" is treated as still bound).
 */
export function boundByOttawa(status: OttawaStatus | undefined): boolean {
  return status === 'party' || status === 'withdrawal-pending' || status === 'suspended';
}

export const DAY_MS = DAY;
