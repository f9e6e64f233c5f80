/** Entered record fields → stored fields, with every problem; shared by create and amend. */
import { isoInstant, problem, type Problem } from '../core/index.js';
import type { RecordFields } from './events.js';
import type { DocReader } from '../store/index.js';
import { checkCatalogue } from './reconcile.js';
import { resolvePerimeter, resolvePositions, resolveReferencePoints, resolveRows } from './resolve.js';
import type { AmendInput } from './schema.js';
import type { MinefieldRecord, ReferencePoint } from './types.js';

/** Dates this far ahead of the server clock are refused as future (clock skew allowance). */
const SKEW_MS = 5 * 60 * 1000;

/** Refuse a date in the future. */
export function notFuture(value: string, path: string, now: Date, problems: Problem[]): void {
  if (new Date(value).getTime() > now.getTime() + SKEW_MS)
    problems.push(problem('VALIDATION_DATE_FUTURE', path, `${value} is in the future`, { value }));
}

type FieldsInput = Omit<AmendInput, 'minefieldId' | 'classification'>;

/** The stored form of the fields given (only those given), as event payload JSON. */
export async function resolveFields(
  input: FieldsInput,
  existing: MinefieldRecord | undefined,
  docs: DocReader,
  now: Date,
): Promise<{ readonly fields: RecordFields; readonly problems: Problem[] }> {
  const problems: Problem[] = [];
  const f: Record<string, unknown> = {};
  if (input.unit !== undefined) f['unit'] = input.unit;
  if (input.copiesHeldAt !== undefined) f['copiesHeldAt'] = input.copiesHeldAt;
  if (input.region !== undefined) f['region'] = input.region;
  if (input.positionsNotFeasible !== undefined) f['positionsNotFeasible'] = input.positionsNotFeasible;
  let refs: readonly ReferencePoint[] = existing?.referencePoints ?? [];
  if (input.referencePoints !== undefined) {
    refs = resolveReferencePoints(input.referencePoints, 'payload.referencePoints', problems);
    f['referencePoints'] = refs;
  }
  const byLabel = new Map(refs.map((r) => [r.label, r] as const));
  if (input.perimeter !== undefined)
    f['perimeter'] = resolvePerimeter(input.perimeter, byLabel, 'payload.perimeter', problems);
  if (input.rows !== undefined) f['rows'] = resolveRows(input.rows, byLabel, 'payload.rows', problems);
  if (input.minePositions !== undefined)
    f['minePositions'] = resolvePositions(input.minePositions, byLabel, 'payload.minePositions', problems);
  if (input.contents !== undefined) {
    f['contents'] = input.contents.map((c) => ({
      typeId: c.typeId,
      ...(c.lotId === undefined ? {} : { lotId: c.lotId }),
      number: c.number,
      emplacingMethod: c.emplacingMethod,
      fuzeType: c.fuzeType,
      lifeTime: c.lifeTime,
      antiHandling: c.antiHandling,
    }));
  }
  problems.push(...(await checkCatalogue(docs, input.contents, input.minePositions)));
  const laying: { layingStart?: string; layingEnd?: string } = {};
  for (const k of ['layingStart', 'layingEnd'] as const) {
    const v = input[k];
    if (v === undefined) continue;
    notFuture(v, `payload.${k}`, now, problems);
    f[k] = laying[k] = isoInstant(new Date(v));
  }
  // TA 1(a)(iii): date and time of laying — the end cannot come before the start.
  const start = laying.layingStart ?? existing?.layingStart;
  const end = laying.layingEnd ?? existing?.layingEnd;
  if (start !== undefined && end !== undefined && new Date(end).getTime() < new Date(start).getTime()) {
    problems.push(
      problem(
        'MINEFIELD_LAYING_DATES_ORDER',
        'payload.layingEnd',
        `laying ended (${end}) before it started (${start})`,
        { start, end },
      ),
    );
  }
  // Built field by field from the resolved values above: the event schema checks them again.
  return { fields: JSON.parse(JSON.stringify(f)) as RecordFields, problems };
}
