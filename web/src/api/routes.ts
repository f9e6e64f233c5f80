/**
 * The server routes the app uses, in one place (src/http). Paths are same-origin. Every answer is
 * read through `fetchParsed`: the JSON API's with its own response schemas (src/http/schemas.ts),
 * OGC API Features with the schemas of the parts the app reads (./ogc.ts).
 */
import type { Actor } from '../../../src/access/index.js';
import { z } from 'zod';
import {
  BalancePage,
  CommandDone,
  DocItem,
  DocPage,
  HazardPage,
  LandReleaseProgress,
  MinefieldPage,
  FindingsPage,
  InclusionProof,
  LoggedIn,
  LedgerEntries,
  LedgerHead,
  MovementPage,
  RecordProof,
  SessionInfo,
  SubmissionPage,
  TreatyState,
  VerifyReport,
} from '../../../src/http/schemas.js';
import { fetchParsed, request } from './client.js';
import { OgcCollections, OgcFeature, OgcItems } from './ogc.js';

export type { OgcFeature } from './ogc.js';

/** OGC API Features lives under /ogc on the Cairn server. */
export const OGC = '/ogc';

/** Who is signed in, and the token a state-changing request carries. */
export type Session = Pick<z.output<typeof SessionInfo>, 'user' | 'csrfToken'>;

export function getSession(): Promise<Session> {
  return fetchParsed('/api/session', SessionInfo);
}

export function login(
  name: string,
  password: string,
): Promise<{ readonly user: Actor; readonly csrfToken: string }> {
  return fetchParsed('/api/login', LoggedIn, { method: 'POST', body: { name, password } });
}

export async function logout(): Promise<void> {
  await request('/api/logout', { method: 'POST' });
}

/** What an executed command returns: the events it appended. */
/** What a command answers: its result, whether it was a resend, and the events it appended. */
export type CommandResult = z.output<typeof CommandDone>;

/**
 * Execute any command: `POST /api/commands/{type}` with the command envelope. A `submission` id
 * makes it idempotent: the server runs it once and answers a resend with the same events.
 */
export function executeCommand(
  type: string,
  payload: unknown,
  effectiveAt?: string,
  submission?: string,
): Promise<CommandResult> {
  const body = {
    payload,
    ...(effectiveAt === undefined ? {} : { effectiveAt }),
    ...(submission === undefined ? {} : { submission }),
  };
  return fetchParsed(`/api/commands/${encodeURIComponent(type)}`, CommandDone, { method: 'POST', body });
}

/** Every feature of an OGC collection the caller may see, following `next` links (bounded). */
export async function collectionItems(
  collection: string,
  maxPages = 20,
  signal?: AbortSignal,
): Promise<OgcFeature[]> {
  const out: OgcFeature[] = [];
  let path: string | undefined = `${OGC}/collections/${encodeURIComponent(collection)}/items?limit=1000`;
  for (let page = 0; path !== undefined && page < maxPages; page++) {
    const fc: z.output<typeof OgcItems> = await fetchParsed(path, OgcItems, {
      accept: 'application/geo+json',
      ...(signal === undefined ? {} : { signal }),
    });
    out.push(...fc.features);
    const next: string | undefined = fc.links?.find((l) => l.rel === 'next')?.href;
    path = next === undefined ? undefined : sameOriginPath(next);
  }
  return out;
}

/** How many features of an OGC collection the caller may see (`numberMatched` of a one-item page). */
export async function collectionCount(collection: string, signal?: AbortSignal): Promise<number> {
  const fc = await fetchParsed(
    `${OGC}/collections/${encodeURIComponent(collection)}/items?limit=1`,
    OgcItems,
    { accept: 'application/geo+json', ...(signal === undefined ? {} : { signal }) },
  );
  return fc.numberMatched ?? fc.features.length;
}

export type Box = readonly [number, number, number, number];

/** The spatial extent of each collection the caller may see (computed from what they may see). */
export async function collectionExtents(signal?: AbortSignal): Promise<ReadonlyMap<string, Box>> {
  const r = await fetchParsed(`${OGC}/collections`, OgcCollections, signal === undefined ? {} : { signal });
  const out = new Map<string, Box>();
  for (const c of r.collections) {
    const b = c.extent?.spatial?.bbox?.[0];
    if (b !== undefined) out.set(c.id, [b[0], b[1], b[2], b[3]]);
  }
  return out;
}

/**
 * The vector tile URL template of a collection (src/http/tiles), absolute on this origin as
 * MapLibre needs it. `centres` adds, below zoom 12, a layer `<collection>-centres` with a point
 * at the centre of each area, so areas too small to draw stay visible.
 */
export function tileTemplate(collection: string, centres: boolean): string {
  return `${globalThis.location.origin}/tiles/${encodeURIComponent(collection)}/{z}/{x}/{y}.mvt${centres ? '?centres=true' : ''}`;
}

export function collectionItem(collection: string, id: string): Promise<OgcFeature> {
  return fetchParsed(
    `${OGC}/collections/${encodeURIComponent(collection)}/items/${encodeURIComponent(id)}`,
    OgcFeature,
    { accept: 'application/geo+json' },
  );
}

