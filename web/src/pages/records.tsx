/**
 * New records: the hazardous-area form (coordinates in any supported format, or bearing and
 * distance, with a live preview on the map) and schema-driven forms for the other main records,
 * all validated live against the server's published payload schemas and the shared geo code.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Actor } from '../../../src/access/index.js';
import { can } from '../../../src/access/index.js';
import { ApiError, type ApiProblem } from '../api/client.js';
import { appOutbox } from '../outbox.js';
import { payloadValidator, type PayloadValidator } from '../api/schemas.js';
import { enumLabel, t, formatArea, type MessageKey } from '../i18n/index.js';
import { loadGeo, type Geo } from '../map/geo-lazy.js';
import { MapView } from '../map/MapView.js';
import { href } from '../router.js';
import {
  CoordinateList,
  positionsOf,
  resolvePoints,
  type FormatChoice,
  type PointEntry,
} from '../forms/coordinates.js';
import { PhotoField, type FormPhoto } from '../forms/photos.js';
import { ErrorMessage, FieldProblems, problemsAt, Queued } from '../ui.js';
import { ReviewQueue } from './review.js';
import { MinefieldForm } from '../forms/minefield.js';
import { ActivityForm } from '../forms/activity.js';
import { InspectionForm } from '../forms/inspection.js';

interface Kind {
  readonly id: string;
  readonly label: MessageKey;
  readonly command?: string;
  readonly permission: Parameters<typeof can>[1];
}

const KINDS: readonly Kind[] = [
  {
    id: 'hazard',
    label: 'records.kind.hazard',
    command: 'landrelease.submit',
    permission: 'landrelease.submit',
  },
  {
    id: 'activity',
    label: 'records.kind.activity',
    command: 'landrelease.submit',
    permission: 'landrelease.submit',
  },
  {
    id: 'minefield',
    label: 'records.kind.minefield',
    command: 'minefield.create',
    permission: 'minefield.record',
  },
  {
    id: 'inspection',
    label: 'records.kind.inspection',
    command: 'minefield.inspection.record',
    permission: 'minefield.record',
  },
  { id: 'movement', label: 'records.kind.movement', permission: 'stock.propose' },
  { id: 'count', label: 'records.kind.count', permission: 'stock.check' },
];

export function NewRecordPage(props: { readonly actor: Actor; readonly kind: string }) {
  const kinds = KINDS.filter((k) => can(props.actor, k.permission));
  const kind = kinds.find((k) => k.id === props.kind) ?? kinds[0];
  return (
    <section class="page records">
      <h1>{t('records.title')}</h1>
      <nav aria-label={t('records.choose')} class="tabs">
        <ul>
          {kinds.map((k) => (
            <li key={k.id}>
              <a
                href={k.id === 'movement' || k.id === 'count' ? '#/stock' : href({ page: 'new', kind: k.id })}
                aria-current={k.id === kind?.id ? 'page' : undefined}
              >
                {t(k.label)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {can(props.actor, 'landrelease.review') && <ReviewQueue actor={props.actor} />}
      {kind?.id === 'hazard' && <HazardForm owner={props.actor.id} />}
      {kind?.id === 'minefield' && <MinefieldForm />}
      {kind?.id === 'activity' && <ActivityForm owner={props.actor.id} />}
      {kind?.id === 'inspection' && <InspectionForm />}
    </section>
  );
}

const PERIMETER = 'payload.report.perimeter';
/** Problems of the perimeter as a whole (not of one turning point or the reference point). */
function perimeterProblems(ps: readonly ApiProblem[]): ApiProblem[] {
  return ps.filter(
    (p) =>
      p.path.startsWith(PERIMETER) &&
      !p.path.startsWith(`${PERIMETER}[`) &&
      p.path !== `${PERIMETER}.reference`,
  );
}

const HAZARD_KINDS = ['sha', 'cha', 'indication', 'ammunition-storage', 'eod-spot-task'] as const;
const EVIDENCE = ['direct', 'indirect', 'none', 'not-specified'] as const;

