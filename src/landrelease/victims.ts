/**
 * Victims' personal data (IMAS 10.60; field-users §16: "minimise and protect"). The ledger is
 * permanent and exported whole to auditors, so personal data never enters it: each victim is a
 * sealed record in the store's protected side table, and events carry only
 * `{ victimId, sealedId, commitment }` plus casualty counts by outcome, sex and age group.
 * Reading the data needs `victim.read`; erasing it (a data subject's request) deletes the sealed
 * record and records an erasure event, leaving the commitment — and the hash chain — intact.
 */
import { z } from 'zod';
import { can } from '../access/index.js';
import { err, newId, ok, problem, type JsonObject, type Result } from '../core/index.js';
import { compact, defineCommand, type Decision } from '../command/index.js';
import { newSalt, sealCommitment, type Doc, type DocReader, type Store } from '../store/index.js';
import { landReleaseEvents } from './events.js';
import type { AccidentReport } from './schemas.js';
import { VICTIMS, type AgeGroup, type Sex } from './types.js';

/** What reads sealed data: projections plus the sealed side table. */
export type SealedReader = DocReader & Pick<Store, 'getSealed'>;

/** A sealed record as the pipeline writes it (Decision.sealed). */
export interface SealedVictim {
  readonly id: string;
  readonly data: JsonObject;
  readonly salt: string;
}

/** A victim as the ledger knows it: a reference and a commitment, nothing personal. */
export interface VictimRef {
  readonly victimId: string;
  readonly sealedId: string;
  readonly commitment: string;
}

/** A stored report's victim entry as a reference (an entry from before sealing is not one). */
export function isVictimRef(v: unknown): v is VictimRef {
  return (
    typeof v === 'object' &&
    v !== null &&
    'victimId' in v &&
    typeof v.victimId === 'string' &&
    'sealedId' in v &&
    typeof v.sealedId === 'string' &&
    'commitment' in v &&
    typeof v.commitment === 'string'
  );
}

export interface Casualty {
  readonly outcome: 'killed' | 'injured';
  readonly sex: Sex;
  readonly ageGroup: AgeGroup;
  readonly count: number;
}

/** Counts by outcome, sex and age group, in a stable order. */
export function casualtiesOf(
  victims: readonly { readonly outcome: string; readonly sex: string; readonly ageGroup: string }[],
): Casualty[] {
  const acc = new Map<string, number>();
  for (const v of victims) {
    const k = `${v.outcome}:${v.sex}:${v.ageGroup}`;
    acc.set(k, (acc.get(k) ?? 0) + 1);
  }
  return [...acc.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, count]) => {
      const [outcome, sex, ageGroup] = k.split(':') as [Casualty['outcome'], Sex, AgeGroup];
      return { outcome, sex, ageGroup, count };
    });
}

/**
 * Seal the victims of an accident report: the report kept in the ledger holds only references
 * and counts; the personal data goes to `sealed`, written by the pipeline in the same transaction.
 */
export function sealAccidentReport(report: AccidentReport): {
  readonly report: JsonObject;
  readonly sealed: SealedVictim[];
} {
  // The parsed report leaves absent optional fields out: `compact` drops nothing, and tells the
  // compiler so (JSON has no undefined), down to the device, the one nested optional field.
  const { victims, device, ...rest } = report;
  const sealed: SealedVictim[] = [];
  const refs: VictimRef[] = victims.map((v) => {
    const victimId = newId();
    const salt = newSalt();
    const data: JsonObject = compact(v);
    sealed.push({ id: victimId, data, salt });
    return { victimId, sealedId: victimId, commitment: sealCommitment(salt, data) };
  });
  return {
    report: {
      ...compact(rest),
      ...(device === undefined ? {} : { device: compact(device) }),
      victims: refs.map((r) => ({ ...r })),
      casualties: casualtiesOf(victims).map((c) => ({ ...c })),
    },
    sealed,
  };
}

/** A victim document joined with its sealed data: projection fields win, so nothing is spoofed. */
export async function joinSealed(store: SealedReader, d: Doc): Promise<Doc> {
  const sealedId = d.data['sealedId'];
  const rec = typeof sealedId === 'string' ? await store.getSealed(sealedId) : undefined;
  return { ...d, data: { ...(rec?.data ?? {}), ...d.data } };
}

/** Erase a victim's personal data on request: the sealed record goes, the commitment stays. */
const erase = defineCommand({
  type: 'landrelease.victim.erase',
  permission: 'landrelease.review',
  schema: z
    .object({ victimId: z.string().min(1).max(128), reason: z.string().trim().min(1).max(2000) })
    .strict(),
  async decide(p, ctx): Promise<Result<Decision>> {
    if (!can(ctx.actor, 'victim.read'))
      return err([problem('AUTH_FORBIDDEN', '', 'erasing victim data needs the victim-data permission')]);
    const d = await ctx.docs.getDoc(VICTIMS, p.victimId);
    if (d === undefined)
      return err([problem('LANDRELEASE_VICTIM_UNKNOWN', 'payload.victimId', `no victim ${p.victimId}`)]);
    if (d.data['erased'] === true)
      return err([
        problem(
          'CONFLICT',
          'payload.victimId',
          `the personal data of victim ${p.victimId} was already erased`,
        ),
      ]);
    const sealedId = d.data['sealedId'];
    if (typeof sealedId !== 'string')
      return err([
        problem('CONFLICT', 'payload.victimId', `victim ${p.victimId} has no sealed personal data to erase`),
      ]);
    return ok({
      events: [
        landReleaseEvents.event('landrelease.victim-data-erased', {
          victimId: p.victimId,
          erasedSealedIds: [sealedId],
          reason: p.reason,
        }),
      ],
      eraseSealed: [sealedId],
      result: { victimId: p.victimId },
    });
  },
});

export const victimCommands = [erase] as const;
