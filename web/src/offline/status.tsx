/**
 * What the header shows about working offline (issue #12 §2): the sync state of the user's
 * reports, updated live; the offline-session notice; and the "new version" prompt.
 */
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n/index.js';
import { appOutbox } from '../outbox.js';
import { href } from '../router.js';
import { appIdentity } from './session.js';
import { syncState, type SyncState } from './sync.js';

/** navigator.onLine, live. */
export function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    globalThis.addEventListener('online', on);
    globalThis.addEventListener('offline', off);
    return () => {
      globalThis.removeEventListener('online', on);
      globalThis.removeEventListener('offline', off);
    };
  }, []);
  return online;
}

/** The sync state, recomputed whenever the outbox, the session check or the network changes. */
export function useSyncState(): SyncState {
  const online = useOnline();
  const box = appOutbox();
  const id = appIdentity();
  const read = () => syncState({ online, server: id.server(), sending: box.sending(), items: box.mine() });
  const [state, setState] = useState<SyncState>(read);
  useEffect(() => {
    const update = () => setState(read());
    update();
    const a = box.subscribe(update);
    const b = id.subscribe(update);
    return () => {
      a();
      b();
    };
  }, [online]);
  return state;
}

function label(s: SyncState): string {
  switch (s.kind) {
    case 'offline':
      return s.pending > 0 ? t('sync.offlinePending', { count: s.pending }) : t('sync.offline');
    case 'needs-sign-in':
      return t('sync.needsSignIn', { count: s.pending });
    case 'sending':
      return t('sync.sending');
    case 'error':
      return t('sync.error', { count: s.refused });
    case 'pending':
      return t('sync.pending', { count: s.pending });
    case 'all-sent':
      return t('sync.allSent');
  }
}

/** The header indicator: a link to the outbox, its state in a data attribute for tests and styles. */
export function SyncIndicator() {
  const s = useSyncState();
  return (
    <span role="status" aria-live="polite">
      <a
        class={`sync sync-${s.kind}`}
        href={href({ page: 'outbox' })}
        data-testid="sync-state"
        data-state={s.kind}
      >
        <span class="sync-dot" aria-hidden="true" /> {label(s)}
      </a>
    </span>
  );
}

/** Shown while the app runs on the identity kept on the device, not a confirmed server session. */
export function OfflineSessionNotice(props: { readonly name: string; readonly onSignIn: () => void }) {
  const online = useOnline();
  const server = useServerSession();
  return (
    <p class="offline-session" role="status" data-testid="offline-session">
      {t('offline.session', { name: props.name })}{' '}
      {online && server === 'signed-out' && (
        <button type="button" class="small" onClick={props.onSignIn}>
          {t('offline.signIn')}
        </button>
      )}
    </p>
  );
}

function useServerSession() {
  const id = appIdentity();
  const [s, setS] = useState(id.server());
  useEffect(() => id.subscribe(() => setS(id.server())), []);
  return s;
}

/** The prompt when a new version of the app has installed and waits. */
export function UpdatePrompt(props: { readonly onReload: () => void }) {
  return (
    <p class="update-prompt" role="status" data-testid="update-prompt">
      {t('offline.updateReady')}{' '}
      <button type="button" class="small primary" onClick={props.onReload}>
        {t('offline.reload')}
      </button>
    </p>
  );
}
