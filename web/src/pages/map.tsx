/** The map page, and the record page a feature or finding opens. */
import type { Actor } from '../../../src/access/index.js';
import { apiDoc, collectionItem } from '../api/routes.js';
import { t } from '../i18n/index.js';
import { MapView } from '../map/MapView.js';
import { navigate } from '../router.js';
import { Load, useLoad } from '../ui.js';
import { downloadProof } from './ledger.js';

export function MapPage(props: { readonly actor: Actor }) {
  return (
    <section class="page map-page" aria-label={t('map.title')}>
      <h1 class="sr-only">{t('map.title')}</h1>
      <MapView actor={props.actor} records onOpen={(collection, id) => navigate({ page: 'record', collection, id })} className="full" />
    </section>
  );
}

interface RecordView {
  readonly properties: Readonly<Record<string, unknown>>;
  readonly geometry?: GeoJSON.Geometry | null;
  /** Ledger seq of the last event that wrote the record, when the server says. */
  readonly version?: number;
}

/** Subjects that are not OGC collections are read from the JSON API's collections. */
const API_OF: Readonly<Record<string, string>> = { movement: 'stock-movements', lot: 'stock-lots', discrepancy: 'stock-discrepancies', check: 'stock-checks', type: 'stock-types' };

async function loadRecord(collection: string, id: string): Promise<RecordView> {
  const api = API_OF[collection];
  if (api !== undefined) {
    const d = await apiDoc<Record<string, unknown>>(api, id);
    return { properties: d.data, geometry: d.geometry, version: d.version };
  }
  const f = await collectionItem(collection, id);
  return { properties: f.properties ?? {}, geometry: f.geometry };
}

function show(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

export function RecordPage(props: { readonly collection: string; readonly id: string }) {
  const [data, reload] = useLoad(() => loadRecord(props.collection, props.id), `${props.collection}/${props.id}`);
  return (
    <section class="page record">
      <p>
        <a href="#/map">← {t('record.back')}</a>
      </p>
      <h1>
        {t('record.title')}: {props.collection} <code>{props.id}</code>
      </h1>
      <Load value={data} retry={reload}>
        {(r) => {
          const seq = r.version ?? r.properties.version ?? r.properties.seq;
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
              {typeof seq === 'number' && (
                <button type="button" onClick={() => void downloadProof(seq)}>
                  {t('record.proof')}
                </button>
              )}
            </div>
          );
        }}
      </Load>
    </section>
  );
}
