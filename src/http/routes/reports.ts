/**
 * Compliance findings and reports over the JSON API. Each runs in the app layer as the caller:
 * the modules' own read functions apply need-to-know, and every report names the checkpoint it
 * was computed from (design.md §2).
 */
import { can, type Actor } from '../../access/index.js';
import { readEvents } from '../../app/index.js';
import { allRules, runRules, type Finding, type Severity } from '../../compliance/index.js';
import { isoInstant, problem, type JsonObject } from '../../core/index.js';
import { HAZARDS, progressReport, readDoc, type ProgressReport } from '../../landrelease/index.js';
import { readMinefield } from '../../minefields/index.js';
import { minefieldSheet, sheetHtml, sheetPdf } from '../../reports/minefield/index.js';
import { stockStatement } from '../../stock/index.js';
import {
  article7Document,
  ccwDocument,
  computeArticle7,
  computeCcwArticle13,
  reportCsv,
  reportHtml,
  reportPdf,
  type ReportApp,
  type ReportDocument,
  type ReportRequest,
  type TreatyReport,
} from '../../reports/treaty/index.js';
import type { Context, Hono } from 'hono';
import type { Result } from '../../core/index.js';
import { requirePermission } from '../auth.js';
import type { HttpDeps, HttpEnv } from '../env.js';
import { refuseAll } from '../errors.js';
import { refuseAsCaller } from '../execute.js';
import { strictQuery } from '../params.js';
import { VersionedCache } from '../version.js';
import { dateParam, enumParam, pageOf } from './paging.js';

const SEVERITIES: readonly Severity[] = ['violation', 'warning', 'info'];

