/**
 * The sync state shown in the header (issue #12 §2): one word for where the user's reports stand,
 * from what the browser, the outbox and the last session check say.
 */
import type { OutboxItem } from '../outbox.js';
import type { ServerSession } from './session.js';

export type SyncState =
  | { readonly kind: 'offline'; readonly pending: number }
  | { readonly kind: 'needs-sign-in'; readonly pending: number }
  | { readonly kind: 'sending'; readonly pending: number }
  | { readonly kind: 'error'; readonly refused: number; readonly pending: number }
  | { readonly kind: 'pending'; readonly pending: number }
  | { readonly kind: 'all-sent' };

export interface SyncInputs {
  /** navigator.onLine: false means surely offline; true only that a network is there. */
  readonly online: boolean;
  readonly server: ServerSession;
  readonly sending: boolean;
  readonly items: readonly OutboxItem[];
}

/**
 * Offline first (nothing can move), then a missing sign-in (nothing will move until the user acts),
 * then a send in progress, then refused reports (the user must look), then waiting ones.
 */
export function syncState(s: SyncInputs): SyncState {
  const pending = s.items.filter((i) => i.status === 'pending').length;
  const refused = s.items.filter((i) => i.status === 'refused').length;
  if (!s.online) return { kind: 'offline', pending };
  if (s.server === 'signed-out' && pending > 0) return { kind: 'needs-sign-in', pending };
  if (s.sending) return { kind: 'sending', pending };
  if (refused > 0) return { kind: 'error', refused, pending };
  if (pending > 0) return { kind: 'pending', pending };
  return { kind: 'all-sent' };
}
