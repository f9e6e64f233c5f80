/**
 * Stock: balances by type, facility and lot; the queue of movements waiting for approval (a
 * proposer cannot approve their own — IATG 09.10 two-person rule — and the page says so);
 * proposing a movement; entering a stock count.
 */
import { useState } from 'preact/hooks';
import type { Actor } from '../../../src/access/index.js';
import { can } from '../../../src/access/index.js';
import { ApiError } from '../api/client.js';
import { apiCollection, collectionItems, executeCommand } from '../api/routes.js';
import { enumLabel, formatDate, formatNumber, t } from '../i18n/index.js';
import { Empty, ErrorMessage, FieldProblems, Load, problemsAt, useLoad } from '../ui.js';

/** A balance line (src/stock Balance): account key `storage:FACILITY:LOCATION`, lot, type, quantity. */
export interface BalanceRow {
  readonly account: string;
  readonly lotId: string;
  readonly typeId: string;
  readonly qty: number;
  readonly lotNumber?: string;
  readonly typeName?: string;
  readonly facilityName?: string;
}

export interface MovementRow {
  readonly id: string;
  readonly kind: string;
  readonly status: string;
  readonly from: string;
  readonly to: string;
  readonly lotId: string;
  readonly quantity: number;
  readonly proposedBy: string;
  readonly proposedByName?: string;
  readonly effectiveAt?: string;
}

/** Balances with the names of their types, lots and facilities (the stock collections). */
async function loadBalances(): Promise<BalanceRow[]> {
  const named = <T,>(p: Promise<{ id: string; data: T }[]>) => p.catch(() => [] as { id: string; data: T }[]);
  const [rows, types, lots, facilities] = await Promise.all([
    apiCollection<BalanceRow>('stock-balances'),
    named(apiCollection<{ designation?: string }>('stock-types')),
    named(apiCollection<{ lotNumber?: string }>('stock-lots')),
    named(collectionItems('facilities').then((fs) => fs.map((f) => ({ id: String(f.id ?? ''), data: { name: typeof f.properties?.name === 'string' ? f.properties.name : undefined } })))),
  ]);
  const typeName = new Map(types.map((d) => [d.id, d.data.designation]));
  const lotNumber = new Map(lots.map((d) => [d.id, d.data.lotNumber]));
  const facilityName = new Map(facilities.map((d) => [d.id, d.data.name]));
  return rows.map((d) => {
    const b = d.data;
    const f = placeOf(b.account)?.facilityId;
    const tn = typeName.get(b.typeId);
    const ln = lotNumber.get(b.lotId);
    const fn = f === undefined ? undefined : facilityName.get(f);
    return { ...b, ...(tn === undefined ? {} : { typeName: tn }), ...(ln === undefined ? {} : { lotNumber: ln }), ...(fn === undefined ? {} : { facilityName: fn }) };
  });
}

interface Place {
  readonly facilityId: string;
  readonly locationId: string;
}

/** The facility and location of a storage account key, or undefined for special accounts. */
export function placeOf(account: string): Place | undefined {
  const m = /^storage:([^:]+):(.+)$/.exec(account);
  return m === null || m[1] === undefined || m[2] === undefined ? undefined : { facilityId: m[1], locationId: m[2] };
}

/** A storage account as people read it: facility name and location. */
function placeLabel(account: string, names: ReadonlyMap<string, string>): string {
  const p = placeOf(account);
  if (p === undefined) return account;
  return `${names.get(p.facilityId) ?? short(p.facilityId)} · ${p.locationId}`;
}

function short(id: string): string {
  return id.length > 12 ? `${id.slice(0, 8)}…` : id;
}

type Grouping = 'type' | 'facility' | 'lot';

function groupKey(b: BalanceRow, g: Grouping): string {
  if (g === 'type') return b.typeName ?? b.typeId;
  if (g === 'lot') return b.lotNumber ?? b.lotId;
  const p = placeOf(b.account);
  return b.facilityName ?? (p === undefined ? b.account : p.facilityId);
}