/** A server link made relative, so the app never follows a link off its own origin. */
export function sameOriginPath(href: string): string | undefined {
  const u = new URL(href, globalThis.location.href);
  return u.origin === globalThis.location.origin ? `${u.pathname}${u.search}` : undefined;
}

/** Every document of a JSON API collection (`/api/collections/{id}/items`), following `next` (bounded). */
export async function apiCollection(
  collection: string,
  filter?: string,
  maxPages = 20,
): Promise<z.output<typeof DocItem>[]> {
  const out: z.output<typeof DocItem>[] = [];
  const q = new URLSearchParams({ limit: '1000', ...(filter === undefined ? {} : { filter }) });
  let path: string | null = `/api/collections/${encodeURIComponent(collection)}/items?${q.toString()}`;
  for (let page = 0; path !== null && page < maxPages; page++) {
    const r: z.output<typeof DocPage> = await fetchParsed(path, DocPage);
    out.push(...r.items);
    path = r.next === null ? null : (sameOriginPath(r.next) ?? null);
  }
  return out;
}

/** A text field of a document's data, if it is text. */
export function textField(data: Readonly<Record<string, unknown>>, key: string): string | undefined {
  const v = data[key];
  return typeof v === 'string' ? v : undefined;
}

/** The first page of land-release hazards the caller may see (`GET /api/landrelease/hazards`). */
export function landreleaseHazards() {
  return fetchParsed('/api/landrelease/hazards', HazardPage);
}

/** The first page of minefield records the caller may see (`GET /api/minefields`). */
export function minefieldRecords() {
  return fetchParsed('/api/minefields', MinefieldPage);
}

/** The land-release progress report's chart rows (`GET /api/reports/landrelease`). */
export function landreleaseProgress() {
  return fetchParsed('/api/reports/landrelease', LandReleaseProgress);
}

/** One document of a JSON API collection the caller may see. */
export function apiDoc(collection: string, id: string) {
  return fetchParsed(
    `/api/collections/${encodeURIComponent(collection)}/items/${encodeURIComponent(id)}`,
    DocItem,
  );
}

/** Which page of a list: at most `limit` rows after `offset`. */
export interface PageAt {
  readonly limit: number;
  readonly offset: number;
}

function listPath(path: string, at: PageAt, extra: Readonly<Record<string, string>> = {}): string {
  return `${path}?${new URLSearchParams({ ...extra, limit: String(at.limit), offset: String(at.offset) }).toString()}`;
}

/** Held stock grouped by the given keys, names joined by the server (`GET /api/stock/balances`). */
export function stockBalances(
  by: readonly ('type' | 'facility' | 'location' | 'lot' | 'state')[],
  at: PageAt,
) {
  return fetchParsed(listPath('/api/stock/balances', at, { by: by.join(',') }), BalancePage);
}

/** Movements waiting for a second person, with `ownProposal` and `mayApprove` from the server. */
export function pendingMovements(at: PageAt) {
  return fetchParsed(listPath('/api/stock/movements/pending', at, { status: 'proposed' }), MovementPage);
}

/**
 * Compliance findings the caller may see, filtered and paged on the server
 * (`GET /api/compliance/findings`); `rules` lists every rule for the filter.
 */
export function complianceFindings(
  filter: { readonly severity?: string; readonly rule?: string },
  at: PageAt,
) {
  const extra: Record<string, string> = {};
  if (filter.severity !== undefined && filter.severity !== '') extra['severity'] = filter.severity;
  if (filter.rule !== undefined && filter.rule !== '') extra['rule'] = filter.rule;
  return fetchParsed(listPath('/api/compliance/findings', at, extra), FindingsPage);
}

/** Field reports waiting for review, with `ownSubmission` and `mayReview` from the server. */
export function reviewQueue(at: PageAt) {
  return fetchParsed(listPath('/api/landrelease/submissions', at, { status: 'submitted' }), SubmissionPage);
}

/** A treaty state with every field the server sends (shown whole on the record page). */
export function treatyState(code: string) {
  return fetchParsed(`/api/treaty/states/${encodeURIComponent(code)}`, TreatyState.loose());
}

/** The inclusion proofs of the events that wrote a record (a download). */
export function recordProof(collection: string, id: string) {
  return fetchParsed(
    `/api/ledger/proofs/record?${new URLSearchParams({ collection, id }).toString()}`,
    RecordProof,
  );
}

export function ledgerHead() {
  return fetchParsed('/api/ledger', LedgerHead);
}

/** The signed checkpoint note (text/plain). */
export function checkpointText(): Promise<string> {
  return fetchParsed('/api/ledger/checkpoint', z.string(), { accept: 'text/plain' });
}

export function ledgerEntries(from: number, limit: number) {
  return fetchParsed(`/api/ledger/entries?from=${from}&limit=${limit}`, LedgerEntries);
}

export function inclusionProof(index: number) {
  return fetchParsed(`/api/ledger/proofs/inclusion?index=${index}`, InclusionProof);
}

export function verifyLedger() {
  return fetchParsed('/api/verify', VerifyReport);
}
