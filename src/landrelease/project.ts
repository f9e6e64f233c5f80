/**
 * The land-release projector: folds events into hazards, releases, activities, devices,
 * accidents, victims, EORE sessions and the workbench. Deterministic: areas were computed in
 * `decide` and travel in the event, so replay never re-runs geometry.
 */
import { assertNever, type JsonObject } from '../core/index.js';
import type { DocWriter, StoredGeometry } from '../store/index.js';
import type { ProjectContext } from '../command/index.js';
import { lrDocs } from './documents.js';
import {
  ACTIVITIES,
  DEVICES,
  DEVICE_CATEGORIES,
  HAZARDS,
  RELEASES,
  RELEASE_METHODS,
  VICTIMS,
  type StatusChange,
} from './types.js';
import { casualtiesOf, type Casualty, type VictimRef } from './victims.js';
import { landReleaseEvents, type LandReleaseEvent } from './events.js';

type Of<T extends LandReleaseEvent['type']> = Extract<LandReleaseEvent, { type: T }>;

const hazardDocs = lrDocs.hazards;
/** A key of a payload's partial record, narrowed to the enum its schema keyed the record by. */
const isIn = <K extends string>(keys: readonly K[], k: string): k is K =>
  (keys as readonly string[]).includes(k);
const point = (c: readonly [number, number]): StoredGeometry => ({ type: 'Point', coordinates: c });

async function put(
  docs: DocWriter,
  collection: string,
  id: string,
  e: LandReleaseEvent,
  data: object,
  geometry?: StoredGeometry | null,
): Promise<void> {
  await docs.putDoc({
    collection,
    id,
    version: e.seq,
    data: data as JsonObject,
    ...(geometry === undefined ? {} : { geometry }),
  });
}

/** Mark the current releases and devices of an activity as superseded by a new version. */
async function supersede(
  docs: DocWriter,
  e: LandReleaseEvent,
  activityId: string,
  by: string,
): Promise<void> {
  for (const c of [RELEASES, DEVICES]) {
    const old = await docs.findDocs({
      collection: c,
      where: {
        op: 'and',
        args: [
          { op: '=', field: 'activityId', value: activityId },
          { op: '=', field: 'current', value: true },
        ],
      },
    });
    for (const d of old)
      await docs.putDoc({ ...d, version: e.seq, data: { ...d.data, current: false, supersededBy: by } });
  }
}

async function activityRecorded(e: Of<'landrelease.activity-recorded'>, docs: DocWriter): Promise<void> {
  const p = e.payload;
  const { activityId, version, hazardId, releases, devices } = p;
  const date = p.endDate ?? p.startDate;
  const cls = p.hazardClassification;
  if (version > 1) await supersede(docs, e, activityId, `${activityId}@${version}`);
  const shared = {
    activityId,
    hazardId,
    organisation: p.organisation,
    date,
    month: date.slice(0, 7),
    classification: cls,
    current: true,
    version,
  };
  for (const r of releases) {
    await lrDocs.releases.put(
      docs,
      r.releaseId,
      e.seq,
      {
        id: r.releaseId,
        ...shared,
        method: r.method,
        areaM2: r.areaM2,
        withAsset: r.withAsset,
        criteria: r.criteria,
        source: 'survey',
      },
      r.geometry,
    );
  }
  for (const d of devices) {
    const { deviceId, location, ...rest } = d;
    await lrDocs.devices.put(docs, deviceId, e.seq, { id: deviceId, ...shared, ...rest }, point(location));
  }
  const {
    releases: _r,
    devices: _d,
    outputs: _o,
    hazardAreaM2: _a,
    releasedAreaM2: _b,
    remainingAreaM2: _c,
    hazardClassification: _h,
    hazardStatus: _s,
    publicWarning: _w,
    ...activity
  } = p;
  await put(
    docs,
    ACTIVITIES,
    activityId,
    e,
    {
      ...activity,
      id: activityId,
      kind: 'survey',
      classification: cls,
      month: date.slice(0, 7),
      releaseIds: releases.map((r) => r.releaseId),
      deviceIds: devices.map((d) => d.deviceId),
      releasedAreaM2: releases.reduce((s, r) => s + r.areaM2, 0),
      recordedAt: e.effectiveAt,
    },
    null,
  );
  await hazardDocs.update(docs, hazardId, e.seq, (h) => ({
    ...h,
    releasedAreaM2: p.releasedAreaM2,
    remainingAreaM2: p.remainingAreaM2,
  }));
}

