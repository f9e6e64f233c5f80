/** The app shell: session, language, navigation and the page for the current route. */
import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Actor } from '../../src/access/index.js';
import { can } from '../../src/access/index.js';
import { setCsrfToken } from './api/client.js';
import { getSession, logout } from './api/routes.js';
import {
  LOCALES,
  LOCALE_NAMES,
  loadLocale,
  locale,
  setLocale,
  t,
  type Locale,
  type MessageKey,
} from './i18n/index.js';
import { LoginPage } from './pages/login.js';
import { MapPage, RecordPage } from './pages/map.js';
import { href, useRoute, type Route } from './router.js';
import { Loading } from './ui.js';
import { appOutbox } from './outbox.js';
import { OutboxPage, useOutbox } from './pages/outbox.js';
import { appIdentity } from './offline/session.js';
import { applyUpdate, registerServiceWorker } from './offline/register.js';
import { OfflineSessionNotice, SyncIndicator, UpdatePrompt } from './offline/status.js';

const NAV: readonly {
  readonly page: Route['page'];
  readonly label: MessageKey;
  readonly to: Route;
  readonly show: (a: Actor) => boolean;
}[] = [
  { page: 'map', label: 'nav.map', to: { page: 'map' }, show: () => true },
  {
    page: 'new',
    label: 'nav.records',
    to: { page: 'new', kind: 'hazard' },
    show: (a) =>
      ['landrelease.submit', 'minefield.record', 'stock.propose', 'stock.check'].some((p) =>
        can(a, p as Parameters<typeof can>[1]),
      ),
  },
  { page: 'stock', label: 'nav.stock', to: { page: 'stock' }, show: (a) => can(a, 'stock.read') },
  {
    page: 'compliance',
    label: 'nav.compliance',
    to: { page: 'compliance' },
    show: (a) => can(a, 'compliance.read'),
  },
  { page: 'progress', label: 'nav.progress', to: { page: 'progress' }, show: () => true },
  { page: 'ledger', label: 'nav.ledger', to: { page: 'ledger' }, show: (a) => can(a, 'ledger.read') },
  { page: 'outbox', label: 'nav.outbox', to: { page: 'outbox' }, show: (a) => can(a, 'landrelease.submit') },
];

