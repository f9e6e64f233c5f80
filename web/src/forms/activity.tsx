/**
 * An activity with its land-release outputs (IMAS 07.11: cancelled, reduced, cleared) and the
 * devices found. Output perimeters and device locations are entered in any supported coordinate
 * format, parsed live by src/geo, validated as geometry, and previewed on the map; the payload is
 * checked live against the server's published `landrelease.submit` schema.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiError, type ApiProblem } from '../api/client.js';
import { apiCollection, landreleaseHazards, textField } from '../api/routes.js';
import { appOutbox } from '../outbox.js';
import { payloadValidator, type PayloadValidator } from '../api/schemas.js';
import { enumLabel, formatArea, t } from '../i18n/index.js';
import { loadGeo, type Geo } from '../map/geo-lazy.js';
import { MapView } from '../map/MapView.js';
import { ErrorMessage, FieldProblems, problemsAt, Queued } from '../ui.js';
import {
  CoordinateList,
  parsePoint,
  positionsOf,
  resolvePoints,
  type FormatChoice,
  type ParsedPoint,
  type PointEntry,
} from './coordinates.js';
import { PhotoField, type FormPhoto } from './photos.js';

const METHODS = ['cancelled', 'reduced', 'cleared'] as const;
const TYPES = ['nts', 'ts', 'clearance', 'bac', 'eod'] as const;
const STATUSES = ['completed', 'ongoing', 'planned', 'suspended', 'aborted'] as const;
const CATEGORIES = ['ap-mine', 'at-mine', 'uxo', 'ied', 'submunition', 'other'] as const;

interface Output {
  readonly method: string;
  readonly entries: readonly PointEntry[];
}
interface Device {
  readonly text: string;
  readonly category: string;
  readonly count: string;
}

const blankPoints = (): PointEntry[] => [
  { mode: 'absolute', text: '' },
  { mode: 'absolute', text: '' },
  { mode: 'absolute', text: '' },
];

export function ActivityForm(props: { readonly owner: string }) {
  const [geo, setGeo] = useState<Geo | undefined>(undefined);
  const [photos, setPhotos] = useState<readonly FormPhoto[]>([]);
  const [validator, setValidator] = useState<PayloadValidator | undefined | null>(null);
  const [hazards, setHazards] = useState<readonly { id: string; label: string }[]>([]);
  const [orgs, setOrgs] = useState<readonly { id: string; label: string }[]>([]);
  const [hazardId, setHazardId] = useState('');
  const [type, setType] = useState('clearance');
  const [organisation, setOrganisation] = useState('');
  const [startDate, setStartDate] = useState(() => new Date().toISOString().slice(0, 10));
  const [status, setStatus] = useState('completed');
  const [format, setFormat] = useState<FormatChoice>('mgrs');
  const [outputs, setOutputs] = useState<readonly Output[]>([{ method: 'cleared', entries: blankPoints() }]);
  const [devices, setDevices] = useState<readonly Device[]>([]);
  const [touched, setTouched] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [result, setResult] = useState<string | undefined>(undefined);
  const [queued, setQueued] = useState(false);

  useEffect(() => {
    void loadGeo().then(setGeo);
    void payloadValidator('landrelease.submit').then(setValidator);
    landreleaseHazards().then(
      (r) =>
        setHazards(
          r.items.map((h) => ({
            id: h.id,
            label: `${textField(h.data, 'humanId') ?? h.id} ${textField(h.data, 'name') ?? ''}`,
          })),
        ),
      () => setHazards([]),
    );
    apiCollection('stock-orgs').then(
      (r) => setOrgs(r.map((o) => ({ id: o.id, label: textField(o.data, 'name') ?? o.id }))),
      () => setOrgs([]),
    );
  }, []);

  const computed = useMemo(() => {
    const problems: ApiProblem[] = [];
    const polygons: (GeoJSON.Polygon | undefined)[] = [];
    const points: (ParsedPoint | undefined)[][] = [];
    let area = 0;
    if (geo === undefined)
      return { problems, polygons, points, deviceAt: [] as ([number, number] | undefined)[], area };
    outputs.forEach((o, i) => {
      const base = `payload.report.outputs[${i}].geometry`;
      const r = resolvePoints(geo, format, '', o.entries, base);
      points.push(r.points);
      problems.push(...r.problems.filter((p) => touched || !/required/.test(p.message)));
      const ok = r.points.filter((p) => p !== undefined);
      if (ok.length >= 3 && ok.length === o.entries.length) {
        const ring = ok.map((p) => [p.lon, p.lat]);
        const f0 = ring[0];
        if (f0 !== undefined) ring.push([...f0]);
        const poly: GeoJSON.Polygon = { type: 'Polygon', coordinates: [ring] };
        const v = geo.validateGeometry(poly, base);
        if (!v.ok) problems.push(...v.errors.filter((x) => x.severity === 'error'));
        else if (v.value.geometry.type === 'Polygon') area += geo.geodesicArea(v.value.geometry);
        polygons.push(poly);
      } else polygons.push(undefined);
    });
    const deviceAt = devices.map((d, i) => {
      if (d.text.trim() === '') return undefined;
      const r = parsePoint(geo, format, d.text, `payload.report.devices[${i}].location`);
      problems.push(...r.problems);
      return r.point === undefined ? undefined : ([r.point.lon, r.point.lat] as [number, number]);
    });
    return { problems, polygons, points, deviceAt, area };
  }, [geo, outputs, devices, format, touched]);

  const positions = outputs.flatMap((o, i) => positionsOf(o.entries, `outputs[${i}].geometry`));
  const payload = {
    kind: 'activity',
    report: {
      hazardId,
      type,
      organisation,
      startDate,
      status,
      outputs: outputs.map((o, i) => ({ method: o.method, geometry: computed.polygons[i] ?? null })),
      devices: devices.map((d, i) => ({
        location: computed.deviceAt[i] ?? null,
        category: d.category,
        count: Number(d.count),
      })),
      ...(photos.length === 0
        ? {}
        : { attachments: photos.map((p) => ({ sha256: p.sha256, mediaType: p.mediaType, bytes: p.bytes })) }),
      ...(positions.length === 0 ? {} : { positions }),
    },
  };
  const schemaProblems =
    touched && validator
      ? validator.validate(payload).filter((p) => !/\.geometry$|\.location$/.test(p.path) || touched)
      : [];
  const serverProblems = error instanceof ApiError ? error.problems : [];
  const problems = [...schemaProblems, ...computed.problems, ...serverProblems];

  const preview = useMemo<GeoJSON.FeatureCollection>(() => {
    const features: GeoJSON.Feature[] = [];
    for (const p of computed.polygons)
      if (p !== undefined) features.push({ type: 'Feature', geometry: p, properties: {} });
    for (const ps of computed.points)
      for (const p of ps)
        if (p !== undefined)
          features.push({
            type: 'Feature',
            geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
            properties: {},
          });
    for (const d of computed.deviceAt)
      if (d !== undefined)
        features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: d }, properties: {} });
    return { type: 'FeatureCollection', features };
  }, [computed]);

  const submit = (e: Event) => {
    e.preventDefault();
    setTouched(true);
    setError(undefined);
    setResult(undefined);
    setQueued(false);
    const live = validator ? validator.validate(payload) : [];
    if (live.length > 0 || computed.problems.length > 0) return;
    // Through the outbox: saved on this device first, so a dropped connection loses nothing.
    const hazard = hazards.find((h) => h.id === hazardId)?.label ?? hazardId;
    appOutbox()
      .submit(
        'landrelease.submit',
        payload,
        `${t('records.kind.activity')}: ${enumLabel('activity.type', type)} ${hazard}`,
        undefined,
        photos.map((p) => p.sha256),
      )
      .then(
        (item) =>
          item.status === 'sent' ? setResult(t('form.submitted', { seq: item.seq ?? '—' })) : setQueued(true),
        (err: unknown) => setError(err),
      );
  };
  const at = (path: string) => problemsAt(problems, path);

  return (
    <div class="form-with-map">
      <form class="card" onSubmit={submit} noValidate aria-labelledby="act-title">
        <h2 id="act-title">{t('records.kind.activity')}</h2>
        <div class="field">
          <label for="act-hazard">{t('records.kind.hazard')}</label>
          <select
            id="act-hazard"
            value={hazardId}
            onChange={(e) => setHazardId(e.currentTarget.value)}
            aria-describedby="act-hazard-problems"
          >
            <option value="">—</option>
            {hazards.map((h) => (
              <option key={h.id} value={h.id}>
                {h.label}
              </option>
            ))}
          </select>
          <FieldProblems id="act-hazard-problems" problems={at('payload.report.hazardId')} />
        </div>
        <div class="field-row">
          <div class="field">
            <label for="act-type">{t('form.kind')}</label>
            <select id="act-type" value={type} onChange={(e) => setType(e.currentTarget.value)}>
              {TYPES.map((x) => (
                <option key={x} value={x}>
                  {enumLabel('activity.type', x)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="act-status">{t('form.status')}</label>
            <select id="act-status" value={status} onChange={(e) => setStatus(e.currentTarget.value)}>
              {STATUSES.map((x) => (
                <option key={x} value={x}>
                  {enumLabel('activity.status', x)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="act-start">{t('form.effectiveAt')}</label>
            <input
              id="act-start"
              type="date"
              value={startDate}
              onInput={(e) => setStartDate(e.currentTarget.value)}
              aria-describedby="act-start-problems"
            />
            <FieldProblems id="act-start-problems" problems={at('payload.report.startDate')} />
          </div>
        </div>
        <div class="field">
          <label for="act-org">{t('form.organisation')}</label>
          <input
            id="act-org"
            list="act-orgs"
            value={organisation}
            onInput={(e) => setOrganisation(e.currentTarget.value)}
            aria-describedby="act-org-problems"
          />
          <datalist id="act-orgs">
            {orgs.map((o) => (
              <option key={o.id} value={o.id}>
                {o.label}
              </option>
            ))}
          </datalist>
          <FieldProblems id="act-org-problems" problems={at('payload.report.organisation')} />
        </div>
        {outputs.map((o, i) => (
          <fieldset class="coords" key={i}>
            <legend>{t('form.output', { n: i + 1 })}</legend>
            <div class="field">
              <label for={`act-o${i}-method`}>{t('form.method')}</label>
              <select
                id={`act-o${i}-method`}
                value={o.method}
                onChange={(e) =>
                  setOutputs(outputs.map((x, j) => (j === i ? { ...x, method: e.currentTarget.value } : x)))
                }
              >
                {METHODS.map((m) => (
                  <option key={m} value={m}>
                    {t(`map.method.${m}`)}
                  </option>
                ))}
              </select>
            </div>
            <CoordinateList
              geo={geo}
              idBase={`act-o${i}`}
              format={format}
              onFormat={setFormat}
              reference=""
              onReference={() => undefined}
              entries={o.entries}
              onEntries={(es) => setOutputs(outputs.map((x, j) => (j === i ? { ...x, entries: es } : x)))}
              points={computed.points[i] ?? []}
              problems={problems}
              pathBase={`payload.report.outputs[${i}].geometry`}
            />
            <FieldProblems
              id={`act-o${i}-problems`}
              problems={problems.filter(
                (p) => p.path.startsWith(`payload.report.outputs[${i}]`) && !/\.geometry\[\d+\]/.test(p.path),
              )}
            />
            <button type="button" onClick={() => setOutputs(outputs.filter((_, j) => j !== i))}>
              {t('common.remove')}
            </button>
          </fieldset>
        ))}
        <button
          type="button"
          onClick={() => setOutputs([...outputs, { method: 'cleared', entries: blankPoints() }])}
        >
          {t('form.addOutput')}
        </button>
        {computed.area > 0 && <p class="area">{t('coord.area', { area: formatArea(computed.area) })}</p>}
        <fieldset class="coords">
          <legend>{t('map.layer.devices')}</legend>
          {devices.map((d, i) => (
            <div class="point-row" key={i}>
              <input
                aria-label={`${t('map.layer.devices')} ${i + 1}: ${t('coord.mode.absolute')}`}
                value={d.text}
                onInput={(e) =>
                  setDevices(devices.map((x, j) => (j === i ? { ...x, text: e.currentTarget.value } : x)))
                }
              />
              <select
                aria-label={`${t('map.layer.devices')} ${i + 1}: ${t('form.kind')}`}
                value={d.category}
                onChange={(e) =>
                  setDevices(devices.map((x, j) => (j === i ? { ...x, category: e.currentTarget.value } : x)))
                }
              >
                {CATEGORIES.map((c) => (
                  <option key={c} value={c}>
                    {enumLabel('device.category', c)}
                  </option>
                ))}
              </select>
              <input
                aria-label={`${t('map.layer.devices')} ${i + 1}: ${t('stock.quantity')}`}
                inputMode="numeric"
                size={4}
                value={d.count}
                onInput={(e) =>
                  setDevices(devices.map((x, j) => (j === i ? { ...x, count: e.currentTarget.value } : x)))
                }
              />
              <FieldProblems id={`act-d${i}-problems`} problems={at(`payload.report.devices[${i}]`)} />
            </div>
          ))}
          <button
            type="button"
            onClick={() => setDevices([...devices, { text: '', category: 'ap-mine', count: '1' }])}
          >
            {t('common.add')}
          </button>
        </fieldset>
        <PhotoField
          idBase="act"
          owner={props.owner}
          photos={photos}
          onPhotos={setPhotos}
          problems={at('payload.report.attachments')}
        />
        {error !== undefined && <ErrorMessage error={error} />}
        {result !== undefined && (
          <p class="success" role="status">
            {result}
          </p>
        )}
        {queued && <Queued />}
        <button type="submit" class="primary">
          {t('common.submit')}
        </button>
      </form>
      <MapView actor={null} records={false} preview={preview} className="form-map" />
    </div>
  );
}
