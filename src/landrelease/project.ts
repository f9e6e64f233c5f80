/**
 * The land-release projector: folds events into hazards, releases, activities, devices,
 * accidents, victims, EORE sessions and the workbench. Deterministic: areas were computed in
 * `decide` and travel in the event, so replay never re-runs geometry.
 */
import type { JsonObject } from '../core/index.js';
import type { LedgerEvent } from '../ledger/index.js';
import type { DocWriter, StoredGeometry } from '../store/index.js';
import type { ProjectContext } from '../command/index.js';
import {
  ACCIDENTS,
  ACTIVITIES,
  DEVICES,
  EORE_SESSIONS,
  HAZARDS,
  LR_SUBMISSIONS,
  RELEASES,
  VICTIMS,
  type HazardRecord,
  type StatusChange,
} from './types.js';
import { casualtiesOf, type Casualty, type VictimRef } from './victims.js';

type P = Readonly<Record<string, unknown>>;
const point = (c: unknown): StoredGeometry => ({ type: 'Point', coordinates: c });
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

async function put(docs: DocWriter, collection: string, id: string, e: LedgerEvent, data: object, geometry?: StoredGeometry | null): Promise<void> {
  await docs.putDoc({ collection, id, version: e.seq, data: data as JsonObject, ...(geometry === undefined ? {} : { geometry }) });
}

/** Mark the current releases and devices of an activity as superseded by a new version. */
async function supersede(docs: DocWriter, e: LedgerEvent, activityId: string, by: string): Promise<void> {
  for (const c of [RELEASES, DEVICES]) {
    const old = await docs.findDocs({ collection: c, where: { op: 'and', args: [{ op: '=', field: 'activityId', value: activityId }, { op: '=', field: 'current', value: true }] } });
    for (const d of old) await docs.putDoc({ ...d, version: e.seq, data: { ...d.data, current: false, supersededBy: by } });
  }
}

async function activityRecorded(e: LedgerEvent, p: P, docs: DocWriter): Promise<void> {
  const activityId = p['activityId'] as string;
  const version = p['version'] as number;
  const hazardId = p['hazardId'] as string;
  const date = str(p['endDate']) ?? (p['startDate'] as string);
  const cls = p['hazardClassification'] as string;
  if (version > 1) await supersede(docs, e, activityId, `${activityId}@${version}`);
  const releases = p['releases'] as P[];
  const devices = p['devices'] as P[];
  const shared = { activityId, hazardId, organisation: p['organisation'], date, month: date.slice(0, 7), classification: cls, current: true, version };
  for (const r of releases) {
    await put(docs, RELEASES, r['releaseId'] as string, e, { id: r['releaseId'], ...shared, method: r['method'], areaM2: r['areaM2'], withAsset: r['withAsset'], criteria: r['criteria'], source: 'survey' }, r['geometry'] as StoredGeometry);
  }
  for (const d of devices) {
    const { deviceId, location: _l, ...rest } = d;
    await put(docs, DEVICES, deviceId as string, e, { id: deviceId, ...shared, ...rest }, point(d['location']));
  }
  const { releases: _r, devices: _d, outputs: _o, hazardAreaM2: _a, releasedAreaM2: _b, remainingAreaM2: _c, hazardClassification: _h, hazardStatus: _s, publicWarning: _w, ...activity } = p;
  await put(docs, ACTIVITIES, activityId, e, {
    ...activity,
    id: activityId,
    kind: 'survey',
    classification: cls,
    month: date.slice(0, 7),
    releaseIds: releases.map((r) => r['releaseId']),
    deviceIds: devices.map((d) => d['deviceId']),
    releasedAreaM2: releases.reduce((s, r) => s + (r['areaM2'] as number), 0),
    recordedAt: e.effectiveAt,
  }, null);
  const h = await docs.getDoc(HAZARDS, hazardId);
  if (h !== undefined) {
    await docs.putDoc({ ...h, version: e.seq, data: { ...h.data, releasedAreaM2: p['releasedAreaM2'] as number, remainingAreaM2: p['remainingAreaM2'] as number } });
  }
}

