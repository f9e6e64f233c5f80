/**
 * Photo attachments of field reports (issue #12 §2): kept outside the ledger, named by the SHA-256
 * of their bytes, and referenced from a report as `{ sha256, mediaType, bytes }`, so the ledger
 * commits to each photo without holding it (docs/decisions.md, "Attachments").
 *
 * - `POST /api/attachments` (body: the image bytes, Content-Type image/jpeg|png|webp): needs
 *   `landrelease.submit`, and a cookie session sends its CSRF token like every write. The type is
 *   checked by the file's magic bytes, not by what the client claims; at most 10 MiB. Uploading
 *   the same bytes again answers 200 with the same reference: a retry from the field outbox never
 *   makes a second copy.
 * - `GET /api/attachments/:digest`: the uploader, or a reader who may see a workbench submission
 *   that references the photo (the land-release need-to-know, `visibleTo`). Every photo served is
 *   audited (`audit.read.record`), as a restricted record is: a victim's or accident photo is
 *   personal data.
 * - A `landrelease.submit` command whose report references a photo the server does not hold (or
 *   holds with another type or size) is refused with ATTACHMENT_MISSING before it reaches the
 *   pipeline: nothing in the ledger points at a photo nobody can see.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Context, Hono } from 'hono';
import { can, CLASSIFICATIONS, labelOf, type Actor, type Classification } from '../../access/index.js';
import { problem, type Problem } from '../../core/index.js';
import { LR_SUBMISSIONS, readDocs } from '../../landrelease/index.js';
import type { Doc, DocReader } from '../../store/index.js';
import { audit } from '../auth.js';
import { mediaType as mediaTypeOf } from '../body.js';
import type { HttpDeps, HttpEnv } from '../env.js';
import { refuse, refuseAll } from '../errors.js';
import { runCommand } from '../execute.js';
import { BytesBody, defineRoute, RawResponse, type RouteTable } from '../route.js';
import { AttachmentRefSchema, CommandDone, CommandEnvelope, DigestParam, IMAGE_TYPES } from '../schemas.js';

/** Largest photo accepted: a phone camera's full-size JPEG fits; a video does not. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export type ImageType = 'image/jpeg' | 'image/png' | 'image/webp';

export interface AttachmentMeta {
  readonly sha256: string;
  readonly mediaType: ImageType;
  readonly bytes: number;
  readonly uploadedBy: string;
  readonly uploadedAt: string;
}

/** Where attachment bytes live: a folder of the data directory, or memory (tests). */
export interface BlobStore {
  get(sha256: string): Promise<{ readonly meta: AttachmentMeta; readonly body: Buffer } | undefined>;
  meta(sha256: string): Promise<AttachmentMeta | undefined>;
  /** Store the bytes under their hash; false when they were already there (nothing written). */
  put(meta: AttachmentMeta, body: Buffer): Promise<boolean>;
}

