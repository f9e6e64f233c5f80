/**
 * Stock: balances by type, facility and lot; the queue of movements waiting for approval (a
 * proposer cannot approve their own — IATG 09.10 two-person rule — and the page says so);
 * proposing a movement; entering a stock count. Every list comes from the stock query routes,
 * which join the names and decide the two-person state on the server (src/stock/lists.ts).
 */
import { useState } from 'preact/hooks';
import type { Actor } from '../../../src/access/index.js';
import { can } from '../../../src/access/index.js';
import { ApiError } from '../api/client.js';
import { executeCommand, pendingMovements, stockBalances } from '../api/routes.js';
import type { QueuedMovement } from '../api/types.js';
import { enumLabel, formatDate, formatNumber, t } from '../i18n/index.js';
import { Empty, ErrorMessage, FieldProblems, Load, problemsAt, useLoad } from '../ui.js';
import { Pager, usePageAt } from './pager.js';

/** Held stock of one lot at one storage place, with the names the server joined. */
export interface PlaceLine {
  /** `storage:FACILITY:LOCATION`, the account key. */
  readonly account: string;
  readonly facilityId: string;
  readonly facilityName: string | null;
  readonly locationId: string;
  readonly lotId: string;
  readonly lotNumber: string | null;
  readonly typeName: string | null;
  readonly qty: number;
}

/** The most lines a form offers (every storage place × lot of an installation). */
const FORM_LINES = 1000;

/** Held stock at storage places, by facility, location and lot (`GET /api/stock/balances`). */
async function loadPlaces(): Promise<PlaceLine[]> {
  const page = await stockBalances(['facility', 'location', 'lot', 'type'], { limit: FORM_LINES, offset: 0 });
  return page.items.flatMap((b): PlaceLine[] =>
    typeof b.facilityId === 'string' && typeof b.locationId === 'string' && b.lotId !== undefined
      ? [
          {
            account: `storage:${b.facilityId}:${b.locationId}`,
            facilityId: b.facilityId,
            facilityName: b.facility ?? null,
            locationId: b.locationId,
            lotId: b.lotId,
            lotNumber: b.lotNumber ?? null,
            typeName: b.designation ?? null,
            qty: b.quantity,
          },
        ]
      : [],
  );
}

/** A storage place as people read it: facility name and location. */
function placeLabel(l: Pick<PlaceLine, 'facilityId' | 'facilityName' | 'locationId'>): string {
  return `${l.facilityName ?? short(l.facilityId)} · ${l.locationId}`;
}

function short(id: string): string {
  return id.length > 12 ? `${id.slice(0, 8)}…` : id;
}

type Grouping = 'type' | 'facility' | 'lot';
const QUEUE_PAGE = 20;
const TABLE_PAGE = 50;

