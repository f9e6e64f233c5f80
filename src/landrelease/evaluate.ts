/**
 * Checking a field report against the current state. Hard problems refuse the submission
 * (invalid geometry, negative counts, unknown hazard, organisation or device type); QA notes are
 * attached for the reviewer (geometry warnings, missing fields, releases outside the hazard or
 * overlapping earlier releases, an empty report). Blocking notes refuse approval.
 */
import type { z } from 'zod';
import type { arealGeometryJson } from '../command/index.js';
import { assertNever, newId, problem, type Problem } from '../core/index.js';
import type { ArealGeometry } from '../geo/index.js';
import { withinTolerance } from '../geo/index.js';
import { getMineType, getOrganisation } from '../stock/index.js';
import type { DocReader } from '../store/index.js';
import { accountReleases, arealOf, checkAreal, WITHIN_TOLERANCE_M } from './areas.js';
import { lrDocs } from './documents.js';
import type { LandReleasePayload } from './events.js';
import type { AccidentReport, ActivityReport, EoreReport, HazardReport, SubmitPayload } from './schemas.js';
import type { HazardRecord } from './types.js';

export type QaSeverity = 'blocking' | 'warning';
/** A QA note attached to a submission on the workbench. */
export interface QaNote extends Problem {
  readonly severity: QaSeverity;
}

/** A geometry as an event payload carries it (the event schema's own type). */
type GeometryJson = z.output<typeof arealGeometryJson>;

/** A hazard report's official part: its checked perimeter, absent when the perimeter is refused. */
export interface HazardOfficial {
  readonly kind: 'hazard';
  readonly perimeter?: GeometryJson;
}

/** What evaluate computes for an activity's official record: its area accounts, releases and devices. */
export type ActivityComputed = Pick<
  LandReleasePayload<'landrelease.activity-recorded'>,
  | 'hazardAreaM2'
  | 'releasedAreaM2'
  | 'remainingAreaM2'
  | 'hazardClassification'
  | 'hazardStatus'
  | 'publicWarning'
  | 'releases'
  | 'devices'
>;

/** The official part of a record, by kind of report: what approval records beyond the report. */
export type Official =
  | HazardOfficial
  | { readonly kind: 'activity'; readonly computed: ActivityComputed }
  | { readonly kind: 'none' };

export interface Evaluation<O extends Official = Official> {
  readonly problems: readonly Problem[];
  readonly notes: readonly QaNote[];
  /** The official payload to record on approval (ids minted, areas computed). */
  readonly official: O;
}

const NONE = { kind: 'none' } as const;

/**
 * The official part of an evaluation without problems, of the kind its report was. Approval
 * records only such an evaluation, so any other is a bug, not an expected failure.
 */
export function officialOf<K extends Official['kind']>(
  ev: Evaluation,
  kind: K,
): Extract<Official, { kind: K }> {
  const o = ev.official;
  if (!isKind(o, kind)) throw new Error(`expected the official part of a ${kind} report, not ${o.kind}`);
  return o;
}

/** The checked perimeter of a hazard report evaluated without problems. */
export function perimeterOf(ev: Evaluation): GeometryJson {
  const { perimeter } = officialOf(ev, 'hazard');
  if (perimeter === undefined) throw new Error('a hazard evaluated without problems has a perimeter');
  return perimeter;
}

function isKind<K extends Official['kind']>(o: Official, kind: K): o is Extract<Official, { kind: K }> {
  return o.kind === kind;
}

const note = (severity: QaSeverity, p: Problem): QaNote => ({ ...p, severity });
const missing = (path: string, what: string): QaNote =>
  note(
    'warning',
    problem('LANDRELEASE_FIELD_MISSING', path, `${what} is missing (GICHD minimum data requirements)`),
  );

async function hazardOf(
  docs: DocReader,
  id: string,
  path: string,
  problems: Problem[],
  open: boolean,
): Promise<{ rec: HazardRecord; geometry: ArealGeometry } | undefined> {
  const d = await docs.getDoc(lrDocs.hazards.name, id);
  if (d === undefined) {
    problems.push(problem('LANDRELEASE_HAZARD_UNKNOWN', path, `no hazardous area ${id}`));
    return undefined;
  }
  const rec = lrDocs.hazards.typed(d).data;
  if (open && (rec.status === 'closed' || rec.status === 'handed-over')) {
    problems.push(
      problem('LANDRELEASE_HAZARD_CLOSED', path, `hazardous area ${rec.humanId} is ${rec.status}`),
    );
  }
  const geometry = arealOf(d.geometry);
  if (geometry === undefined) throw new Error(`hazardous area ${id} has no areal perimeter`);
  return { rec, geometry };
}

