/**
 * The minefield projector: folds `minefield.*` events into one record document per minefield
 * (perimeter as its geometry) and one document per reference point. It reads only its own
 * documents, so the events of one record rebuild that record anywhere, even in a package verifier.
 */
import type { ProjectContext } from '../command/index.js';
import type { JsonObject } from '../core/index.js';
import type { LedgerEvent } from '../ledger/index.js';
import type { DocWriter } from '../store/index.js';
import { toRecord } from './records.js';
import {
  HANDED_TO_MINE_ACTION,
  MINEFIELDS,
  REFERENCE_POINTS,
  type Finding,
  type FiledReport,
  type Inspection,
  type Marking,
  type MinefieldRecord,
  type MinefieldStatus,
  type Release,
  type Withholding,
} from './types.js';

type P = Readonly<Record<string, unknown>>;

/** Merge amended fields into a record (replace each field given). */
export function applyFields(r: MinefieldRecord, fields: JsonObject): MinefieldRecord {
  return { ...r, ...(fields as unknown as Partial<MinefieldRecord>) };
}

/** A new record from a `minefield.recorded` payload. */
export function blankRecord(p: P, e: LedgerEvent): MinefieldRecord {
  const status = p['status'] as MinefieldStatus;
  const { minefieldId: _id, ...fields } = p;
  return {
    referencePoints: [],
    rows: [],
    minePositions: [],
    contents: [],
    copiesHeldAt: [],
    ...(fields as unknown as Partial<MinefieldRecord>),
    id: p['minefieldId'] as string,
    status,
    statusHistory: [{ status, at: e.effectiveAt, seq: e.seq }],
    reports: [],
    markings: [],
    inspections: [],
    releases: [],
    withholdings: [],
    createdAt: e.effectiveAt,
    updatedAt: e.effectiveAt,
  } as MinefieldRecord;
}

function next(r: MinefieldRecord, e: LedgerEvent): MinefieldRecord | undefined {
  const p = e.payload as P;
  const str = (k: string) => p[k] as string;
  switch (e.type) {
    case 'minefield.amended':
      return applyFields(r, p['fields'] as JsonObject);
    case 'minefield.report-filed': {
      const rep: FiledReport = {
        reportId: str('reportId'),
        reportType: p['reportType'] as FiledReport['reportType'],
        dtg: str('dtg'),
        originator: str('originator'),
        recipient: str('recipient'),
        summary: str('summary'),
        seq: e.seq,
      };
      return { ...r, reports: [...r.reports, rep] };
    }
    case 'minefield.status-changed': {
      const to = p['to'] as MinefieldStatus;
      const reason = p['reason'] as string | undefined;
      const force = p['receivingForce'] as string | undefined;
      return {
        ...r,
        status: to,
        statusHistory: [...r.statusHistory, { status: to, at: e.effectiveAt, seq: e.seq, ...(reason === undefined ? {} : { reason }) }],
        ...(to === 'control-lost' && reason !== undefined ? { controlLostReason: reason } : {}),
        ...(to === 'handed-over-to-other-force' && force !== undefined ? { receivingForce: force } : {}),
      };
    }
    case 'minefield.marking-recorded': {
      const { minefieldId: _m, ...m } = p;
      return { ...r, markings: [...r.markings, { ...(m as unknown as Omit<Marking, 'seq'>), seq: e.seq }] };
    }
    case 'minefield.inspection-recorded': {
      const { minefieldId: _m, ...i } = p;
      return { ...r, inspections: [...r.inspections, { ...(i as unknown as Omit<Inspection, 'seq'>), seq: e.seq }] };
    }
    case 'minefield.repair-recorded': {
      const ids = new Set(p['findingIds'] as string[]);
      const at = str('repairedAt');
      const fix = (f: Finding): Finding => (ids.has(f.findingId) && f.repairedAt === undefined ? { ...f, repairedAt: at } : f);
      return { ...r, inspections: r.inspections.map((i) => ({ ...i, findings: i.findings.map(fix) })) };
    }
    case 'minefield.released': {
      const { minefieldId: _m, ...x } = p;
      return { ...r, releases: [...r.releases, { ...(x as unknown as Omit<Release, 'seq'>), seq: e.seq }] };
    }
    case 'minefield.withheld': {
      const { minefieldId: _m, ...x } = p;
      return { ...r, withholdings: [...r.withholdings, { ...(x as unknown as Omit<Withholding, 'seq'>), seq: e.seq }] };
    }
    case HANDED_TO_MINE_ACTION:
      return {
        ...r,
        handedToMineAction: { at: str('handedAt'), recipient: { kind: p['recipientKind'] as Release['recipient']['kind'], name: str('recipient') } },
      };
    default:
      return undefined;
  }
}

async function write(docs: DocWriter, before: MinefieldRecord | undefined, r: MinefieldRecord, seq: number): Promise<void> {
  await docs.putDoc({
    collection: MINEFIELDS,
    id: r.id,
    version: seq,
    data: r as unknown as JsonObject,
    geometry: r.perimeter === undefined ? null : r.perimeter.polygon,
  });
  for (const old of before?.referencePoints ?? []) {
    if (!r.referencePoints.some((x) => x.label === old.label)) await docs.deleteDoc(REFERENCE_POINTS, `${r.id}/${old.label}`);
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

/** Apply one event (ignoring other modules' events). Deterministic: replay equals live. */
export async function projectMinefield(e: LedgerEvent, { docs }: ProjectContext): Promise<void> {
  if (!e.type.startsWith('minefield.')) return;
  const id = e.payload['minefieldId'];
  if (typeof id !== 'string') return;
  if (e.type === 'minefield.recorded') {
    await write(docs, undefined, blankRecord(e.payload, e), e.seq);
    return;
  }
  const d = await docs.getDoc(MINEFIELDS, id);
  if (d === undefined) return;
  const before = toRecord(d.data);
  const after = next(before, e);
  if (after === undefined) return;
  await write(docs, before, { ...after, updatedAt: e.effectiveAt }, e.seq);
}