export function StockPage(props: { readonly actor: Actor }) {
  const [places, reloadPlaces] = useLoad(loadPlaces, 'places');
  const [queueAt, setQueueOffset] = usePageAt(QUEUE_PAGE);
  const [pending, reloadPending] = useLoad(() => pendingMovements(queueAt), `pending:${queueAt.offset}`);
  const [grouping, setGrouping] = useState<Grouping>('type');
  const [tableAt, setTableOffset] = usePageAt(TABLE_PAGE);
  const [balances, reloadBalances] = useLoad(
    () => stockBalances([grouping], tableAt),
    `balances:${grouping}:${tableAt.offset}`,
  );
  const reload = () => {
    reloadPlaces();
    reloadPending();
    reloadBalances();
  };
  return (
    <section class="page stock">
      <h1>{t('stock.title')}</h1>
      <div class="columns">
        <section class="card" aria-labelledby="pending-title">
          <h2 id="pending-title">{t('stock.pending')}</h2>
          <Load value={pending} retry={reloadPending}>
            {(page) => (
              <>
                <PendingQueue rows={page.items} onChange={reload} />
                <Pager
                  at={queueAt}
                  total={page.numberMatched}
                  shown={page.numberReturned}
                  onPage={setQueueOffset}
                  label={t('stock.pending')}
                />
              </>
            )}
          </Load>
        </section>
        {can(props.actor, 'stock.propose') && (
          <Load value={places} retry={reloadPlaces}>
            {(rows) => <ProposeForm rows={rows} onDone={reload} />}
          </Load>
        )}
      </div>
      <section class="card" aria-labelledby="balances-title">
        <h2 id="balances-title">{t('stock.balances')}</h2>
        <div role="group" aria-label={t('stock.balances')} class="segmented">
          {(['type', 'facility', 'lot'] as const).map((g) => (
            <button
              key={g}
              type="button"
              aria-pressed={grouping === g}
              onClick={() => {
                setGrouping(g);
                setTableOffset(0);
              }}
            >
              {t(g === 'type' ? 'stock.byType' : g === 'facility' ? 'stock.byFacility' : 'stock.byLot')}
            </button>
          ))}
        </div>
        <Load value={balances} retry={reloadBalances}>
          {(page) => (
            <>
              <BalanceTable rows={page.items} grouping={grouping} />
              <Pager
                at={tableAt}
                total={page.numberMatched}
                shown={page.numberReturned}
                onPage={setTableOffset}
                label={t('stock.balances')}
              />
            </>
          )}
        </Load>
      </section>
      {can(props.actor, 'stock.check') && (
        <Load value={places} retry={reloadPlaces}>
          {(rows) => <CountForm rows={rows.filter((r) => r.qty !== 0)} onDone={reload} />}
        </Load>
      )}
    </section>
  );
}

/** One grouped line of held stock as the server sent it (`by` = the grouping). */
type GroupRow = Awaited<ReturnType<typeof stockBalances>>['items'][number];

function groupLabel(r: GroupRow, g: Grouping): string {
  if (g === 'type') return r.designation ?? r.typeId ?? '—';
  if (g === 'lot') return r.lotNumber ?? r.lotId ?? '—';
  return r.facility ?? r.facilityId ?? '—';
}

