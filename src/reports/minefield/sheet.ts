/**
 * The minefield record sheet (issue #5 §8): everything a DA Form 1355-style sheet shows that APII
 * requires — reference points and bearings, perimeter, contents, marking and inspections — plus
 * the signed ledger checkpoint it was computed from. One model, rendered as JSON, HTML or PDF.
 */
import type { Actor } from '../../access/index.js';
import { assertNever, ok, type Result } from '../../core/index.js';
import { bearingBetween, wgs84Point, type Position } from '../../geo/index.js';
import type { SignedCheckpoint } from '../../ledger/index.js';
import {
  readMinefield,
  reconcileMinefield,
  type MinefieldRecord,
  type ReconciliationLine,
} from '../../minefields/index.js';
import { getLot, getMineType } from '../../stock/index.js';
import type { DocReader } from '../../store/index.js';

export interface SheetReferencePoint {
  readonly label: string;
  readonly entered: string;
  readonly crs: string;
  readonly position: Position;
  readonly landmark: string;
  readonly toLandmark: string | null;
  readonly fixedBy: string;
  readonly accuracyM: number;
  /** Bearing and distance from this reference point to the first turning point of the perimeter. */
  readonly toPerimeter: {
    readonly trueBearingDeg: number;
    readonly mils: number;
    readonly distanceM: number;
  } | null;
}

export interface SheetContentsRow {
  readonly line: number;
  readonly type: string;
  readonly category: string;
  readonly lot: string;
  readonly number: number;
  readonly emplacingMethod: string;
  readonly fuzeType: string;
  readonly lifeTime: string;
  readonly antiHandling: string;
}

export interface MinefieldSheet {
  readonly title: string;
  readonly classification: string;
  readonly record: Pick<
    MinefieldRecord,
    | 'id'
    | 'humanId'
    | 'state'
    | 'unit'
    | 'recordType'
    | 'status'
    | 'copiesHeldAt'
    | 'layingStart'
    | 'layingEnd'
    | 'region'
  >;
  readonly referencePoints: readonly SheetReferencePoint[];
  readonly perimeter: {
    readonly polygon: readonly Position[];
    readonly areaM2: number;
    readonly perimeterM: number;
    readonly turningPoints: readonly string[];
  } | null;
  readonly rows: readonly { readonly label: string; readonly points: readonly Position[] }[];
  readonly minePositions: number;
  readonly contents: readonly SheetContentsRow[];
  readonly totalMines: number;
  readonly reconciliation: readonly ReconciliationLine[];
  readonly marking: {
    readonly status: 'none' | 'marked' | 'defective';
    readonly latest: MinefieldRecord['markings'][number] | null;
    readonly inspections: readonly {
      readonly date: string;
      readonly inspector: string;
      readonly findings: readonly string[];
    }[];
  };
  readonly reports: readonly {
    readonly type: string;
    readonly dtg: string;
    readonly originator: string;
    readonly recipient: string;
    readonly summary: string;
  }[];
  readonly statusHistory: MinefieldRecord['statusHistory'];
  readonly releases: readonly {
    readonly date: string;
    readonly recipient: string;
    readonly parts: string;
    readonly legalBasis: string;
  }[];
  readonly withholdings: readonly {
    readonly date: string;
    readonly recipient: string;
    readonly reason: string;
  }[];
  readonly checkpoint: {
    readonly origin: string;
    readonly size: number;
    readonly rootHex: string;
    readonly text: string;
  };
  readonly generatedAt: string;
}

/** Where the sheet gets its checkpoint (LedgerService provides it). */
export interface SheetLedger {
  currentCheckpoint(): Promise<SignedCheckpoint>;
}

function lifeTimeText(l: MinefieldRecord['contents'][number]['lifeTime']): string {
  switch (l.kind) {
    case 'indefinite':
      return 'no self-destruction';
    case 'self-destruct':
      return `self-destructs ${l.hours} h`;
    case 'self-deactivation':
      return `self-deactivates ${l.hours} h`;
    default:
      return assertNever(l, 'life time');
  }
}

const originalText = (o: MinefieldRecord['referencePoints'][number]['point']['original']): string =>
  o.kind === 'coordinate' ? o.text : `${o.bearing} ${o.distanceM} m from ${o.from}`;

/**
 * Build the sheet for a record the actor may read; NOT_FOUND otherwise (the same as absent).
 * @example await minefieldSheet(app.store, app.ledger, actor, 'FI-MF-2026-0001', app.clock.now())
 */
