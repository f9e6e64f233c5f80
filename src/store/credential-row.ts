/** The credentials table's row shape, shared by both adapters (same columns in SQLite and PostgreSQL). */
import type { Credential } from './port.js';

export interface CredentialRow {
  id: string;
  user_id: string;
  kind: string;
  secret: string;
  label: string | null;
  created_at: string;
  revoked_at: string | null;
}

/** A stored row as a Credential, leaving absent optional fields out. */
export function rowToCredential(r: CredentialRow): Credential {
  return {
    id: r.id,
    userId: r.user_id,
    kind: r.kind,
    secret: r.secret,
    createdAt: r.created_at,
    ...(r.label === null ? {} : { label: r.label }),
    ...(r.revoked_at === null ? {} : { revokedAt: r.revoked_at }),
  };
}
