/**
 * Live validation with the server's own schemas (docs/decisions.md, "Web app: one source for
 * schemas"): the command payload schemas the server publishes as JSON Schema in its OpenAPI
 * document (`/api`) are turned back into Zod with `z.fromJSONSchema`, and issues are mapped to
 * problems by the same `zodProblems` the server uses, so codes, paths and messages match.
 */
import { z } from 'zod';
import { zodProblems } from '../../../src/command/validation.js';
import type { ApiProblem } from './client.js';
import { fetchParsed } from './client.js';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

let openApi: Promise<JsonObject | undefined> | undefined;

function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The OpenAPI document, fetched once. Undefined when the server does not publish one. */
export function openApiDocument(): Promise<JsonObject | undefined> {
  openApi ??= fetchParsed('/api', z.record(z.string(), z.json())).catch(() => undefined);
  return openApi;
}

function deref(doc: JsonObject, node: Json, depth = 0): Json {
  if (depth > 40) return node;
  if (Array.isArray(node)) return node.map((n) => deref(doc, n, depth + 1));
  if (!isObject(node)) return node;
  const ref = node.$ref;
  if (typeof ref === 'string' && ref.startsWith('#/')) {
    let target: Json | undefined = doc;
    for (const part of ref.slice(2).split('/'))
      target = isObject(target) ? target[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
    return target === undefined ? {} : deref(doc, target, depth + 1);
  }
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(node)) out[k] = deref(doc, v, depth + 1);
  return out;
}

/** Find the payload schema of a command type in the OpenAPI document. */
export function payloadSchemaIn(doc: JsonObject, type: string): JsonObject | undefined {
  const paths = doc.paths;
  if (!isObject(paths)) return undefined;
  const op = paths[`/api/commands/${type}`];
  const post = isObject(op) ? op.post : undefined;
  const rb = isObject(post) ? post.requestBody : undefined;
  const content = isObject(rb) ? rb.content : undefined;
  const json = isObject(content) ? content['application/json'] : undefined;
  const schema = isObject(json) ? deref(doc, json.schema ?? null) : undefined;
  if (!isObject(schema)) return undefined;
  // The body is the command envelope; its `payload` property is the command's own schema.
  const props = schema.properties;
  const payload = isObject(props) ? props.payload : undefined;
  return isObject(payload) ? payload : schema;
}

export interface PayloadValidator {
  /** Every problem with the payload, with paths like the server's (`payload.name`). */
  readonly validate: (payload: unknown) => readonly ApiProblem[];
  readonly jsonSchema: JsonObject;
}

const cache = new Map<string, Promise<PayloadValidator | undefined>>();

/** The validator for a command type, or undefined when the server publishes no schema for it. */
export function payloadValidator(type: string): Promise<PayloadValidator | undefined> {
  let p = cache.get(type);
  if (p === undefined) {
    p = openApiDocument().then((doc) => {
      const js = doc === undefined ? undefined : payloadSchemaIn(doc, type);
      if (js === undefined) return undefined;
      let schema: z.ZodType;
      try {
        schema = z.fromJSONSchema(js);
      } catch {
        return undefined;
      }
      return {
        jsonSchema: js,
        validate: (payload: unknown) => {
          const r = schema.safeParse(payload);
          return r.success ? [] : zodProblems(r.error.issues, 'payload');
        },
      };
    });
    cache.set(type, p);
  }
  return p;
}
