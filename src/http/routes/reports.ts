/**
 * Reports over the JSON API, generated from the report registry (src/reports): every report is
 * `GET /api/reports/ID?format=json|csv|html|pdf&<its parameters>`, with the parameter names, Zod
 * validation, permission and model of its definition — the same as `cairn report ID` gives. Each runs
 * as the caller: the modules' own read functions apply need-to-know, and every report names the
 * checkpoint it was computed from (design.md §2). Also the paginated compliance findings list.
 */
import type { Context, Hono } from 'hono';
import { isoInstant } from '../../core/index.js';
import type { Finding, Severity } from '../../compliance/index.js';
import { allRules } from '../../compliance/index.js';
import {
  REPORTS,
  allFindings,
  currentBasis,
  findingVisible,
  reportById,
  type Report,
} from '../../reports/index.js';
import type { JsonObject } from '../../core/index.js';
import { requirePermission } from '../auth.js';
import type { HttpDeps, HttpEnv } from '../env.js';
import { refuseAsCaller } from '../execute.js';
import { strictQuery } from '../params.js';
import { VersionedCache } from '../version.js';
import { dateParam, enumParam, pageOf } from './paging.js';

const SEVERITIES: readonly Severity[] = ['violation', 'warning', 'info'];

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

/** The query as a report's parameters: only its parameter names and `format`, each once. */
function reportQuery(
  c: Context<HttpEnv>,
  report: Report,
): { params: Record<string, string>; format: string | undefined } {
  const q = strictQuery(c, [...report.params.map((p) => p.name), 'format']);
  const format = q.get('format');
  q.delete('format');
  return { params: Object.fromEntries(q), format };
}

export function reportRoutes(http: Hono<HttpEnv>, deps: HttpDeps): void {
  const { app } = deps;

  for (const report of REPORTS) {
    http.get(`/api/reports/${report.id}`, (c) => {
      const q = reportQuery(c, report);
      return serveReport(c, deps, report, q.params, q.format);
    });
  }

  // Before the registry: the record sheet by path. Kept so links and bookmarks keep working.
  const sheet = reportById('minefield');
  if (sheet !== undefined) {
    http.get('/api/reports/minefields/:id', (c) => {
      const q = strictQuery(c, ['format']);
      return serveReport(c, deps, sheet, { id: c.req.param('id') }, q.get('format'));
    });
  }

  const findingsCache = new VersionedCache<Finding[]>(16);

  // The findings list of the web page: paged, each finding linked to its subject. The same
  // need-to-know as the compliance-findings report (findingVisible, which fails closed).
  http.get('/api/compliance/findings', async (c) => {
    const q = strictQuery(c, ['severity', 'rule', 'kind', 'at', 'limit', 'offset']);
    const actor = requirePermission(c, 'compliance.read');
    const severity = enumParam(q, 'severity', SEVERITIES);
    const rule = enumParam(
      q,
      'rule',
      allRules.map((r) => r.id),
    );
    const kinds = q
      .get('kind')
      ?.split(',')
      .map((k) => k.trim());
    const at = q.get('at');
    const now = at === undefined ? app.clock.now() : new Date(`${dateParam(q, 'at', '')}T23:59:59.999Z`);
    const version = await deps.version.current(app);
    // Rules see every record; the findings are filtered by the caller's need-to-know below.
    const all = await findingsCache.get(version, at ?? `now:${isoInstant(now).slice(0, 13)}`, () =>
      allFindings(app, now),
    );
    const shown: JsonObject[] = [];
    for (const f of all) {
      if (severity !== undefined && !severity.includes(f.severity)) continue;
      if (rule !== undefined && !rule.includes(f.rule)) continue;
      if (kinds !== undefined && !kinds.includes(f.subject.kind)) continue;
      if (!(await findingVisible(app, actor, f.subject))) continue;
      const href = subjectLink(f.subject);
      shown.push({
        ...(f as unknown as JsonObject),
        links:
          href === null
            ? []
            : [
                {
                  rel: 'subject',
                  type: href.startsWith('/ogc') ? 'application/geo+json' : 'application/json',
                  href,
                },
              ],
      });
    }
    const page = pageOf(c, q, shown);
    return c.json({
      at: isoInstant(now),
      checkpoint: await reportCheckpoint(deps),
      rules: allRules.map((r) => ({ id: r.id, title: r.title, legalBasis: r.legalBasis })),
      findings: page.items,
      ...page,
    });
  });
}
