/**
 * Importing other programmes' spreadsheets as activity summaries (one row per place, month and
 * operator). A profile is a small declarative column mapping: adding a programme adds a profile,
 * not code. Rows are validated at this boundary with every problem reported by line and column.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { err, ok, problem, type Problem, type Result } from '../core/index.js';
import { defineCommand, type Decision } from '../command/index.js';
import { STOCK_COLLECTIONS } from '../stock/index.js';
import type { DocReader } from '../store/index.js';
import { landReleaseEvents, type LandReleasePayload } from './events.js';
import {
  ACTIVITIES,
  ACTIVITY_TYPES,
  DEVICE_CATEGORIES,
  RELEASE_METHODS,
  type ActivityType,
  type DeviceCategory,
  type ReleaseMethod,
} from './types.js';

export interface ImportProfile {
  readonly id: string;
  readonly description: string;
  readonly delimiter: string;
  /** ISO 3166 code every row belongs to. */
  readonly region: string;
  readonly columns: {
    readonly year: string;
    readonly month: string;
    readonly organisation: string;
    readonly place: { readonly code: string; readonly name: string; readonly parent: string };
    readonly programme?: string;
    readonly areas: readonly { readonly column: string; readonly method: ReleaseMethod }[];
    readonly devices: readonly { readonly column: string; readonly category: DeviceCategory }[];
    /** A column that must equal the sum of the device columns (a consistency check). */
    readonly deviceTotal?: string;
    readonly activities: readonly { readonly column: string; readonly type: ActivityType }[];
  };
}

/** Colombia, humanitarian demining 2004–2019 (datos.gov.co via jagonzalezs/va_hw2, MIT). */
export const colombiaDesminado: ImportProfile = {
  id: 'colombia-desminado',
  description:
    'Colombia humanitarian demining operations per municipality, month and operator (desminado_v1.csv)',
  delimiter: ',',
  region: 'CO',
  columns: {
    year: 'anio',
    month: 'mes',
    organisation: 'organizacion',
    place: { code: 'codigodanemunicipio', name: 'municipio', parent: 'departamento' },
    programme: 'tipodesminado',
    // "área despejada": land cleared, m².
    areas: [{ column: 'areadespejada', method: 'cleared' }],
    // MAP: minas antipersonal; MUSE: munición sin explotar; AEI: artefacto explosivo improvisado.
    devices: [
      { column: 'map', category: 'ap-mine' },
      { column: 'muse', category: 'uxo' },
      { column: 'aei', category: 'ied' },
    ],
    deviceTotal: 'totalartefactosdestruidos',
    activities: [
      { column: 'estudiosnotecnicos', type: 'nts' },
      { column: 'estudiostecnicos', type: 'ts' },
      { column: 'operacionesdespeje', type: 'clearance' },
    ],
  },
};

export const importProfiles: ReadonlyMap<string, ImportProfile> = new Map([
  [colombiaDesminado.id, colombiaDesminado],
]);

/** One CSV record and the physical line (1-based) it starts on. */
export interface CsvRecord {
  readonly line: number;
  readonly cells: string[];
}

/**
 * Parse RFC 4180 CSV (quotes, CRLF), dropping a UTF-8 byte-order mark and blank lines. Each record
 * keeps the physical line it starts on, so a quoted field spanning lines does not shift the line
 * numbers of the records after it. A quote left open at the end of the file is refused.
 */
export function parseCsvRecords(text: string, delimiter = ','): Result<CsvRecord[]> {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let quoteLine = 0;
  let line = 1;
  let start = 1;
  const end = () => {
    row.push(field);
    if (!(row.length === 1 && row[0] === '')) records.push({ line: start, cells: row });
    row = [];
    field = '';
  };
  for (let i = 0; i < s.length; i++) {
    const c = s.charAt(i);
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        field += c;
        // A line break inside quotes is part of the field, but still a physical line.
        if (c === '\n' || (c === '\r' && s[i + 1] !== '\n')) line++;
      }
    } else if (c === '"') {
      quoted = true;
      quoteLine = line;
    } else if (c === delimiter) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      end();
      line++;
      start = line;
    } else field += c;
  }
  if (quoted)
    return err([
      problem(
        'LANDRELEASE_IMPORT_ROW_INVALID',
        `line ${quoteLine}`,
        `a quoted field opened on line ${quoteLine} is never closed`,
      ),
    ]);
  if (field !== '' || row.length > 0) end();
  return ok(records);
}

const countCell = z
  .string()
  .trim()
  .regex(/^\d+(\.\d+)?$/, 'a count or area is a non-negative number');

export const importRow = z
  .object({
    line: z.number().int().min(2),
    year: z.number().int().min(1900).max(2100),
    month: z.number().int().min(1).max(12),
    organisation: z.string().trim().min(1).max(200),
    place: z
      .object({ code: z.string().max(20), name: z.string().max(200), parent: z.string().max(200) })
      .strict(),
    programme: z.string().max(200).nullable(),
    areas: z.partialRecord(z.enum(RELEASE_METHODS), z.number().min(0, 'an area cannot be negative')),
    devices: z.partialRecord(
      z.enum(DEVICE_CATEGORIES),
      z.number().int().min(0, 'a count cannot be negative'),
    ),
    activities: z.partialRecord(
      z.enum(ACTIVITY_TYPES),
      z.number().int().min(0, 'a count cannot be negative'),
    ),
  })
  .strict();
export type ImportRow = z.infer<typeof importRow>;

export interface ParsedFile {
  readonly sha256: string;
  readonly rows: readonly ImportRow[];
}