async function checkOrganisation(
  docs: DocReader,
  id: string,
  path: string,
  problems: Problem[],
): Promise<void> {
  if ((await getOrganisation(docs, id)) === undefined)
    problems.push(
      problem('LANDRELEASE_ORGANISATION_UNKNOWN', path, `no organisation ${id} in the catalogue`),
    );
}

async function checkType(
  docs: DocReader,
  id: string | undefined,
  path: string,
  problems: Problem[],
): Promise<string | null> {
  if (id === undefined) return null;
  const t = await getMineType(docs, id);
  if (t === undefined)
    problems.push(problem('LANDRELEASE_DEVICE_TYPE_UNKNOWN', path, `no device type ${id} in the catalogue`));
  return t?.category ?? null;
}

function dateOrder(start: string, end: string | undefined, path: string, problems: Problem[]): void {
  if (end !== undefined && end < start)
    problems.push(problem('VALIDATION_DATE_ORDER', path, `endDate ${end} is before startDate ${start}`));
}

function evaluateHazard(r: HazardReport, base: string): Evaluation<HazardOfficial> {
  const problems: Problem[] = [];
  const notes: QaNote[] = [];
  const g = checkAreal(r.perimeter, `${base}.perimeter`);
  if (!g.ok) problems.push(...g.errors);
  else notes.push(...g.value.warnings.map((w) => note('warning', problem(w.code, w.path, w.message))));
  if (r.benchmark === undefined) notes.push(missing(`${base}.benchmark`, 'the benchmark point'));
  if (r.estimatedAreaM2 === undefined) notes.push(missing(`${base}.estimatedAreaM2`, 'the estimated area'));
  if (r.beneficiaries === undefined)
    notes.push(missing(`${base}.beneficiaries`, 'beneficiaries by sex and age'));
  if (r.priority === undefined) notes.push(missing(`${base}.priority`, 'the priority'));
  if (r.evidence.kind !== 'none' && r.evidence.kind !== 'not-specified' && r.evidence.items.length === 0) {
    notes.push(missing(`${base}.evidence.items`, `the ${r.evidence.kind} evidence items`));
  }
  return {
    problems,
    notes,
    official: g.ok ? { kind: 'hazard', perimeter: g.value.geometry } : { kind: 'hazard' },
  };
}

/** Current releases of a hazard, except those of the activity being corrected. */
export async function earlierReleasesOf(
  docs: DocReader,
  hazardId: string,
  exceptActivity: string | undefined,
): Promise<ArealGeometry[]> {
  const rs = await lrDocs.releases.find(docs, {
    where: {
      op: 'and',
      args: [
        { op: '=', field: 'hazardId', value: hazardId },
        { op: '=', field: 'current', value: true },
      ],
    },
  });
  return rs.flatMap((d) => {
    const g = d.data.activityId === exceptActivity ? undefined : arealOf(d.geometry);
    return g === undefined ? [] : [g];
  });
}

