/**
 * The minefield record form (CCW APII Technical Annex 1(a)): reference points, and perimeter
 * turning points as coordinates or as bearing and distance from a reference point
 * (APII TA 1(a)(i): at least two reference points). The payload keeps the text the user entered
 * (the server parses and stores it as evidence); the live preview parses it with the same src/geo.
 * Enumerations (state, record type, fix method) are read from the server's published schema.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiError, type ApiProblem } from '../api/client.js';
import { executeCommand } from '../api/routes.js';
import { payloadValidator, type Json, type PayloadValidator } from '../api/schemas.js';
import { enumLabel, regionName, t } from '../i18n/index.js';
import { loadGeo, type Geo } from '../map/geo-lazy.js';
import { MapView } from '../map/MapView.js';
import { ErrorMessage, FieldProblems, problemsAt } from '../ui.js';
import {
  CoordinateList,
  parsePoint,
  resolvePoints,
  type FormatChoice,
  type PointEntry,
} from './coordinates.js';

const COMMAND = 'minefield.create';
const TURNING = 'payload.perimeter.turningPoints';

/** The `enum` of a property in the published schema (following one level of nesting). */
function enumOf(schema: Json | undefined, ...path: string[]): string[] {
  let node: Json | undefined = schema;
  for (const p of path) {
    const props: Json | undefined =
      typeof node === 'object' && node !== null && !Array.isArray(node) ? node.properties : undefined;
    node = typeof props === 'object' && props !== null && !Array.isArray(props) ? props[p] : undefined;
  }
  const e = typeof node === 'object' && node !== null && !Array.isArray(node) ? node.enum : undefined;
  return Array.isArray(e) ? e.filter((x): x is string => typeof x === 'string') : [];
}

function serverFormat(f: FormatChoice): string {
  return f.toLowerCase();
}

