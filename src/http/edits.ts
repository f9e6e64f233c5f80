/**
 * How OGC API Features Part 4 edits map onto domain commands, per collection.
 *
 * hazards → `landrelease.hazard.record` (src/landrelease/direct.ts), which needs
 * `landrelease.review`: a reviewer's POST records a new hazardous area, PUT records a corrected
 * version from a whole feature, PATCH merges (RFC 7396) into the current record and records
 * that. Field surveyors keep submitting to the workbench (`landrelease.submit`), where another
 * person approves. DELETE is refused (405): nothing is deleted (design.md §2); a hazard is
 * closed with `landrelease.hazard.status`, which needs a date and a reason.
 */
import type { JsonObject, JsonValue } from '../core/index.js';
import type { Doc } from '../store/index.js';
import type { EditSpec, IncomingFeature } from './collections.js';

/** Properties a client may set on a hazard: the fields of a hazard report (src/landrelease schemas). */
const HAZARD_FIELDS = [
  'name',
  'kind',
  'evidence',
  'devices',
  'benchmark',
  'estimatedAreaM2',
  'landUse',
  'blockages',
  'beneficiaries',
  'priority',
  'minefieldIds',
  'classification',
  'region',
] as const;

/**
 * The report fields of a set of properties. Fields the server derives (id, humanId, status,
 * areas, versions …) are ignored, as GIS clients send back every attribute they read; nulls
 * mean "not given", since the projection stores absent optional fields as null.
 */
function reportFields(props: JsonObject): JsonObject {
  const out: Record<string, JsonValue> = {};
  for (const k of HAZARD_FIELDS) {
    const v = props[k];
    if (v !== undefined && v !== null) out[k] = v;
  }
  return out;
}

function isObj(v: JsonValue | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** RFC 7396 JSON merge patch of plain objects. */
function mergePatch(target: JsonObject, patch: JsonObject): JsonObject {
  const out = new Map<string, JsonValue>(Object.entries(target));
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) out.delete(k);
    else {
      const cur = out.get(k);
      out.set(k, isObj(v) && isObj(cur) ? mergePatch(cur, v) : v);
    }
  }
  return Object.fromEntries(out);
}

const record = (
  hazardId: string | undefined,
  report: JsonObject,
  perimeter: JsonValue | null | undefined,
) => ({
  type: 'landrelease.hazard.record',
  payload: {
    ...(hazardId === undefined ? {} : { hazardId }),
    report: { ...report, perimeter: perimeter ?? null },
  },
});

export const hazardEdits: EditSpec = {
  create: (f: IncomingFeature) => record(undefined, reportFields(f.properties), f.geometry),
  replace: (id: string, f: IncomingFeature) => record(id, reportFields(f.properties), f.geometry),
  update: (id: string, patch: JsonObject, current: Doc) => {
    const props = patch['properties'];
    const merged = isObj(props) ? mergePatch(reportFields(current.data), props) : reportFields(current.data);
    const geometry = patch['geometry'] ?? (current.geometry as unknown as JsonObject | null | undefined);
    return record(id, reportFields(merged), geometry);
  },
  idField: 'hazardId',
};
