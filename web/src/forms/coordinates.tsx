/**
 * Turning points entered in DD, DMS, DMM, UTM, MGRS or a national grid, or as bearing and
 * distance from a reference point, parsed live by the shared src/geo code (the same parser the
 * server and CLI use) with a preview of each point in DD.
 */
import { useState } from 'preact/hooks';
import type { Geo } from '../map/geo-lazy.js';
import { currentFix, type FixFailure } from '../offline/gps.js';
import type { ApiProblem } from '../api/client.js';
import { t, type MessageKey } from '../i18n/index.js';
import { FieldProblems } from '../ui.js';

export type FormatChoice =
  | 'dd'
  | 'dms'
  | 'dmm'
  | 'utm'
  | 'mgrs'
  | 'EPSG:3067'
  | 'EPSG:3301'
  | 'EPSG:3059'
  | 'EPSG:3346'
  | 'EPSG:2180'
  | 'EPSG:5562'
  | 'EPSG:5563'
  | 'EPSG:5564'
  | 'EPSG:5565';
export const FORMATS: readonly FormatChoice[] = [
  'dd',
  'dms',
  'dmm',
  'utm',
  'mgrs',
  'EPSG:3067',
  'EPSG:3301',
  'EPSG:3059',
  'EPSG:3346',
  'EPSG:2180',
  'EPSG:5562',
  'EPSG:5563',
  'EPSG:5564',
  'EPSG:5565',
];

/** A device position fix that filled a point (kept while its text is not edited). */
export interface PointFix {
  readonly lat: number;
  readonly lon: number;
  readonly accuracyM: number;
  readonly capturedAt: string;
}

export type PointEntry =
  | { readonly mode: 'absolute'; readonly text: string; readonly gps?: PointFix }
  | { readonly mode: 'bearing'; readonly bearing: string; readonly distance: string };

export interface ParsedPoint {
  readonly lon: number;
  readonly lat: number;
  readonly original: string;
}

function formatOf(geo: Geo, f: FormatChoice) {
  return geo.parseFormat(f === 'mgrs' ? 'mgrs' : f.toLowerCase());
}

/** Parse one coordinate text in the chosen format. */
export function parsePoint(
  geo: Geo,
  format: FormatChoice,
  text: string,
  path: string,
): { point?: ParsedPoint; problems: ApiProblem[] } {
  const fmt = formatOf(geo, format);
  if (!fmt.ok) return { problems: fmt.errors.map((p) => ({ ...p, path })) };
  const r = geo.parseCoordinate(text, fmt.value);
  if (!r.ok) return { problems: r.errors.map((p) => ({ ...p, path })) };
  return {
    point: { lon: r.value.lon, lat: r.value.lat, original: `${r.value.original.format}: ${text}` },
    problems: [],
  };
}

/** Resolve every entry: absolute points parse in `format`; relative ones go from `reference`. */
export function resolvePoints(
  geo: Geo,
  format: FormatChoice,
  reference: string,
  entries: readonly PointEntry[],
  base: string,
): { points: (ParsedPoint | undefined)[]; problems: ApiProblem[] } {
  const problems: ApiProblem[] = [];
  let ref: ParsedPoint | undefined;
  if (entries.some((e) => e.mode === 'bearing')) {
    const r = parsePoint(geo, format, reference, `${base}.reference`);
    ref = r.point;
    problems.push(...r.problems);
  }
  const points = entries.map((e, i) => {
    const path = `${base}[${i}]`;
    if (e.mode === 'absolute') {
      const r = parsePoint(geo, format, e.text, path);
      problems.push(...r.problems);
      return r.point;
    }
    const b = geo.parseBearing(e.bearing);
    const d = Number(e.distance);
    if (!b.ok) problems.push(...b.errors.map((p) => ({ ...p, path: `${path}.bearing` })));
    if (e.distance.trim() === '' || !Number.isFinite(d) || d < 0)
      problems.push({
        code: 'COORD_OUT_OF_RANGE',
        path: `${path}.distance`,
        message: t('coord.distanceInvalid'),
      });
    if (ref === undefined || !b.ok || !Number.isFinite(d) || d < 0) return undefined;
    const from = geo.wgs84Point(ref.lat, ref.lon);
    if (!from.ok) return undefined;
    const p = geo.pointAtBearing(from.value, b.value, d);
    if (!p.ok) {
      problems.push(...p.errors.map((x) => ({ ...x, path })));
      return undefined;
    }
    return { lon: p.value.lon, lat: p.value.lat, original: `${e.bearing} / ${e.distance} m from reference` };
  });
  return { points, problems };
}

