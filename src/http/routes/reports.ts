/**
 * Reports over the JSON API, generated from the report registry (src/reports): every report is
 * `GET /api/reports/ID?format=json|csv|html|pdf&<its parameters>`, declared schema-first with the
 * query schema, permission and formats of its definition — the same as `cairn report ID` takes.
 * Each runs as the caller: the modules' own read functions apply need-to-know, and every report
 * names the checkpoint it was computed from (design.md §2). Also the paged compliance findings list.
 */
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { isoInstant } from '../../core/index.js';
import type { Finding } from '../../compliance/index.js';
import { allRules } from '../../compliance/index.js';
import {
  REPORTS,
  REPORT_CONTENT_TYPES,
  SUBJECT_KINDS,
  allFindings,
  currentBasis,
  visibleFindings,
  reportById,
  type Report,
} from '../../reports/index.js';
import type { HttpDeps, HttpEnv } from '../env.js';
import { refuseAsCaller } from '../execute.js';
import { VersionedCache } from '../version.js';
import { apiPage, defineRoute, pageRequest, RawResponse, type Content, type RouteTable } from '../route.js';
import {
  API_DEFAULT_LIMIT,
  DateParam,
  FindingsPage,
  IdParam,
  JsonRecord,
  LandReleaseProgress,
  PagingQuery,
  SEVERITIES,
  csvEnum,
} from '../schemas.js';

/** The JSON model schema of a report whose model a client reads (others: any JSON object). */
const REPORT_MODELS: Readonly<Record<string, z.ZodType>> = { landrelease: LandReleaseProgress };

const [firstRule, ...otherRules] = allRules.map((r) => r.id);
const FindingsQuery = PagingQuery.extend({
  severity: csvEnum(SEVERITIES).optional().describe('violation, warning, info (comma-separated)'),
  rule: (firstRule === undefined ? z.never() : csvEnum([firstRule, ...otherRules]))
    .optional()
    .describe('rule ids (comma-separated)'),
  kind: csvEnum(SUBJECT_KINDS).optional().describe('subject kinds (comma-separated)'),
  at: DateParam.optional().describe('findings as at the end of this day (default: now)'),
});

/** The checkpoint a report names: the current tree, signed. */
export function reportCheckpoint(deps: HttpDeps): Promise<{ origin: string; size: number; root: string }> {
  return currentBasis(deps.app);
}

/** Where the UI (and a script) opens a finding's subject. */
export function subjectLink(s: Finding['subject']): string | null {
  const id = encodeURIComponent(s.id);
  switch (s.kind) {
    case 'minefield':
      return `/api/minefields/${id}`;
    case 'hazard':
      return `/ogc/collections/hazards/items/${id}`;
    case 'facility':
      return `/ogc/collections/facilities/items/${id}`;
    case 'movement':
      return `/api/collections/stock-movements/items/${id}`;
    case 'discrepancy':
      return `/api/collections/stock-discrepancies/items/${id}`;
    case 'stock-type':
      return `/api/collections/stock-types/items/${id}`;
    case 'lot':
      return `/api/collections/stock-lots/items/${id}`;
    case 'check':
      return `/api/collections/stock-checks/items/${id}`;
    case 'state':
      return `/api/treaty/states/${id}`;
    default:
      return null;
  }
}

/** Run one registered report for the caller with these parameters; answer in the asked format. */
async function serveReport(
  c: Context<HttpEnv>,
  deps: HttpDeps,
  report: Report,
  params: Readonly<Record<string, string | undefined>>,
  format: string | undefined,
): Promise<Response> {
  const r = await report.render(deps.app, c.get('actor'), params, format);
  if (!r.ok) refuseAsCaller(c, r.errors, report.id);
  const { body, contentType, fileName } = r.value;
  if (r.value.format === 'html') return c.html(typeof body === 'string' ? body : body.toString('utf8'));
  if (r.value.format !== 'json') c.header('content-disposition', `attachment; filename="${fileName}"`);
  return c.body(typeof body === 'string' ? body : new Uint8Array(body), 200, { 'content-type': contentType });
}