export async function minefieldSheet(
  docs: DocReader,
  ledger: SheetLedger,
  actor: Actor,
  ref: string,
  now: Date,
): Promise<Result<MinefieldSheet>> {
  const found = await readMinefield(docs, actor, ref);
  if (!found.ok) return found;
  const r = found.value;
  const cp = await ledger.currentCheckpoint();
  const first = r.perimeter?.polygon.coordinates[0]?.[0];
  const referencePoints = r.referencePoints.map((rp): SheetReferencePoint => {
    let toPerimeter: SheetReferencePoint['toPerimeter'] = null;
    const a = wgs84Point(rp.point.position[1], rp.point.position[0]);
    const b = first === undefined ? undefined : wgs84Point(first[1], first[0]);
    if (a.ok && b?.ok === true) {
      const bd = bearingBetween(a.value, b.value);
      if (bd.ok)
        toPerimeter = {
          trueBearingDeg: round(bd.value.trueBearing, 1),
          mils: Math.round(bd.value.mils),
          distanceM: round(bd.value.distance, 1),
        };
    }
    return {
      label: rp.label,
      entered: originalText(rp.point.original),
      crs: rp.point.original.kind === 'coordinate' ? rp.point.original.crs : 'bearing',
      position: rp.point.position,
      landmark: rp.landmark,
      toLandmark:
        rp.toLandmark === undefined ? null : `${rp.toLandmark.bearing}, ${rp.toLandmark.distanceM} m`,
      fixedBy: rp.fixedBy,
      accuracyM: rp.accuracyM,
      toPerimeter,
    };
  });
  const contents: SheetContentsRow[] = [];
  for (const [i, c] of r.contents.entries()) {
    const t = await getMineType(docs, c.typeId);
    const lot = c.lotId === undefined ? undefined : await getLot(docs, c.lotId);
    contents.push({
      line: i + 1,
      type: t?.designation ?? c.typeId,
      category: t?.category ?? '?',
      lot: lot?.lotNumber ?? c.lotId ?? '—',
      number: c.number,
      emplacingMethod: c.emplacingMethod,
      fuzeType: c.fuzeType,
      lifeTime: lifeTimeText(c.lifeTime),
      antiHandling: c.antiHandling.present ? `yes: ${c.antiHandling.type}` : 'no',
    });
  }
  const open = r.inspections.some((i) => i.findings.some((f) => f.repairedAt === undefined));
  return ok({
    title: `Minefield record ${r.humanId}`,
    classification: r.classification.toUpperCase(),
    record: {
      id: r.id,
      humanId: r.humanId,
      state: r.state,
      unit: r.unit,
      recordType: r.recordType,
      status: r.status,
      copiesHeldAt: r.copiesHeldAt,
      ...(r.layingStart === undefined ? {} : { layingStart: r.layingStart }),
      ...(r.layingEnd === undefined ? {} : { layingEnd: r.layingEnd }),
      ...(r.region === undefined ? {} : { region: r.region }),
    },
    referencePoints,
    perimeter:
      r.perimeter === undefined
        ? null
        : {
            polygon: r.perimeter.polygon.coordinates[0] ?? [],
            areaM2: r.perimeter.areaM2,
            perimeterM: r.perimeter.perimeterM,
            turningPoints: (r.perimeter.turningPoints ?? []).map((t) => originalText(t.original)),
          },
    rows: r.rows.map((row) => ({ label: row.label, points: row.points.map((p) => p.position) })),
    minePositions: r.minePositions.length,
    contents,
    totalMines: r.contents.reduce((s, c) => s + c.number, 0),
    reconciliation: await reconcileMinefield(docs, r.id),
    marking: {
      status: r.markings.length === 0 ? 'none' : open ? 'defective' : 'marked',
      latest: r.markings.at(-1) ?? null,
      inspections: r.inspections.map((i) => ({
        date: i.inspectedAt,
        inspector: i.inspector,
        findings: i.findings.map(
          (f) =>
            `${f.kind}${f.note === '' ? '' : ` (${f.note})`}${f.repairedAt === undefined ? ' — OPEN' : ` — repaired ${f.repairedAt.slice(0, 10)}`}`,
        ),
      })),
    },
    reports: r.reports.map((x) => ({
      type: x.reportType,
      dtg: x.dtg,
      originator: x.originator,
      recipient: x.recipient,
      summary: x.summary,
    })),
    statusHistory: r.statusHistory,
    releases: r.releases.map((x) => ({
      date: x.releasedAt,
      recipient: `${x.recipient.name} (${x.recipient.kind})`,
      parts: x.parts.join(', '),
      legalBasis: x.legalBasis,
    })),
    withholdings: r.withholdings.map((x) => ({
      date: x.decidedAt,
      recipient: `${x.recipient.name} (${x.recipient.kind})`,
      reason: x.reason,
    })),
    checkpoint: {
      origin: cp.origin,
      size: cp.size,
      rootHex: Buffer.from(cp.root).toString('hex'),
      text: cp.text,
    },
    generatedAt: now.toISOString(),
  });
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