/** A point in the chosen format's text (so the fix reads like a typed point), or undefined. */
export function formatPoint(geo: Geo, format: FormatChoice, lat: number, lon: number): string | undefined {
  const fmt = formatOf(geo, format);
  const p = geo.wgs84Point(lat, lon);
  if (!fmt.ok || !p.ok) return undefined;
  const r = geo.formatCoordinate(p.value, fmt.value);
  return r.ok ? r.value.text : undefined;
}

/** Position fixes of the entries, as the report's `positions` (src/landrelease/schemas.ts positionFix). */
export function positionsOf(entries: readonly PointEntry[], field: string) {
  return entries.flatMap((e, i) =>
    e.mode === 'absolute' && e.gps !== undefined
      ? [
          {
            field: `${field}[${i}]`,
            point: [e.gps.lon, e.gps.lat] as [number, number],
            accuracyM: e.gps.accuracyM,
            source: 'device-gps' as const,
            capturedAt: e.gps.capturedAt,
          },
        ]
      : [],
  );
}

function formatLabel(f: FormatChoice): string {
  const key = `coord.format.${f}`;
  return f.startsWith('EPSG:') ? `${t('coord.format.grid')} ${f}` : t(key as MessageKey);
}

export interface CoordinateListProps {
  readonly idBase: string;
  readonly format: FormatChoice;
  readonly onFormat: (f: FormatChoice) => void;
  readonly reference: string;
  readonly onReference: (s: string) => void;
  readonly entries: readonly PointEntry[];
  readonly onEntries: (e: readonly PointEntry[]) => void;
  readonly points: readonly (ParsedPoint | undefined)[];
  readonly problems: readonly ApiProblem[];
  readonly pathBase: string;
  /** The shared geo code, for writing a device position in the chosen format (no GPS button without it). */
  readonly geo?: Geo | undefined;
}