/** The media types a report answers in: its JSON model, text (csv, html) or bytes (pdf). */
function reportContent(report: Report): Record<string, Content> {
  return Object.fromEntries(
    report.formats.map((f) => [
      REPORT_CONTENT_TYPES[f].split(';')[0] ?? '',
      f === 'json' ? (REPORT_MODELS[report.id] ?? JsonRecord) : f === 'pdf' ? 'binary' : 'text',
    ]),
  );
}

export function reportRoutes(http: Hono<HttpEnv>, deps: HttpDeps, table: RouteTable): void {
  const { app } = deps;
  for (const id of Object.keys(REPORT_MODELS))
    if (reportById(id) === undefined) throw new Error(`REPORT_MODELS names no report "${id}"`);

  for (const report of REPORTS) {
    defineRoute(http, deps, table, {
      method: 'GET',
      path: `/api/reports/${report.id}`,
      summary: `${report.title}: ${report.formats.join(', ')} (${report.permission})`,
      access: report.permission,
      query: report.query,
      response: RawResponse,
      kind: 'raw',
      content: reportContent(report),
      // The definition renders from the parameters as text, as the CLI passes them: the query
      // itself (validated above against the same schema), without the format.
      handler: ({ c }) => {
        const { format, ...params } = c.req.query();
        return serveReport(c, deps, report, params, format);
      },
    });
  }

  // Before the registry: the record sheet by path. Kept so links and bookmarks keep working.
  const sheet = reportById('minefield');
  if (sheet !== undefined) {
    defineRoute(http, deps, table, {
      method: 'GET',
      path: '/api/reports/minefields/:id',
      summary: `${sheet.title} by path (as /api/reports/minefield?id=): ${sheet.formats.join(', ')}`,
      access: sheet.permission,
      params: IdParam,
      query: sheet.query.pick({ format: true }),
      response: RawResponse,
      kind: 'raw',
      content: reportContent(sheet),
      handler: ({ c, params }) => serveReport(c, deps, sheet, { id: params.id }, c.req.query('format')),
    });
  }

  const findingsCache = new VersionedCache<Finding[]>(16);

  // The findings list of the web page: paged, each finding linked to its subject. The same
  // need-to-know as the compliance-findings report (findingVisible, which fails closed).
  defineRoute(http, deps, table, {
    method: 'GET',
    path: '/api/compliance/findings',
    summary: 'Compliance findings the caller may see, each linked to its subject (compliance.read)',
    access: 'compliance.read',
    query: FindingsQuery,
    response: FindingsPage,
    handler: async ({ c, actor, query }) => {
      const now = query.at === undefined ? app.clock.now() : new Date(`${query.at}T23:59:59.999Z`);
      const version = await deps.version.current(app);
      // Rules see every record; the findings are filtered by the caller's need-to-know below.
      const all = await findingsCache.get(version, query.at ?? `now:${isoInstant(now).slice(0, 13)}`, () =>
        allFindings(app, now),
      );
      const shown = (await visibleFindings(app, actor, all, query)).map((f) => {
        const href = subjectLink(f.subject);
        const type = href?.startsWith('/ogc') === true ? 'application/geo+json' : 'application/json';
        return { ...f, links: href === null ? [] : [{ rel: 'subject', type, href }] };
      });
      const req = pageRequest(query, API_DEFAULT_LIMIT);
      const page = apiPage(c, req, {
        items: shown.slice(req.offset, req.offset + req.limit),
        total: shown.length,
      });
      return {
        at: isoInstant(now),
        checkpoint: await reportCheckpoint(deps),
        rules: allRules.map((r) => ({ id: r.id, title: r.title, legalBasis: r.legalBasis })),
        ...page,
        findings: page.items, // the list's name before paging (older clients)
      };
    },
  });
}