/** The image type from the file's first bytes (JPEG SOI, PNG signature, RIFF….WEBP), or undefined. */
export function sniffImageType(b: Uint8Array): ImageType | undefined {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (b.length >= 8 && png.every((x, i) => b[i] === x)) return 'image/png';
  const ascii = (from: number, to: number) => String.fromCharCode(...b.subarray(from, to));
  if (b.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  return undefined;
}

const SHA = /^[0-9a-f]{64}$/;

/** Attachments as files: `<dir>/<first two hex digits>/<sha256>` and `<sha256>.json` beside it. */
export class DirBlobStore implements BlobStore {
  readonly #dir: string;
  constructor(dir: string) {
    this.#dir = dir;
  }
  #path(sha: string): string {
    if (!SHA.test(sha)) throw new Error(`not a SHA-256: ${sha}`);
    return join(this.#dir, sha.slice(0, 2), sha);
  }
  async meta(sha: string): Promise<AttachmentMeta | undefined> {
    try {
      return JSON.parse(await readFile(`${this.#path(sha)}.json`, 'utf8')) as AttachmentMeta;
    } catch {
      return undefined;
    }
  }
  async get(sha: string): Promise<{ meta: AttachmentMeta; body: Buffer } | undefined> {
    const meta = await this.meta(sha);
    if (meta === undefined) return undefined;
    return { meta, body: await readFile(this.#path(sha)) };
  }
  async put(meta: AttachmentMeta, body: Buffer): Promise<boolean> {
    const path = this.#path(meta.sha256);
    if ((await this.meta(meta.sha256)) !== undefined) return false;
    await mkdir(join(this.#dir, meta.sha256.slice(0, 2)), { recursive: true, mode: 0o700 });
    // Written under a temporary name and renamed: a crash never leaves half a photo under its hash.
    // The metadata goes last, so a blob without metadata is never served.
    const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(tmp, body, { mode: 0o600 });
    await rename(tmp, path);
    const s = await stat(path);
    if (s.size !== meta.bytes)
      throw new Error(`attachment ${meta.sha256}: wrote ${s.size} bytes, expected ${meta.bytes}`);
    await writeFile(`${tmp}.json`, JSON.stringify(meta), { mode: 0o600 });
    await rename(`${tmp}.json`, `${path}.json`);
    return true;
  }
}

/** Attachments in memory, for in-process servers without a data directory (tests). */
export class MemoryBlobStore implements BlobStore {
  readonly #items = new Map<string, { meta: AttachmentMeta; body: Buffer }>();
  meta(sha: string): Promise<AttachmentMeta | undefined> {
    return Promise.resolve(this.#items.get(sha)?.meta);
  }
  get(sha: string): Promise<{ meta: AttachmentMeta; body: Buffer } | undefined> {
    return Promise.resolve(this.#items.get(sha));
  }
  put(meta: AttachmentMeta, body: Buffer): Promise<boolean> {
    if (this.#items.has(meta.sha256)) return Promise.resolve(false);
    this.#items.set(meta.sha256, { meta, body: Buffer.from(body) });
    return Promise.resolve(true);
  }
}

/** The attachment references of a `landrelease.submit` body, with their paths (none when it has none). */
export function attachmentRefsOf(body: unknown): {
  readonly path: string;
  readonly sha256: unknown;
  readonly mediaType: unknown;
  readonly bytes: unknown;
}[] {
  const payload = (body as { payload?: { report?: { attachments?: unknown } } } | null)?.payload;
  const list = payload?.report?.attachments;
  if (!Array.isArray(list)) return [];
  return list.map((a: unknown, i) => {
    const r = (typeof a === 'object' && a !== null ? a : {}) as Record<string, unknown>;
    return {
      path: `payload.report.attachments[${i}]`,
      sha256: r['sha256'],
      mediaType: r['mediaType'],
      bytes: r['bytes'],
    };
  });
}

/** Problems for references to photos the store does not hold as described (empty: all there). */
export async function missingAttachments(store: BlobStore, body: unknown): Promise<Problem[]> {
  const out: Problem[] = [];
  for (const ref of attachmentRefsOf(body)) {
    // Malformed references are the payload schema's to report, with its own paths.
    if (typeof ref.sha256 !== 'string' || !SHA.test(ref.sha256)) continue;
    const meta = await store.meta(ref.sha256);
    if (meta === undefined)
      out.push(
        problem(
          'ATTACHMENT_MISSING',
          ref.path,
          `no attachment ${ref.sha256} was uploaded; upload it first (POST /api/attachments)`,
        ),
      );
    else if (meta.mediaType !== ref.mediaType || meta.bytes !== ref.bytes) {
      out.push(
        problem(
          'ATTACHMENT_MISSING',
          ref.path,
          `attachment ${ref.sha256} is ${meta.mediaType} of ${meta.bytes} bytes, not ${String(ref.mediaType)} of ${String(ref.bytes)}`,
        ),
      );
    }
  }
  return out;
}

/** The workbench submissions the actor may see that reference the photo. */
async function photoReferences(docs: DocReader, actor: Actor, sha: string): Promise<Doc[]> {
  const subs = await readDocs(docs, actor, { collection: LR_SUBMISSIONS });
  return subs.filter((d) =>
    attachmentRefsOf({ payload: { report: d.data['report'] } }).some((r) => r.sha256 === sha),
  );
}

/**
 * Audit one photo read, as the highest classification of the reports that reference it; a photo no
 * visible report references yet (the uploader's own) counts as restricted: a field photo is never public.
 */
async function auditPhotoRead(
  c: Context<HttpEnv>,
  deps: HttpDeps,
  actor: Actor,
  sha: string,
  refs: readonly Doc[],
): Promise<void> {
  const levels = refs.map((d) => CLASSIFICATIONS.indexOf(labelOf(d.data, 'secret').classification));
  const classification: Classification = CLASSIFICATIONS[Math.max(1, ...levels)] ?? 'secret';
  await audit(deps, actor, 'audit.read.record', {
    collection: 'attachments',
    records: [{ id: sha, classification }],
    route: `${c.req.method} ${new URL(c.req.url).pathname}`.slice(0, 500),
  });
}

export function attachmentRoutes(
  http: Hono<HttpEnv>,
  deps: HttpDeps,
  store: BlobStore,
  table: RouteTable,
): void {
  const now = deps.opts.now ?? Date.now;
  const images = Object.fromEntries(IMAGE_TYPES.map((m) => [m, 'binary' as const]));

  defineRoute(http, deps, table, {
    method: 'POST',
    path: '/api/attachments',
    summary: 'Upload a photo for a field report (201; 200 when the same bytes are already held)',
    description:
      'The body is the image itself; its type is checked by its first bytes, not by what the client claims.',
    access: 'landrelease.submit',
    body: BytesBody,
    bodyMedia: IMAGE_TYPES,
    maxBodyBytes: MAX_ATTACHMENT_BYTES,
    response: RawResponse,
    kind: 'raw',
    content: { 'application/json': AttachmentRefSchema },
    status: 201,
    alsoStatus: [200],
    handler: async ({ c, actor, body }) => {
      const declared = mediaTypeOf(c);
      if (body.length === 0)
        refuseAll([problem('VALIDATION_REQUIRED', 'body', 'the body must hold the image bytes')]);
      const sniffed = sniffImageType(body);
      if (sniffed === undefined)
        refuseAll([problem('ATTACHMENT_TYPE', 'body', 'the bytes are not a JPEG, PNG or WebP image')]);
      if (sniffed !== declared)
        refuseAll([
          problem('ATTACHMENT_TYPE', 'content-type', `the bytes are ${sniffed}, not ${declared}`, {
            detected: sniffed,
          }),
        ]);
      const sha256 = createHash('sha256').update(body).digest('hex');
      const created = await store.put(
        {
          sha256,
          mediaType: sniffed,
          bytes: body.length,
          uploadedBy: actor.id,
          uploadedAt: new Date(now()).toISOString(),
        },
        body,
      );
      c.header('Location', `/api/attachments/${sha256}`);
      return c.json({ sha256, mediaType: sniffed, bytes: body.length }, created ? 201 : 200);
    },
  });

  defineRoute(http, deps, table, {
    method: 'GET',
    path: '/api/attachments/:digest',
    summary: 'A photo, to its uploader or a reader who may see a field report referencing it',
    access: 'authenticated',
    params: DigestParam,
    response: RawResponse,
    kind: 'raw',
    content: images,
    handler: async ({ c, actor, params }) => {
      const sha = params.digest;
      const found = await store.get(sha);
      // The same answer for "no such photo" and "not yours to see": an id reveals nothing.
      const notFound = () => refuse('NOT_FOUND', `no attachment ${sha}`);
      if (found === undefined) return notFound();
      const refs = await photoReferences(deps.app.store, actor, sha);
      if (found.meta.uploadedBy !== actor.id && refs.length === 0) return notFound();
      await auditPhotoRead(c, deps, actor, sha, refs);
      return c.body(new Uint8Array(found.body), 200, {
        'content-type': found.meta.mediaType,
        // Immutable bytes, but who may see them can change: the browser asks each time.
        'cache-control': 'private, no-cache',
        'x-content-type-options': 'nosniff',
        'content-disposition': `inline; filename="${sha}.${found.meta.mediaType.slice('image/'.length)}"`,
      });
    },
  });

  // Before the generic command route (registered after this, so this one answers): a report that
  // references a photo the server does not hold is refused before it reaches the pipeline.
  defineRoute(http, deps, table, {
    method: 'POST',
    path: '/api/commands/landrelease.submit',
    summary: 'Submit a field report, once every photo it references is uploaded (201; 200 when replayed)',
    description:
      'The generic command route, with ATTACHMENT_MISSING first for a reference to a photo not held as described.',
    access: 'public',
    body: CommandEnvelope,
    response: CommandDone,
    status: (out) => (out.replayed ? 200 : 201),
    alsoStatus: [200],
    handler: async ({ c, actor, body }) => {
      // Only a caller who may submit learns which photos the server holds; anyone else gets the
      // pipeline's refusal (AUTH_FORBIDDEN), as on the generic command route.
      if (can(actor, 'landrelease.submit')) {
        const missing = await missingAttachments(store, body);
        if (missing.length > 0) refuseAll(missing, 'landrelease.submit');
      }
      return runCommand(c, deps, 'landrelease.submit', body);
    },
  });
}
