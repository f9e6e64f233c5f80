/**
 * The JSON API's parameters, bodies and responses, schema-first (issue #13 §2): one Zod schema per
 * shape is the route's validation (src/http/route.ts), its OpenAPI entry (`z.toJSONSchema`) and,
 * inferred, the TypeScript type the web app reads responses with (web/src/api/types.ts). This file
 * imports only zod and the validation kit, so the browser bundle can import it; the enumerations copied from the
 * modules are held equal to theirs by src/http/schemas.test.ts.
 */
import { z } from 'zod';
import { CLASSIFICATIONS, ROLES } from '../access/index.js';
import { calendarDateSchema } from '../command/index.js';

// ── parameters ───────────────────────────────────────────────────────────────

/** Default and largest page of a JSON API list. */
export const API_DEFAULT_LIMIT = 100;
export const API_MAX_LIMIT = 1000;

/** A read-only array (responses are read-only in their types). */
export const list = <T extends z.ZodType>(item: T) => z.array(item).readonly();

/** A non-negative integer query or path parameter (`min` and up). */
export const intParam = (min = 0) =>
  z
    .string()
    .regex(/^\d+$/, `an integer \u2265 ${min}`)
    .transform(Number)
    .pipe(z.number().int().min(min).max(Number.MAX_SAFE_INTEGER));

/** A comma-separated list of enumerated values (`status=open,closed`). */
export const csvEnum = <const T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((s) => s.split(',').map((p) => p.trim()))
    .pipe(z.array(z.enum(values)).min(1));

/** `limit` (clamped to the largest page) and `offset`. */
export const PagingQuery = z.object({
  limit: intParam(1)
    .transform((n) => Math.min(n, API_MAX_LIMIT))
    .optional()
    .describe(`Page size (default ${API_DEFAULT_LIMIT}, at most ${API_MAX_LIMIT})`),
  offset: intParam(0).optional().describe('Rows skipped before the page'),
});

/** A calendar date parameter YYYY-MM-DD that exists. */
export const DateParam = calendarDateSchema;

// ── building blocks ──────────────────────────────────────────────────────────

/** Any JSON object (a record whose full shape belongs to its module). */
export const JsonRecord = z.record(z.string(), z.unknown());

/** A page of a JSON API list: `next` is the same-origin path of the next page, null on the last. */
export const pageSchema = <T extends z.ZodType>(item: T) =>
  z.object({
    items: list(item),
    numberMatched: z.number().int().nonnegative(),
    numberReturned: z.number().int().nonnegative(),
    next: z.string().nullable(),
  });

export const GeometrySchema = z.object({ type: z.string() });

/** A projection document as the JSON API serves it. */
export const DocItem = z.object({
  id: z.string(),
  version: z.number().int(),
  data: JsonRecord,
  geometry: GeometrySchema.nullable(),
});

export const ActorSchema = z.object({
  id: z.string(),
  name: z.string(),
  roles: list(z.enum(ROLES)),
  clearance: z.enum(CLASSIFICATIONS),
  regions: list(z.string()),
});

/** No body (a 204 answer). */
export const NoBody = z.null();

/** The session routes (src/http/auth.ts) take and answer these shapes. */
export const LoginRequest = z
  .object({ name: z.string().min(1).max(200), password: z.string().min(1).max(1000) })
  .strict();
export const SessionInfo = z.object({
  user: ActorSchema.nullable(),
  auth: z.enum(['anonymous', 'session', 'token']),
  csrfToken: z.string().nullable(),
});
export const LoggedIn = z.object({ user: ActorSchema, csrfToken: z.string() });

// ── commands ─────────────────────────────────────────────────────────────────

export const CommandEnvelope = z
  .object({
    payload: z.unknown(),
    effectiveAt: z.string().optional(),
    submission: z.string().optional(),
    cosigner: z.string().optional(),
  })
  .strict();

export const CommandList = z.object({
  commands: list(
    z.object({
      type: z.string(),
      permission: z.string().nullable(),
      effectiveAt: z.string().nullable(),
      allowed: z.boolean(),
    }),
  ),
});

export const CommandDone = z.object({
  result: z.unknown(),
  replayed: z.boolean(),
  events: list(z.object({ seq: z.number().int(), type: z.string(), effectiveAt: z.string() })),
});

// ── photo attachments (src/http/routes/attachments.ts) ─────────────────────────

export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 is 64 lower-case hex digits');
/** An uploaded photo's reference, as a field report carries it (landrelease `attachmentRef`). */
export const AttachmentRefSchema = z.object({
  sha256: Sha256,
  mediaType: z.enum(IMAGE_TYPES),
  bytes: z.number().int().min(1),
});
export const DigestParam = z.object({ digest: Sha256 });

// ── identity, users, tokens ──────────────────────────────────────────────────

export const Me = z.object({ user: ActorSchema, auth: z.enum(['anonymous', 'session', 'token']) });
export const TokenList = z.object({ tokens: list(z.object({ id: z.string(), userId: z.string() })) });
export const UserList = z.object({ users: list(z.object({ id: z.string(), name: z.string() })) });

