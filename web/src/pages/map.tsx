/** The map page, and the record page a feature or finding opens. */
import { useState } from 'preact/hooks';
import type { Actor } from '../../../src/access/index.js';
import { apiDoc, collectionItem, recordProof, treatyState } from '../api/routes.js';
import { describeError } from '../api/client.js';
import { enumLabel, t } from '../i18n/index.js';
import { MapView } from '../map/MapView.js';
import { navigate, type MapAt } from '../router.js';
import { Load, useLoad } from '../ui.js';
import { AreasPanel, type MapViewState } from '../offline/AreasPanel.js';

export function MapPage(props: { readonly actor: Actor; readonly at?: MapAt | undefined }) {
  const [view, setView] = useState<MapViewState | undefined>(undefined);
  return (
    <section class="page map-page" aria-label={t('map.title')}>
      <h1 class="sr-only">{t('map.title')}</h1>
      <MapView
        actor={props.actor}
        records
        at={props.at}
        onOpen={(collection, id) => navigate({ page: 'record', collection, id })}
        onView={setView}
        className="full"
      />
      <AreasPanel actor={props.actor} view={view} />
    </section>
  );
}

interface RecordView {
  readonly properties: Readonly<Record<string, unknown>>;
  readonly geometry?: { readonly type: string } | null;
  /** Ledger seq of the last event that wrote the record, when the server says. */
  readonly version?: number;
}

/** OGC collections are read as features; the stock collections and treaty states from the JSON API. */
async function loadRecord(collection: string, id: string): Promise<RecordView> {
  if (collection.startsWith('stock-')) {
    const d = await apiDoc(collection, id);
    return { properties: d.data, geometry: d.geometry, version: d.version };
  }
  if (collection === 'treaty-states') return { properties: await treatyState(id) };
  const f = await collectionItem(collection, id);
  return { properties: f.properties ?? {}, geometry: f.geometry };
}

function show(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') return v;
  // Numbers as stored: a year or a sequence number must not gain a thousands separator.
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return t(v ? 'common.yes' : 'common.no');
  return JSON.stringify(v);
}

export function RecordPage(props: { readonly collection: string; readonly id: string }) {
  const [data, reload] = useLoad(
    () => loadRecord(props.collection, props.id),
    `${props.collection}/${props.id}`,
  );
  const [proofError, setProofError] = useState<string | undefined>(undefined);
  const proof = () => {
    setProofError(undefined);
    recordProof(props.collection, props.id).then(
      (p) =>
        import('./ledger.js').then((m) =>
          m.downloadJson(`cairn-proof-${props.collection}-${props.id}.json`, p),
        ),
      (e: unknown) => setProofError(describeError(e)),
    );
  };
  return (
    <section class="page record">
      <p>
        <a href="#/map">← {t('record.back')}</a>
      </p>
      <h1>
        {t('record.title')}: {enumLabel('map.layer', props.collection)} <code>{props.id}</code>
      </h1>
      <Load value={data} retry={reload}>
        {(r) => {
          return (
            <div class="card" data-testid="record">
              <table class="kv-table">
                <thead>
                  <tr>
                    <th scope="col">{t('record.field')}</th>
                    <th scope="col">{t('record.value')}</th>
                  </tr>
                </thead>
                <tbody>
                  {Object.entries(r.properties).map(([k, v]) => (
                    <tr key={k}>
                      <th scope="row">{k}</th>
                      <td>{show(v)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <button type="button" onClick={proof} data-testid="record-proof">
                {t('record.proof')}
              </button>
              {proofError !== undefined && (
                <p class="error" role="alert">
                  {proofError}
                </p>
              )}
            </div>
          );
        }}
      </Load>
    </section>
  );
}
