/**
 * The one error catalogue (style.md habit 7). Every refusal, at every boundary, carries a code
 * from here. HTTP maps `status`; tests match codes, never message text.
 *
 * Modules add their codes in their own section. Keep codes SCREAMING_SNAKE, prefixed by module.
 */
export interface ErrorSpec {
  /** HTTP status the one error handler answers with. */
  readonly status: 400 | 401 | 403 | 404 | 405 | 409 | 412 | 413 | 415 | 422 | 428 | 429 | 500 | 503;
  /** A short human title; messages add the specifics. */
  readonly title: string;
}

export const errorCatalogue = {
  // ── generic input ────────────────────────────────────────────────────────────
  VALIDATION_REQUIRED: { status: 400, title: 'A required field is missing' },
  VALIDATION_TYPE: { status: 400, title: 'A field has the wrong type' },
  VALIDATION_FORMAT: { status: 400, title: 'A field is not in the expected format' },
  VALIDATION_RANGE: { status: 400, title: 'A value is out of range' },
  VALIDATION_ENUM: { status: 400, title: 'A value is not one of the allowed values' },
  VALIDATION_UNKNOWN_FIELD: { status: 400, title: 'An unknown field was given' },
  VALIDATION_DATE_MISSING: { status: 400, title: 'A date is required' },
  VALIDATION_DATE_FUTURE: { status: 400, title: 'An effective date lies in the future' },
  VALIDATION_DATE_ORDER: { status: 400, title: 'Dates are out of order' },
  VALIDATION_DUPLICATE: { status: 409, title: 'A record with this identity already exists' },
  NOT_FOUND: { status: 404, title: 'No such record' },
  CONFLICT: { status: 409, title: 'The request conflicts with the current state' },
  INVALID_TRANSITION: { status: 409, title: 'The status change is not allowed' },
  INTERNAL: { status: 500, title: 'Internal error' },

  // ── usage and environment (CLI, config) ──────────────────────────────────────
  USAGE: { status: 400, title: 'Wrong usage' },
  DATA_DIR_MISSING: { status: 400, title: 'The data directory does not exist or is not initialised' },
  DATA_DIR_CORRUPT: { status: 500, title: 'The data directory is corrupt' },
  DATA_DIR_EXISTS: { status: 409, title: 'The data directory is already initialised' },
  KEY_MISSING: { status: 400, title: 'The signing key is missing' },
  KEY_INVALID: { status: 400, title: 'The signing key is invalid or does not match the log' },

  // ── store ────────────────────────────────────────────────────────────────────
  STORE_UNAVAILABLE: { status: 503, title: 'The database cannot be reached' },
  STORE_AUTH_FAILED: { status: 503, title: 'The database refused the credentials' },
  STORE_SCHEMA_OLD: { status: 503, title: 'The database schema is older than this Cairn; run cairn migrate' },
  STORE_SCHEMA_NEWER: { status: 503, title: 'The database schema is newer than this Cairn' },
  STORE_EXTENSION_MISSING: { status: 503, title: 'A required database extension is missing' },
  STORE_RETRYABLE: { status: 503, title: 'The transaction was interrupted; nothing was written; retry' },

  // ── ledger ───────────────────────────────────────────────────────────────────
  LEDGER_INDEX_OUT_OF_RANGE: { status: 404, title: 'The ledger index is out of range' },
  LEDGER_SIZE_INVALID: { status: 400, title: 'The tree size is invalid' },
  LEDGER_PROOF_INVALID: { status: 400, title: 'The proof does not verify' },
  LEDGER_CHECKPOINT_INVALID: {
    status: 400,
    title: 'The checkpoint is malformed or its signature is invalid',
  },
  LEDGER_EMPTY: { status: 409, title: 'The ledger is empty' },
  LEDGER_IMPORT_INVALID: { status: 400, title: 'The ledger export file is invalid' },
  LEDGER_IMPORT_NOT_EMPTY: { status: 409, title: 'The target ledger is not empty' },

  // ── events (the registry of event types; a refusal here is a bug in a decide function) ──
  EVENT_TYPE_UNKNOWN: { status: 500, title: 'No module declares this event type' },
  EVENT_VERSION_UNKNOWN: { status: 500, title: 'The event type has no such schema version' },
  EVENT_PAYLOAD_INVALID: { status: 500, title: 'The event payload does not match its schema' },

  // ── auth and users ───────────────────────────────────────────────────────────
  AUTH_REQUIRED: { status: 401, title: 'Authentication is required' },
  AUTH_INVALID_CREDENTIALS: { status: 401, title: 'The name or password is wrong' },
  AUTH_FORBIDDEN: { status: 403, title: 'The actor may not do this' },
  AUTH_USER_DISABLED: { status: 403, title: 'The user is disabled' },
  AUTH_TOO_MANY_ATTEMPTS: { status: 429, title: 'Too many failed attempts; wait before trying again' },
  AUTH_CSRF: { status: 403, title: 'The CSRF token is missing or wrong' },
  USER_EXISTS: { status: 409, title: 'A user with this name already exists' },
  USER_UNKNOWN: { status: 404, title: 'No such user' },
  USER_ROLE_UNKNOWN: { status: 400, title: 'No such role' },
  USER_PASSWORD_WEAK: { status: 400, title: 'The password is too short' },
  USER_LAST_ADMIN: { status: 409, title: 'The last active admin cannot be disabled or lose the admin role' },

  // ── geo ──────────────────────────────────────────────────────────────────────
  GEOMETRY_NULL: { status: 400, title: 'The geometry is null or empty' },
  GEOMETRY_INVALID: { status: 400, title: 'The geometry is invalid' },
  COORD_INVALID: { status: 400, title: 'The coordinate cannot be parsed' },
  COORD_AMBIGUOUS: { status: 400, title: 'The coordinate is ambiguous' },
  COORD_OUT_OF_RANGE: { status: 400, title: 'The coordinate is out of range' },
  CRS_UNKNOWN: { status: 400, title: 'The coordinate reference system is not supported' },
  GEOMETRY_RING_NOT_CLOSED: { status: 400, title: 'A ring does not end where it starts' },
  GEOMETRY_TOO_FEW_POSITIONS: { status: 400, title: 'A ring or line has too few positions' },
  GEOMETRY_SELF_INTERSECTION: { status: 400, title: 'Rings cross or touch themselves or each other' },
  GEOMETRY_HOLE_OUTSIDE_SHELL: { status: 400, title: 'A hole lies outside its shell' },
  GEOMETRY_DUPLICATE_VERTEX: { status: 400, title: 'Consecutive vertices coincide' },
  GEOMETRY_LONG_EDGE: { status: 400, title: 'Consecutive vertices are more than 5 km apart' },
  GEOMETRY_WINDING: { status: 400, title: 'A ring winds against RFC 7946 and was normalised' },
  GEOMETRY_DUPLICATE_POLYGON: { status: 409, title: 'A polygon duplicates another in the batch' },

  // ── minefields (CCW APII Art 5, 9, 10; Technical Annex 1–4) ──────────────────
  MINEFIELD_REFERENCE_POINTS_MIN: {
    status: 400,
    title: 'A minefield record needs at least two reference points (APII TA 1(a)(i))',
  },
  MINEFIELD_TA1_FIELD_MISSING: {
    status: 400,
    title: 'A field required by APII Technical Annex 1 is missing',
  },
  MINEFIELD_LAYING_DATES_ORDER: { status: 400, title: 'The laying end is before the laying start' },
  MINEFIELD_UNKNOWN_MINE_TYPE: { status: 400, title: 'A contents line names an unknown mine type' },
  MINEFIELD_UNKNOWN_LOT: {
    status: 400,
    title: 'A contents line names an unknown lot, or a lot of another type',
  },
  MINEFIELD_UNKNOWN_REFERENCE_POINT: {
    status: 400,
    title: 'A point is given from a reference point the record does not have',
  },
  MINEFIELD_DUPLICATE_LABEL: { status: 400, title: 'Two reference points, rows or positions share a label' },
  MINEFIELD_PERIMETER_INVALID: { status: 400, title: 'The perimeter is not a valid polygon' },
  MINEFIELD_REASON_REQUIRED: { status: 400, title: 'This status change needs a reason' },
  MINEFIELD_MARKING_MISSING: {
    status: 409,
    title: 'The record has no marking, fencing and monitoring record',
  },
  MINEFIELD_SIGN_NONCONFORMING: {
    status: 400,
    title: 'The warning sign does not meet APII Technical Annex 4',
  },
  MINEFIELD_FINDING_UNKNOWN: { status: 400, title: 'No such open inspection finding' },
  MINEFIELD_CLOSED: { status: 409, title: 'The record is cleared or closed and cannot change' },
  MINEFIELD_PACKAGE_INVALID: { status: 400, title: 'The export package is malformed' },
  MINEFIELD_PACKAGE_RECORD_MISMATCH: {
    status: 400,
    title: 'The record in the package differs from the record its events build',
  },

  // ── stock ──────────────────────────────────────────────────────────────────
  STOCK_SELF_APPROVAL: { status: 403, title: 'A movement cannot be approved by its own proposer' },
  STOCK_APPROVER_ROLE: { status: 403, title: 'Only a user holding the approver role may approve' },
  STOCK_INSUFFICIENT_BALANCE: { status: 409, title: 'The account does not hold enough of the lot' },
  STOCK_LICENCE_EXCEEDED: {
    status: 409,
    title: 'The facility licence limit for net explosive quantity would be exceeded',
  },
  STOCK_LOT_UNKNOWN: { status: 404, title: 'No such lot' },
  STOCK_LOT_RECALLED: { status: 409, title: 'A recalled lot cannot be issued' },
  STOCK_TYPE_UNKNOWN: { status: 404, title: 'No such mine type' },
  STOCK_ORG_UNKNOWN: { status: 404, title: 'No such organisation' },
  STOCK_FACILITY_UNKNOWN: { status: 404, title: 'No such facility or storage location' },
  STOCK_MOVEMENT_UNKNOWN: { status: 404, title: 'No such movement' },
  STOCK_DISCREPANCY_UNKNOWN: { status: 404, title: 'No such discrepancy' },
  STOCK_WITNESS_REQUIRED: {
    status: 409,
    title: 'The facility applies the two-person rule: a second person must witness execution',
  },
  STOCK_COUNTERS: { status: 400, title: 'A stock check needs two different counters' },

  // ── treaty ─────────────────────────────────────────────────────────────────
  TREATY_STATE_UNKNOWN: { status: 404, title: 'No such state in the treaty registry' },

  // ── reports (treaty: Ottawa Art 7, CCW APII Art 13(4)) ──────────────────────
  REPORT_PERIOD_OPEN: {
    status: 409,
    title: 'The reporting period has not ended: a treaty report covers a closed calendar year',
  },

  // ── http ─────────────────────────────────────────────────────────────────────
  HTTP_BAD_JSON: { status: 400, title: 'The body is not valid JSON' },
  HTTP_UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'The content type is not supported' },
  HTTP_PAYLOAD_TOO_LARGE: { status: 413, title: 'The body is too large' },
  HTTP_UNKNOWN_PARAMETER: { status: 400, title: 'An unknown query parameter was given' },
  HTTP_PRECONDITION_FAILED: { status: 412, title: 'The record changed since it was read' },
  HTTP_PRECONDITION_REQUIRED: { status: 428, title: 'An If-Match header is required' },
  HTTP_ROUTE_NOT_FOUND: { status: 404, title: 'No such route' },
  HTTP_METHOD_NOT_ALLOWED: { status: 405, title: 'The method is not allowed here' },

  // ── attachments (photos kept outside the ledger, referenced by SHA-256) ──────
  ATTACHMENT_TYPE: { status: 415, title: 'An attachment must be a JPEG, PNG or WebP image' },
  ATTACHMENT_MISSING: { status: 422, title: 'A report references an attachment that was not uploaded' },

  // ── landrelease (IMAS 07.11, 08.10, 08.20, 09.10, 10.60; GICHD MDR) ──────────
  LANDRELEASE_HAZARD_UNKNOWN: { status: 404, title: 'No such hazardous area' },
  LANDRELEASE_HAZARD_CLOSED: { status: 409, title: 'The hazardous area is closed or handed over' },
  LANDRELEASE_ORGANISATION_UNKNOWN: {
    status: 400,
    title: 'The organisation is not an accredited mine action operator',
  },
  LANDRELEASE_DEVICE_TYPE_UNKNOWN: { status: 400, title: 'The device type is not in the catalogue' },
  LANDRELEASE_RELEASE_OUTSIDE_HAZARD: {
    status: 422,
    title: 'A released area lies outside its hazardous area (beyond 1 m)',
  },
  LANDRELEASE_RELEASE_OVERLAP: { status: 409, title: 'A released area overlaps area already released' },
  LANDRELEASE_RELEASE_NOT_AREAL: { status: 400, title: 'A released area must be a polygon or multipolygon' },
  LANDRELEASE_DEVICE_OUTSIDE_HAZARD: { status: 422, title: 'A device lies outside its hazardous area' },
  LANDRELEASE_FIELD_MISSING: {
    status: 422,
    title: 'A field the minimum data requirements expect is missing',
  },
  LANDRELEASE_EMPTY_REPORT: { status: 422, title: 'The report carries no data and cannot be approved' },
  LANDRELEASE_SUBMISSION_UNKNOWN: { status: 404, title: 'No such submission' },
  LANDRELEASE_SUBMISSION_NOT_PENDING: { status: 409, title: 'The submission is not awaiting review' },
  LANDRELEASE_SELF_REVIEW: {
    status: 403,
    title: 'A submission must be reviewed by someone other than its submitter',
  },
  LANDRELEASE_QA_BLOCKING: { status: 422, title: 'A blocking QA note prevents approval' },
  LANDRELEASE_VICTIM_UNKNOWN: { status: 404, title: 'No such victim' },
  LANDRELEASE_IMPORT_PROFILE_UNKNOWN: { status: 400, title: 'No such import profile' },
  LANDRELEASE_IMPORT_ROW_INVALID: { status: 400, title: 'An import row is invalid' },
  LANDRELEASE_IMPORT_HEADER_MISSING: {
    status: 400,
    title: 'The import file lacks a column the profile maps',
  },

  // ── interchange (GeoPackage, KML, Shapefile, CSV, GeoJSON; src/interchange) ────
  INTERCHANGE_FORMAT_UNKNOWN: { status: 400, title: 'The file format is not one Cairn reads or writes' },
  INTERCHANGE_FILE_UNREADABLE: { status: 400, title: 'The file cannot be read as its format' },
  INTERCHANGE_CRS_UNSUPPORTED: {
    status: 400,
    title: 'The CRS cannot be read or is not offered for this format',
  },
  INTERCHANGE_GEOMETRY_TYPE: { status: 400, title: 'The geometry type does not fit the collection' },
  INTERCHANGE_COLLECTION_NOT_IMPORTABLE: { status: 400, title: 'This collection cannot be imported' },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof errorCatalogue;

/** One problem found while validating or executing: a code, where, and what. */
export interface Problem {
  readonly code: ErrorCode;
  /** JSON-pointer-like path to the offending field, e.g. `payload.contents[2].lot`; '' for the whole. */
  readonly path: string;
  readonly message: string;
  /** Optional structured facts, e.g. `{ balance: 3, requested: 5 }`. */
  readonly details?: Readonly<Record<string, unknown>>;
}

/** Build a problem. */
export function problem(
  code: ErrorCode,
  path: string,
  message: string,
  details?: Readonly<Record<string, unknown>>,
): Problem {
  return details === undefined ? { code, path, message } : { code, path, message, details };
}

/** True when `code` is in the catalogue. */
export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(errorCatalogue, code);
}

/**
 * An expected failure thrown across an I/O boundary (a corrupt data directory, an unreachable
 * database). CLI and HTTP catch it and print one line; it never carries a stack to the user.
 */
export class CairnError extends Error {
  readonly code: ErrorCode;
  readonly problems: readonly Problem[];
  constructor(code: ErrorCode, message: string, problems: readonly Problem[] = []) {
    super(message);
    this.name = 'CairnError';
    this.code = code;
    this.problems = problems.length > 0 ? problems : [{ code, path: '', message }];
  }
}
