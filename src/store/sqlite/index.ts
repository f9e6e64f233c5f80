/** The SQLite adapter's door. Only composition roots and tests construct it. */
export { SqliteStore } from './adapter.js';
export type { SqliteStoreOptions } from './adapter.js';
export { SQLITE_SCHEMA_VERSION } from './migrations.js';
