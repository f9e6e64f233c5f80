/** The PostgreSQL + PostGIS adapter's door. Only composition roots and tests construct it. */
export { PostgresStore } from './adapter.js';
export type { PostgresStoreOptions } from './adapter.js';
export { POSTGRES_SCHEMA_VERSION } from './migrations.js';
