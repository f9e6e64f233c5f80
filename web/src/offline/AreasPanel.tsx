/**
 * "Keep this area for offline use" on the map page: the current view's record-layer tiles over a
 * zoom range, with the tile count and an estimated size shown before anything is saved, a cap,
 * progress while saving, and the list of saved areas with delete (offline/areas.ts).
 */
import { useState } from 'preact/hooks';
import type { Actor } from '../../../src/access/index.js';
import { tileTemplate } from '../api/routes.js';
import { formatNumber, t } from '../i18n/index.js';
import { layersFor } from '../map/layers.js';
import { deleteArea, estimateArea, listAreas, saveArea, type AreaEstimate, type SavedArea } from './areas.js';
import { boxProblem, MAX_AREA_TILES, MAX_TILE_ZOOM, type LonLatBox } from './tiles.js';

export interface MapViewState {
  readonly box: LonLatBox;
  readonly zoom: number;
}

function size(bytes: number): string {
  if (bytes < 1024 * 1024) return `${formatNumber(Math.max(1, Math.round(bytes / 1024)))} kB`;
  return `${formatNumber(Math.round((bytes / (1024 * 1024)) * 10) / 10)} MB`;
}

/** The tile templates the map draws for this user (the clustered layer comes as GeoJSON, not tiles). */
function templatesFor(actor: Actor): string[] {
  return layersFor(actor)
    .filter((l) => l.kind !== 'cluster')
    .map((l) => tileTemplate(l.collection, l.kind === 'polygon'));
}

export function AreasPanel(props: { readonly actor: Actor; readonly view: MapViewState | undefined }) {
  const [open, setOpen] = useState(false);
  const [areas, setAreas] = useState<readonly SavedArea[]>(listAreas);
  const [name, setName] = useState('');
  const from = Math.min(MAX_TILE_ZOOM, Math.max(0, Math.floor(props.view?.zoom ?? 0)));
  const [to, setTo] = useState<number | undefined>(undefined);
  const maxZoom = Math.max(from, to ?? Math.min(MAX_TILE_ZOOM, from + 2));
  const [estimate, setEstimate] = useState<AreaEstimate | undefined>(undefined);
  const [progress, setProgress] = useState<{ done: number; total: number } | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const box = props.view?.box;

  const run = async (what: () => Promise<void>) => {
    setError(undefined);
    try {
      await what();
    } catch (e) {
      setError(t('areas.failed', { message: e instanceof Error ? e.message : String(e) }));
    }
  };
  const doEstimate = () =>
    run(async () => {
      if (box === undefined) return;
      const bad = boxProblem(box, from, maxZoom);
      if (bad !== undefined) throw new Error(bad);
      setEstimate(await estimateArea(box, from, maxZoom, templatesFor(props.actor)));
    });
  const doSave = () =>
    run(async () => {
      if (box === undefined) return;
      setProgress({ done: 0, total: estimate?.tiles ?? 0 });
      try {
        await saveArea(
          name.trim() || new Date().toLocaleString(),
          box,
          from,
          maxZoom,
          templatesFor(props.actor),
          (done, total) => setProgress({ done, total }),
        );
      } finally {
        setProgress(undefined);
      }
      setAreas(listAreas());
      setEstimate(undefined);
      setName('');
    });
  const remove = (a: SavedArea) => void run(async () => deleteArea(a.id)).then(() => setAreas(listAreas()));

  return (
    <section class="card areas" aria-labelledby="areas-title" data-testid="offline-areas">
      <h2 id="areas-title">
        <button type="button" class="link" aria-expanded={open} onClick={() => setOpen(!open)}>
          {t('areas.title')} ({areas.length})
        </button>
      </h2>
      {open && (
        <>
          <p class="hint">{t('areas.intro')}</p>
          <div class="field-row">
            <div class="field">
              <label for="area-name">{t('areas.name')}</label>
              <input id="area-name" value={name} onInput={(e) => setName(e.currentTarget.value)} />
            </div>
            <div class="field">
              <label for="area-zoom">{t('areas.zoomTo')}</label>
              <select
                id="area-zoom"
                value={maxZoom}
                onChange={(e) => {
                  setTo(Number(e.currentTarget.value));
                  setEstimate(undefined);
                }}
              >
                {Array.from({ length: MAX_TILE_ZOOM - from + 1 }, (_, i) => from + i).map((z) => (
                  <option key={z} value={z}>
                    {z}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <p class="actions">
            <button
              type="button"
              onClick={() => void doEstimate()}
              disabled={box === undefined || progress !== undefined}
              data-testid="area-keep"
            >
              {t('areas.keep')}
            </button>
          </p>
          {estimate !== undefined && (
            <p data-testid="area-estimate" data-tiles={estimate.tiles}>
              {estimate.overCap
                ? t('areas.overCap', { tiles: estimate.tiles, max: MAX_AREA_TILES })
                : t('areas.estimated', { tiles: estimate.tiles, size: size(estimate.bytes) })}{' '}
              {!estimate.overCap && (
                <button
                  type="button"
                  class="primary"
                  onClick={() => void doSave()}
                  disabled={progress !== undefined}
                  data-testid="area-save"
                >
                  {t('areas.save')}
                </button>
              )}
            </p>
          )}
          {progress !== undefined && (
            <p role="status">
              <progress max={progress.total} value={progress.done} /> {t('areas.saving', progress)}
            </p>
          )}
          {error !== undefined && (
            <p class="error" role="alert">
              {error}
            </p>
          )}
          <h3>{t('areas.saved')}</h3>
          {areas.length === 0 ? (
            <p class="hint">{t('areas.none')}</p>
          ) : (
            <ul class="area-list">
              {areas.map((a) => (
                <li key={a.id} data-testid="saved-area">
                  {t('areas.item', {
                    name: a.name,
                    from: a.minZoom,
                    to: a.maxZoom,
                    tiles: a.tiles,
                    size: size(a.bytes),
                  })}{' '}
                  <button type="button" class="small" onClick={() => remove(a)}>
                    {t('areas.delete')}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