// ── collections ──────────────────────────────────────────────────────────────

export const CollectionList = z.object({
  collections: list(
    z.object({ id: z.string(), title: z.string(), description: z.string(), editable: z.boolean() }),
  ),
});
export const DocPage = pageSchema(DocItem);

// ── ledger ───────────────────────────────────────────────────────────────────

const Hex = z.string().regex(/^[0-9a-f]*$/);
export const LedgerHead = z.object({
  origin: z.string(),
  size: z.number().int(),
  root: Hex,
  verifierKey: z.string(),
});
export const CheckpointList = z.object({
  checkpoints: list(z.object({ size: z.number().int(), root: Hex, text: z.string(), createdAt: z.string() })),
});
export const CheckpointMade = z.object({ size: z.number().int(), root: Hex, text: z.string() });
export const LedgerEntry = z.object({
  index: z.number().int(),
  leaf: z.string(),
  leafHash: Hex,
  event: z.object({
    seq: z.number().int(),
    type: z.string(),
    schemaVersion: z.number().int(),
    recordedAt: z.string(),
    effectiveAt: z.string(),
    actor: z.string(),
    cosigner: z.string().optional(),
    payload: JsonRecord,
    refs: list(z.number().int()),
  }),
});
export const LedgerEntries = z.object({
  size: z.number().int(),
  from: z.number().int(),
  entries: list(LedgerEntry),
  next: z.string().nullable(),
});
export const InclusionProof = z.object({
  index: z.number().int(),
  size: z.number().int(),
  leafHash: Hex,
  root: Hex,
  proof: list(Hex),
});
export const ConsistencyProof = z.object({
  from: z.number().int(),
  to: z.number().int(),
  root1: Hex,
  root2: Hex,
  proof: list(Hex),
});
export const VerifyReport = z.object({
  ok: z.boolean(),
  size: z.number().int(),
  root: z.string(),
  checkpoints: z.number().int(),
  documents: z.number().int(),
  sealed: z.number().int().optional(),
  failures: list(z.object({ check: z.string(), message: z.string() })),
});
export const RecordProof = z.object({
  format: z.literal('cairn-record-proof/1'),
  record: z.object({ collection: z.string(), id: z.string(), version: z.number().int() }),
  checkpoint: z.object({ origin: z.string(), size: z.number().int(), root: Hex, text: z.string() }),
  verifierKey: z.string(),
  hashes: z.string(),
  proofs: list(z.object({ seq: z.number().int(), leaf: z.string(), leafHash: Hex, proof: list(Hex) })),
});

// ── stock ────────────────────────────────────────────────────────────────────

export const BALANCE_GROUPS = ['type', 'facility', 'location', 'lot', 'state'] as const;
export const MOVEMENT_STATUSES = ['proposed', 'approved', 'executed', 'rejected', 'cancelled'] as const;

export const BalanceQuery = PagingQuery.extend({
  by: csvEnum(BALANCE_GROUPS)
    .optional()
    .describe('Group by any of type, facility, location, lot, state (default type,facility,lot)'),
  asOf: DateParam.optional().describe('Balances at 00:00 UTC of this date (default: now)'),
});
export const BalanceRow = z.object({
  state: z.string().nullable().optional(),
  typeId: z.string().optional(),
  designation: z.string().nullable().optional(),
  category: z.string().nullable().optional(),
  facilityId: z.string().nullable().optional(),
  facility: z.string().nullable().optional(),
  locationId: z.string().nullable().optional(),
  lotId: z.string().optional(),
  lotNumber: z.string().nullable().optional(),
  quantity: z.number(),
});
export const BalancePage = pageSchema(BalanceRow).extend({
  asOf: z.string(),
  by: list(z.enum(BALANCE_GROUPS)),
});

const AccountSchema = z.object({
  key: z.string(),
  kind: z.string(),
  facilityId: z.string().nullable(),
  locationId: z.string().nullable(),
});
export const QueuedMovement = z.object({
  id: z.string(),
  kind: z.string(),
  status: z.string(),
  from: z.string(),
  to: z.string(),
  fromAccount: AccountSchema,
  toAccount: AccountSchema,
  lotId: z.string(),
  typeId: z.string(),
  quantity: z.number(),
  effectiveAt: z.string(),
  proposedBy: z.string(),
  proposer: z.object({ id: z.string(), name: z.string().nullable() }),
  designation: z.string().nullable(),
  lotNumber: z.string().nullable(),
  fromLabel: z.string(),
  toLabel: z.string(),
  ownProposal: z.boolean(),
  mayApprove: z.boolean(),
  mayExecute: z.boolean(),
});
export const MovementQueueQuery = PagingQuery.extend({
  status: csvEnum(['proposed', 'approved']).optional().describe('proposed, approved or both (default both)'),
});
export const MovementPage = pageSchema(QueuedMovement);