async function hazardRecorded(e: LedgerEvent, p: P, docs: DocWriter): Promise<void> {
  const id = p['hazardId'] as string;
  const prev = (await docs.getDoc(HAZARDS, id))?.data as unknown as HazardRecord | undefined;
  const { perimeter, hazardId: _h, submissionId, version, ...rest } = p;
  const statusHistory: StatusChange[] = prev?.statusHistory ? [...prev.statusHistory] : [{ status: 'open', date: e.effectiveAt, reason: 'recorded', seq: e.seq }];
  const versions = [...((prev as unknown as { versions?: object[] } | undefined)?.versions ?? []), { version, submissionId, seq: e.seq }];
  await put(docs, HAZARDS, id, e, {
    benchmark: null,
    estimatedAreaM2: null,
    beneficiaries: null,
    priority: null,
    region: null,
    ...rest,
    id,
    version,
    status: prev?.status ?? 'open',
    statusHistory,
    versions,
    publicWarning: prev?.publicWarning ?? false,
    createdAt: prev?.createdAt ?? e.effectiveAt,
  }, perimeter as StoredGeometry);
}

async function summaryImported(e: LedgerEvent, p: P, docs: DocWriter): Promise<void> {
  const region = p['region'] as string;
  for (const r of p['rows'] as P[]) {
    const activityId = r['activityId'] as string;
    const month = `${String(r['year'])}-${String(r['month']).padStart(2, '0')}`;
    const date = `${month}-01`;
    const organisation = r['organisationId'] as string;
    const shared = { activityId, hazardId: null, organisation, date, month, classification: 'public', current: true, version: 1, region };
    const areas = r['areas'] as Record<string, number>;
    const devices = r['devices'] as Record<string, number>;
    for (const [method, area] of Object.entries(areas)) {
      if (area > 0) await put(docs, RELEASES, `${activityId}:${method}`, e, { id: `${activityId}:${method}`, ...shared, method, areaM2: area, withAsset: null, criteria: null, source: 'import' }, null);
    }
    for (const [category, count] of Object.entries(devices)) {
      if (count > 0) {
        await put(docs, DEVICES, `${activityId}:${category}`, e, {
          id: `${activityId}:${category}`, ...shared, category, typeId: null, typeCategory: null, lotId: null, condition: 'unknown', depthCm: null, disposal: 'destroyed-in-place', count,
        }, null);
      }
    }
    await put(docs, ACTIVITIES, activityId, e, {
      id: activityId, kind: 'summary', type: 'summary', hazardId: null, organisation, organisationName: r['organisation'], month, startDate: date, status: 'completed',
      place: r['place'], programme: r['programme'], counts: r['activities'], areas, devices, region, classification: 'public',
      source: { profile: p['profile'], ...(p['source'] as object), line: r['line'] }, releasedAreaM2: Object.values(areas).reduce((a, b) => a + b, 0),
    }, null);
  }
}

/**
 * An accident: counts by outcome, sex and age group on the accident, and one victim document per
 * sealed reference. Neither holds personal data: it stays in the sealed side table (victims.ts).
 * A corrected accident replaces its victims; the earlier ones stay, marked not current.
 */
async function accidentRecorded(e: LedgerEvent, p: P, docs: DocWriter): Promise<void> {
  const { victims, casualties, location, accidentId, ...rest } = p;
  const id = accidentId as string;
  const refs = victims as Partial<VictimRef>[];
  // Events written before victims were sealed carry no counts: derive them from the victims.
  const counts = Array.isArray(casualties) ? (casualties as unknown as Casualty[]) : casualtiesOf(victims as Casualty[]);
  await put(docs, ACCIDENTS, id, e, {
    hazardId: null, minefieldId: null, region: null, ...rest, id, month: (p['date'] as string).slice(0, 7),
    casualties: counts, victimCount: counts.reduce((s, c) => s + c.count, 0),
  }, point(location));
  const ids = new Set(refs.map((v) => v.victimId));
  for (const old of await docs.findDocs({ collection: VICTIMS, where: { op: '=', field: 'accidentId', value: id } })) {
    if (!ids.has(old.id) && old.data['current'] !== false) await docs.putDoc({ ...old, version: e.seq, data: { ...old.data, current: false } });
  }
  for (const v of refs) {
    const victimId = v.victimId ?? `${id}:${String(refs.indexOf(v))}`;
    await put(docs, VICTIMS, victimId, e, {
      id: victimId, accidentId: id, accidentDate: p['date'], sealedId: v.sealedId ?? null, commitment: v.commitment ?? null, classification: 'confidential', referrals: [], erased: false, current: true,
    });
  }
}

