/**
 * Reconciliation of a record with stock (issue #5 §5): for each type and lot, mines issued for
 * emplacement to the record, minus returns, against the mines recorded in its contents. The same
 * `recordedContents` lines are what devices found in clearance reconcile against (land release).
 */
import { problem, type Problem } from '../core/index.js';
import { emplacementByMinefield, getLot, getMineType, type Category } from '../stock/index.js';
import type { DocReader } from '../store/index.js';
import { getMinefield } from './records.js';
import type { ContentsLine } from './types.js';

/** One recorded contents line with its type's category (AP / AT / other). */
export interface RecordedContent {
  readonly typeId: string;
  readonly lotId?: string;
  readonly number: number;
  readonly category: Category;
}

/** What the record says was laid, line by line, with each type's category. */
export async function recordedContents(docs: DocReader, minefieldId: string): Promise<RecordedContent[]> {
  const r = await getMinefield(docs, minefieldId);
  if (r === undefined) return [];
  const out: RecordedContent[] = [];
  for (const c of r.contents) {
    const t = await getMineType(docs, c.typeId);
    out.push({
      typeId: c.typeId,
      ...(c.lotId === undefined ? {} : { lotId: c.lotId }),
      number: c.number,
      category: t?.category ?? 'other',
    });
  }
  return out;
}

/** One reconciliation line; `lotId` is '*' when the record gives no lots for that type. */
export interface ReconciliationLine {
  readonly typeId: string;
  readonly lotId: string;
  readonly issued: number;
  readonly returned: number;
  /** issued − returned: what should be in the ground. */
  readonly net: number;
  readonly recorded: number;
  /** recorded − net; 0 when they agree. */
  readonly difference: number;
}

/**
 * Compare stock issues and returns with the recorded contents. Types whose recorded lines all
 * name a lot are compared lot by lot; otherwise the type is compared as a whole (lot '*').
 */
export function reconcileLines(
  issuedLines: readonly {
    readonly typeId: string;
    readonly lotId: string;
    readonly issued: number;
    readonly returned: number;
  }[],
  contents: readonly Pick<ContentsLine, 'typeId' | 'lotId' | 'number'>[],
): ReconciliationLine[] {
  const types = new Set([...issuedLines.map((l) => l.typeId), ...contents.map((c) => c.typeId)]);
  const byLot = new Map<string, { issued: number; returned: number; recorded: number }>();
  const add = (
    typeId: string,
    lotId: string,
    d: { issued?: number; returned?: number; recorded?: number },
  ) => {
    const k = `${typeId}\u0000${lotId}`;
    const v = byLot.get(k) ?? { issued: 0, returned: 0, recorded: 0 };
    byLot.set(k, {
      issued: v.issued + (d.issued ?? 0),
      returned: v.returned + (d.returned ?? 0),
      recorded: v.recorded + (d.recorded ?? 0),
    });
  };
  for (const t of types) {
    const recorded = contents.filter((c) => c.typeId === t);
    const perLot = recorded.length > 0 && recorded.every((c) => c.lotId !== undefined);
    for (const l of issuedLines.filter((x) => x.typeId === t))
      add(t, perLot ? l.lotId : '*', { issued: l.issued, returned: l.returned });
    for (const c of recorded) add(t, perLot ? (c.lotId ?? '*') : '*', { recorded: c.number });
  }
  return [...byLot.entries()]
    .map(([k, v]) => {
      const [typeId = '', lotId = ''] = k.split('\u0000');
      const net = v.issued - v.returned;
      return {
        typeId,
        lotId,
        issued: v.issued,
        returned: v.returned,
        net,
        recorded: v.recorded,
        difference: v.recorded - net,
      };
    })
    .sort((a, b) => a.typeId.localeCompare(b.typeId) || a.lotId.localeCompare(b.lotId));
}

/** Reconcile one record against the executed stock movements naming it. */
export async function reconcileMinefield(
  docs: DocReader,
  minefieldId: string,
): Promise<ReconciliationLine[]> {
  const r = await getMinefield(docs, minefieldId);
  if (r === undefined) return [];
  // Stock movements may name the record by its id or by its human id.
  const lines = [
    ...(await emplacementByMinefield(docs, r.id)),
    ...(await emplacementByMinefield(docs, r.humanId)),
  ];
  return reconcileLines(lines, r.contents);
}

/** Unknown types and lots named by contents lines or mine positions, each with its path. */
export async function checkCatalogue(
  docs: DocReader,
  contents: readonly { readonly typeId: string; readonly lotId?: string | undefined }[] | undefined,
  positions: readonly { readonly typeId?: string | undefined }[] | undefined,
): Promise<Problem[]> {
  const out: Problem[] = [];
  for (const [i, c] of (contents ?? []).entries()) {
    const t = await getMineType(docs, c.typeId);
    if (t === undefined) {
      out.push(
        problem(
          'MINEFIELD_UNKNOWN_MINE_TYPE',
          `payload.contents[${i}].typeId`,
          `no mine type "${c.typeId}" in the catalogue`,
          { value: c.typeId },
        ),
      );
    }
    if (c.lotId !== undefined) {
      const lot = await getLot(docs, c.lotId);
      if (lot === undefined)
        out.push(
          problem('MINEFIELD_UNKNOWN_LOT', `payload.contents[${i}].lotId`, `no lot "${c.lotId}"`, {
            value: c.lotId,
          }),
        );
      else if (lot.typeId !== c.typeId) {
        out.push(
          problem(
            'MINEFIELD_UNKNOWN_LOT',
            `payload.contents[${i}].lotId`,
            `lot "${c.lotId}" is of type ${lot.typeId}, not ${c.typeId}`,
            { value: c.lotId, lotType: lot.typeId },
          ),
        );
      }
    }
  }
  for (const [i, m] of (positions ?? []).entries()) {
    if (m.typeId !== undefined && (await getMineType(docs, m.typeId)) === undefined) {
      out.push(
        problem(
          'MINEFIELD_UNKNOWN_MINE_TYPE',
          `payload.minePositions[${i}].typeId`,
          `no mine type "${m.typeId}" in the catalogue`,
          { value: m.typeId },
        ),
      );
    }
  }
  return out;
}