export function StockPage(props: { readonly actor: Actor }) {
  const [balances, reloadBalances] = useLoad(loadBalances, 'balances');
  const [pending, reloadPending] = useLoad(() => apiCollection<MovementRow>('stock-movements', "status='proposed'").then((v) => v.map((d) => d.data)), 'pending');
  const [grouping, setGrouping] = useState<Grouping>('type');
  const reload = () => {
    reloadBalances();
    reloadPending();
  };
  return (
    <section class="page stock">
      <h1>{t('stock.title')}</h1>
      <div class="columns">
        <section class="card" aria-labelledby="pending-title">
          <h2 id="pending-title">{t('stock.pending')}</h2>
          <Load value={pending} retry={reloadPending}>
            {(rows) => <PendingQueue actor={props.actor} rows={rows} onChange={reload} />}
          </Load>
        </section>
        {can(props.actor, 'stock.propose') && (
          <Load value={balances} retry={reloadBalances}>
            {(rows) => <ProposeForm rows={rows} onDone={reload} />}
          </Load>
        )}
      </div>
      <section class="card" aria-labelledby="balances-title">
        <h2 id="balances-title">{t('stock.balances')}</h2>
        <div role="group" aria-label={t('stock.balances')} class="segmented">
          {(['type', 'facility', 'lot'] as const).map((g) => (
            <button key={g} type="button" aria-pressed={grouping === g} onClick={() => setGrouping(g)}>
              {t(g === 'type' ? 'stock.byType' : g === 'facility' ? 'stock.byFacility' : 'stock.byLot')}
            </button>
          ))}
        </div>
        <Load value={balances} retry={reloadBalances}>
          {(rows) => <BalanceTable rows={rows.filter((r) => r.qty !== 0 && placeOf(r.account) !== undefined)} grouping={grouping} />}
        </Load>
      </section>
      {can(props.actor, 'stock.check') && (
        <Load value={balances} retry={reloadBalances}>
          {(rows) => <CountForm rows={rows.filter((r) => placeOf(r.account) !== undefined && r.qty !== 0)} onDone={reload} />}
        </Load>
      )}
    </section>
  );
}

