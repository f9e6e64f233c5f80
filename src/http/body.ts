/** Reading request bodies at the boundary: size limit, content type, JSON syntax. */
import type { Context } from 'hono';
import { problem } from '../core/index.js';
import { refuse } from './errors.js';

export const DEFAULT_MAX_BODY = 1024 * 1024;

/** The media type of a request without parameters, lower-cased ('' when absent). */
export function mediaType(c: Context): string {
  return (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** Read the raw body, refusing (413) beyond `max` bytes even when Content-Length lies or is absent. */
export async function readBody(c: Context, max: number): Promise<string> {
  const declared = c.req.header('content-length');
  if (declared !== undefined && Number(declared) > max) {
    refuse('HTTP_PAYLOAD_TOO_LARGE', `the body is ${declared} bytes; the limit is ${max}`, [
      problem('HTTP_PAYLOAD_TOO_LARGE', 'body', `at most ${max} bytes`, { limit: max }),
    ]);
  }
  const body = c.req.raw.body;
  if (body === null) return '';
  const reader = (body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      refuse('HTTP_PAYLOAD_TOO_LARGE', `the body exceeds the limit of ${max} bytes`, [
        problem('HTTP_PAYLOAD_TOO_LARGE', 'body', `at most ${max} bytes`, { limit: max }),
      ]);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Read a JSON body: the content type must be one of `types` (415 otherwise), the size within
 * `max` (413), and the text valid JSON (400 HTTP_BAD_JSON).
 */
export async function readJson(
  c: Context,
  max: number,
  types: readonly string[] = ['application/json'],
): Promise<unknown> {
  const type = mediaType(c);
  if (!types.includes(type)) {
    refuse(
      'HTTP_UNSUPPORTED_MEDIA_TYPE',
      `the content type must be ${types.join(' or ')}, not "${type || 'none'}"`,
      [
        problem('HTTP_UNSUPPORTED_MEDIA_TYPE', 'content-type', `expected ${types.join(' or ')}`, {
          received: type,
          accepted: types,
        }),
      ],
    );
  }
  const text = await readBody(c, max);
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const why = e instanceof SyntaxError ? e.message : 'not JSON';
    return refuse('HTTP_BAD_JSON', `the body is not valid JSON: ${why}`, [
      problem('HTTP_BAD_JSON', 'body', why),
    ]);
  }
}