function HazardForm(props: { readonly owner: string }) {
  const [geo, setGeo] = useState<Geo | undefined>(undefined);
  const [name, setName] = useState('');
  const [hkind, setHkind] = useState<string>('sha');
  const [evidence, setEvidence] = useState<string>('indirect');
  const [format, setFormat] = useState<FormatChoice>('mgrs');
  const [reference, setReference] = useState('');
  const [entries, setEntries] = useState<readonly PointEntry[]>([
    { mode: 'absolute', text: '' },
    { mode: 'absolute', text: '' },
    { mode: 'absolute', text: '' },
  ]);
  const [validator, setValidator] = useState<PayloadValidator | undefined | null>(null);
  const [serverProblems, setServerProblems] = useState<readonly ApiProblem[]>([]);
  const [result, setResult] = useState<string | undefined>(undefined);
  const [queued, setQueued] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const [touched, setTouched] = useState(false);
  const [photos, setPhotos] = useState<readonly FormPhoto[]>([]);

  useEffect(() => {
    void loadGeo().then(setGeo);
    void payloadValidator('landrelease.submit').then(setValidator);
  }, []);

  const computed = useMemo(() => {
    if (geo === undefined) return { points: [], problems: [], polygon: undefined, area: undefined };
    const base = 'payload.report.perimeter';
    const filled = entries.filter((e) =>
      e.mode === 'absolute' ? e.text.trim() !== '' : e.bearing.trim() !== '' || e.distance.trim() !== '',
    );
    const { points, problems } = resolvePoints(
      geo,
      format,
      reference,
      entries.map((e) => e),
      base,
    );
    const ok = points.filter((p) => p !== undefined);
    let polygon: GeoJSON.Polygon | undefined;
    let area: number | undefined;
    const all: ApiProblem[] = problems.filter((p) => {
      // An empty row is not yet a problem; it is just not filled in.
      const m = /\[(\d+)\]/.exec(p.path);
      const i = m === null ? -1 : Number(m[1]);
      const e = entries[i];
      return e === undefined || (e.mode === 'absolute' ? e.text.trim() !== '' : true);
    });
    if (ok.length >= 3 && ok.length === filled.length) {
      const ring = ok.map((p) => [p.lon, p.lat]);
      const first = ring[0];
      if (first !== undefined) ring.push([...first]);
      polygon = { type: 'Polygon', coordinates: [ring] };
      const v = geo.validateGeometry(polygon, base);
      if (!v.ok) all.push(...v.errors.filter((x) => x.severity === 'error'));
      else if (v.value.geometry.type === 'Polygon') area = geo.geodesicArea(v.value.geometry);
    } else if (touched && ok.length < 3) {
      all.push({ code: 'GEOMETRY_TOO_FEW_POSITIONS', path: base, message: t('form.tooFewPoints') });
    }
    return { points, problems: all, polygon, area };
  }, [geo, entries, format, reference, touched]);

  const payload = {
    kind: 'hazard',
    report: {
      name: name.trim(),
      kind: hkind,
      evidence: { kind: evidence, items: [] },
      perimeter: computed.polygon ?? null,
      classification: 'restricted',
      ...(photos.length === 0
        ? {}
        : { attachments: photos.map((p) => ({ sha256: p.sha256, mediaType: p.mediaType, bytes: p.bytes })) }),
      ...(positionsOf(entries, 'perimeter').length === 0
        ? {}
        : { positions: positionsOf(entries, 'perimeter') }),
    },
  };
  const schemaProblems = validator
    ? validator
        .validate(payload)
        .filter((p) => p.path !== 'payload.report.perimeter' || computed.polygon !== undefined)
    : [];
  const live = touched ? [...schemaProblems, ...computed.problems] : computed.problems;
  const problems = [...live, ...serverProblems];
  const preview = useMemo<GeoJSON.FeatureCollection>(() => {
    const features: GeoJSON.Feature[] = [];
    if (computed.polygon !== undefined)
      features.push({ type: 'Feature', geometry: computed.polygon, properties: {} });
    for (const p of computed.points)
      if (p !== undefined)
        features.push({
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
          properties: {},
        });
    return { type: 'FeatureCollection', features };
  }, [computed]);

  const submit = (e: Event) => {
    e.preventDefault();
    setTouched(true);
    setServerProblems([]);
    setError(undefined);
    setResult(undefined);
    setQueued(false);
    if (live.length > 0 || computed.polygon === undefined) return;
    setBusy(true);
    // Through the outbox: saved on this device first, so a dropped connection loses nothing.
    appOutbox()
      .submit(
        'landrelease.submit',
        payload,
        `${t('records.kind.hazard')}: ${payload.report.name}`,
        undefined,
        photos.map((p) => p.sha256),
      )
      .then(
        (item) => {
          setBusy(false);
          if (item.status === 'sent') setResult(t('form.submitted', { seq: item.seq ?? '—' }));
          else setQueued(true);
        },
        (err: unknown) => {
          setBusy(false);
          if (err instanceof ApiError && err.problems.some((p) => p.path.startsWith('payload')))
            setServerProblems(err.problems);
          setError(err);
        },
      );
  };
  const fieldProblems = (path: string) => problemsAt(problems, path);

  return (
    <div class="form-with-map">
      <form class="card" onSubmit={submit} noValidate aria-labelledby="hazard-title">
        <h2 id="hazard-title">{t('records.kind.hazard')}</h2>
        {validator === undefined && <p class="hint">{t('form.noSchema', { type: 'landrelease.submit' })}</p>}
        <div class="field">
          <label for="hz-name">
            {t('form.name')} <span class="req">({t('common.required')})</span>
          </label>
          <input
            id="hz-name"
            value={name}
            onInput={(e) => setName(e.currentTarget.value)}
            onBlur={() => setTouched(true)}
            aria-invalid={fieldProblems('payload.report.name').length > 0}
            aria-describedby="hz-name-problems"
          />
          <FieldProblems id="hz-name-problems" problems={fieldProblems('payload.report.name')} />
        </div>
        <div class="field-row">
          <div class="field">
            <label for="hz-kind">{t('form.kind')}</label>
            <select id="hz-kind" value={hkind} onChange={(e) => setHkind(e.currentTarget.value)}>
              {HAZARD_KINDS.map((k) => (
                <option key={k} value={k}>
                  {enumLabel('hazard.kind', k)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="hz-evidence">{t('form.evidence')}</label>
            <select id="hz-evidence" value={evidence} onChange={(e) => setEvidence(e.currentTarget.value)}>
              {EVIDENCE.map((k) => (
                <option key={k} value={k}>
                  {enumLabel('hazard.evidence', k)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <CoordinateList
          geo={geo}
          idBase="hz"
          format={format}
          onFormat={setFormat}
          reference={reference}
          onReference={setReference}
          entries={entries}
          onEntries={setEntries}
          points={computed.points}
          problems={problems}
          pathBase="payload.report.perimeter"
        />
        <FieldProblems id="hz-perimeter-problems" problems={perimeterProblems(problems)} />
        <PhotoField
          idBase="hz"
          owner={props.owner}
          photos={photos}
          onPhotos={setPhotos}
          problems={fieldProblems('payload.report.attachments')}
        />
        {computed.area !== undefined && (
          <p class="area" data-testid="area">
            {t('coord.area', { area: formatArea(computed.area) })}
          </p>
        )}
        <p class="form-status" role="status" aria-live="polite">
          {touched && (live.length === 0 ? t('form.valid') : t('form.problems', { count: live.length }))}
        </p>
        {error !== undefined && <ErrorMessage error={error} />}
        {result !== undefined && (
          <p class="success" role="status" data-testid="result">
            {result}
          </p>
        )}
        {queued && <Queued />}
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('form.submitting') : t('common.submit')}
        </button>
      </form>
      <MapView actor={null} records={false} preview={preview} className="form-map" />
    </div>
  );
}