export const CheckQuery = PagingQuery.extend({
  facility: z.string().min(1).optional().describe('Only checks of this facility id'),
});
export const CheckRow = z.object({
  id: z.string(),
  facilityId: z.string(),
  facilityName: z.string().nullable(),
  counters: list(z.string()),
  counterNames: list(z.string().nullable()),
  countedAt: z.string(),
  lines: list(
    z.object({ locationId: z.string(), lotId: z.string(), expected: z.number(), counted: z.number() }),
  ),
  discrepancies: list(
    z.object({
      id: z.string(),
      checkId: z.string(),
      lotId: z.string(),
      expected: z.number(),
      counted: z.number(),
      status: z.string(),
    }),
  ),
});
export const CheckPage = pageSchema(CheckRow);

// ── minefields, land release, treaty ─────────────────────────────────────────

export const MINEFIELD_STATUSES = [
  'intention-reported',
  'laying',
  'laid-recorded',
  'marked-fenced-monitored',
  'changed',
  'handed-over-to-other-force',
  'control-lost',
  'clearance-in-progress',
  'cleared',
  'closed',
] as const;
export const HAZARD_STATUSES = ['open', 'worked-on', 'closed', 'handed-over'] as const;
export const SUBMISSION_STATUSES = ['submitted', 'approved', 'rejected', 'superseded'] as const;
export const SUBMISSION_KINDS = ['hazard', 'activity', 'accident', 'eore'] as const;

export const IdParam = z.object({ id: z.string().min(1) });
export const MinefieldQuery = PagingQuery.extend({ status: csvEnum(MINEFIELD_STATUSES).optional() });
export const MinefieldRecord = z.object({ id: z.string(), humanId: z.string(), status: z.string() });
export const MinefieldPage = pageSchema(MinefieldRecord);

export const HazardQuery = PagingQuery.extend({ status: csvEnum(HAZARD_STATUSES).optional() });
export const HazardPage = DocPage;

export const SubmissionQuery = PagingQuery.extend({
  status: csvEnum(SUBMISSION_STATUSES).optional().describe('default submitted'),
  kind: csvEnum(SUBMISSION_KINDS).optional(),
});
export const QueuedSubmission = z.object({
  id: z.string(),
  kind: z.enum(SUBMISSION_KINDS),
  status: z.enum(SUBMISSION_STATUSES),
  report: JsonRecord,
  submittedBy: z.string(),
  submittedAt: z.string(),
  submittedByName: z.string().nullable(),
  ownSubmission: z.boolean(),
  mayReview: z.boolean(),
});
export const SubmissionPage = pageSchema(QueuedSubmission);

export const TreatyState = z.object({ code: z.string(), name: z.string() });
export const TreatyStatePage = pageSchema(TreatyState);
export const StateCodeParam = z.object({ code: z.string().min(1) });

// ── reports (src/http/routes/reports.ts, generated from the report registry) ──────────────

/** The checkpoint a report was computed from (design.md §2). */
export const ReportBasis = z.object({ origin: z.string(), size: z.number().int(), root: Hex });

/** The land-release progress report's JSON model: the parts the web page draws (charts). */
export const LandReleaseProgress = z.object({
  checkpoint: ReportBasis,
  areaByMethod: list(z.object({ month: z.string(), method: z.string(), areaM2: z.number() })),
  devicesByType: list(z.object({ category: z.string(), count: z.number() })),
  casualtiesBySexAge: list(
    z.object({ outcome: z.string(), sex: z.string(), ageGroup: z.string(), count: z.number() }),
  ),
});

export const SEVERITIES = ['violation', 'warning', 'info'] as const;
export const Finding = z.object({
  rule: z.string(),
  severity: z.enum(SEVERITIES),
  subject: z.object({ kind: z.string(), id: z.string(), label: z.string().optional() }),
  legalBasis: z.string(),
  message: z.string(),
  since: z.string().optional(),
  links: list(z.object({ rel: z.string(), href: z.string(), type: z.string().optional() })),
});
export const FindingsPage = pageSchema(Finding).extend({
  at: z.string(),
  checkpoint: ReportBasis,
  /** The same findings as `items` (the name older clients read). */
  findings: list(Finding),
  rules: list(z.object({ id: z.string(), title: z.string(), legalBasis: z.string() })),
});

// ── the types the web app reads responses as ─────────────────────────────────

export type Page<T> = {
  readonly items: readonly T[];
  readonly numberMatched: number;
  readonly numberReturned: number;
  readonly next: string | null;
};
export type BalanceRowT = z.infer<typeof BalanceRow>;
export type BalancePageT = z.infer<typeof BalancePage>;
export type QueuedMovementT = z.infer<typeof QueuedMovement>;
export type CheckRowT = z.infer<typeof CheckRow>;
export type QueuedSubmissionT = z.infer<typeof QueuedSubmission>;
export type MinefieldRecordT = z.infer<typeof MinefieldRecord>;
export type DocItemT = z.infer<typeof DocItem>;
export type LedgerHeadT = z.infer<typeof LedgerHead>;
export type LedgerEntryT = z.infer<typeof LedgerEntry>;
export type VerifyReportT = z.infer<typeof VerifyReport>;
export type FindingT = z.infer<typeof Finding>;
export type LandReleaseProgressT = z.infer<typeof LandReleaseProgress>;
