/** Reading request bodies at the boundary: size limit, content type, JSON syntax. */
import type { Context } from 'hono';
import { problem } from '../core/index.js';
import { refuse } from './errors.js';

export const DEFAULT_MAX_BODY = 1024 * 1024;

/** The media type of a request without parameters, lower-cased ('' when absent). */
export function mediaType(c: Context): string {
  return (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

const tooLarge = (max: number, what: string): never =>
  refuse('HTTP_PAYLOAD_TOO_LARGE', `${what}; the limit is ${max} bytes`, [
    problem('HTTP_PAYLOAD_TOO_LARGE', 'body', `at most ${max} bytes`, { limit: max }),
  ]);

/** Read the raw body as bytes, refusing (413) beyond `max` even when Content-Length lies or is absent. */
export async function readBytes(req: Request, max: number): Promise<Buffer> {
  const declared = req.headers.get('content-length');
  if (declared !== null && Number(declared) > max) tooLarge(max, `the body is ${declared} bytes`);
  if (req.body === null) return Buffer.alloc(0);
  const reader = (req.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      tooLarge(max, 'the body exceeds the limit');
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** Refuse (415) a request whose media type is not one of `types`, naming the accepted ones. */
export function requireMediaType(type: string, types: readonly string[]): void {
  if (types.includes(type)) return;
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

/**
 * Read a JSON body: the content type must be one of `types` (415 otherwise), the size within
 * `max` (413), and the text valid JSON (400 HTTP_BAD_JSON).
 */
export async function readJson(
  c: Context,
  max: number,
  types: readonly string[] = ['application/json'],
): Promise<unknown> {
  requireMediaType(mediaType(c), types);
  const text = (await readBytes(c.req.raw, max)).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const why = e instanceof SyntaxError ? e.message : 'not JSON';
    return refuse('HTTP_BAD_JSON', `the body is not valid JSON: ${why}`, [
      problem('HTTP_BAD_JSON', 'body', why),
    ]);
  }
}
