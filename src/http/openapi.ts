/**
 * The OpenAPI 3.0 document at /api, generated from the routes actually registered (so it can
 * never list a route that does not exist, or miss one): a schema-first route (route.ts) brings
 * its parameters, body and responses from the same Zod schemas that validate it, and each
 * command its payload schema. Routes not (yet) declared schema-first — the report routes and
 * the session routes — keep a summary and their query parameters from ROUTE_DOCS.
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import type { Cairn } from '../app/index.js';
import { errorCatalogue } from '../core/index.js';
import { reportRouteDocs } from '../reports/index.js';
import type { HttpEnv } from './env.js';
import type { RouteEntry, RouteTable } from './route.js';

type Json = Record<string, unknown>;

const ERROR: Json = {
  type: 'object',
  required: ['code', 'message', 'details'],
  properties: {
    code: { type: 'string', enum: Object.keys(errorCatalogue) },
    message: { type: 'string' },
    details: {
      type: 'array',
      items: {
        type: 'object',
        required: ['code', 'path', 'message'],
        properties: {
          code: { type: 'string' },
          path: { type: 'string' },
          message: { type: 'string' },
          details: { type: 'object' },
        },
      },
    },
  },
};

const PAGING = ['limit', 'offset'];
/** Summaries and query parameters of the GET routes not declared schema-first (reports). */
const ROUTE_DOCS: Readonly<Record<string, { readonly summary: string; readonly query: readonly string[] }>> =
  {
    '/api/compliance/findings': {
      summary: 'Compliance findings the caller may see, each linked to its subject (compliance.read)',
      query: ['severity', 'rule', 'kind', 'at', ...PAGING],
    },
    '/api/reports/stock-statement': {
      summary: 'Stock statement as of a date with APMBC Forms B, D, G (stock.read)',
      query: ['asOf'],
    },
    '/api/reports/landrelease': {
      summary: 'Land release progress report, plus flat chart rows (landrelease.read)',
      query: ['from', 'to'],
    },
    '/api/reports/minefields/{id}': {
      summary: 'APII minefield record sheet as json, html or pdf (minefield.read and clearance)',
      query: ['format'],
    },
    '/api/reports/article7': {
      summary:
        'Ottawa Convention Article 7 report (Forms A–J) of a state for a closed year: json, csv, html, pdf (report.read)',
      query: ['state', 'year', 'format'],
    },
    '/api/reports/ccw-art13': {
      summary:
        'CCW APII Article 13(4) report of a state for a closed year: json, csv, html, pdf (report.read)',
      query: ['state', 'year', 'format'],
    },
    // Every registered report, with its parameters (src/reports registry; overrides the rows above).
    ...reportRouteDocs(),
  };

/** Convert a Zod schema to an OpenAPI 3.0 schema object (JSON Schema, draft-4 flavoured). */
function schemaOf(s: z.ZodType | undefined, io: 'input' | 'output' = 'input'): Json {
  if (s === undefined) return {};
  try {
    const j = z.toJSONSchema(s, { target: 'openapi-3.0', unrepresentable: 'any', io }) as Json;
    delete j['$schema'];
    return j;
  } catch {
    return {};
  }
}

const ERROR_RESPONSE: Json = {
  description: 'An error in the one shape',
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
};

/** The parameters of one location (path or query) from an object schema, each with its own schema. */
function parametersOf(s: z.ZodType | undefined, where: 'path' | 'query'): Json[] {
  const shape = (s as { shape?: Record<string, z.ZodType> } | undefined)?.shape;
  if (shape === undefined) return [];
  return Object.entries(shape).map(([name, prop]) => {
    const schema = schemaOf(prop);
    const description = schema['description'];
    return {
      name,
      in: where,
      required: where === 'path' || !prop.safeParse(undefined).success,
      schema,
      ...(typeof description === 'string' ? { description } : {}),
    };
  });
}

/** The operation of a schema-first route: everything from its schemas. */
function operationOf(e: RouteEntry): Json {
  const media = e.mediaType;
  const ok: Json =
    e.kind === 'empty'
      ? { description: 'Done (no body)' }
      : { description: 'OK', content: { [media]: { schema: schemaOf(e.response) } } };
  return {
    summary: e.summary,
    ...(e.description === undefined ? {} : { description: e.description }),
    'x-access': typeof e.access === 'string' ? e.access : { anyOf: e.access.anyOf },
    parameters: [...parametersOf(e.params, 'path'), ...parametersOf(e.query, 'query')],
    ...(e.body === undefined
      ? {}
      : { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(e.body) } } } }),
    responses: { ...Object.fromEntries(e.statuses.map((s) => [String(s), ok])), default: ERROR_RESPONSE },
  };
}

/** Build the document for the routes registered on `http`. */
export function openApiDocument(http: Hono<HttpEnv>, table: RouteTable, app: Cairn, serverUrl: string): Json {
  const paths: Record<string, Json> = {};
  for (const r of http.routes) {
    if (r.method === 'ALL' || r.path.includes('*')) continue;
    const path = r.path.replace(/:([A-Za-z]+)(\{[^}]*\})?/g, '{$1}');
    const method = r.method.toLowerCase();
    const declared = table.find(r.method, path);
    if (declared !== undefined) {
      paths[path] = { ...(paths[path] ?? {}), [method]: operationOf(declared) };
      continue;
    }
    const doc = r.method === 'GET' ? ROUTE_DOCS[path] : undefined;
    const params = [
      ...[...path.matchAll(/\{([A-Za-z]+)\}/g)].map((m) => ({
        name: m[1],
        in: 'path',
        required: true,
        schema: { type: 'string' },
      })),
      ...(doc?.query ?? []).map((name) => ({
        name,
        in: 'query',
        required: false,
        schema: { type: 'string' },
      })),
    ];
    const op: Json = {
      summary: doc?.summary ?? `${r.method} ${path}`,
      parameters: params,
      responses: {
        '200': { description: 'OK' },
        default: ERROR_RESPONSE,
      },
    };
    paths[path] = { ...(paths[path] ?? {}), [method]: op };
  }
  const schemas: Record<string, Json> = { Error: ERROR };
  const commands: string[] = [];
  for (const t of app.pipeline.commandTypes()) {
    if (t.startsWith('audit.')) continue;
    const h = app.pipeline.handler(t);
    schemas[`command:${t}`] = {
      ...schemaOf(h?.schema),
      'x-permission': h?.permission,
      'x-effective-at': h?.effectiveAt,
    };
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
                properties: {
                  payload: { $ref: `#/components/schemas/command:${t}` },
                  effectiveAt: { type: 'string', format: 'date-time' },
                  submission: { type: 'string' },
                  cosigner: { type: 'string' },
                },
              },
            },
          },
        },
        responses: {
          '201': { description: 'Executed' },
          '200': { description: 'A replayed submission: nothing was written' },
          default: {
            description: 'Refused',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
          },
        },
      },
    };
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'Cairn API',
      version: '0.1.0',
      description:
        'JSON API, OGC API Features (Parts 1–4) at /ogc, vector tiles at /tiles. Errors: {code, message, details[]}.',
    },
    servers: [{ url: serverUrl }],
    paths,
    components: {
      schemas,
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'An API token' },
        basic: {
          type: 'http',
          scheme: 'basic',
          description: 'Any user name, the API token as the password (QGIS, GDAL)',
        },
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'cairn_session',
          description: 'Browser session; unsafe methods need the X-CSRF-Token header',
        },
      },
    },
    security: [{}, { bearer: [] }, { basic: [] }, { session: [] }],
    'x-commands': commands,
  };
}
