/**
 * The OpenAPI 3.0 document at /api, generated from the routes actually registered (so it can
 * never list a route that does not exist, or miss one) and from each command's Zod schema.
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import type { Cairn } from '../app/index.js';
import { errorCatalogue } from '../core/index.js';
import { reportRouteDocs } from '../reports/index.js';
import type { HttpEnv } from './env.js';

type Json = Record<string, unknown>;

const ERROR: Json = {
  type: 'object',
  required: ['code', 'message', 'details'],
  properties: {
    code: { type: 'string', enum: Object.keys(errorCatalogue) },
    message: { type: 'string' },
    details: { type: 'array', items: { type: 'object', required: ['code', 'path', 'message'], properties: { code: { type: 'string' }, path: { type: 'string' }, message: { type: 'string' }, details: { type: 'object' } } } },
  },
};

const PAGING = ['limit', 'offset'];
/** Summaries and query parameters of the domain query routes (`GET path`). */
const ROUTE_DOCS: Readonly<Record<string, { readonly summary: string; readonly query: readonly string[] }>> = {
  '/api/compliance/findings': { summary: 'Compliance findings the caller may see, each linked to its subject (compliance.read)', query: ['severity', 'rule', 'kind', 'at', ...PAGING] },
  '/api/reports/stock-statement': { summary: 'Stock statement as of a date with APMBC Forms B, D, G (stock.read)', query: ['asOf'] },
  '/api/reports/landrelease': { summary: 'Land release progress report, plus flat chart rows (landrelease.read)', query: ['from', 'to'] },
  '/api/reports/minefields/{id}': { summary: 'APII minefield record sheet as json, html or pdf (minefield.read and clearance)', query: ['format'] },
  '/api/reports/article7': { summary: 'Ottawa Convention Article 7 report (Forms A–J) of a state for a closed year: json, csv, html, pdf (report.read)', query: ['state', 'year', 'format'] },
  '/api/reports/ccw-art13': { summary: 'CCW APII Article 13(4) report of a state for a closed year: json, csv, html, pdf (report.read)', query: ['state', 'year', 'format'] },
  '/api/stock/balances': { summary: 'Held stock grouped by any of type, facility, lot, state (stock.read)', query: ['by', 'asOf', ...PAGING] },
  '/api/stock/movements/pending': { summary: 'Movements awaiting approval or execution, with proposer and mayApprove (stock.read)', query: PAGING },
  '/api/stock/checks': { summary: 'Stock checks with counters and discrepancies (stock.read)', query: ['facility', ...PAGING] },
  '/api/minefields': { summary: 'Minefield records the caller is cleared for (minefield.read)', query: ['status', ...PAGING] },
  '/api/minefields/{id}': { summary: 'One minefield record by id or human id; 404 when hidden or absent', query: [] },
  '/api/landrelease/hazards': { summary: 'Hazardous areas the caller may see (the public: released warnings only)', query: ['status', ...PAGING] },
  '/api/landrelease/submissions': { summary: 'The review workbench queue with submitter and mayReview', query: ['status', 'kind', ...PAGING] },
  '/api/treaty/states': { summary: 'Treaty states (treaty.read)', query: PAGING },
  '/api/ledger/proofs/record': { summary: 'Inclusion proofs of the events that wrote a record (its version, plus seqs), as a download (ledger.read)', query: ['collection', 'id', 'seqs'] },
  // Every registered report, with its parameters (src/reports registry; overrides the rows above).
  ...reportRouteDocs(),
};

/** Convert a Zod schema to an OpenAPI 3.0 schema object (JSON Schema, draft-4 flavoured). */
function schemaOf(s: z.ZodType | undefined): Json {
  if (s === undefined) return {};
  try {
    const j = z.toJSONSchema(s, { target: 'openapi-3.0', unrepresentable: 'any', io: 'input' }) as Json;
    delete j['$schema'];
    return j;
  } catch {
    return {};
  }
}

/** Build the document for the routes registered on `http`. */
export function openApiDocument(http: Hono<HttpEnv>, app: Cairn, serverUrl: string): Json {
  const paths: Record<string, Json> = {};
  for (const r of http.routes) {
    if (r.method === 'ALL' || r.path.includes('*')) continue;
    const path = r.path.replace(/:([A-Za-z]+)(\{[^}]*\})?/g, '{$1}');
    const method = r.method.toLowerCase();
    const doc = r.method === 'GET' ? ROUTE_DOCS[path] : undefined;
    const params = [
      ...[...path.matchAll(/\{([A-Za-z]+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } })),
      ...(doc?.query ?? []).map((name) => ({ name, in: 'query', required: false, schema: { type: 'string' } })),
    ];
    const op: Json = {
      summary: doc?.summary ?? `${r.method} ${path}`,
      parameters: params,
      responses: {
        '200': { description: 'OK' },
        default: { description: 'An error in the one shape', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      },
    };
    if (path === '/api/commands/{type}' && method === 'post') {
      op['description'] = 'Execute any pipeline command as the caller. Each command\u2019s payload schema is in components.schemas.';
      op['requestBody'] = { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/CommandEnvelope' } } } };
    }
    paths[path] = { ...(paths[path] ?? {}), [method]: op };
  }
  const schemas: Record<string, Json> = { Error: ERROR };
  const commands: string[] = [];
  for (const t of app.pipeline.commandTypes()) {
    if (t.startsWith('audit.')) continue;
    const h = app.pipeline.handler(t);
    schemas[`command:${t}`] = { ...schemaOf(h?.schema), 'x-permission': h?.permission, 'x-effective-at': h?.effectiveAt };
    commands.push(t);
    paths[`/api/commands/${t}`] = {
      post: {
        summary: `command ${t} (needs ${h?.permission ?? '?'})`,
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['payload'],
                additionalProperties: false,
                properties: { payload: { $ref: `#/components/schemas/command:${t}` }, effectiveAt: { type: 'string', format: 'date-time' }, submission: { type: 'string' }, cosigner: { type: 'string' } },
              },
            },
          },
        },
        responses: { '201': { description: 'Executed' }, '200': { description: 'A replayed submission: nothing was written' }, default: { description: 'Refused', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } } },
      },
    };
  }
  schemas['CommandEnvelope'] = { type: 'object', required: ['payload'], properties: { payload: {}, effectiveAt: { type: 'string' }, submission: { type: 'string' }, cosigner: { type: 'string' } } };
  return {
    openapi: '3.0.3',
    info: { title: 'Cairn API', version: '0.1.0', description: 'JSON API, OGC API Features (Parts 1–4) at /ogc, vector tiles at /tiles. Errors: {code, message, details[]}.' },
    servers: [{ url: serverUrl }],
    paths,
    components: {
      schemas,
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'An API token' },
        basic: { type: 'http', scheme: 'basic', description: 'Any user name, the API token as the password (QGIS, GDAL)' },
        session: { type: 'apiKey', in: 'cookie', name: 'cairn_session', description: 'Browser session; unsafe methods need the X-CSRF-Token header' },
      },
    },
    security: [{}, { bearer: [] }, { basic: [] }, { session: [] }],
    'x-commands': commands,
  };
}