async function hazardRecorded(e: Of<'landrelease.hazard-recorded'>, docs: DocWriter): Promise<void> {
  const id = e.payload.hazardId;
  const prev = await hazardDocs.data(docs, id);
  const { perimeter, hazardId: _h, submissionId, version, ...rest } = e.payload;
  const statusHistory: StatusChange[] = prev?.statusHistory
    ? [...prev.statusHistory]
    : [{ status: 'open', date: e.effectiveAt, reason: 'recorded', seq: e.seq }];
  const versions = [...(prev?.versions ?? []), { version, submissionId, seq: e.seq }];
  await put(
    docs,
    HAZARDS,
    id,
    e,
    {
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
    },
    perimeter,
  );
}

async function summaryImported(e: Of<'landrelease.summary-imported'>, docs: DocWriter): Promise<void> {
  const p = e.payload;
  const region = p.region;
  for (const r of p.rows) {
    const activityId = r.activityId;
    const month = `${String(r.year)}-${String(r.month).padStart(2, '0')}`;
    const date = `${month}-01`;
    const organisation = r.organisationId;
    const shared = {
      activityId,
      hazardId: null,
      organisation,
      date,
      month,
      classification: 'public' as const,
      current: true,
      version: 1,
      region,
    };
    const areas: Readonly<Record<string, number>> = r.areas;
    const devices: Readonly<Record<string, number>> = r.devices;
    for (const [method, area] of Object.entries(areas)) {
      if (area > 0 && isIn(RELEASE_METHODS, method))
        await lrDocs.releases.put(
          docs,
          `${activityId}:${method}`,
          e.seq,
          {
            id: `${activityId}:${method}`,
            ...shared,
            method,
            areaM2: area,
            withAsset: null,
            criteria: null,
            source: 'import',
          },
          null,
        );
    }
    for (const [category, count] of Object.entries(devices)) {
      if (count > 0 && isIn(DEVICE_CATEGORIES, category)) {
        await lrDocs.devices.put(
          docs,
          `${activityId}:${category}`,
          e.seq,
          {
            id: `${activityId}:${category}`,
            ...shared,
            category,
            typeId: null,
            typeCategory: null,
            lotId: null,
            condition: 'unknown',
            depthCm: null,
            disposal: 'destroyed-in-place',
            count,
          },
          null,
        );
      }
    }
    await put(
      docs,
      ACTIVITIES,
      activityId,
      e,
      {
        id: activityId,
        kind: 'summary',
        type: 'summary',
        hazardId: null,
        organisation,
        organisationName: r.organisation,
        month,
        startDate: date,
        status: 'completed',
        place: r.place,
        programme: r.programme,
        counts: r.activities,
        areas,
        devices,
        region,
        classification: 'public',
        source: { profile: p.profile, ...p.source, line: r.line },
        releasedAreaM2: Object.values(areas).reduce((a, b) => a + b, 0),
      },
      null,
    );
  }
}

/**
 * An accident: counts by outcome, sex and age group on the accident, and one victim document per
 * sealed reference. Neither holds personal data: it stays in the sealed side table (victims.ts).
 * A corrected accident replaces its victims; the earlier ones stay, marked not current.
 */
async function accidentRecorded(e: Of<'landrelease.accident-recorded'>, docs: DocWriter): Promise<void> {
  const { victims, casualties, location, accidentId: id, ...rest } = e.payload;
  const refs: readonly Partial<VictimRef>[] = victims.map((v) => ('victimId' in v ? v : {}));
  // Events written before victims were sealed carry no counts: derive them from the victims.
  const counts: readonly Casualty[] =
    casualties ?? casualtiesOf(victims.flatMap((v) => ('victimId' in v ? [] : [v])));
  await lrDocs.accidents.put(
    docs,
    id,
    e.seq,
    {
      hazardId: null,
      minefieldId: null,
      region: null,
      ...rest,
      id,
      month: e.payload.date.slice(0, 7),
      casualties: counts,
      victimCount: counts.reduce((s, c) => s + c.count, 0),
    },
    point(location),
  );
  const ids = new Set(refs.map((v) => v.victimId));
  for (const old of await docs.findDocs({
    collection: VICTIMS,
    where: { op: '=', field: 'accidentId', value: id },
  })) {
    if (!ids.has(old.id) && old.data['current'] !== false)
      await docs.putDoc({ ...old, version: e.seq, data: { ...old.data, current: false } });
  }
  for (const [i, v] of refs.entries()) {
    const victimId = v.victimId ?? `${id}:${String(i)}`;
    await put(docs, VICTIMS, victimId, e, {
      id: victimId,
      accidentId: id,
      accidentDate: e.payload.date,
      sealedId: v.sealedId ?? null,
      commitment: v.commitment ?? null,
      classification: 'confidential',
      referrals: [],
      erased: false,
      current: true,
    });
  }
}

