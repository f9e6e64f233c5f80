/**
 * Importing hazardous areas from a GIS file (src/interchange reads the file, checks every feature
 * and builds this command): one command for the whole file, so the import is all-or-nothing in
 * one store transaction. Each feature is checked exactly as direct entry checks it
 * (`landrelease.hazard.record`, direct.ts) and becomes the same `landrelease.hazard-recorded`
 * event, one per feature, with `submissionId: null` and the importing actor recorded by the
 * pipeline. Refusals name the feature: `payload.features[i].report.perimeter…`.
 *
 * Recorded once: each hazard's id is derived from the file's SHA-256 and the feature's index
 * (a name-based UUID, RFC 9562 §5.8), so importing the same file again finds its hazards and
 * writes nothing for them. This replaces a pipeline submission id, whose index document would
 * be rewritten once per event — quadratic in the features of one file.
 */
import { hash } from 'node:crypto';
import { z } from 'zod';
import { err, ok, type JsonObject, type Problem, type Result } from '../core/index.js';
import { defineCommand, type Decision, type NewEvent, type ResultEvent } from '../command/index.js';
import { accountReleases } from './areas.js';
import { evaluate, perimeterOf } from './evaluate.js';
import { landReleaseEvents } from './events.js';
import { hazardReport } from './schemas.js';
import { HAZARDS } from './types.js';

/** At most this many features per import (a larger file is split by the caller's tools). */
export const HAZARD_IMPORT_MAX = 100_000;

export const hazardImportPayload = z
  .object({
    source: z
      .object({
        name: z.string().min(1).max(500),
        sha256: z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 is 64 hex digits'),
        format: z.string().min(1).max(20),
      })
      .strict(),
    features: z
      .array(
        z
          .object({
            index: z.number().int().min(0),
            sourceId: z.string().max(200).nullable(),
            report: hazardReport,
          })
          .strict(),
      )
      .min(1)
      .max(HAZARD_IMPORT_MAX),
  })
  .strict();
export type HazardImportPayload = z.infer<typeof hazardImportPayload>;

/** The hazard id of feature `index` of the file with this digest (a UUIDv8 from SHA-256). */
export function importedHazardId(sha256: string, index: number): string {
  const h = hash('sha256', `cairn-hazard-import\u0000${sha256}\u0000${index}`, 'hex');
  const variant = ((parseInt(h.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const resultOf = (events: readonly ResultEvent[]): JsonObject => {
  const hazardIds = events.flatMap((e) => {
    const id = e.type === 'landrelease.hazard-recorded' ? e.payload['hazardId'] : undefined;
    return typeof id === 'string' ? [id] : [];
  });
  return { imported: hazardIds.length, hazardIds };
};

const importHazards = defineCommand({
  type: 'landrelease.hazard.import',
  permission: 'landrelease.review',
  schema: hazardImportPayload,
  resultOf,
  async decide(p, ctx): Promise<Result<Decision>> {
    const problems: Problem[] = [];
    const first = (await ctx.docs.countDocs({ collection: HAZARDS })) + 1;
    const events: NewEvent[] = [];
    for (const [i, f] of p.features.entries()) {
      const hazardId = importedHazardId(p.source.sha256, f.index);
      if ((await ctx.docs.getDoc(HAZARDS, hazardId)) !== undefined) continue;
      const ev = await evaluate(ctx.docs, { kind: 'hazard', report: f.report });
      const at = (path: string) => path.replace(/^payload\.report/, `payload.features[${i}].report`);
      const blocking = ev.notes
        .filter((n) => n.severity === 'blocking')
        .map(({ severity: _s, ...prob }) => prob);
      const bad = [...ev.problems, ...blocking];
      if (bad.length > 0) {
        problems.push(
          ...bad.map((b) => ({
            ...b,
            path: at(b.path),
            details: { ...b.details, index: f.index, sourceId: f.sourceId },
          })),
        );
        continue;
      }
      const perimeter = perimeterOf(ev);
      const account = accountReleases(perimeter, [], []);
      // Same event as direct entry (direct.ts); human ids continue the register's sequence.
      events.push(
        landReleaseEvents.event('landrelease.hazard-recorded', {
          submissionId: null,
          version: 1,
          hazardId,
          humanId: `HA-${String(first + events.length).padStart(4, '0')}`,
          ...f.report,
          perimeter,
          hazardAreaM2: account.hazardAreaM2,
          releasedAreaM2: account.releasedAreaM2,
          remainingAreaM2: account.remainingAreaM2,
        }),
      );
    }
    if (problems.length > 0) return err(problems);
    return ok({ events, result: resultOf(events) });
  },
});

export const hazardImportCommands = [importHazards] as const;
