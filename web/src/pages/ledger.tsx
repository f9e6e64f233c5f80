/** The ledger: current signed checkpoint, "verify now", recent entries and inclusion proofs. */
import { useState } from 'preact/hooks';
import { checkpointText, inclusionProof, ledgerEntries, ledgerHead, verifyLedger } from '../api/routes.js';
import type { LedgerEntry, LedgerHead, VerifyReport } from '../api/types.js';
import { formatDate, formatNumber, t } from '../i18n/index.js';
import { Empty, ErrorMessage, Load, Loading, useLoad } from '../ui.js';

/** `GET /api/ledger` with the signed checkpoint text of `GET /api/ledger/checkpoint` (C2SP note). */
interface Checkpoint extends LedgerHead {
  readonly text: string;
}

async function loadCheckpoint(): Promise<Checkpoint> {
  const [head, text] = await Promise.all([ledgerHead(), checkpointText()]);
  return { ...head, text };
}

/** A ledger entry view (`GET /api/ledger/entries`): its index and the event. */
type Entry = LedgerEntry;

/** The latest `n` entries, newest first. */
async function latestEntries(n: number): Promise<Entry[]> {
  const head = await ledgerHead();
  const from = Math.max(0, head.size - n);
  const r = await ledgerEntries(from, n);
  return [...r.entries].reverse();
}

/** Save a JSON document as a file in the browser (no network). */
export function downloadJson(name: string, data: unknown): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Fetch the inclusion proof of ledger entry `index` and offer it as a download. */
export async function downloadProof(index: number): Promise<void> {
  const proof = await inclusionProof(index);
  downloadJson(`cairn-inclusion-proof-${index}.json`, proof);
}

export function LedgerPage() {
  const [cp, reloadCp] = useLoad(loadCheckpoint, 'cp');
  const [recent, reloadRecent] = useLoad(() => latestEntries(20), 'entries');
  const [verify, setVerify] = useState<
    | { state: 'idle' }
    | { state: 'busy' }
    | { state: 'done'; report: VerifyReport }
    | { state: 'error'; error: unknown }
  >({ state: 'idle' });
  const [index, setIndex] = useState('0');
  const [proofError, setProofError] = useState<unknown>(undefined);
  const runVerify = () => {
    setVerify({ state: 'busy' });
    verifyLedger().then(
      (report) => setVerify({ state: 'done', report }),
      (error: unknown) => setVerify({ state: 'error', error }),
    );
  };
  return (
    <section class="page ledger">
      <h1>{t('ledger.title')}</h1>
      <section class="card" aria-labelledby="cp-title">
        <h2 id="cp-title">{t('ledger.checkpoint')}</h2>
        <Load value={cp} retry={reloadCp}>
          {(c) => {
            // The signature is checked by "verify now" (every checkpoint's Ed25519 note signature).
            const sig =
              verify.state === 'done'
                ? !verify.report.failures.some((f) => /checkpoint|signature/i.test(f.check))
                : undefined;
            return (
              <dl class="kv" data-testid="checkpoint">
                <dt>{t('ledger.origin')}</dt>
                <dd>{c.origin}</dd>
                <dt>{t('ledger.size')}</dt>
                <dd>{formatNumber(c.size)}</dd>
                <dt>{t('ledger.root')}</dt>
                <dd>
                  <code class="hash">{c.root}</code>
                </dd>
                <dt>{t('ledger.signature')}</dt>
                <dd class={sig === true ? 'ok' : sig === false ? 'bad' : ''}>
                  {sig === true
                    ? t('ledger.signature.valid')
                    : sig === false
                      ? t('ledger.signature.invalid')
                      : t('ledger.signature.unknown')}
                </dd>
                <dt>{t('ledger.checkpoint')}</dt>
                <dd>
                  <pre class="note">{c.text}</pre>
                </dd>
              </dl>
            );
          }}
        </Load>
        <button
          type="button"
          class="primary"
          onClick={runVerify}
          disabled={verify.state === 'busy'}
          data-testid="verify"
        >
          {t('ledger.verify')}
        </button>
        <div aria-live="polite" data-testid="verify-result">
          {verify.state === 'busy' && <p role="status">{t('ledger.verifying')}</p>}
          {verify.state === 'error' && <ErrorMessage error={verify.error} />}
          {verify.state === 'done' &&
            (verify.report.ok ? (
              <p class="success" role="status">
                {t('ledger.verify.ok', { count: verify.report.size })}
              </p>
            ) : (
              <div class="error" role="alert">
                <p>{t('ledger.verify.failed', { count: verify.report.failures.length })}</p>
                <ul>
                  {verify.report.failures.map((f, i) => (
                    <li key={i}>
                      {f.check}: {f.message}
                    </li>
                  ))}
                </ul>
              </div>
            ))}
        </div>
      </section>
      <section class="card" aria-labelledby="proof-title">
        <h2 id="proof-title">{t('ledger.proof')}</h2>
        <form
          class="inline"
          onSubmit={(e) => {
            e.preventDefault();
            setProofError(undefined);
            downloadProof(Number(index)).catch(setProofError);
          }}
        >
          <label for="proof-index">{t('ledger.proof.index')}</label>
          <input
            id="proof-index"
            inputMode="numeric"
            value={index}
            onInput={(e) => setIndex(e.currentTarget.value)}
          />
          <button type="submit">{t('ledger.proof.download')}</button>
        </form>
        {proofError !== undefined && <ErrorMessage error={proofError} />}
      </section>
      <section class="card" aria-labelledby="entries-title">
        <h2 id="entries-title">{t('ledger.entries')}</h2>
        <Load value={recent} retry={reloadRecent}>
          {(rows) =>
            rows.length === 0 ? (
              <Empty />
            ) : (
              <table>
                <thead>
                  <tr>
                    <th scope="col" class="num">
                      {t('ledger.entry.seq')}
                    </th>
                    <th scope="col">{t('ledger.entry.type')}</th>
                    <th scope="col">{t('ledger.entry.actor')}</th>
                    <th scope="col">{t('ledger.entry.recordedAt')}</th>
                    <th scope="col">
                      <span class="sr-only">{t('ledger.proof')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.index}>
                      <td class="num">{r.index}</td>
                      <td>
                        <code>{r.event.type}</code>
                      </td>
                      <td>{r.event.actor}</td>
                      <td>{formatDate(r.event.recordedAt, true)}</td>
                      <td>
                        <button
                          type="button"
                          class="small"
                          onClick={() => void downloadProof(r.index).catch(setProofError)}
                        >
                          {t('ledger.proof.download')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        </Load>
      </section>
      {cp.state === 'loading' && recent.state === 'loading' && <Loading />}
    </section>
  );
}