/** Fold one land-release event into land-release documents. */
export async function project(e: LandReleaseEvent, { docs }: ProjectContext): Promise<void> {
  switch (e.type) {
    case 'landrelease.submitted': {
      const p = e.payload;
      const id = p.submissionId;
      const corrects = p.corrects;
      const reportClassification = p.report['classification'];
      await lrDocs.submissions.put(docs, id, e.seq, {
        id,
        kind: p.kind,
        version: p.version,
        status: 'submitted',
        report: p.report,
        qaNotes: p.qaNotes,
        submittedBy: e.actor,
        submittedAt: e.effectiveAt,
        corrects,
        supersededBy: null,
        officialId: p.officialId,
        reviewedBy: null,
        reason: null,
        history: [{ action: 'submitted', by: e.actor, at: e.recordedAt, seq: e.seq }],
        classification: typeof reportClassification === 'string' ? reportClassification : 'restricted',
      });
      if (corrects !== null)
        await lrDocs.submissions.update(docs, corrects, e.seq, (prev) => ({
          ...prev,
          ...(prev.status === 'submitted' ? { status: 'superseded' } : {}),
          supersededBy: id,
          history: [
            ...prev.history,
            { action: 'corrected', by: e.actor, at: e.recordedAt, seq: e.seq, correction: id },
          ],
        }));
      return;
    }
    case 'landrelease.submission-approved': {
      const { submissionId, officialId, note } = e.payload;
      const entry = { action: 'approved', by: e.actor, at: e.recordedAt, seq: e.seq };
      return lrDocs.submissions.update(docs, submissionId, e.seq, (d) => ({
        ...d,
        status: 'approved',
        reviewedBy: e.actor,
        reason: note,
        officialId,
        history: [...d.history, entry],
      }));
    }
    case 'landrelease.submission-rejected': {
      const { submissionId, reason } = e.payload;
      const entry = { action: 'rejected', by: e.actor, at: e.recordedAt, seq: e.seq, reason };
      return lrDocs.submissions.update(docs, submissionId, e.seq, (d) => ({
        ...d,
        status: 'rejected',
        reviewedBy: e.actor,
        reason,
        history: [...d.history, entry],
      }));
    }
    case 'landrelease.hazard-recorded':
      return hazardRecorded(e, docs);
    case 'landrelease.hazard-status-changed': {
      const { hazardId, to, reason } = e.payload;
      const change: StatusChange = { status: to, date: e.effectiveAt, reason, seq: e.seq };
      return hazardDocs.update(docs, hazardId, e.seq, (h) => ({
        ...h,
        status: to,
        statusHistory: [...h.statusHistory, change],
      }));
    }
    case 'landrelease.hazard-warning-published': {
      const { reason } = e.payload;
      return hazardDocs.update(docs, e.payload.hazardId, e.seq, (h) => ({
        ...h,
        publicWarning: true,
        publicWarningSince: e.effectiveAt,
        publicWarningReason: reason,
      }));
    }
    case 'landrelease.activity-recorded':
      return activityRecorded(e, docs);
    case 'landrelease.accident-recorded':
      return accidentRecorded(e, docs);
    case 'landrelease.victim-data-erased': {
      const d = await docs.getDoc(VICTIMS, e.payload.victimId);
      if (d !== undefined)
        await docs.putDoc({
          ...d,
          version: e.seq,
          data: { ...d.data, erased: true, erasedAt: e.effectiveAt, erasureReason: e.payload.reason },
        });
      return;
    }
    case 'landrelease.assistance-referred': {
      const p = e.payload;
      const d = await docs.getDoc(VICTIMS, p.victimId);
      if (d === undefined) return;
      const referral = {
        id: p.referralId,
        type: p.type,
        provider: p.provider,
        note: p.note,
        date: e.effectiveAt,
        status: 'referred',
      };
      await docs.putDoc({
        ...d,
        version: e.seq,
        data: { ...d.data, referrals: [...(d.data['referrals'] as JsonObject[]), referral] },
      });
      return;
    }
    case 'landrelease.eore-recorded': {
      const { location, sessionId, region = null, ...rest } = e.payload;
      return lrDocs.eoreSessions.put(
        docs,
        sessionId,
        e.seq,
        { region, ...rest, id: sessionId, month: e.payload.date.slice(0, 7) },
        point(location),
      );
    }
    case 'landrelease.summary-imported':
      return summaryImported(e, docs);
    default:
      return assertNever(e, 'land-release event');
  }
}

/** The projector over any ledger event (others' are ignored; older versions are upcast). */
export const projectLandRelease = landReleaseEvents.projector(project);
