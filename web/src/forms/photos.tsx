/**
 * Photos of a field report: taken with the device camera or chosen from the device, kept in
 * IndexedDB at once (offline/photos.ts) so a closed tab loses none, and sent by the outbox before
 * the report that references them.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ApiProblem } from '../api/client.js';
import { t } from '../i18n/index.js';
import { appOutbox } from '../outbox.js';
import { deletePhoto, keepPhoto, photoProblem, type ImageType } from '../offline/photos.js';
import { FieldProblems } from '../ui.js';

export interface FormPhoto {
  readonly sha256: string;
  readonly mediaType: ImageType;
  readonly bytes: number;
  readonly name: string;
  /** An object URL of the kept blob, for the thumbnail. */
  readonly url: string;
}

export interface PhotoFieldProps {
  readonly idBase: string;
  readonly owner: string;
  readonly photos: readonly FormPhoto[];
  readonly onPhotos: (p: readonly FormPhoto[]) => void;
  readonly problems: readonly ApiProblem[];
}

export function PhotoField(p: PhotoFieldProps) {
  const [messages, setMessages] = useState<readonly string[]>([]);
  const [busy, setBusy] = useState(false);
  const id = `${p.idBase}-photos`;
  // Thumbnails' object URLs are released with the form.
  useEffect(() => () => p.photos.forEach((x) => URL.revokeObjectURL(x.url)), []);

  const add = async (files: readonly File[]) => {
    setBusy(true);
    const problems: string[] = [];
    const added: FormPhoto[] = [];
    for (const f of files) {
      const why = photoProblem(f);
      if (why !== undefined) {
        problems.push(t(`photos.${why}`, { name: f.name }));
        continue;
      }
      try {
        const kept = await keepPhoto(f, p.owner);
        if (p.photos.some((x) => x.sha256 === kept.sha256) || added.some((x) => x.sha256 === kept.sha256))
          continue;
        added.push({
          sha256: kept.sha256,
          mediaType: kept.mediaType,
          bytes: kept.bytes,
          name: f.name,
          url: URL.createObjectURL(kept.blob),
        });
      } catch (e) {
        problems.push(
          t('photos.failed', { name: f.name, message: e instanceof Error ? e.message : String(e) }),
        );
      }
    }
    setBusy(false);
    setMessages(problems);
    if (added.length > 0) p.onPhotos([...p.photos, ...added]);
  };

  const remove = (x: FormPhoto) => {
    p.onPhotos(p.photos.filter((y) => y.sha256 !== x.sha256));
    URL.revokeObjectURL(x.url);
    // Still needed by a report in the outbox: kept until that report is sent.
    if (
      !appOutbox()
        .list()
        .some((i) => i.status === 'pending' && i.attachments?.includes(x.sha256) === true)
    )
      void deletePhoto(x.sha256);
  };

  return (
    <fieldset class="photos">
      <legend>{t('photos.label')}</legend>
      <p class="hint" id={`${id}-hint`}>
        {t('photos.hint')}
      </p>
      <label class="button" for={id}>
        {t('photos.add')}
      </label>{' '}
      <input
        id={id}
        class="sr-only"
        type="file"
        accept="image/jpeg,image/png,image/webp"
        capture="environment"
        multiple
        disabled={busy}
        aria-describedby={`${id}-hint ${id}-problems`}
        data-testid="photo-input"
        onChange={(e) => {
          const input = e.currentTarget;
          const files = Array.from(input.files ?? []);
          input.value = '';
          void add(files);
        }}
      />
      {p.photos.length > 0 && (
        <ul class="photo-list">
          {p.photos.map((x) => (
            <li key={x.sha256} data-testid="photo">
              <img src={x.url} alt={x.name} width={96} height={72} />
              <span class="detail">{x.name}</span>
              <button
                type="button"
                class="small"
                onClick={() => remove(x)}
                aria-label={t('photos.remove', { name: x.name })}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {messages.map((m) => (
        <p key={m} class="error" role="alert">
          {m}
        </p>
      ))}
      <FieldProblems id={`${id}-problems`} problems={p.problems} />
    </fieldset>
  );
}