function BalanceTable(props: { readonly rows: readonly GroupRow[]; readonly grouping: Grouping }) {
  if (props.rows.length === 0) return <Empty />;
  const head =
    props.grouping === 'type'
      ? t('stock.type')
      : props.grouping === 'lot'
        ? t('stock.lot')
        : t('stock.facility');
  return (
    <table data-testid="balances">
      <thead>
        <tr>
          <th scope="col">{head}</th>
          <th scope="col" class="num">
            {t('stock.quantity')}
          </th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r, i) => (
          <tr key={i}>
            <th scope="row">{groupLabel(r, props.grouping)}</th>
            <td class="num">{formatNumber(r.quantity)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function PendingQueue(props: { readonly rows: readonly QueuedMovement[]; readonly onChange: () => void }) {
  const [error, setError] = useState<unknown>(undefined);
  const [done, setDone] = useState<string | undefined>(undefined);
  const approve = (m: QueuedMovement) => {
    setError(undefined);
    executeCommand('stock.movement.approve', { movementId: m.id }).then(() => {
      setDone(t('stock.approved', { id: short(m.id) }));
      props.onChange();
    }, setError);
  };
  return (
    <>
      {done !== undefined && (
        <p class="success" role="status" data-testid="approved">
          {done}
        </p>
      )}
      {error !== undefined && <ErrorMessage error={error} />}
      {props.rows.length === 0 ? (
        <Empty>{t('stock.noPending')}</Empty>
      ) : (
        <ul class="queue" data-testid="pending">
          {props.rows.map((m) => (
            <li key={m.id} data-testid="pending-movement" data-movement={m.id}>
              <div>
                <strong>{enumLabel('stock.movementKind', m.kind)}</strong> · {m.designation ?? ''} ·{' '}
                {t('stock.lot')} {m.lotNumber ?? short(m.lotId)} · {t('stock.quantity')}{' '}
                {formatNumber(m.quantity)}
                <br />
                <small>
                  {t('stock.from')}: {m.fromLabel} → {t('stock.to')}: {m.toLabel} · {t('stock.proposedBy')}:{' '}
                  {m.proposer.name ?? short(m.proposer.id)}
                  {` · ${formatDate(m.effectiveAt)}`}
                </small>
              </div>
              {/* Two-person rule: the server says who may approve (src/stock/lists.ts). */}
              {m.ownProposal ? (
                <p class="notice" data-testid="own-movement">
                  {t('stock.ownMovement')}
                </p>
              ) : (
                m.mayApprove && (
                  <button type="button" class="primary" onClick={() => approve(m)}>
                    {t('stock.approve')}
                  </button>
                )
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function ProposeForm(props: { readonly rows: readonly PlaceLine[]; readonly onDone: () => void }) {
  const sources = props.rows.filter((r) => r.qty > 0);
  const places = [...new Map(props.rows.map((r) => [r.account, r])).values()];
  const [source, setSource] = useState(0);
  const [to, setTo] = useState('');
  const [qty, setQty] = useState('1');
  const [error, setError] = useState<unknown>(undefined);
  const [done, setDone] = useState<string | undefined>(undefined);
  const src = sources[source];
  const problems = error instanceof ApiError ? error.problems : [];
  const submit = (e: Event) => {
    e.preventDefault();
    setError(undefined);
    setDone(undefined);
    const from = src === undefined ? undefined : { facilityId: src.facilityId, locationId: src.locationId };
    const dest = places.find((p) => p.account === to);
    const payload = {
      kind: 'internal-transfer',
      lotId: src?.lotId ?? '',
      quantity: Number(qty),
      from,
      to: dest === undefined ? undefined : { facilityId: dest.facilityId, locationId: dest.locationId },
    };
    executeCommand('stock.movement.propose', payload, new Date().toISOString()).then((r) => {
      const result = r.result;
      const id =
        typeof result === 'object' && result !== null && 'movementId' in result
          ? result.movementId
          : undefined;
      setDone(t('stock.proposed', { id: typeof id === 'string' ? short(id) : '' }));
      props.onDone();
    }, setError);
  };
  if (sources.length === 0)
    return (
      <section class="card">
        <h2>{t('stock.propose')}</h2>
        <Empty />
      </section>
    );
  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="propose-title">
      <h2 id="propose-title">{t('stock.propose')}</h2>
      <div class="field">
        <label for="mv-from">{t('stock.from')}</label>
        <select
          id="mv-from"
          value={String(source)}
          onChange={(e) => setSource(Number(e.currentTarget.value))}
          aria-describedby="mv-from-problems"
        >
          {sources.map((r, i) => (
            <option key={`${r.account}|${r.lotId}`} value={String(i)}>
              {placeLabel(r)} · {t('stock.lot')} {r.lotNumber ?? short(r.lotId)} · {r.typeName ?? ''} ·{' '}
              {formatNumber(r.qty)}
            </option>
          ))}
        </select>
        <FieldProblems
          id="mv-from-problems"
          problems={[...problemsAt(problems, 'payload.from'), ...problemsAt(problems, 'payload.lotId')]}
        />
      </div>
      <div class="field">
        <label for="mv-to">{t('stock.to')}</label>
        <select
          id="mv-to"
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
          aria-describedby="mv-to-problems"
        >
          <option value="">—</option>
          {places
            .filter((p) => p.account !== src?.account)
            .map((p) => (
              <option key={p.account} value={p.account}>
                {placeLabel(p)}
              </option>
            ))}
        </select>
        <FieldProblems id="mv-to-problems" problems={problemsAt(problems, 'payload.to')} />
      </div>
      <div class="field">
        <label for="mv-qty">{t('stock.quantity')}</label>
        <input
          id="mv-qty"
          inputMode="numeric"
          value={qty}
          onInput={(e) => setQty(e.currentTarget.value)}
          aria-describedby="mv-qty-problems"
          aria-invalid={problemsAt(problems, 'payload.quantity').length > 0}
        />
        <FieldProblems id="mv-qty-problems" problems={problemsAt(problems, 'payload.quantity')} />
      </div>
      {error !== undefined && <ErrorMessage error={error} />}
      {done !== undefined && (
        <p class="success" role="status" data-testid="proposed">
          {done}
        </p>
      )}
      <button type="submit" class="primary">
        {t('stock.propose')}
      </button>
    </form>
  );
}

function CountForm(props: { readonly rows: readonly PlaceLine[]; readonly onDone: () => void }) {
  const facilities = [...new Set(props.rows.map((r) => r.facilityId))];
  const [facility, setFacility] = useState(facilities[0] ?? '');
  const [counters, setCounters] = useState<[string, string]>(['', '']);
  const [counted, setCounted] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(undefined);
  const [done, setDone] = useState(false);
  const lines = props.rows.filter((r) => r.facilityId === facility);
  const problems = error instanceof ApiError ? error.problems : [];
  const submit = (e: Event) => {
    e.preventDefault();
    setError(undefined);
    setDone(false);
    const payload = {
      facilityId: facility,
      counters,
      lines: lines.map((r) => ({
        locationId: r.locationId,
        lotId: r.lotId,
        counted: Number(counted[`${r.account}|${r.lotId}`] ?? r.qty),
      })),
    };
    executeCommand('stock.check.record', payload, new Date().toISOString()).then(() => {
      setDone(true);
      props.onDone();
    }, setError);
  };
  if (facilities.length === 0) return null;
  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="count-title">
      <h2 id="count-title">{t('stock.count')}</h2>
      <div class="field">
        <label for="ct-facility">{t('stock.facility')}</label>
        <select id="ct-facility" value={facility} onChange={(e) => setFacility(e.currentTarget.value)}>
          {facilities.map((f) => (
            <option key={f} value={f}>
              {props.rows.find((r) => r.facilityId === f)?.facilityName ?? f}
            </option>
          ))}
        </select>
      </div>
      <fieldset>
        <legend>{t('stock.counters')}</legend>
        {[0, 1].map((i) => (
          <div class="field" key={i}>
            <label for={`ct-counter-${i}`}>{t('stock.counter', { n: i + 1 })}</label>
            <input
              id={`ct-counter-${i}`}
              value={counters[i]}
              onInput={(e) =>
                setCounters(
                  i === 0 ? [e.currentTarget.value, counters[1]] : [counters[0], e.currentTarget.value],
                )
              }
              aria-describedby={`ct-counter-${i}-problems`}
            />
            <FieldProblems
              id={`ct-counter-${i}-problems`}
              problems={problemsAt(problems, `payload.counters[${i}]`)}
            />
          </div>
        ))}
      </fieldset>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('stock.location')}</th>
            <th scope="col">{t('stock.lot')}</th>
            <th scope="col" class="num">
              {t('stock.expected')}
            </th>
            <th scope="col" class="num">
              {t('stock.counted')}
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map((r, i) => {
            const k = `${r.account}|${r.lotId}`;
            return (
              <tr key={k}>
                <td>{r.locationId}</td>
                <td>{r.lotNumber ?? short(r.lotId)}</td>
                <td class="num">{formatNumber(r.qty)}</td>
                <td class="num">
                  <input
                    aria-label={`${t('stock.counted')} ${r.lotNumber ?? short(r.lotId)}`}
                    inputMode="numeric"
                    size={6}
                    value={counted[k] ?? String(r.qty)}
                    onInput={(e) => setCounted({ ...counted, [k]: e.currentTarget.value })}
                  />
                  <FieldProblems id={`ct-line-${i}`} problems={problemsAt(problems, `payload.lines[${i}]`)} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {error !== undefined && <ErrorMessage error={error} />}
      {done && (
        <p class="success" role="status">
          {t('common.saved')}
        </p>
      )}
      <button type="submit" class="primary">
        {t('common.submit')}
      </button>
    </form>
  );
}