function BalanceTable(props: { readonly rows: readonly BalanceRow[]; readonly grouping: Grouping }) {
  if (props.rows.length === 0) return <Empty />;
  const groups = new Map<string, number>();
  for (const r of props.rows) groups.set(groupKey(r, props.grouping), (groups.get(groupKey(r, props.grouping)) ?? 0) + r.qty);
  const head = props.grouping === 'type' ? t('stock.type') : props.grouping === 'lot' ? t('stock.lot') : t('stock.facility');
  return (
    <table data-testid="balances">
      <thead>
        <tr>
          <th scope="col">{head}</th>
          <th scope="col" class="num">{t('stock.quantity')}</th>
        </tr>
      </thead>
      <tbody>
        {[...groups.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([k, q]) => (
          <tr key={k}>
            <th scope="row">{k}</th>
            <td class="num">{formatNumber(q)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function PendingQueue(props: { readonly actor: Actor; readonly rows: readonly MovementRow[]; readonly onChange: () => void }) {
  const [error, setError] = useState<unknown>(undefined);
  const [done, setDone] = useState<string | undefined>(undefined);
  const mayApprove = can(props.actor, 'stock.approve');
  const approve = (m: MovementRow) => {
    setError(undefined);
    executeCommand('stock.movement.approve', { movementId: m.id }).then(() => {
      setDone(t('stock.approved', { id: short(m.id) }));
      props.onChange();
    }, setError);
  };
  return (
    <>
      {done !== undefined && <p class="success" role="status" data-testid="approved">{done}</p>}
      {error !== undefined && <ErrorMessage error={error} />}
      {props.rows.length === 0 ? (
        <Empty>{t('stock.noPending')}</Empty>
      ) : (
        <ul class="queue" data-testid="pending">
          {props.rows.map((m) => {
            const own = m.proposedBy === props.actor.id;
            return (
              <li key={m.id} data-testid="pending-movement" data-movement={m.id}>
                <div>
                  <strong>{enumLabel('stock.movementKind', m.kind)}</strong> · {t('stock.lot')} {short(m.lotId)} · {t('stock.quantity')} {formatNumber(m.quantity)}
                  <br />
                  <small>
                    {t('stock.from')}: {m.from} → {t('stock.to')}: {m.to} · {t('stock.proposedBy')}: {m.proposedByName ?? short(m.proposedBy)}
                    {m.effectiveAt !== undefined && ` · ${formatDate(m.effectiveAt)}`}
                  </small>
                </div>
                {own ? (
                  <p class="notice" data-testid="own-movement">{t('stock.ownMovement')}</p>
                ) : (
                  mayApprove && (
                    <button type="button" class="primary" onClick={() => approve(m)}>
                      {t('stock.approve')}
                    </button>
                  )
                )}
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}

function ProposeForm(props: { readonly rows: readonly BalanceRow[]; readonly onDone: () => void }) {
  const sources = props.rows.filter((r) => r.qty > 0 && placeOf(r.account) !== undefined);
  const places = [...new Set(props.rows.map((r) => r.account).filter((a) => placeOf(a) !== undefined))];
  const [source, setSource] = useState(0);
  const [to, setTo] = useState('');
  const [qty, setQty] = useState('1');
  const [error, setError] = useState<unknown>(undefined);
  const [done, setDone] = useState<string | undefined>(undefined);
  const src = sources[source];
  const problems = error instanceof ApiError ? error.problems : [];
  const names = new Map<string, string>();
  for (const r of props.rows) {
    const f = placeOf(r.account)?.facilityId;
    if (f !== undefined && r.facilityName !== undefined) names.set(f, r.facilityName);
  }
  const submit = (e: Event) => {
    e.preventDefault();
    setError(undefined);
    setDone(undefined);
    const from = src === undefined ? undefined : placeOf(src.account);
    const dest = placeOf(to);
    const payload = { kind: 'internal-transfer', lotId: src?.lotId ?? '', quantity: Number(qty), from, to: dest };
    executeCommand('stock.movement.propose', payload, new Date().toISOString()).then((r) => {
      const id = (r.result as { movementId?: string } | undefined)?.movementId ?? r.events?.[0]?.payload?.movementId;
      setDone(t('stock.proposed', { id: typeof id === 'string' ? short(id) : '' }));
      props.onDone();
    }, setError);
  };
  if (sources.length === 0) return <section class="card"><h2>{t('stock.propose')}</h2><Empty /></section>;
  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="propose-title">
      <h2 id="propose-title">{t('stock.propose')}</h2>
      <div class="field">
        <label for="mv-from">{t('stock.from')}</label>
        <select id="mv-from" value={String(source)} onChange={(e) => setSource(Number(e.currentTarget.value))} aria-describedby="mv-from-problems">
          {sources.map((r, i) => (
            <option key={`${r.account}|${r.lotId}`} value={String(i)}>
              {placeLabel(r.account, names)} · {t('stock.lot')} {r.lotNumber ?? short(r.lotId)} · {r.typeName ?? ''} · {formatNumber(r.qty)}
            </option>
          ))}
        </select>
        <FieldProblems id="mv-from-problems" problems={[...problemsAt(problems, 'payload.from'), ...problemsAt(problems, 'payload.lotId')]} />
      </div>
      <div class="field">
        <label for="mv-to">{t('stock.to')}</label>
        <select id="mv-to" value={to} onChange={(e) => setTo(e.currentTarget.value)} aria-describedby="mv-to-problems">
          <option value="">—</option>
          {places.filter((p) => p !== src?.account).map((p) => <option key={p} value={p}>{placeLabel(p, names)}</option>)}
        </select>
        <FieldProblems id="mv-to-problems" problems={problemsAt(problems, 'payload.to')} />
      </div>
      <div class="field">
        <label for="mv-qty">{t('stock.quantity')}</label>
        <input id="mv-qty" inputMode="numeric" value={qty} onInput={(e) => setQty(e.currentTarget.value)} aria-describedby="mv-qty-problems" aria-invalid={problemsAt(problems, 'payload.quantity').length > 0} />
        <FieldProblems id="mv-qty-problems" problems={problemsAt(problems, 'payload.quantity')} />
      </div>
      {error !== undefined && <ErrorMessage error={error} />}
      {done !== undefined && <p class="success" role="status" data-testid="proposed">{done}</p>}
      <button type="submit" class="primary">{t('stock.propose')}</button>
    </form>
  );
}

function CountForm(props: { readonly rows: readonly BalanceRow[]; readonly onDone: () => void }) {
  const facilities = [...new Set(props.rows.map((r) => placeOf(r.account)?.facilityId).filter((f) => f !== undefined))];
  const [facility, setFacility] = useState(facilities[0] ?? '');
  const [counters, setCounters] = useState<[string, string]>(['', '']);
  const [counted, setCounted] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(undefined);
  const [done, setDone] = useState(false);
  const lines = props.rows.filter((r) => placeOf(r.account)?.facilityId === facility);
  const problems = error instanceof ApiError ? error.problems : [];
  const submit = (e: Event) => {
    e.preventDefault();
    setError(undefined);
    setDone(false);
    const payload = {
      facilityId: facility,
      counters,
      lines: lines.map((r) => ({ locationId: placeOf(r.account)?.locationId ?? '', lotId: r.lotId, counted: Number(counted[`${r.account}|${r.lotId}`] ?? r.qty) })),
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
          {facilities.map((f) => <option key={f} value={f}>{f}</option>)}
        </select>
      </div>
      <fieldset>
        <legend>{t('stock.counters')}</legend>
        {[0, 1].map((i) => (
          <div class="field" key={i}>
            <label for={`ct-counter-${i}`}>{t('stock.counter', { n: i + 1 })}</label>
            <input id={`ct-counter-${i}`} value={counters[i]} onInput={(e) => setCounters(i === 0 ? [e.currentTarget.value, counters[1]] : [counters[0], e.currentTarget.value])} aria-describedby={`ct-counter-${i}-problems`} />
            <FieldProblems id={`ct-counter-${i}-problems`} problems={problemsAt(problems, `payload.counters[${i}]`)} />
          </div>
        ))}
      </fieldset>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('stock.location')}</th>
            <th scope="col">{t('stock.lot')}</th>
            <th scope="col" class="num">{t('stock.expected')}</th>
            <th scope="col" class="num">{t('stock.counted')}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((r, i) => {
            const k = `${r.account}|${r.lotId}`;
            return (
              <tr key={k}>
                <td>{placeOf(r.account)?.locationId}</td>
                <td>{r.lotNumber ?? short(r.lotId)}</td>
                <td class="num">{formatNumber(r.qty)}</td>
                <td class="num">
                  <input aria-label={`${t('stock.counted')} ${r.lotNumber ?? short(r.lotId)}`} inputMode="numeric" size={6} value={counted[k] ?? String(r.qty)} onInput={(e) => setCounted({ ...counted, [k]: e.currentTarget.value })} />
                  <FieldProblems id={`ct-line-${i}`} problems={problemsAt(problems, `payload.lines[${i}]`)} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {error !== undefined && <ErrorMessage error={error} />}
      {done && <p class="success" role="status">{t('common.saved')}</p>}
      <button type="submit" class="primary">{t('common.submit')}</button>
    </form>
  );
}
