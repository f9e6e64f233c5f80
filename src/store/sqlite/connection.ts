/**
 * The SQLite connection and the small pieces the adapter's read side and its write transaction
 * share: opening a connection, reading a document row, turning synchronous calls into the port's
 * promises, and batching rows into multi-row INSERTs.
 */
import Database from 'better-sqlite3';
import type { Database as Db, Statement } from 'better-sqlite3';
import { CairnError, deepFreeze, type JsonObject } from '../../core/index.js';
import { likeMatches } from '../expr.js';
import type { Doc, StoredGeometry } from '../port.js';

export interface DocRow {
  collection: string;
  id: string;
  version: number;
  data: string;
  geometry: string | null;
}

export function rowToDoc(r: DocRow): Doc {
  const doc: Doc = {
    collection: r.collection,
    id: r.id,
    version: r.version,
    data: JSON.parse(r.data) as JsonObject,
    ...(r.geometry === null ? {} : { geometry: JSON.parse(r.geometry) as StoredGeometry }),
  };
  return deepFreeze(doc);
}

export function openDb(file: string, mustExist: boolean, readonly: boolean): Db {
  try {
    const db = new Database(file, { fileMustExist: mustExist, readonly });
    db.pragma('busy_timeout = 10000');
    if (!readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      // Copy the WAL back into the database every ~40 MB instead of every ~4 MB: the pages an
      // append touches (the right edge of each B-tree) are rewritten by every transaction, so
      // rarer checkpoints write and fsync them less often. Every commit is still fsynced.
      db.pragma('wal_autocheckpoint = 10000');
    }
    db.pragma('foreign_keys = ON');
    // LIKE with the one semantics of port.ts `Expr` (sql.ts): NULL (unknown) for a non-string.
    db.function('cairn_like', { deterministic: true }, (v: unknown, p: unknown, ci: unknown) =>
      typeof v === 'string' && typeof p === 'string' ? (likeMatches(v, p, ci === 1) ? 1 : 0) : null,
    );
    return db;
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw new CairnError('DATA_DIR_CORRUPT', `cannot open database ${file}: ${msg}`);
  }
}

/** Run synchronous work as a promise, so its throw becomes a rejection (the port is async). */
export function settle<T>(fn: () => T): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (e) {
    return Promise.reject(e instanceof Error ? e : new Error(String(e)));
  }
}

/** Run a synchronous SQLite call, turning SQLite's corruption errors into one clear error. */
export function guard<T>(file: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof CairnError) throw e;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')) {
      throw new CairnError('DATA_DIR_CORRUPT', `database ${file} is corrupt (${code})`);
    }
    throw e;
  }
}

/** Prepared statements kept per store (fixed ones number about 40; the rest are generated queries). */
export const STATEMENT_CACHE = 512;

/** Rows per multi-row INSERT on the append path (5 × 64 parameters, under SQLite's limit of 32,766). */
export const ROWS = 64;

/** Collects rows for a multi-row INSERT of `rows` rows; `flush` writes the remainder one row at a time. */
export class Rows {
  readonly #args: unknown[] = [];
  constructor(
    readonly rows: number,
    readonly width: number,
    readonly many: Statement,
    readonly one: Statement,
  ) {}
  add(...row: unknown[]): void {
    for (const v of row) this.#args.push(v);
    if (this.#args.length === this.rows * this.width) {
      this.many.run(this.#args);
      this.#args.length = 0;
    }
  }
  flush(): void {
    for (let i = 0; i < this.#args.length; i += this.width) this.one.run(this.#args.slice(i, i + this.width));
    this.#args.length = 0;
  }
}