/** Map a file's rows through a profile; every bad cell is reported as `line N.column`. */
export function readWithProfile(bytes: Buffer, profile: ImportProfile): Result<ParsedFile> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const parsedCsv = parseCsvRecords(bytes.toString('utf8'), profile.delimiter);
  if (!parsedCsv.ok) return parsedCsv;
  const table = parsedCsv.value;
  const header = (table[0]?.cells ?? []).map((h) => h.trim());
  const c = profile.columns;
  const wanted = [
    c.year,
    c.month,
    c.organisation,
    c.place.code,
    c.place.name,
    c.place.parent,
    ...(c.programme ? [c.programme] : []),
    ...c.areas.map((a) => a.column),
    ...c.devices.map((d) => d.column),
    ...(c.deviceTotal ? [c.deviceTotal] : []),
    ...c.activities.map((a) => a.column),
  ];
  const missing = wanted.filter((w) => !header.includes(w));
  if (missing.length > 0)
    return err(
      missing.map((m) =>
        problem('LANDRELEASE_IMPORT_HEADER_MISSING', `header.${m}`, `the file has no column "${m}"`),
      ),
    );
  const col = (r: readonly string[], name: string): string => (r[header.indexOf(name)] ?? '').trim();
  const problems: Problem[] = [];
  const rows: ImportRow[] = [];
  for (const { line, cells: r } of table.slice(1)) {
    const num = (name: string): number => {
      const v = col(r, name);
      const parsed = countCell.safeParse(v);
      if (!parsed.success) {
        problems.push(
          problem(
            'LANDRELEASE_IMPORT_ROW_INVALID',
            `line ${line}.${name}`,
            `"${v}" is not a non-negative number`,
          ),
        );
        return 0;
      }
      return Number(v);
    };
    const devices = Object.fromEntries(c.devices.map((d) => [d.category, num(d.column)]));
    if (c.deviceTotal !== undefined) {
      const sum = Object.values(devices).reduce((a, b) => a + b, 0);
      const total = num(c.deviceTotal);
      if (total !== sum)
        problems.push(
          problem(
            'LANDRELEASE_IMPORT_ROW_INVALID',
            `line ${line}.${c.deviceTotal}`,
            `the total ${total} differs from the sum of devices ${sum}`,
          ),
        );
    }
    const candidate = {
      line,
      year: num(c.year),
      month: num(c.month),
      organisation: col(r, c.organisation),
      place: { code: col(r, c.place.code), name: col(r, c.place.name), parent: col(r, c.place.parent) },
      programme: c.programme === undefined ? null : col(r, c.programme),
      areas: Object.fromEntries(c.areas.map((a) => [a.method, num(a.column)])),
      devices,
      activities: Object.fromEntries(c.activities.map((a) => [a.type, num(a.column)])),
    };
    const parsed = importRow.safeParse(candidate);
    if (!parsed.success) {
      for (const iss of parsed.error.issues)
        problems.push(
          problem('LANDRELEASE_IMPORT_ROW_INVALID', `line ${line}.${iss.path.join('.')}`, iss.message),
        );
    } else rows.push(parsed.data);
  }
  return problems.length > 0 ? err(problems) : ok({ sha256, rows });
}

/** Organisations by lower-cased name and id, from the stock catalogue. */
async function organisationIndex(docs: DocReader): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const d of await docs.findDocs({ collection: STOCK_COLLECTIONS.orgs })) {
    out.set(d.id.toLowerCase(), d.id);
    const name = d.data['name'];
    if (typeof name === 'string') out.set(name.trim().toLowerCase(), d.id);
  }
  return out;
}

/** Rows per import command: one file becomes a few transactions, each idempotent. */
export const IMPORT_CHUNK = 500;

const importSummaries = defineCommand({
  type: 'landrelease.import',
  permission: 'landrelease.review',
  schema: z
    .object({
      profile: z.string().min(1),
      source: z
        .object({ name: z.string().min(1).max(500), sha256: z.string().regex(/^[0-9a-f]{64}$/) })
        .strict(),
      region: z.string().regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/),
      rows: z.array(importRow).min(1).max(IMPORT_CHUNK),
    })
    .strict(),
  async decide(p, ctx): Promise<Result<Decision>> {
    const problems: Problem[] = [];
    if (!importProfiles.has(p.profile))
      problems.push(
        problem('LANDRELEASE_IMPORT_PROFILE_UNKNOWN', 'payload.profile', `no import profile ${p.profile}`),
      );
    const orgs = await organisationIndex(ctx.docs);
    const rows: LandReleasePayload<'landrelease.summary-imported'>['rows'] = [];
    for (const [i, r] of p.rows.entries()) {
      const org = orgs.get(r.organisation.toLowerCase());
      if (org === undefined)
        problems.push(
          problem(
            'LANDRELEASE_ORGANISATION_UNKNOWN',
            `payload.rows[${i}].organisation`,
            `line ${r.line}: no organisation "${r.organisation}" in the catalogue`,
          ),
        );
      const activityId = `import-${p.source.sha256.slice(0, 16)}-${r.line}`;
      if (i === 0 && (await ctx.docs.getDoc(ACTIVITIES, activityId)) !== undefined) {
        problems.push(
          problem(
            'VALIDATION_DUPLICATE',
            'payload.rows',
            `line ${r.line} of ${p.source.name} was already imported`,
          ),
        );
      }
      if (org !== undefined) rows.push({ ...r, organisationId: org, activityId });
    }
    if (problems.length > 0) return err(problems);
    return ok({
      events: [
        landReleaseEvents.event('landrelease.summary-imported', {
          profile: p.profile,
          source: p.source,
          region: p.region,
          rows,
        }),
      ],
      result: { rows: rows.length },
    });
  },
});

export const importCommands = [importSummaries] as const;
