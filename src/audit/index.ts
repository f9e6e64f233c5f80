/** audit: login and restricted-read audit events (design.md §5). */
export { auditModule, AUDIT, AUDIT_COMMAND_PREFIX } from './module.js';
