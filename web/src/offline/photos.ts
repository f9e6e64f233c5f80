/**
 * Photos kept on the device until their report is sent (issue #12 §2): the bytes as IndexedDB
 * blobs under the SHA-256 of their content — the same name the server files them under
 * (src/http/routes/attachments.ts), so an upload retried after a lost response is the same photo.
 */
import type { AttachmentRef } from '../../../src/landrelease/index.js';
import { storedPhoto } from './stored.js';

export type ImageType = AttachmentRef['mediaType'];
export const IMAGE_TYPES: readonly ImageType[] = ['image/jpeg', 'image/png', 'image/webp'];
/** The server's cap (src/http/routes/attachments.ts MAX_ATTACHMENT_BYTES). */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

export interface StoredPhoto extends AttachmentRef {
  readonly blob: Blob;
  readonly name: string;
  readonly owner: string;
  readonly savedAt: string;
}

/** Lower-case hex SHA-256 of the bytes (Web Crypto: needs a secure context, as the service worker does). */
export async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const d = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(d, (x) => x.toString(16).padStart(2, '0')).join('');
}

/** Why a chosen file cannot be attached, or undefined when it can. */
export function photoProblem(file: {
  readonly type: string;
  readonly size: number;
}): 'type' | 'size' | 'empty' | undefined {
  if (!(IMAGE_TYPES as readonly string[]).includes(file.type)) return 'type';
  if (file.size === 0) return 'empty';
  if (file.size > MAX_PHOTO_BYTES) return 'size';
  return undefined;
}

const DB = 'cairn';
const STORE = 'photos';

function req<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

let opening: Promise<IDBDatabase> | undefined;

function db(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const r = indexedDB.open(DB, 1);
    r.onupgradeneeded = () => {
      if (!r.result.objectStoreNames.contains(STORE))
        r.result.createObjectStore(STORE, { keyPath: 'sha256' });
    };
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => {
      opening = undefined;
      reject(r.error ?? new Error('IndexedDB is not available'));
    };
  });
  return opening;
}

async function tx<T>(mode: IDBTransactionMode, run: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const d = await db();
  const t = d.transaction(STORE, mode);
  const result = req(run(t.objectStore(STORE)));
  await new Promise<void>((resolve, reject) => {
    t.oncomplete = () => resolve();
    t.onerror = () => reject(t.error ?? new Error('IndexedDB transaction failed'));
    t.onabort = () => reject(t.error ?? new Error('IndexedDB transaction aborted'));
  });
  return result;
}

/** Keep a chosen photo on the device; resolves with its reference for the report. */
export async function keepPhoto(file: File, owner: string): Promise<StoredPhoto> {
  const problem = photoProblem(file);
  if (problem !== undefined) throw new Error(`photo ${file.name}: ${problem}`);
  const bytes = await file.arrayBuffer();
  const photo: StoredPhoto = {
    sha256: await sha256Hex(bytes),
    mediaType: file.type as ImageType,
    bytes: bytes.byteLength,
    blob: new Blob([bytes], { type: file.type }),
    name: file.name,
    owner,
    savedAt: new Date().toISOString(),
  };
  await tx('readwrite', (s) => s.put(photo));
  return photo;
}

/** The photo kept under this digest; undefined when there is none, or the record is of another shape. */
export async function getPhoto(sha256: string): Promise<StoredPhoto | undefined> {
  const r = storedPhoto.safeParse(await tx<unknown>('readonly', (s) => s.get(sha256)));
  return r.success ? r.data : undefined;
}

export async function deletePhoto(sha256: string): Promise<void> {
  await tx('readwrite', (s) => s.delete(sha256));
}

/** How many photos wait on this device (for the outbox page). */
export async function countPhotos(): Promise<number> {
  return tx('readonly', (s) => s.count());
}
