/**
 * The outbox page: the signed-in user's reports kept on this device (src/outbox.ts), what became
 * of each, a way to send now, and a copy to download, because browser storage can be wiped.
 */
import { useEffect, useState } from 'preact/hooks';
import { formatDate, t } from '../i18n/index.js';
import { appOutbox, type OutboxItem } from '../outbox.js';
import { deletePhoto } from '../offline/photos.js';
import { Empty, FieldProblems } from '../ui.js';

/** Re-render whenever the outbox changes (a send finished, an item was added or removed). */
export function useOutbox(): readonly OutboxItem[] {
  const box = appOutbox();
  const [items, setItems] = useState<readonly OutboxItem[]>(() => box.mine());
  useEffect(() => box.subscribe(() => setItems(box.mine())), []);
  return items;
}

function download(text: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function OutboxPage() {
  const box = appOutbox();
  const items = useOutbox();
  const [sending, setSending] = useState(false);
  const others = box.list().length - items.length;
  const send = () => {
    setSending(true);
    void box.flush().finally(() => setSending(false));
  };
  const remove = (i: OutboxItem) => {
    if (i.status === 'pending' && !globalThis.confirm(t('outbox.removeConfirm'))) return;
    box.remove(i.id);
    // Its photos go with it, unless another report on the device still needs them.
    const still = new Set(box.list().flatMap((x) => (x.status === 'pending' ? (x.attachments ?? []) : [])));
    for (const sha of i.attachments ?? []) if (!still.has(sha)) void deletePhoto(sha).catch(() => undefined);
  };
  const status = (i: OutboxItem) =>
    i.status === 'sent' ? t('outbox.status.sent', { seq: i.seq ?? '—' }) : t(`outbox.status.${i.status}`);
  return (
    <section class="card outbox" aria-labelledby="outbox-title">
      <h2 id="outbox-title">{t('outbox.title')}</h2>
      <p class="hint">{t('outbox.intro')}</p>
      <p class="hint">{t('outbox.backupHint')}</p>
      <p class="actions">
        <button
          type="button"
          class="primary"
          onClick={send}
          disabled={sending || !items.some((i) => i.status === 'pending')}
        >
          {sending ? t('form.submitting') : t('outbox.sendNow')}
        </button>{' '}
        <button
          type="button"
          onClick={() =>
            download(box.exportJson(), `cairn-outbox-${new Date().toISOString().slice(0, 10)}.json`)
          }
          data-testid="outbox-download"
        >
          {t('outbox.download')}
        </button>
      </p>
      {others > 0 && <p class="notice">{t('outbox.others', { count: others })}</p>}
      {items.length === 0 ? (
        <Empty>{t('outbox.empty')}</Empty>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('outbox.col.report')}</th>
              <th scope="col">{t('outbox.col.saved')}</th>
              <th scope="col">{t('outbox.col.status')}</th>
              <th scope="col">{t('outbox.col.attempts')}</th>
              <th scope="col">
                <span class="sr-only">{t('common.remove')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {[...items].reverse().map((i) => (
              <tr key={i.id} data-testid="outbox-item" data-status={i.status}>
                <td>
                  {i.label}
                  {(i.attachments?.length ?? 0) > 0 && (
                    <span class="detail"> · {t('outbox.photos', { count: i.attachments?.length ?? 0 })}</span>
                  )}
                </td>
                <td>{formatDate(i.createdAt, true)}</td>
                <td>
                  {status(i)}
                  {i.status !== 'sent' && i.error !== undefined && <span class="detail"> · {i.error}</span>}
                  {i.status === 'refused' && (
                    <FieldProblems id={`outbox-${i.id}-problems`} problems={i.problems ?? []} />
                  )}
                </td>
                <td>{i.attempts}</td>
                <td>
                  <button type="button" onClick={() => remove(i)}>
                    {t('common.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
