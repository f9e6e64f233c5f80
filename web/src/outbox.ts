/**
 * The field outbox: land-release reports entered where the connection drops are kept on the device
 * and sent when it returns, and a retry never makes a second report.
 *
 * - Each report gets a submission id on the device before anything is sent, and the report is
 *   saved under it first; a closed tab or a lost response cannot lose it.
 * - The id goes with the command as its `submission`: the server's pipeline runs a submission id
 *   once. A resend after a lost response answers `replayed` and adds nothing (field-users.md §1:
 *   "retries must be idempotent").
 * - A network failure, a server that is down (5xx) and an expired session (401) keep the report
 *   pending. A refusal of the report itself (4xx) marks it refused, with the server's problems.
 *   Nothing is ever dropped without the user asking.
 * - A tablet may be shared: each report belongs to the user who entered it and is sent only while
 *   they are signed in, so the ledger never names someone else as its author.
 * - Browser storage can be wiped (field-users.md §1, iOS), so the outbox page offers a download
 *   of everything in it.
 * - Browser storage is not encrypted: a report's content is dropped from it as soon as the server
 *   has the report. Minefield records (APII, military) do not go through the outbox at all.
 */
import { ApiError, describeError, type ApiProblem } from './api/client.js';
import type { CommandResult } from './api/routes.js';
import { browserSendDeps, sendWithAttachments } from './offline/send.js';
import { readList, storedOutboxItem } from './offline/stored.js';

export type OutboxStatus = 'pending' | 'sent' | 'refused';

export interface OutboxItem {
  /** The submission id, made on this device. */
  readonly id: string;
  /** Who entered it: only they send it (the ledger names the sender as the actor). */
  readonly owner: string;
  readonly type: string;
  readonly payload: unknown;
  readonly effectiveAt?: string;
  /** What the user sees in the list, e.g. "Hazardous area: North field". */
  readonly label: string;
  readonly createdAt: string;
  readonly status: OutboxStatus;
  readonly attempts: number;
  readonly lastAttemptAt?: string;
  /** Why the last attempt did not go through (readable). */
  readonly error?: string;
  readonly problems?: readonly ApiProblem[];
  /** The ledger seq of the report's last event, once sent. */
  readonly seq?: number;
  /**
   * SHA-256 of each photo the report references: the bytes wait in IndexedDB (offline/photos.ts)
   * and are uploaded before the report, then removed from the device once the report is sent.
   */
  readonly attachments?: readonly string[];
}

/** Where the outbox lives (localStorage in the app, a map in tests). */
export interface OutboxStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export type Send = (item: OutboxItem) => Promise<CommandResult>;

const KEY = 'cairn.outbox';
/** Sent reports kept for the record on the device (the ledger is the real record). */
const KEEP_SENT = 200;

/** A submission id from 128 random bits (`crypto.randomUUID` needs a secure context; a LAN server may be plain http). */
export function newSubmissionId(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  return `web:${Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')}`;
}

/** Failures worth another try later: no network, server trouble, an expired session. */
function retryable(e: unknown): boolean {
  if (!(e instanceof ApiError)) return true;
  // A cold start offline has no CSRF token yet: a write refused for it waits for the next sign-in check.
  if (e.code === 'AUTH_CSRF' || e.code === 'AUTH_REQUIRED') return true;
  return (
    e.code === 'NETWORK' ||
    e.status === 0 ||
    e.status === 401 ||
    e.status === 408 ||
    e.status === 429 ||
    e.status >= 500
  );
}

export class Outbox {
  readonly #storage: OutboxStorage;
  readonly #send: Send;
  readonly #now: () => Date;
  readonly #newId: () => string;
  readonly #listeners = new Set<() => void>();
  #flushing: Promise<void> | undefined;
  /** Ids with a request in flight: a flush does not send them a second time meanwhile. */
  readonly #inFlight = new Set<string>();
  #user: string | undefined;
  /** The last report submitted from this page, so a repeated submit of it is not a second report. */
  #last: { readonly key: string; readonly id: string } | undefined;

  constructor(
    storage: OutboxStorage,
    send: Send,
    now: () => Date = () => new Date(),
    newId: () => string = newSubmissionId,
  ) {
    this.#storage = storage;
    this.#send = send;
    this.#now = now;
    this.#newId = newId;
  }

