/**
 * Import: a file's features → checked records for a collection → one pipeline command. Every
 * feature is checked before anything is written (geometry by src/geo's rules after conversion to
 * WGS 84, properties by the command's own schema), and every problem becomes one line of the
 * validation report: feature index, source id, field, rule, message. Nothing is dropped
 * silently: a feature that cannot be imported refuses the whole file.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseWith } from '../command/index.js';
import {
  err,
  ok,
  problem,
  type ErrorCode,
  type JsonObject,
  type JsonValue,
  type Problem,
  type Result,
} from '../core/index.js';
import { validateGeometry, type Geometry } from '../geo/index.js';
import { hazardImportPayload, HAZARD_IMPORT_MAX, HAZARDS } from '../landrelease/index.js';
import { crsLabel, mapGeometry, toWgs84Fn } from './crs.js';
import { dbfFieldNames } from './shp.js';
import type { Format, InFeature, ReadLayer, SourceCrs } from './types.js';

/** One line of the validation report. */
export interface ReportEntry {
  /** 0-based position of the feature in the file. */
  readonly index: number;
  readonly sourceId: string | null;
  /** `geometry`, `geometry.coordinates[0][3]`, or a property name. */
  readonly field: string;
  /** A short name of the rule broken (`null geometry`, `self-intersection`, `required property`…). */
  readonly rule: string;
  readonly code: ErrorCode;
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

export interface ValidationReport {
  readonly file: string;
  readonly format: Format;
  readonly collection: string;
  readonly crs: string;
  readonly features: number;
  /** Features with no error. */
  readonly valid: number;
  readonly errors: number;
  readonly warnings: number;
  readonly entries: readonly ReportEntry[];
}

/** A feature ready to import: its index, source id and the record the command takes. */
export interface PreparedFeature {
  readonly index: number;
  readonly sourceId: string | null;
  readonly report: JsonObject;
}

export interface PreparedImport {
  readonly report: ValidationReport;
  readonly features: readonly PreparedFeature[];
}

const RULES: Partial<Record<ErrorCode, string>> = {
  GEOMETRY_NULL: 'null or empty geometry',
  GEOMETRY_INVALID: 'invalid geometry',
  GEOMETRY_RING_NOT_CLOSED: 'unclosed ring',
  GEOMETRY_TOO_FEW_POSITIONS: 'too few positions',
  GEOMETRY_SELF_INTERSECTION: 'self-intersection',
  GEOMETRY_HOLE_OUTSIDE_SHELL: 'hole outside shell',
  GEOMETRY_DUPLICATE_VERTEX: 'duplicate vertex',
  GEOMETRY_LONG_EDGE: 'long edge',
  GEOMETRY_WINDING: 'winding normalised',
  COORD_OUT_OF_RANGE: 'coordinate out of range',
  COORD_INVALID: 'invalid coordinate',
  INTERCHANGE_GEOMETRY_TYPE: 'wrong geometry type for the collection',
  VALIDATION_REQUIRED: 'required property missing',
  VALIDATION_TYPE: 'wrong property type',
  VALIDATION_ENUM: 'value not allowed',
  VALIDATION_RANGE: 'value out of range',
  VALIDATION_FORMAT: 'badly formatted value',
};
const ruleOf = (code: ErrorCode): string => RULES[code] ?? code.toLowerCase().replace(/_/g, ' ');

/** How a collection's records are built from a feature's attributes. */
interface Target {
  readonly collection: string;
  readonly command: string;
  readonly geometryTypes: readonly Geometry['type'][];
  /** The record's fields and how a file's text is read into each. */
  readonly fields: Readonly<Record<string, 'text' | 'number' | 'json' | 'list'>>;
  /** Defaults for absent fields, each reported as a warning. */
  readonly defaults: Readonly<Record<string, JsonValue>>;
  readonly geometryField: string;
}

/** Hazardous areas: the report fields of `landrelease.hazard.record` (src/landrelease/schemas.ts). */
const HAZARD_TARGET: Target = {
  collection: HAZARDS,
  command: 'landrelease.hazard.import',
  geometryTypes: ['Polygon', 'MultiPolygon'],
  geometryField: 'perimeter',
  fields: {
    name: 'text',
    kind: 'text',
    evidence: 'json',
    devices: 'json',
    benchmark: 'json',
    estimatedAreaM2: 'number',
    landUse: 'list',
    blockages: 'list',
    beneficiaries: 'json',
    priority: 'text',
    minefieldIds: 'list',
    classification: 'text',
    region: 'text',
  },
  // The MDR's "not specified" evidence exists for records that never stated it (legacy GIS layers).
  defaults: { evidence: { kind: 'not-specified', items: [] } },
};

const TARGETS: ReadonlyMap<string, Target> = new Map([[HAZARDS, HAZARD_TARGET]]);

/** Collections `cairn import` can write, with the command each goes through. */
export function importableCollections(): readonly {
  readonly collection: string;
  readonly command: string;
}[] {
  return [...TARGETS.values()].map((t) => ({ collection: t.collection, command: t.command }));
}

/** The command a collection's import runs (undefined: not importable). */
export function importCommandOf(collection: string): string | undefined {
  return TARGETS.get(collection)?.command;
}

/** Look a field up by its name, its 10-character dBASE form, or either case. */
function lookup(
  props: Readonly<Record<string, JsonValue>>,
  lower: ReadonlyMap<string, JsonValue>,
  name: string,
  short: string,
): JsonValue | undefined {
  if (props[name] !== undefined) return props[name];
  return lower.get(name.toLowerCase()) ?? lower.get(short.toLowerCase());
}

function readField(
  kind: 'text' | 'number' | 'json' | 'list',
  v: JsonValue,
): { value: JsonValue } | { error: string } {
  if (typeof v === 'string') {
    const t = v.trim();
    switch (kind) {
      case 'text':
        return { value: t };
      case 'number':
        return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)
          ? { value: Number(t) }
          : { error: `"${t}" is not a number` };
      case 'json':
        if (/^[[{]/.test(t)) {
          try {
            return { value: JSON.parse(t) as JsonValue };
          } catch {
            return { error: `"${t.slice(0, 60)}" is not valid JSON` };
          }
        }
        // A bare word for a structured field is its kind (evidence: "direct").
        return { value: { kind: t } };
      case 'list':
        if (t.startsWith('[')) {
          try {
            return { value: JSON.parse(t) as JsonValue };
          } catch {
            return { error: `"${t.slice(0, 60)}" is not a valid JSON list` };
          }
        }
        return {
          value: t
            .split(';')
            .map((x) => x.trim())
            .filter((x) => x !== ''),
        };
    }
  }
  return { value: v };
}

/** Hash of the file (and a Shapefile's or a CSV's sidecars, such as its .prj): the import's identity. */
export function fileDigest(file: string): string {
  const h = createHash('sha256').update(readFileSync(file));
  const ext = extname(file).toLowerCase();
  if (ext === '.shp' || ext === '.csv') {
    const stem = file.slice(0, -4);
    for (const side of ['shx', 'dbf', 'prj', 'cpg'])
      if (existsSync(`${stem}.${side}`)) h.update(readFileSync(`${stem}.${side}`));
  }
  return h.digest('hex');
}

export interface PrepareOptions {
  /** Overrides the file's CRS (CSV states none; a file may state a wrong one). */
  readonly sourceCrs?: SourceCrs;
}

/**
 * Check every feature of a read file for a collection. The result is always a report; the
 * prepared features are those with no error (the caller imports only when `errors` is 0).
 */
export function prepareImport(
  collection: string,
  file: string,
  layer: ReadLayer,
  opts: PrepareOptions = {},
): Result<PreparedImport> {
  const target = TARGETS.get(collection);
  if (target === undefined) {
    return err([
      problem(
        'INTERCHANGE_COLLECTION_NOT_IMPORTABLE',
        'collection',
        `"${collection}" cannot be imported; importable: ${[...TARGETS.keys()].join(', ')}`,
      ),
    ]);
  }
  if (layer.features.length > HAZARD_IMPORT_MAX) {
    return err([
      problem(
        'VALIDATION_RANGE',
        'file',
        `the file holds ${layer.features.length} features; one import takes at most ${HAZARD_IMPORT_MAX}`,
      ),
    ]);
  }
  const crs = opts.sourceCrs ?? layer.crs;
  const toWgs84 = toWgs84Fn(crs);
  if (!toWgs84.ok) return toWgs84;
  const shortNames = dbfFieldNames(Object.keys(target.fields));
  const reportSchema = hazardImportPayload.shape.features.element.shape.report;
  const entries: ReportEntry[] = [];
  const prepared: PreparedFeature[] = [];
  let valid = 0;
  for (const f of layer.features) {
    const before = entries.length;
    const add = (p: Problem, severity: 'error' | 'warning' = 'error') =>
      entries.push({
        index: f.index,
        sourceId: f.sourceId,
        field: p.path,
        rule: ruleOf(p.code),
        code: p.code,
        severity,
        message: p.message,
      });
    const geometry = checkFeatureGeometry(f, target, toWgs84.value, crs, add);
    const record: Record<string, JsonValue> = {};
    const lower = new Map(Object.entries(f.properties).map(([k, v]) => [k.toLowerCase(), v]));
    for (const [name, kind] of Object.entries(target.fields)) {
      const raw = lookup(f.properties, lower, name, shortNames.get(name) ?? name);
      if (raw === undefined || raw === null || raw === '') {
        const d = target.defaults[name];
        if (d !== undefined) {
          record[name] = d;
          add(
            problem('VALIDATION_REQUIRED', name, `${name} is absent; recorded as ${JSON.stringify(d)}`),
            'warning',
          );
        }
        continue;
      }
      const r = readField(kind, raw);
      if ('error' in r) add(problem('VALIDATION_FORMAT', name, r.error));
      else record[name] = r.value;
    }
    const parsed = parseWith(reportSchema, { ...record, [target.geometryField]: geometry ?? null }, '');
    if (!parsed.ok) for (const p of parsed.errors) if (p.path !== target.geometryField) add(p);
    const errorsHere = entries.slice(before).some((e) => e.severity === 'error');
    if (!errorsHere && parsed.ok && geometry !== undefined) {
      valid++;
      prepared.push({
        index: f.index,
        sourceId: f.sourceId,
        report: { ...record, [target.geometryField]: geometry as unknown as JsonObject },
      });
    }
  }
  const errors = entries.filter((e) => e.severity === 'error').length;
  return ok({
    report: {
      file,
      format: layer.format,
      collection,
      crs: crsLabel(crs),
      features: layer.features.length,
      valid,
      errors,
      warnings: entries.length - errors,
      entries,
    },
    features: prepared,
  });
}

/** The feature's geometry in WGS 84 if it is usable; every problem goes to `add`. */
function checkFeatureGeometry(
  f: InFeature,
  target: Target,
  toWgs84: ((p: readonly [number, number]) => readonly [number, number]) | undefined,
  crs: SourceCrs,
  add: (p: Problem, s?: 'error' | 'warning') => void,
): Geometry | undefined {
  const g = f.geometry;
  if (g === null) {
    add(problem('GEOMETRY_NULL', 'geometry', 'the feature has no geometry (null or empty)'));
    return undefined;
  }
  if ('undecodable' in g) {
    add(problem('GEOMETRY_INVALID', 'geometry', `the geometry cannot be decoded: ${g.undecodable}`));
    return undefined;
  }
  let wgs = g;
  if (toWgs84 !== undefined) {
    try {
      wgs = mapGeometry(g, toWgs84);
    } catch (e) {
      add(
        problem(
          'COORD_OUT_OF_RANGE',
          'geometry',
          `cannot convert from ${crsLabel(crs)} to WGS 84: ${e instanceof Error ? e.message : String(e)}`,
        ),
      );
      return undefined;
    }
  }
  const v = validateGeometry(wgs, 'geometry');
  if (!v.ok) {
    for (const i of v.errors) add(problem(i.code, i.path, i.message), i.severity);
    return undefined;
  }
  for (const w of v.value.warnings) add(problem(w.code, w.path, w.message), 'warning');
  if (!target.geometryTypes.includes(v.value.geometry.type)) {
    add(
      problem(
        'INTERCHANGE_GEOMETRY_TYPE',
        'geometry',
        `${target.collection} takes ${target.geometryTypes.join(' or ')}; this feature is a ${v.value.geometry.type}`,
      ),
    );
    return undefined;
  }
  return v.value.geometry;
}

/** The command that imports prepared features (the file's digest makes each record's id). */
export function importCommand(
  collection: string,
  prepared: PreparedImport,
  source: { readonly name: string; readonly sha256: string },
): { type: string; payload: JsonObject } {
  const command = importCommandOf(collection) ?? '';
  return {
    type: command,
    payload: {
      source: { name: source.name.slice(0, 500), sha256: source.sha256, format: prepared.report.format },
      features: prepared.features.map((f) => ({
        index: f.index,
        sourceId: f.sourceId === null ? null : f.sourceId.slice(0, 200),
        report: f.report,
      })),
    },
  };
}

/** Report lines for a refusal of the import command (problems at `payload.features[i]…`). */
export function refusalEntries(problems: readonly Problem[], prepared: PreparedImport): ReportEntry[] {
  return problems.map((p) => {
    const m = /^payload\.features\[(\d+)\]\.report\.?(.*)$/.exec(p.path);
    const f = m === null ? undefined : prepared.features[Number(m[1])];
    return {
      index: f?.index ?? -1,
      sourceId: f?.sourceId ?? null,
      field: m === null ? p.path : m[2] === '' ? 'feature' : (m[2] ?? ''),
      rule: ruleOf(p.code),
      code: p.code,
      severity: 'error',
      message: p.message,
    };
  });
}
