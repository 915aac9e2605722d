import { type FormEvent, useEffect, useId, useState } from 'react';
import { api, unwrap, unwrapEmpty } from '../../api/client.js';
import { useSubmit } from '../../lib/useSubmit.js';
import { InlineError } from '../../ui/DataState.js';
import { useNotify } from '../../ui/Toasts.js';
import type { Offering } from './catalogueTypes.js';

/** What the server accepts (it checks the bytes too). */
const ACCEPT = 'image/png,image/jpeg,image/gif,image/webp';

/**
 * Upload or remove the offering's thumbnail (multipart `update_thumbnail`, `delete_thumbnail`).
 * The offering details do not say whether one is set, so the preview shows the file just uploaded.
 */
export function ThumbnailForm({ offering, canEdit }: { offering: Offering; canEdit: boolean }) {
  const notify = useNotify();
  const ids = { title: useId(), file: useId() };
  const [file, setFile] = useState<File | null>(null);
  // A new key empties the file input once its file is uploaded.
  const [inputKey, setInputKey] = useState(0);
  const [preview, setPreview] = useState<string | null>(null);
  const { busy, error, run } = useSubmit();
  useEffect(() => () => (preview ? URL.revokeObjectURL(preview) : undefined), [preview]);

  const act = (call: () => Promise<void>, done: string) =>
    run(async () => {
      await call();
      notify(done);
    });
  const path = { params: { path: { uuid: offering.uuid } } };

  const upload = (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    const form = new FormData();
    form.append('thumbnail', file, file.name);
    void act(async () => {
      await unwrap(
        api.POST('/api/marketplace-provider-offerings/{uuid}/update_thumbnail/', {
          ...path,
          body: { thumbnail: file.name },
          bodySerializer: () => form,
        }),
      );
      setPreview(URL.createObjectURL(file));
      setFile(null);
      setInputKey((k) => k + 1);
    }, 'Thumbnail has been uploaded.');
  };

  const remove = () =>
    act(async () => {
      await unwrapEmpty(api.POST('/api/marketplace-provider-offerings/{uuid}/delete_thumbnail/', path));
      setPreview(null);
    }, 'Thumbnail has been removed.');

  if (!canEdit) return null;
  return (
    <section className="card" aria-labelledby={ids.title}>
      <h2 id={ids.title}>Thumbnail</h2>
      <p className="muted small">
        A PNG, JPEG, GIF or WebP image of at most 1 MiB, shown in the marketplace.
      </p>
      {preview && <img className="thumbnail-preview" src={preview} alt={`Thumbnail of ${offering.name}`} />}
      <form onSubmit={upload} className="catalogue-form">
        <div className="field field-wide">
          <label htmlFor={ids.file}>Image file</label>
          <input
            key={inputKey}
            id={ids.file}
            type="file"
            accept={ACCEPT}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </div>
        <InlineError error={error} />
        <div className="form-actions">
          <button type="submit" className="btn" disabled={busy || !file}>
            Upload thumbnail
          </button>
          <button type="button" className="btn" disabled={busy} onClick={() => void remove()}>
            Remove thumbnail
          </button>
        </div>
      </form>
    </section>
  );
}