export function App() {
  const [lang, setLang] = useState<Locale>(locale());
  const [actor, setActor] = useState<Actor | null | undefined>(undefined);
  /** Working as the last signed-in user kept on this device, without a confirmed server session. */
  const [offlineSession, setOfflineSession] = useState(false);
  const [updateReady, setUpdateReady] = useState(false);
  const route = useRoute();
  const outbox = useOutbox();
  const pending = outbox.filter((i) => i.status === 'pending').length;

  // The outbox sends only the signed-in user's reports; try as soon as someone is signed in.
  useEffect(() => {
    appOutbox().setUser(actor?.id);
    if (actor !== null && actor !== undefined) void appOutbox().flush();
  }, [actor?.id]);

  useEffect(() => {
    document.documentElement.lang = lang;
    registerServiceWorker(() => setUpdateReady(true));
    const id = appIdentity();
    // Ask the server who is signed in: at start, and whenever the connection returns.
    const check = (first: boolean) =>
      getSession().then(
        (s) => {
          setCsrfToken(s.csrfToken ?? undefined);
          id.setServer(s.user === null ? 'signed-out' : 'signed-in');
          if (s.user !== null) {
            id.remember(s.user);
            setActor(s.user);
            setOfflineSession(false);
            void appOutbox().flush();
          } else if (first) setActor(null);
          // The session ended while working offline: keep working; the notice offers to sign in,
          // and the outbox keeps every report until then.
          else setOfflineSession(true);
        },
        () => {
          if (!first) return;
          // No server: open as the last user signed in on this device (offline/session.ts).
          const last = id.last();
          setActor(last ?? null);
          setOfflineSession(last !== undefined);
        },
      );
    void check(true);
    const online = () => void check(false);
    globalThis.addEventListener('online', online);
    return () => globalThis.removeEventListener('online', online);
  }, []);

  const signedIn = (a: Actor) => {
    appIdentity().remember(a);
    appIdentity().setServer('signed-in');
    setOfflineSession(false);
    setActor(a);
    void appOutbox().flush();
  };
  // The catalogue is fetched first; if it cannot be (offline, not cached), the language stays.
  const changeLang = (l: Locale) => {
    loadLocale(l).then(
      () => {
        setLocale(l);
        setLang(l);
      },
      () => undefined,
    );
  };
  const signOut = () => {
    void logout().finally(() => {
      setCsrfToken(undefined);
      appIdentity().forget();
      setOfflineSession(false);
      setActor(null);
    });
  };

  return (
    <div class="app" key={lang}>
      <a class="skip" href="#main">
        {t('app.skip')}
      </a>
      <header class="topbar">
        <span class="brand">
          <strong>{t('app.title')}</strong> <span class="tagline">{t('app.tagline')}</span>
        </span>
        <label class="lang">
          <span>{t('nav.language')}</span>{' '}
          <select
            value={lang}
            onChange={(e) => changeLang(e.currentTarget.value as Locale)}
            data-testid="language"
          >
            {LOCALES.map((l) => (
              <option key={l} value={l} lang={l}>
                {LOCALE_NAMES[l]}
              </option>
            ))}
          </select>
        </label>
        {actor !== null && actor !== undefined && can(actor, 'landrelease.submit') && <SyncIndicator />}
        {actor !== null && actor !== undefined && (
          <span class="who">
            <span data-testid="signed-in">
              {t('nav.signedInAs', { name: actor.name, roles: actor.roles.join(', ') })}
            </span>{' '}
            <button type="button" onClick={signOut}>
              {t('nav.logout')}
            </button>
          </span>
        )}
      </header>
      {updateReady && <UpdatePrompt onReload={applyUpdate} />}
      {offlineSession && actor !== null && actor !== undefined && (
        <OfflineSessionNotice name={actor.name} onSignIn={() => setActor(null)} />
      )}
      {actor !== null && actor !== undefined && (
        <nav class="mainnav" aria-label={t('nav.label')}>
          <ul>
            {NAV.filter((n) => n.show(actor)).map((n) => (
              <li key={n.page}>
                <a
                  href={href(n.to)}
                  aria-current={route.page === n.page ? 'page' : undefined}
                  {...(n.page === 'outbox' ? { 'data-testid': 'outbox-link' } : {})}
                >
                  {n.page === 'outbox' && pending > 0
                    ? t('nav.outboxPending', { count: pending })
                    : t(n.label)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <main id="main" tabIndex={-1}>
        {actor === undefined ? (
          <Loading />
        ) : actor === null ? (
          <LoginPage onLogin={signedIn} />
        ) : (
          <Page route={route} actor={actor} />
        )}
      </main>
      <footer class="footer">{t('app.synthetic')} · Natural Earth</footer>
    </div>
  );
}

/**
 * A page loaded as its own chunk on first visit (forms carry Zod, the progress page Chart.js);
 * only the map (the landing page) is in the entry script.
 */
function LazyPage<P extends object>(props: {
  readonly load: () => Promise<FunctionComponent<P>>;
  readonly args: P;
}) {
  const [C, setC] = useState<FunctionComponent<P> | null>(null);
  useEffect(() => {
    let live = true;
    void props.load().then((c) => live && setC(() => c));
    return () => {
      live = false;
    };
  }, []);
  return C === null ? <Loading /> : <C {...props.args} />;
}

const loadRecords = () => import('./pages/records.js').then((m) => m.NewRecordPage);
const loadProgress = () => import('./pages/progress.js').then((m) => m.ProgressPage);
const loadStock = () => import('./pages/stock.js').then((m) => m.StockPage);
const loadCompliance = () => import('./pages/compliance.js').then((m) => m.CompliancePage);
const loadLedger = () => import('./pages/ledger.js').then((m) => m.LedgerPage);

function Page(props: { readonly route: Route; readonly actor: Actor }) {
  const r = props.route;
  switch (r.page) {
    case 'map':
      return (
        <MapPage
          key={r.at === undefined ? '' : `${r.at.lat},${r.at.lon},${r.at.zoom}`}
          actor={props.actor}
          at={r.at}
        />
      );
    case 'record':
      return <RecordPage collection={r.collection} id={r.id} />;
    case 'new':
      return (
        <LazyPage key={`new-${r.kind}`} load={loadRecords} args={{ actor: props.actor, kind: r.kind }} />
      );
    case 'stock':
      return <LazyPage key="stock" load={loadStock} args={{ actor: props.actor }} />;
    case 'compliance':
      return <LazyPage key="compliance" load={loadCompliance} args={{}} />;
    case 'progress':
      return <LazyPage key="progress" load={loadProgress} args={{}} />;
    case 'ledger':
      return <LazyPage key="ledger" load={loadLedger} args={{}} />;
    case 'outbox':
      return <OutboxPage />;
  }
}