/** Fold one event into land-release documents; other modules' events are ignored. */
export async function project(e: LedgerEvent, { docs }: ProjectContext): Promise<void> {
  if (!e.type.startsWith('landrelease.')) return;
  const p = e.payload as P;
  switch (e.type) {
    case 'landrelease.submitted': {
      const id = p['submissionId'] as string;
      const corrects = str(p['corrects']);
      await put(docs, LR_SUBMISSIONS, id, e, {
        id, kind: p['kind'], version: p['version'], status: 'submitted', report: p['report'], qaNotes: p['qaNotes'], submittedBy: e.actor, submittedAt: e.effectiveAt,
        corrects, supersededBy: null, officialId: p['officialId'] ?? null, reviewedBy: null, reason: null,
        history: [{ action: 'submitted', by: e.actor, at: e.recordedAt, seq: e.seq }],
        classification: ((p['report'] as P)['classification'] as string | undefined) ?? 'restricted',
      });
      if (corrects !== null) {
        const prev = await docs.getDoc(LR_SUBMISSIONS, corrects);
        if (prev !== undefined) {
          const pending = prev.data['status'] === 'submitted';
          await docs.putDoc({ ...prev, version: e.seq, data: { ...prev.data, ...(pending ? { status: 'superseded' } : {}), supersededBy: id, history: [...(prev.data['history'] as JsonObject[]), { action: 'corrected', by: e.actor, at: e.recordedAt, seq: e.seq, correction: id }] } });
        }
      }
      return;
    }
    case 'landrelease.submission-approved':
    case 'landrelease.submission-rejected': {
      const d = await docs.getDoc(LR_SUBMISSIONS, p['submissionId'] as string);
      if (d === undefined) return;
      const approved = e.type === 'landrelease.submission-approved';
      const entry = { action: approved ? 'approved' : 'rejected', by: e.actor, at: e.recordedAt, seq: e.seq, ...(approved ? {} : { reason: p['reason'] as string }) };
      await docs.putDoc({ ...d, version: e.seq, data: { ...d.data, status: approved ? 'approved' : 'rejected', reviewedBy: e.actor, reason: approved ? str(p['note']) : (p['reason'] as string), ...(approved ? { officialId: p['officialId'] as string } : {}), history: [...(d.data['history'] as JsonObject[]), entry] } });
      return;
    }
    case 'landrelease.hazard-recorded':
      return hazardRecorded(e, p, docs);
    case 'landrelease.hazard-status-changed': {
      const d = await docs.getDoc(HAZARDS, p['hazardId'] as string);
      if (d === undefined) return;
      const change = { status: p['to'] as string, date: e.effectiveAt, reason: p['reason'] as string, seq: e.seq };
      await docs.putDoc({ ...d, version: e.seq, data: { ...d.data, status: p['to'] as string, statusHistory: [...(d.data['statusHistory'] as JsonObject[]), change] } });
      return;
    }
    case 'landrelease.hazard-warning-published': {
      const d = await docs.getDoc(HAZARDS, p['hazardId'] as string);
      if (d !== undefined) await docs.putDoc({ ...d, version: e.seq, data: { ...d.data, publicWarning: true, publicWarningSince: e.effectiveAt, publicWarningReason: p['reason'] as string } });
      return;
    }
    case 'landrelease.activity-recorded':
      return activityRecorded(e, p, docs);
    case 'landrelease.accident-recorded':
      return accidentRecorded(e, p, docs);
    case 'landrelease.victim-data-erased': {
      const d = await docs.getDoc(VICTIMS, p['victimId'] as string);
      if (d !== undefined) await docs.putDoc({ ...d, version: e.seq, data: { ...d.data, erased: true, erasedAt: e.effectiveAt, erasureReason: p['reason'] as string } });
      return;
    }
    case 'landrelease.assistance-referred': {
      const d = await docs.getDoc(VICTIMS, p['victimId'] as string);
      if (d === undefined) return;
      const referral = { id: p['referralId'] as string, type: p['type'] as string, provider: p['provider'] as string, note: str(p['note']), date: e.effectiveAt, status: 'referred' };
      await docs.putDoc({ ...d, version: e.seq, data: { ...d.data, referrals: [...(d.data['referrals'] as JsonObject[]), referral] } });
      return;
    }
    case 'landrelease.eore-recorded': {
      const { location, sessionId, ...rest } = p;
      await put(docs, EORE_SESSIONS, sessionId as string, e, { region: null, ...rest, id: sessionId, month: (p['date'] as string).slice(0, 7) }, point(location));
      return;
    }
    case 'landrelease.summary-imported':
      return summaryImported(e, p, docs);
    default:
      return;
  }
}