export function MinefieldForm() {
  const [geo, setGeo] = useState<Geo | undefined>(undefined);
  const [validator, setValidator] = useState<PayloadValidator | undefined | null>(null);
  const [state, setState] = useState('FI');
  const [recordType, setRecordType] = useState('hand-emplaced');
  const [unit, setUnit] = useState('');
  const [format, setFormat] = useState<FormatChoice>('mgrs');
  const [refs, setRefs] = useState<readonly { text: string; landmark: string }[]>([
    { text: '', landmark: '' },
    { text: '', landmark: '' },
  ]);
  const [entries, setEntries] = useState<readonly PointEntry[]>([
    { mode: 'bearing', bearing: '', distance: '' },
    { mode: 'bearing', bearing: '', distance: '' },
    { mode: 'bearing', bearing: '', distance: '' },
  ]);
  const [touched, setTouched] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [result, setResult] = useState<string | undefined>(undefined);

  useEffect(() => {
    void loadGeo().then(setGeo);
    void payloadValidator(COMMAND).then(setValidator);
  }, []);

  const schema: Json | undefined = validator?.jsonSchema;
  const states = enumOf(schema, 'state');
  const recordTypes = enumOf(schema, 'recordType');

  const computed = useMemo(() => {
    if (geo === undefined) return { refPoints: [], points: [], problems: [] as ApiProblem[] };
    const problems: ApiProblem[] = [];
    const refPoints = refs.map((r, i) => {
      if (r.text.trim() === '') return undefined;
      const p = parsePoint(geo, format, r.text, `payload.referencePoints[${i}].coordinate.text`);
      problems.push(...p.problems);
      return p.point;
    });
    // Relative turning points are taken from the first reference point (RP1).
    const first = refs[0]?.text ?? '';
    const { points, problems: pp } = resolvePoints(geo, format, first, entries, TURNING);
    problems.push(
      ...pp.filter(
        (p) =>
          !p.path.endsWith('.reference') &&
          (touched ||
            !(
              /required/.test(p.message) ||
              (p.code === 'COORD_OUT_OF_RANGE' && p.path.endsWith('.distance'))
            )),
      ),
    );
    return { refPoints, points, problems };
  }, [geo, refs, entries, format, touched]);

  const payload = {
    state,
    classification: 'restricted',
    recordType,
    unit: unit.trim(),
    referencePoints: refs.map((r, i) => ({
      label: `RP${i + 1}`,
      coordinate: { text: r.text.trim(), format: serverFormat(format) },
      landmark: r.landmark.trim() || `reference point ${i + 1}`,
      fixedBy: 'gps',
      accuracyM: 5,
    })),
    perimeter: {
      turningPoints: entries.map((e) =>
        e.mode === 'absolute'
          ? { kind: 'coordinate', text: e.text.trim(), format: serverFormat(format) }
          : { kind: 'bearing', from: 'RP1', bearing: e.bearing.trim(), distanceM: Number(e.distance) },
      ),
    },
  };
  const schemaProblems = touched && validator ? validator.validate(payload) : [];
  const serverProblems = error instanceof ApiError ? error.problems : [];
  const problems = [...schemaProblems, ...computed.problems, ...serverProblems];
  // APII TA 1(a)(i): the location is fixed by at least two reference points.
  if (touched && refs.filter((r) => r.text.trim() !== '').length < 2)
    problems.push({
      code: 'VALIDATION_RANGE',
      path: 'payload.referencePoints',
      message: t('form.twoReferencePoints'),
    });

  const preview = useMemo<GeoJSON.FeatureCollection>(() => {
    const ok = computed.points.filter((p) => p !== undefined);
    const features: GeoJSON.Feature[] = computed.refPoints
      .filter((p) => p !== undefined)
      .map((p) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
        properties: {},
      }));
    if (ok.length >= 3 && ok.length === entries.length) {
      const ring = ok.map((p) => [p.lon, p.lat]);
      const f0 = ring[0];
      if (f0 !== undefined) ring.push([...f0]);
      features.push({ type: 'Feature', geometry: { type: 'Polygon', coordinates: [ring] }, properties: {} });
    } else
      for (const p of ok)
        features.push({
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
          properties: {},
        });
    return { type: 'FeatureCollection', features };
  }, [computed, entries.length]);

  const submit = (e: Event) => {
    e.preventDefault();
    setTouched(true);
    setError(undefined);
    setResult(undefined);
    const live = validator ? validator.validate(payload) : [];
    if (live.length > 0 || computed.problems.length > 0) return;
    executeCommand(COMMAND, payload, new Date().toISOString()).then(
      (r) => setResult(t('form.submitted', { seq: r.events[0]?.seq ?? '—' })),
      (err: unknown) => setError(err),
    );
  };

  return (
    <div class="form-with-map">
      <form class="card" onSubmit={submit} noValidate aria-labelledby="mf-title">
        <h2 id="mf-title">{t('records.kind.minefield')}</h2>
        <div class="field-row">
          <div class="field">
            <label for="mf-state">{t('form.state')}</label>
            <select id="mf-state" value={state} onChange={(e) => setState(e.currentTarget.value)}>
              {(states.length > 0 ? states : [state]).map((s) => (
                <option key={s} value={s}>
                  {regionName(s)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="mf-type">{t('form.kind')}</label>
            <select id="mf-type" value={recordType} onChange={(e) => setRecordType(e.currentTarget.value)}>
              {(recordTypes.length > 0 ? recordTypes : [recordType]).map((s) => (
                <option key={s} value={s}>
                  {enumLabel('minefield.recordType', s)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div class="field">
          <label for="mf-unit">{t('form.unit')}</label>
          <input
            id="mf-unit"
            value={unit}
            onInput={(e) => setUnit(e.currentTarget.value)}
            aria-describedby="mf-unit-problems"
            aria-invalid={problemsAt(problems, 'payload.unit').length > 0}
          />
          <FieldProblems id="mf-unit-problems" problems={problemsAt(problems, 'payload.unit')} />
        </div>
        <fieldset class="coords">
          <legend>{t('coord.reference')}</legend>
          {refs.map((r, i) => (
            <div class="field" key={i}>
              <label for={`mf-rp${i}`}>{t('coord.referencePointN', { n: i + 1, label: `RP${i + 1}` })}</label>
              <input
                id={`mf-rp${i}`}
                value={r.text}
                onInput={(e) =>
                  setRefs(refs.map((x, j) => (j === i ? { ...x, text: e.currentTarget.value } : x)))
                }
                aria-describedby={`mf-rp${i}-problems`}
              />
              <input
                aria-label={t('coord.landmark', { label: `RP${i + 1}` })}
                placeholder={t('coord.landmark', { label: `RP${i + 1}` })}
                value={r.landmark}
                onInput={(e) =>
                  setRefs(refs.map((x, j) => (j === i ? { ...x, landmark: e.currentTarget.value } : x)))
                }
              />
              <FieldProblems
                id={`mf-rp${i}-problems`}
                problems={problemsAt(problems, `payload.referencePoints[${i}]`)}
              />
            </div>
          ))}
          <FieldProblems
            id="mf-rp-problems"
            problems={problems.filter((p) => p.path === 'payload.referencePoints')}
          />
        </fieldset>
        <CoordinateList
          idBase="mf"
          format={format}
          onFormat={setFormat}
          reference={refs[0]?.text ?? ''}
          onReference={(s) => setRefs(refs.map((x, j) => (j === 0 ? { ...x, text: s } : x)))}
          entries={entries}
          onEntries={setEntries}
          points={computed.points}
          problems={problems}
          pathBase={TURNING}
        />
        {error !== undefined && <ErrorMessage error={error} />}
        {result !== undefined && (
          <p class="success" role="status">
            {result}
          </p>
        )}
        <button type="submit" class="primary">
          {t('common.submit')}
        </button>
      </form>
      <MapView actor={null} records={false} preview={preview} className="form-map" />
    </div>
  );
}