export function CoordinateList(p: CoordinateListProps) {
  const set = (i: number, e: PointEntry) => p.onEntries(p.entries.map((x, j) => (j === i ? e : x)));
  const hasBearing = p.entries.some((e) => e.mode === 'bearing');
  const at = (path: string) => p.problems.filter((x) => x.path === path);
  const placeholder =
    p.format === 'mgrs' ? t('coord.placeholder.mgrs') : p.format === 'dd' ? t('coord.placeholder.dd') : '';
  const [locating, setLocating] = useState<number | undefined>(undefined);
  const [gpsProblem, setGpsProblem] = useState<
    { readonly i: number; readonly reason: FixFailure } | undefined
  >(undefined);
  const geo = p.geo;
  const locate = (i: number) => {
    if (geo === undefined) return;
    setLocating(i);
    setGpsProblem(undefined);
    void currentFix().then((fix) => {
      setLocating(undefined);
      if (!fix.ok) {
        setGpsProblem({ i, reason: fix.reason });
        return;
      }
      const text = formatPoint(geo, p.format, fix.lat, fix.lon);
      if (text === undefined) {
        setGpsProblem({ i, reason: 'unavailable' });
        return;
      }
      set(i, {
        mode: 'absolute',
        text,
        gps: { lat: fix.lat, lon: fix.lon, accuracyM: fix.accuracyM, capturedAt: fix.capturedAt },
      });
    });
  };
  return (
    <fieldset class="coords">
      <legend>{t('coord.format')}</legend>
      <div class="field">
        <label for={`${p.idBase}-format`}>{t('coord.format')}</label>
        <select
          id={`${p.idBase}-format`}
          value={p.format}
          onChange={(e) => p.onFormat(e.currentTarget.value as FormatChoice)}
        >
          {FORMATS.map((f) => (
            <option key={f} value={f}>
              {formatLabel(f)}
            </option>
          ))}
        </select>
      </div>
      {hasBearing && (
        <div class="field">
          <label for={`${p.idBase}-ref`}>{t('coord.reference')}</label>
          <input
            id={`${p.idBase}-ref`}
            value={p.reference}
            placeholder={placeholder}
            onInput={(e) => p.onReference(e.currentTarget.value)}
            aria-describedby={`${p.idBase}-ref-problems`}
            aria-invalid={at(`${p.pathBase}.reference`).length > 0}
          />
          <FieldProblems id={`${p.idBase}-ref-problems`} problems={at(`${p.pathBase}.reference`)} />
        </div>
      )}
      <ol class="points">
        {p.entries.map((e, i) => {
          const id = `${p.idBase}-p${i}`;
          const path = `${p.pathBase}[${i}]`;
          const probs = p.problems.filter((x) => x.path === path || x.path.startsWith(`${path}.`));
          const pt = p.points[i];
          return (
            <li key={i} class="point">
              <div class="point-row">
                <label for={id}>{t('coord.point', { n: i + 1 })}</label>
                <select
                  aria-label={`${t('coord.point', { n: i + 1 })}: ${t('coord.mode.absolute')} / ${t('coord.mode.bearing')}`}
                  value={e.mode}
                  onChange={(ev) =>
                    set(
                      i,
                      ev.currentTarget.value === 'bearing'
                        ? { mode: 'bearing', bearing: '', distance: '' }
                        : { mode: 'absolute', text: '' },
                    )
                  }
                >
                  <option value="absolute">{t('coord.mode.absolute')}</option>
                  <option value="bearing">{t('coord.mode.bearing')}</option>
                </select>
                {e.mode === 'absolute' ? (
                  <input
                    id={id}
                    class="coord-input"
                    value={e.text}
                    placeholder={placeholder}
                    onInput={(ev) => set(i, { mode: 'absolute', text: ev.currentTarget.value })}
                    aria-invalid={probs.length > 0}
                    aria-describedby={`${id}-problems ${id}-preview`}
                  />
                ) : (
                  <>
                    <input
                      id={id}
                      aria-label={`${t('coord.point', { n: i + 1 })}: ${t('coord.bearing')}`}
                      placeholder={t('coord.bearing')}
                      value={e.bearing}
                      onInput={(ev) => set(i, { ...e, bearing: ev.currentTarget.value })}
                      aria-invalid={probs.length > 0}
                    />
                    <input
                      aria-label={`${t('coord.point', { n: i + 1 })}: ${t('coord.distance')}`}
                      placeholder={t('coord.distance')}
                      inputMode="decimal"
                      value={e.distance}
                      onInput={(ev) => set(i, { ...e, distance: ev.currentTarget.value })}
                    />
                  </>
                )}
                {e.mode === 'absolute' && geo !== undefined && (
                  <button
                    type="button"
                    class="small"
                    onClick={() => locate(i)}
                    disabled={locating !== undefined}
                    data-testid={`${id}-gps`}
                    aria-label={`${t('coord.point', { n: i + 1 })}: ${t('gps.use')}`}
                  >
                    {locating === i ? t('gps.locating') : t('gps.use')}
                  </button>
                )}
                <button
                  type="button"
                  class="small"
                  onClick={() => p.onEntries(p.entries.filter((_, j) => j !== i))}
                  aria-label={`${t('common.remove')} ${t('coord.point', { n: i + 1 })}`}
                >
                  ×
                </button>
              </div>
              <output id={`${id}-preview`} class="preview">
                {pt !== undefined
                  ? t('coord.preview', { dd: `${pt.lat.toFixed(6)}, ${pt.lon.toFixed(6)}` })
                  : ''}
              </output>
              {e.mode === 'absolute' && e.gps !== undefined && (
                <span class="gps-accuracy" data-testid={`${id}-accuracy`}>
                  {t('gps.accuracy', { metres: e.gps.accuracyM })}
                </span>
              )}
              {gpsProblem?.i === i && (
                <p class="error" role="alert">
                  {t(`gps.${gpsProblem.reason}`)}
                </p>
              )}
              <FieldProblems id={`${id}-problems`} problems={probs} />
            </li>
          );
        })}
      </ol>
      <button type="button" onClick={() => p.onEntries([...p.entries, { mode: 'absolute', text: '' }])}>
        {t('coord.addPoint')}
      </button>
    </fieldset>
  );
}