  /** Every item, oldest first. */
  list(): OutboxItem[] {
    return readList(this.#storage.getItem(KEY), storedOutboxItem).items;
  }

  /** The signed-in user's items, oldest first. */
  mine(): OutboxItem[] {
    return this.list().filter((i) => i.owner === this.#user);
  }

  /** The signed-in user's reports still to send. */
  pendingCount(): number {
    return this.mine().filter((i) => i.status === 'pending').length;
  }

  /** Is a report on its way to the server right now? */
  sending(): boolean {
    return this.#inFlight.size > 0;
  }

  /** Who is signed in (undefined: nobody); their pending reports can then be sent. */
  setUser(id: string | undefined): void {
    this.#user = id;
    for (const fn of this.#listeners) fn();
  }

  subscribe(fn: () => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  #write(items: readonly OutboxItem[]): void {
    // Text that no longer parses (a browser or extension damaged it), or that holds an item this
    // build cannot read (another build's, or damaged), is set aside whole, never overwritten: it
    // may still hold reports someone can recover from it.
    const raw = this.#storage.getItem(KEY);
    if (raw !== null && readList(raw, storedOutboxItem).unreadable)
      this.#storage.setItem(`${KEY}.unreadable.${this.#now().toISOString()}`, raw);
    const sent = items.filter((i) => i.status === 'sent');
    const drop = new Set(sent.slice(0, Math.max(0, sent.length - KEEP_SENT)).map((i) => i.id));
    this.#storage.setItem(KEY, JSON.stringify(items.filter((i) => !drop.has(i.id))));
    for (const fn of this.#listeners) fn();
  }

  #update(id: string, change: (cur: OutboxItem) => OutboxItem): OutboxItem | undefined {
    const items = this.list();
    const i = items.findIndex((x) => x.id === id);
    const cur = items[i];
    if (cur === undefined) return undefined;
    const next = change(cur);
    items[i] = next;
    this.#write(items);
    return next;
  }

  /** One attempt: the item as it stands afterwards, and the error when it did not go through. */
  async #attempt(item: OutboxItem): Promise<{ readonly item: OutboxItem; readonly error?: unknown }> {
    const at = this.#now().toISOString();
    this.#inFlight.add(item.id);
    for (const fn of this.#listeners) fn();
    try {
      const r = await this.#send(item);
      const seq = r.events[r.events.length - 1]?.seq;
      // Once the server has it, the report's content leaves the device: only its label and ledger
      // entry stay, so restricted details are not kept in browser storage longer than needed.
      const sent = this.#update(item.id, ({ error: _e, problems: _p, ...cur }) => ({
        ...cur,
        payload: null,
        status: 'sent',
        attempts: cur.attempts + 1,
        lastAttemptAt: at,
        ...(seq === undefined ? {} : { seq }),
      }));
      return { item: sent ?? item };
    } catch (e) {
      const problems = e instanceof ApiError ? e.problems : [];
      const kept = this.#update(item.id, (cur) => ({
        ...cur,
        status: retryable(e) ? 'pending' : 'refused',
        attempts: cur.attempts + 1,
        lastAttemptAt: at,
        error: describeError(e),
        problems,
      }));
      return { item: kept ?? item, error: e };
    } finally {
      this.#inFlight.delete(item.id);
      for (const fn of this.#listeners) fn();
    }
  }

  /**
   * Save a report, then try to send it once. Resolves with it `sent` (on the server) or `pending`
   * (kept here, sent later). When the server refuses the report itself, it is taken out of the
   * outbox again and the server's error is thrown, for the form to show next to the fields.
   */
  async submit(
    type: string,
    payload: unknown,
    label: string,
    effectiveAt?: string,
    attachments: readonly string[] = [],
  ): Promise<OutboxItem> {
    const owner = this.#user;
    if (owner === undefined) throw new Error('outbox: nobody is signed in');
    // The same report submitted again (a second click after "saved on this device") keeps its
    // submission id: it is one report, and the server records it once.
    const key = JSON.stringify([owner, type, payload, effectiveAt ?? null]);
    const again = this.#last?.key === key ? this.list().find((i) => i.id === this.#last?.id) : undefined;
    if (again !== undefined)
      return again.status === 'pending' && !this.#inFlight.has(again.id)
        ? (await this.#attempt(again)).item
        : again;
    const item: OutboxItem = {
      id: this.#newId(),
      owner,
      type,
      payload,
      label,
      createdAt: this.#now().toISOString(),
      status: 'pending',
      attempts: 0,
      ...(effectiveAt === undefined ? {} : { effectiveAt }),
      ...(attachments.length === 0 ? {} : { attachments }),
    };
    this.#last = { key, id: item.id };
    this.#write([...this.list(), item]);
    const after = await this.#attempt(item);
    if (after.item.status === 'refused') {
      this.remove(item.id);
      throw after.error;
    }
    return after.item;
  }

  /** Send every pending item, oldest first; stops at the first that must wait (still offline). */
  flush(): Promise<void> {
    if (this.#flushing !== undefined) return this.#flushing;
    const run = async (): Promise<void> => {
      for (const item of this.mine()) {
        if (item.status !== 'pending' || this.#inFlight.has(item.id)) continue;
        const after = await this.#attempt(item);
        if (after.item.status === 'pending') break;
      }
    };
    // Cleared in a later microtask, so a run that finishes at once cannot leave itself behind.
    const p: Promise<void> = run().finally(() => {
      if (this.#flushing === p) this.#flushing = undefined;
    });
    this.#flushing = p;
    return p;
  }

  /** Take an item out (the page asks first for a pending one: it has not reached the server). */
  remove(id: string): void {
    this.#write(this.list().filter((i) => i.id !== id));
  }

  /** Everything in the outbox as a JSON document, for a copy kept off the device. */
  exportJson(): string {
    return JSON.stringify(
      { format: 'cairn-outbox/1', exportedAt: this.#now().toISOString(), items: this.list() },
      null,
      2,
    );
  }
}

let shared: Outbox | undefined;

/**
 * The app's outbox: in localStorage (report text), photos in IndexedDB; each send uploads the
 * report's photos first, then the report (both idempotent). Flushed when the browser is back
 * online (after the app has checked the session, app.tsx) and every 30 s.
 */
export function appOutbox(): Outbox {
  if (shared === undefined) {
    const box = new Outbox(globalThis.localStorage, (i) => sendWithAttachments(i, browserSendDeps));
    shared = box;
    globalThis.setInterval(() => {
      if (box.pendingCount() > 0) void box.flush();
    }, 30_000);
  }
  return shared;
}
