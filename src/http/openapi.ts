/**
 * The OpenAPI 3.0 document at /api, generated from the routes actually registered (so it can
 * never list a route that does not exist, or miss one): a schema-first route (route.ts) brings
 * its parameters, body and responses from the same Zod schemas that validate it, and each
 * command its payload schema. Every /api route is schema-first (test/http-queries.test.ts holds
 * that); the OGC and tile routes outside /api are listed with their path parameters.
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import type { Cairn } from '../app/index.js';
import { errorCatalogue } from '../core/index.js';
import type { HttpEnv } from './env.js';
import type { Content, RouteEntry, RouteTable } from './route.js';

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

/** The schema of one declared body: a Zod schema's, or a string of text or bytes. */
function contentSchema(c: Content): Json {
  if (c === 'binary') return { type: 'string', format: 'binary' };
  if (c === 'text') return { type: 'string' };
  return schemaOf(c);
}

/** The `content` map of a body declared by media type. */
function contentOf(content: Readonly<Record<string, Content>>): Json {
  return Object.fromEntries(Object.entries(content).map(([m, c]) => [m, { schema: contentSchema(c) }]));
}

/** The request body of a route: JSON in its schema, or bytes of its media types. */
function requestBodyOf(e: RouteEntry): Json {
  if (e.body === undefined) return {};
  const content =
    e.bodyMedia === undefined
      ? { 'application/json': { schema: schemaOf(e.body) } }
      : contentOf(Object.fromEntries(e.bodyMedia.map((m) => [m, 'binary' as const])));
  return { requestBody: { required: true, content } };
}

/** The operation of a schema-first route: everything from its schemas. */
function operationOf(e: RouteEntry): Json {
  const media = e.mediaType;
  const ok: Json =
    e.kind === 'empty'
      ? { description: 'Done (no body)' }
      : e.kind === 'raw'
        ? { description: 'OK', content: contentOf(e.content ?? {}) }
        : { description: 'OK', content: { [media]: { schema: schemaOf(e.response) } } };
  return {
    summary: e.summary,
    ...(e.description === undefined ? {} : { description: e.description }),
    'x-access': typeof e.access === 'string' ? e.access : { anyOf: e.access.anyOf },
    parameters: [...parametersOf(e.params, 'path'), ...parametersOf(e.query, 'query')],
    ...requestBodyOf(e),
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
    const params = [...path.matchAll(/\{([A-Za-z]+)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const op: Json = {
      summary: `${r.method} ${path}`,
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
    const path = `/api/commands/${t}`;
    // The command's own route (landrelease.submit checks its photos first) or the generic one:
    // its responses, with this command's payload schema in the body.
    const own = table.find('POST', path);
    const base = own ?? table.find('POST', '/api/commands/{type}');
    paths[path] = {
      post: {
        ...(base === undefined ? {} : operationOf(base)),
        summary: own?.summary ?? `command ${t} (needs ${h?.permission ?? '?'})`,
        parameters: [],
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
