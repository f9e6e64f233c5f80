/**
 * Sending one outbox report: its photos first, then the report (issue #12 §2). Each step is
 * idempotent — a photo is named by its SHA-256 on the server, the report by its submission id —
 * so a send cut off anywhere is simply done again. Photos leave the device once the report is in.
 */
import type { AttachmentRef } from '../../../src/landrelease/index.js';
import { AttachmentRefSchema } from '../../../src/http/schemas.js';
import { ApiError, getCsrfToken, parseAnswer, parseError, setCsrfToken } from '../api/client.js';
import { executeCommand, getSession, type CommandResult } from '../api/routes.js';
import type { OutboxItem } from '../outbox.js';
import { appIdentity } from './session.js';
import { deletePhoto, getPhoto, type StoredPhoto } from './photos.js';

export interface SendDeps {
  /** Make sure a server session is there (a cold start offline has no CSRF token yet). */
  readonly ready: () => Promise<void>;
  readonly photo: (sha256: string) => Promise<StoredPhoto | undefined>;
  readonly upload: (photo: StoredPhoto) => Promise<AttachmentRef>;
  readonly execute: (item: OutboxItem) => Promise<CommandResult>;
  readonly forget: (sha256: string) => Promise<void>;
}

/** Upload the report's photos kept on this device, then the report; then drop the photos here. */
export async function sendWithAttachments(item: OutboxItem, deps: SendDeps): Promise<CommandResult> {
  await deps.ready();
  for (const sha of item.attachments ?? []) {
    const p = await deps.photo(sha);
    // Gone from the device (already sent with an earlier report): the server checks the reference.
    if (p === undefined) continue;
    const ref = await deps.upload(p);
    if (ref.sha256 !== sha || ref.bytes !== p.bytes)
      throw new Error(
        `photo ${p.name}: the server filed it as ${ref.sha256} (${ref.bytes} bytes), not ${sha} (${p.bytes} bytes)`,
      );
  }
  const r = await deps.execute(item);
  for (const sha of item.attachments ?? []) {
    // Best effort: a photo left behind is sent again (idempotently) or removed with the item.
    await deps.forget(sha).catch(() => undefined);
  }
  return r;
}

/** Ask the server who is signed in, once per page, before the first write. */
async function ensureSession(): Promise<void> {
  if (getCsrfToken() !== undefined) return;
  const s = await getSession();
  setCsrfToken(s.csrfToken ?? undefined);
  appIdentity().setServer(s.user === null ? 'signed-out' : 'signed-in');
  if (s.user === null) throw new ApiError(401, 'AUTH_REQUIRED', 'sign in to send', []);
}

/** POST the photo's bytes to /api/attachments with the session's CSRF token. */
async function uploadPhoto(p: StoredPhoto): Promise<AttachmentRef> {
  const headers: Record<string, string> = {
    'content-type': p.mediaType,
    accept: 'application/json',
    'x-requested-with': 'XMLHttpRequest',
  };
  const csrf = getCsrfToken();
  if (csrf !== undefined) headers['x-csrf-token'] = csrf;
  let res: Response;
  try {
    res = await fetch('/api/attachments', {
      method: 'POST',
      headers,
      body: p.blob,
      credentials: 'same-origin',
    });
  } catch {
    throw parseError(0, undefined);
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = text;
  }
  if (res.status === 401) appIdentity().setServer('signed-out');
  if (!res.ok) throw parseError(res.status, body);
  return parseAnswer('/api/attachments', AttachmentRefSchema, body);
}

export const browserSendDeps: SendDeps = {
  ready: ensureSession,
  photo: getPhoto,
  upload: uploadPhoto,
  execute: async (i) => {
    try {
      return await executeCommand(i.type, i.payload, i.effectiveAt, i.id);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) appIdentity().setServer('signed-out');
      throw e;
    }
  },
  forget: deletePhoto,
};
