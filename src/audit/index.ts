/** audit: login and restricted-read audit events (design.md §5). */
export { auditEvents } from './events.js';
export type { AuditEvent } from './events.js';
export { auditModule, AUDIT, AUDIT_COMMAND_PREFIX } from './module.js';
