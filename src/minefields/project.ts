/**
 * The minefield projector: folds `minefield.*` events into one record document per minefield
 * (perimeter as its geometry) and one document per reference point. It reads only its own
 * documents, so the events of one record rebuild that record anywhere, even in a package verifier.
 */
import type { ProjectContext } from '../command/index.js';
import { assertNever } from '../core/index.js';
import type { DocWriter } from '../store/index.js';
import { minefieldEvents, type Amendment, type MinefieldEvent } from './events.js';
import { minefieldDocs } from './collections.js';
import {
  HANDED_TO_MINE_ACTION,
  REFERENCE_POINTS,
  type Finding,
  type FiledReport,
  type MinefieldRecord,
} from './types.js';

type Recorded = Extract<MinefieldEvent, { type: 'minefield.recorded' }>;

/** Merge amended fields into a record (replace each field given). */
export function applyFields(r: MinefieldRecord, fields: Amendment): MinefieldRecord {
  return { ...r, ...fields };
}

/** A new record from a `minefield.recorded` event. */
export function blankRecord(e: Recorded): MinefieldRecord {
  const { minefieldId, status, ...fields } = e.payload;
  return {
    referencePoints: [],
    rows: [],
    minePositions: [],
    contents: [],
    ...fields,
    id: minefieldId,
    status,
    statusHistory: [{ status, at: e.effectiveAt, seq: e.seq }],
    reports: [],
    markings: [],
    inspections: [],
    releases: [],
    withholdings: [],
    createdAt: e.effectiveAt,
    updatedAt: e.effectiveAt,
  };
}

/** The record after one of its events (other than the one that created it). */
function next(r: MinefieldRecord, e: Exclude<MinefieldEvent, Recorded>): MinefieldRecord {
  switch (e.type) {
    case 'minefield.amended':
      return applyFields(r, e.payload.fields);
    case 'minefield.report-filed': {
      const { minefieldId: _m, ...rep } = e.payload;
      const filed: FiledReport = { ...rep, seq: e.seq };
      return { ...r, reports: [...r.reports, filed] };
    }
    case 'minefield.status-changed': {
      const { to, reason, receivingForce: force } = e.payload;
      return {
        ...r,
        status: to,
        statusHistory: [
          ...r.statusHistory,
          { status: to, at: e.effectiveAt, seq: e.seq, ...(reason === undefined ? {} : { reason }) },
        ],
        ...(to === 'control-lost' && reason !== undefined ? { controlLostReason: reason } : {}),
        ...(to === 'handed-over-to-other-force' && force !== undefined ? { receivingForce: force } : {}),
      };
    }
    case 'minefield.marking-recorded': {
      const { minefieldId: _m, ...m } = e.payload;
      return { ...r, markings: [...r.markings, { ...m, seq: e.seq }] };
    }
    case 'minefield.inspection-recorded': {
      const { minefieldId: _m, ...i } = e.payload;
      return { ...r, inspections: [...r.inspections, { ...i, seq: e.seq }] };
    }
    case 'minefield.repair-recorded': {
      const ids = new Set(e.payload.findingIds);
      const at = e.payload.repairedAt;
      const fix = (f: Finding): Finding =>
        ids.has(f.findingId) && f.repairedAt === undefined ? { ...f, repairedAt: at } : f;
      return { ...r, inspections: r.inspections.map((i) => ({ ...i, findings: i.findings.map(fix) })) };
    }
    case 'minefield.released': {
      const { minefieldId: _m, ...x } = e.payload;
      return { ...r, releases: [...r.releases, { ...x, seq: e.seq }] };
    }
    case 'minefield.withheld': {
      const { minefieldId: _m, ...x } = e.payload;
      return { ...r, withholdings: [...r.withholdings, { ...x, seq: e.seq }] };
    }
    case HANDED_TO_MINE_ACTION:
      return {
        ...r,
        handedToMineAction: {
          at: e.payload.handedAt,
          recipient: { kind: e.payload.recipientKind, name: e.payload.recipient },
        },
      };
    default:
      return assertNever(e, 'minefield event');
  }
}

async function write(
  docs: DocWriter,
  before: MinefieldRecord | undefined,
  r: MinefieldRecord,
  seq: number,
): Promise<void> {
  await minefieldDocs.put(docs, r.id, seq, r, r.perimeter === undefined ? null : r.perimeter.polygon);
  for (const old of before?.referencePoints ?? []) {
    if (!r.referencePoints.some((x) => x.label === old.label))
      await docs.deleteDoc(REFERENCE_POINTS, `${r.id}/${old.label}`);
  }
  for (const rp of r.referencePoints) {
    await docs.putDoc({
      collection: REFERENCE_POINTS,
      id: `${r.id}/${rp.label}`,
      version: seq,
      data: {
        minefieldId: r.id,
        humanId: r.humanId,
        label: rp.label,
        landmark: rp.landmark,
        fixedBy: rp.fixedBy,
        accuracyM: rp.accuracyM,
        original: rp.point.original,
        classification: r.classification,
        ...(r.region === undefined ? {} : { region: r.region }),
      },
      geometry: { type: 'Point', coordinates: rp.point.position },
    });
  }
}

/** Apply one minefield event. Deterministic: replay equals live. */
export async function projectMinefield(e: MinefieldEvent, { docs }: ProjectContext): Promise<void> {
  if (e.type === 'minefield.recorded') {
    await write(docs, undefined, blankRecord(e), e.seq);
    return;
  }
  const before = await minefieldDocs.data(docs, e.payload.minefieldId);
  if (before === undefined) return;
  await write(docs, before, { ...next(before, e), updatedAt: e.effectiveAt }, e.seq);
}

/** The projector over any ledger event (others' are ignored; older versions are upcast). */
export const projectMinefieldEvent = minefieldEvents.projector(projectMinefield);
