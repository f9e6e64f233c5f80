/**
 * A marking inspection of a minefield record (APII Art 5(2)(a): marked, fenced and monitored):
 * when, by whom, and what was found. Finding kinds come from the server's published schema.
 */
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api/client.js';
import { executeCommand, minefieldRecords } from '../api/routes.js';
import { payloadValidator, type PayloadValidator } from '../api/schemas.js';
import { enumLabel, t } from '../i18n/index.js';
import { ErrorMessage, FieldProblems, problemsAt } from '../ui.js';

const COMMAND = 'minefield.inspection.record';
const FALLBACK_KINDS = ['sign-missing', 'sign-defaced', 'sign-concealed', 'fence-breach', 'other'];

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function findingKinds(schema: Json | undefined): string[] {
  const get = (n: Json | undefined, k: string): Json | undefined =>
    typeof n === 'object' && n !== null && !Array.isArray(n) ? n[k] : undefined;
  const e = get(get(get(get(get(schema, 'properties'), 'findings'), 'items'), 'properties'), 'kind');
  const values = get(e, 'enum');
  return Array.isArray(values) ? values.filter((x): x is string => typeof x === 'string') : FALLBACK_KINDS;
}

/** `datetime-local` text (local time, no zone) as an ISO instant. */
function toInstant(local: string): string {
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? local : d.toISOString();
}

export function InspectionForm() {
  const [validator, setValidator] = useState<PayloadValidator | undefined | null>(null);
  const [minefields, setMinefields] = useState<readonly { id: string; label: string }[]>([]);
  const [minefieldId, setMinefieldId] = useState('');
  const [inspectedAt, setInspectedAt] = useState(() =>
    new Date(Date.now() - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 16),
  );
  const [inspector, setInspector] = useState('');
  const [findings, setFindings] = useState<readonly { kind: string; note: string }[]>([]);
  const [touched, setTouched] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [result, setResult] = useState<string | undefined>(undefined);

  useEffect(() => {
    void payloadValidator(COMMAND).then(setValidator);
    minefieldRecords().then(
      (r) => setMinefields(r.items.map((m) => ({ id: m.id, label: m.humanId }))),
      () => setMinefields([]),
    );
  }, []);

  const kinds = findingKinds(validator?.jsonSchema);
  const payload = {
    minefieldId,
    inspectedAt: toInstant(inspectedAt),
    inspector: inspector.trim(),
    findings: findings.map((f) => ({ kind: f.kind, note: f.note })),
  };
  const problems = [
    ...(touched && validator ? validator.validate(payload) : []),
    ...(error instanceof ApiError ? error.problems : []),
  ];
  const submit = (e: Event) => {
    e.preventDefault();
    setTouched(true);
    setError(undefined);
    setResult(undefined);
    if (validator && validator.validate(payload).length > 0) return;
    executeCommand(COMMAND, payload, toInstant(inspectedAt)).then(
      (r) => setResult(t('form.submitted', { seq: r.events[0]?.seq ?? '—' })),
      (err: unknown) => setError(err),
    );
  };
  const at = (p: string) => problemsAt(problems, p);
  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="insp-title">
      <h2 id="insp-title">{t('records.kind.inspection')}</h2>
      <div class="field">
        <label for="insp-mf">{t('records.minefield')}</label>
        <select
          id="insp-mf"
          value={minefieldId}
          onChange={(e) => setMinefieldId(e.currentTarget.value)}
          aria-describedby="insp-mf-problems"
        >
          <option value="">—</option>
          {minefields.map((m) => (
            <option key={m.id} value={m.id}>
              {m.label}
            </option>
          ))}
        </select>
        <FieldProblems id="insp-mf-problems" problems={at('payload.minefieldId')} />
      </div>
      <div class="field-row">
        <div class="field">
          <label for="insp-at">{t('form.inspectedAt')}</label>
          <input
            id="insp-at"
            type="datetime-local"
            value={inspectedAt}
            onInput={(e) => setInspectedAt(e.currentTarget.value)}
            aria-describedby="insp-at-problems"
          />
          <FieldProblems id="insp-at-problems" problems={at('payload.inspectedAt')} />
        </div>
        <div class="field">
          <label for="insp-by">{t('form.inspector')}</label>
          <input
            id="insp-by"
            value={inspector}
            onInput={(e) => setInspector(e.currentTarget.value)}
            aria-describedby="insp-by-problems"
            aria-invalid={at('payload.inspector').length > 0}
          />
          <FieldProblems id="insp-by-problems" problems={at('payload.inspector')} />
        </div>
      </div>
      <fieldset>
        <legend>{t('form.findings')}</legend>
        {findings.map((f, i) => (
          <div class="point-row" key={i}>
            <select
              aria-label={`${t('form.findings')} ${i + 1}: ${t('form.kind')}`}
              value={f.kind}
              onChange={(e) =>
                setFindings(findings.map((x, j) => (j === i ? { ...x, kind: e.currentTarget.value } : x)))
              }
            >
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {enumLabel('inspection.finding', k)}
                </option>
              ))}
            </select>
            <input
              aria-label={`${t('form.findings')} ${i + 1}: ${t('form.notes')}`}
              value={f.note}
              onInput={(e) =>
                setFindings(findings.map((x, j) => (j === i ? { ...x, note: e.currentTarget.value } : x)))
              }
            />
            <button
              type="button"
              class="small"
              onClick={() => setFindings(findings.filter((_, j) => j !== i))}
              aria-label={`${t('common.remove')} ${i + 1}`}
            >
              ×
            </button>
            <FieldProblems id={`insp-f${i}-problems`} problems={at(`payload.findings[${i}]`)} />
          </div>
        ))}
        <button
          type="button"
          onClick={() => setFindings([...findings, { kind: kinds[0] ?? 'other', note: '' }])}
        >
          {t('form.addFinding')}
        </button>
      </fieldset>
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
  );
}
