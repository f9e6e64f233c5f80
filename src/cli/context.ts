/**
 * Composition root for the CLI and server: the one place that chooses and constructs a concrete
 * store. SQLite in the data directory by default; PostgreSQL when a database URL is given.
 */
import { existsSync } from 'node:fs';
import {
  Cairn,
  createDataDir,
  domainModules,
  geoSpatialPredicate,
  openDataDir,
  type DataDir,
} from '../app/index.js';
import { CairnError, systemClock, type Clock } from '../core/index.js';
import type { SpatialPredicate, Store } from '../store/index.js';
import { SqliteStore } from '../store/sqlite/index.js';
import { PostgresStore } from '../store/postgres/index.js';
import type { CliIo } from './io.js';

export interface StoreChoice {
  /** postgres://… — from --database-url or CAIRN_DATABASE_URL. */
  readonly databaseUrl?: string | undefined;
}

export type StoreFactory = (dd: DataDir, choice: StoreChoice) => Promise<Store>;

/** Adapters other than SQLite register here. */
export const storeFactories: { postgres?: StoreFactory } = {
  // The data directory still holds cairn.json and signing.key; the database holds the rest.
  postgres: (_dd, choice) => {
    const url = choice.databaseUrl ?? '';
    if (!/^postgres(ql)?:\/\//.test(url))
      throw new CairnError(
        'USAGE',
        'the database URL must start with postgres:// (postgres://USER:PASSWORD@HOST:PORT/DATABASE)',
      );
    return Promise.resolve(new PostgresStore({ url }));
  },
};

/** The exact spatial predicate for SQLite's in-memory S_ filters and for replays (the geo module's). */
export const sqliteOptions: { spatial: SpatialPredicate } = { spatial: geoSpatialPredicate };

async function makeStore(dd: DataDir, choice: StoreChoice, create = false): Promise<Store> {
  if (choice.databaseUrl !== undefined && choice.databaseUrl !== '') {
    const pg = storeFactories.postgres;
    if (pg === undefined) throw new CairnError('USAGE', 'this build of Cairn has no PostgreSQL adapter');
    return pg(dd, choice);
  }
  // Only init creates the database: opening a data directory whose database is gone must not
  // leave a new, empty one behind (an empty log with the right key would look valid).
  if (!create && !existsSync(dd.dbFile)) {
    throw new CairnError('DATA_DIR_CORRUPT', `the database ${dd.dbFile} is missing; restore it from backup`);
  }
  return new SqliteStore(dd.dbFile, { mustExist: !create, spatial: sqliteOptions.spatial });
}

/** Resolve --database-url / CAIRN_DATABASE_URL. */
export function storeChoice(opts: { databaseUrl?: string | undefined }, io: CliIo): StoreChoice {
  return { databaseUrl: opts.databaseUrl ?? io.env['CAIRN_DATABASE_URL'] };
}

/** Open an initialised data directory as an application, checking the schema version. */
export async function openCairn(
  dataDir: string,
  choice: StoreChoice,
  clock: Clock = systemClock,
): Promise<{ app: Cairn; dd: DataDir }> {
  const dd = openDataDir(dataDir);
  const store = await makeStore(dd, choice);
  try {
    await store.checkSchema();
    const origin = await store.getMeta('origin');
    if (origin !== undefined && origin !== dd.config.origin) {
      throw new CairnError(
        'KEY_INVALID',
        `the database belongs to log "${origin}", not "${dd.config.origin}"`,
      );
    }
    const key = await store.getMeta('verifierKey');
    const app = new Cairn({
      store,
      signer: dd.signer,
      clock,
      modules: domainModules,
      spatial: sqliteOptions.spatial,
    });
    if (key !== undefined && key !== app.ledger.verifierKey()) {
      throw new CairnError(
        'KEY_INVALID',
        `the signing key in ${dd.dir} does not match the key this log was created with`,
      );
    }
    return { app, dd };
  } catch (e) {
    await store.close();
    throw e;
  }
}

/** Create a data directory, its database schema and signing key. */
export async function initCairn(
  dataDir: string,
  origin: string,
  choice: StoreChoice,
  clock: Clock = systemClock,
  synthetic = false,
): Promise<{ app: Cairn; dd: DataDir }> {
  const dd = createDataDir(dataDir, origin, clock.now(), synthetic);
  const store = await makeStore(dd, choice, true);
  try {
    await store.migrate();
    const app = new Cairn({
      store,
      signer: dd.signer,
      clock,
      modules: domainModules,
      spatial: sqliteOptions.spatial,
    });
    const existing = await store.getMeta('origin');
    if (existing !== undefined)
      throw new CairnError('DATA_DIR_EXISTS', `the database already holds log "${existing}"`);
    await store.setMeta('origin', origin);
    await store.setMeta('verifierKey', app.ledger.verifierKey());
    return { app, dd };
  } catch (e) {
    await store.close();
    throw e;
  }
}

/** Open, run, and always close. */
export async function withCairn<T>(
  dataDir: string,
  choice: StoreChoice,
  fn: (app: Cairn, dd: DataDir) => Promise<T>,
): Promise<T> {
  const { app, dd } = await openCairn(dataDir, choice);
  try {
    return await fn(app, dd);
  } finally {
    await app.close();
  }
}

/**
 * Run forward-only migrations on an existing data directory's database. `create` lets a
 * restore (`cairn ledger import` into a data directory holding only cairn.json and signing.key)
 * create the SQLite file, as init does.
 */
export async function migrateCairn(
  dataDir: string,
  choice: StoreChoice,
  opts: { readonly create?: boolean } = {},
) {
  const dd = openDataDir(dataDir);
  const store = await makeStore(dd, choice, opts.create === true);
  try {
    const report = await store.migrate();
    if ((await store.getMeta('origin')) === undefined) {
      await store.setMeta('origin', dd.config.origin);
      const app = new Cairn({ store, signer: dd.signer, clock: systemClock, modules: domainModules });
      await store.setMeta('verifierKey', app.ledger.verifierKey());
    }
    return report;
  } finally {
    await store.close();
  }
}