async function evaluateActivity(
  docs: DocReader,
  r: ActivityReport,
  base: string,
  correctsActivity: string | undefined,
): Promise<Evaluation> {
  const problems: Problem[] = [];
  const notes: QaNote[] = [];
  const h = await hazardOf(docs, r.hazardId, `${base}.hazardId`, problems, true);
  await checkOrganisation(docs, r.organisation, `${base}.organisation`, problems);
  dateOrder(r.startDate, r.endDate, `${base}.endDate`, problems);
  const outputs: { geometry: ArealGeometry; path: string }[] = [];
  r.outputs.forEach((o, i) => {
    const g = checkAreal(o.geometry, `${base}.outputs[${i}].geometry`);
    if (!g.ok) problems.push(...g.errors);
    else {
      outputs.push({ geometry: g.value.geometry, path: `${base}.outputs[${i}]` });
      notes.push(...g.value.warnings.map((w) => note('warning', problem(w.code, w.path, w.message))));
    }
  });
  const categories: (string | null)[] = [];
  for (const [i, d] of r.devices.entries()) {
    categories.push(await checkType(docs, d.typeId, `${base}.devices[${i}].typeId`, problems));
    if (d.disposal === undefined) notes.push(missing(`${base}.devices[${i}].disposal`, 'the disposal'));
    if (d.depthCm === undefined) notes.push(missing(`${base}.devices[${i}].depthCm`, 'the depth'));
    if (
      h !== undefined &&
      !withinTolerance({ type: 'Point', coordinates: d.location }, h.geometry, WITHIN_TOLERANCE_M)
    ) {
      notes.push(
        note(
          'warning',
          problem(
            'LANDRELEASE_DEVICE_OUTSIDE_HAZARD',
            `${base}.devices[${i}].location`,
            'the device lies outside its hazardous area',
          ),
        ),
      );
    }
  }
  if ((r.type === 'clearance' || r.type === 'ts' || r.type === 'bac') && r.depthCm === undefined)
    notes.push(missing(`${base}.depthCm`, 'the search depth'));
  if (r.hours === undefined) notes.push(missing(`${base}.hours`, 'the hours worked'));
  if (r.assets.length === 0) notes.push(missing(`${base}.assets`, 'the method or asset'));
  if (r.status === 'completed' && r.endDate === undefined)
    notes.push(missing(`${base}.endDate`, 'the end date of a completed activity'));
  if (
    r.outputs.length === 0 &&
    r.devices.length === 0 &&
    r.notChecked === undefined &&
    (r.hours ?? 0) === 0
  ) {
    notes.push(
      note(
        'blocking',
        problem(
          'LANDRELEASE_EMPTY_REPORT',
          base,
          'the report has no released area, no device, no unchecked area and no hours',
        ),
      ),
    );
  }
  if (problems.length > 0 || h === undefined) return { problems, notes, official: NONE };

  const account = accountReleases(
    h.geometry,
    await earlierReleasesOf(docs, r.hazardId, correctsActivity),
    outputs,
  );
  for (const o of account.outputs) notes.push(...o.blocking.map((p) => note('blocking', p)));
  const releases = outputs.map((o, i) => {
    const src = r.outputs[i];
    return {
      releaseId: newId(),
      method: src?.method ?? 'cleared',
      geometry: o.geometry,
      areaM2: account.outputs[i]?.areaM2 ?? 0,
      withAsset: src?.withAsset ?? null,
      criteria: src?.criteria ?? null,
    };
  });
  const devices: ActivityComputed['devices'] = r.devices.map((d, i) => ({
    deviceId: newId(),
    location: [d.location[0], d.location[1]],
    category: d.category,
    typeCategory: categories[i] ?? null,
    typeId: d.typeId ?? null,
    lotId: d.lotId ?? null,
    condition: d.condition,
    depthCm: d.depthCm ?? null,
    disposal: d.disposal ?? null,
    count: d.count,
  }));
  return {
    problems,
    notes,
    official: {
      kind: 'activity',
      computed: {
        hazardAreaM2: account.hazardAreaM2,
        releasedAreaM2: account.releasedAreaM2,
        remainingAreaM2: account.remainingAreaM2,
        hazardClassification: h.rec.classification,
        hazardStatus: h.rec.status,
        publicWarning: h.rec.publicWarning,
        releases,
        devices,
      },
    },
  };
}

async function evaluateAccident(docs: DocReader, r: AccidentReport, base: string): Promise<Evaluation> {
  const problems: Problem[] = [];
  const notes: QaNote[] = [];
  if (r.hazardId !== undefined) await hazardOf(docs, r.hazardId, `${base}.hazardId`, problems, false);
  await checkType(docs, r.device?.typeId, `${base}.device.typeId`, problems);
  if (r.device === undefined) notes.push(missing(`${base}.device`, 'the device'));
  if (r.cause === undefined) notes.push(missing(`${base}.cause`, 'the cause'));
  if (r.areaMarked === undefined) notes.push(missing(`${base}.areaMarked`, 'whether the area was marked'));
  r.victims.forEach((v, i) => {
    if (v.name !== undefined && !v.consent) {
      notes.push(
        note(
          'warning',
          problem(
            'LANDRELEASE_FIELD_MISSING',
            `${base}.victims[${i}].consent`,
            'a victim is named without recorded consent',
          ),
        ),
      );
    }
  });
  return { problems, notes, official: NONE };
}

async function evaluateEore(docs: DocReader, r: EoreReport, base: string): Promise<Evaluation> {
  const problems: Problem[] = [];
  const notes: QaNote[] = [];
  await checkOrganisation(docs, r.organisation, `${base}.organisation`, problems);
  for (const [i, h] of r.hazardIds.entries())
    await hazardOf(docs, h, `${base}.hazardIds[${i}]`, problems, false);
  if (r.materials.length === 0) notes.push(missing(`${base}.materials`, 'the materials used'));
  const reached = r.audience.women + r.audience.men + r.audience.girls + r.audience.boys;
  if (reached === 0)
    notes.push(
      note('blocking', problem('LANDRELEASE_EMPTY_REPORT', `${base}.audience`, 'the session reached nobody')),
    );
  return { problems, notes, official: NONE };
}

/** Evaluate a submission's report; `correctsActivity` excludes that activity's own releases. */
export function evaluate(docs: DocReader, p: SubmitPayload, correctsActivity?: string): Promise<Evaluation> {
  const base = 'payload.report';
  switch (p.kind) {
    case 'hazard':
      return Promise.resolve(evaluateHazard(p.report, base));
    case 'activity':
      return evaluateActivity(docs, p.report, base, correctsActivity);
    case 'accident':
      return evaluateAccident(docs, p.report, base);
    case 'eore':
      return evaluateEore(docs, p.report, base);
    default:
      return assertNever(p, 'submission kind');
  }
}