/** The checkpoint a report names: the current tree, signed. */
export async function reportCheckpoint(deps: HttpDeps): Promise<{ origin: string; size: number; root: string }> {
  const cp = await deps.app.ledger.currentCheckpoint();
  return { origin: cp.origin, size: cp.size, root: Buffer.from(cp.root).toString('hex') };
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

/** Need-to-know on a finding: the caller sees it only if they may see its subject. */
async function subjectVisible(deps: HttpDeps, actor: Actor, s: Finding['subject']): Promise<boolean> {
  switch (s.kind) {
    case 'minefield':
      return (await readMinefield(deps.app.store, actor, s.id)).ok;
    case 'hazard':
      return (await readDoc(deps.app.store, actor, HAZARDS, s.id)) !== undefined;
    case 'facility':
    case 'movement':
    case 'discrepancy':
    case 'stock-type':
    case 'lot':
    case 'check':
      return can(actor, 'stock.read');
    case 'state':
      return can(actor, 'treaty.read');
    default:
      return true;
  }
}

/** The progress report plus flat chart rows (month × method, devices by category, casualties). */
function withChartRows(r: ProgressReport): JsonObject {
  const areaByMethod = r.area.byMonth.flatMap((m) => (['cancelled', 'reduced', 'cleared'] as const).filter((k) => m[k] > 0).map((method) => ({ month: m.month, method, areaM2: m[method] })));
  return {
    ...(r as unknown as JsonObject),
    areaByMethod,
    devicesByType: r.devices.byCategory.map((d) => ({ category: d.category, count: d.count })),
    casualtiesBySexAge: r.casualties.bySexAge.map((c) => ({ ...c })),
  };
}

type Compute<T> = (app: ReportApp, actor: Actor, req: ReportRequest) => Promise<Result<TreatyReport<T>>>;

/** A treaty report (reports/treaty) for ?state=CC&year=YYYY as json, csv, html or pdf. */
async function treatyReport<T>(c: Context<HttpEnv>, deps: HttpDeps, name: string, compute: Compute<T>, toDoc: (r: TreatyReport<T>) => ReportDocument): Promise<Response> {
  const q = strictQuery(c, ['state', 'year', 'format']);
  const [format = 'json'] = enumParam(q, 'format', ['json', 'csv', 'html', 'pdf'] as const) ?? [];
  const missing = ['state', 'year'].filter((k) => !q.has(k)).map((k) => problem('VALIDATION_REQUIRED', k, `${k} is required`));
  const yearText = q.get('year') ?? '';
  if (q.has('year') && !/^\d{4}$/.test(yearText)) missing.push(problem('VALIDATION_FORMAT', 'year', `year is YYYY, got "${yearText}"`));
  if (missing.length > 0) refuseAll(missing);
  const r = await compute(deps.app, c.get('actor'), { state: (q.get('state') ?? '').toUpperCase(), year: Number(yearText) });
  if (!r.ok) refuseAsCaller(c, r.errors, name);
  const file = `${name}-${(q.get('state') ?? '').toUpperCase()}-${yearText}`.replace(/[^A-Za-z0-9._-]/g, '_');
  switch (format) {
    case 'json':
      return c.json(r.value);
    case 'csv':
      c.header('content-disposition', `attachment; filename="${file}.csv"`);
      return c.body(reportCsv(toDoc(r.value)), 200, { 'content-type': 'text/csv; charset=utf-8' });
    case 'html':
      return c.html(reportHtml(toDoc(r.value)));
    case 'pdf':
      c.header('content-disposition', `attachment; filename="${file}.pdf"`);
      return c.body(new Uint8Array(await reportPdf(toDoc(r.value))), 200, { 'content-type': 'application/pdf' });
  }
}

export function reportRoutes(http: Hono<HttpEnv>, deps: HttpDeps): void {
  const { app } = deps;

  http.get('/api/reports/article7', (c) => treatyReport(c, deps, 'article7', computeArticle7, article7Document));
  http.get('/api/reports/ccw-art13', (c) => treatyReport(c, deps, 'ccw-art13', computeCcwArticle13, ccwDocument));
  const findingsCache = new VersionedCache<Finding[]>(16);

  http.get('/api/compliance/findings', async (c) => {
    const q = strictQuery(c, ['severity', 'rule', 'kind', 'at', 'limit', 'offset']);
    const actor = requirePermission(c, 'compliance.read');
    const severity = enumParam(q, 'severity', SEVERITIES);
    const rule = enumParam(q, 'rule', allRules.map((r) => r.id));
    const kinds = q.get('kind')?.split(',').map((k) => k.trim());
    const at = q.get('at');
    const now = at === undefined ? app.clock.now() : new Date(`${dateParam(q, 'at', '')}T23:59:59.999Z`);
    const version = await deps.version.current(app);
    // Rules see every record; the findings are filtered by the caller's need-to-know below.
    const all = await findingsCache.get(version, at ?? `now:${isoInstant(now).slice(0, 13)}`, () =>
      runRules(allRules, { docs: app.store, now, config: {}, events: () => readEvents(app.store) }),
    );
    const shown: JsonObject[] = [];
    for (const f of all) {
      if (severity !== undefined && !severity.includes(f.severity)) continue;
      if (rule !== undefined && !rule.includes(f.rule)) continue;
      if (kinds !== undefined && !kinds.includes(f.subject.kind)) continue;
      if (!(await subjectVisible(deps, actor, f.subject))) continue;
      const href = subjectLink(f.subject);
      shown.push({ ...(f as unknown as JsonObject), links: href === null ? [] : [{ rel: 'subject', type: href.startsWith('/ogc') ? 'application/geo+json' : 'application/json', href }] });
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

  http.get('/api/reports/stock-statement', async (c) => {
    const q = strictQuery(c, ['asOf']);
    const asOf = dateParam(q, 'asOf', isoInstant(app.clock.now()).slice(0, 10));
    const r = await stockStatement(app.store, c.get('actor'), { asOf: new Date(`${asOf}T00:00:00Z`), checkpoint: await reportCheckpoint(deps) });
    if (!r.ok) refuseAsCaller(c, r.errors);
    return c.json(r.value);
  });

  http.get('/api/reports/landrelease', async (c) => {
    const q = strictQuery(c, ['from', 'to']);
    const actor = requirePermission(c, 'landrelease.read');
    const from = dateParam(q, 'from', '1900-01-01');
    const to = dateParam(q, 'to', isoInstant(app.clock.now()).slice(0, 10));
    if (from > to) refuseAll([problem('VALIDATION_DATE_ORDER', 'to', `the report ends (${to}) before it starts (${from})`)]);
    const r = await progressReport(app.store, actor, { from, to }, await reportCheckpoint(deps));
    return c.json(withChartRows(r));
  });

  http.get('/api/reports/minefields/:id', async (c) => {
    const q = strictQuery(c, ['format']);
    const [format = 'json'] = enumParam(q, 'format', ['json', 'html', 'pdf'] as const) ?? [];
    const s = await minefieldSheet(app.store, app.ledger, c.get('actor'), c.req.param('id'), app.clock.now());
    if (!s.ok) refuseAll(s.errors);
    const name = `minefield-${s.value.record.humanId}`.replace(/[^A-Za-z0-9._-]/g, '_');
    if (format === 'pdf') {
      c.header('content-disposition', `attachment; filename="${name}.pdf"`);
      return c.body(new Uint8Array(await sheetPdf(s.value)), 200, { 'content-type': 'application/pdf' });
    }
    if (format === 'html') return c.html(sheetHtml(s.value));
    return c.json(s.value);
  });
}
