import { type FormEvent, useId, useState } from 'react';
import { api, unwrap } from '../../api/client.js';
import type { Resource } from '../../api/types.js';
import { InlineError } from '../../ui/DataState.js';
import { Dialog } from '../../ui/Dialog.js';
import { useNotify } from '../../ui/Toasts.js';
import type { ResourceView } from './resourceActionDefs.js';

/** Edits name, description and end date (PATCH on the page's view); the server checks the date. */
export function EditResourceDialog({
  resource,
  view,
  onClose,
  onDone,
}: {
  resource: Resource;
  view: ResourceView;
  onClose(): void;
  onDone(): void;
}) {
  const notify = useNotify();
  const [name, setName] = useState(resource.name);
  const [description, setDescription] = useState(resource.description ?? '');
  const [endDate, setEndDate] = useState(resource.end_date ?? '');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const ids = { form: useId(), name: useId(), description: useId(), end: useId(), reason: useId() };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    const body = {
      name: name.trim(),
      description,
      end_date: endDate === '' ? null : endDate,
      ...(reason.trim() ? { reason: reason.trim() } : {}),
    };
    const params = { params: { path: { uuid: resource.uuid } }, body };
    try {
      await unwrap(
        view === 'provider'
          ? api.PATCH('/api/marketplace-provider-resources/{uuid}/', params)
          : api.PATCH('/api/marketplace-resources/{uuid}/', params),
      );
      notify('Resource has been updated.');
      onDone();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <Dialog
      title="Edit resource"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" form={ids.form} className="btn btn-primary" disabled={busy || !name.trim()}>
            {busy ? 'Saving…' : 'Save'}
          </button>
        </>
      }
    >
      <form id={ids.form} onSubmit={submit} className="stack">
        <div className="field">
          <label htmlFor={ids.name}>Name</label>
          <input
            id={ids.name}
            value={name}
            maxLength={150}
            required
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.description}>Description</label>
          <textarea
            id={ids.description}
            value={description}
            rows={3}
            maxLength={4000}
            onChange={(e) => setDescription(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.end}>End date (optional)</label>
          <input id={ids.end} type="date" value={endDate} onChange={(e) => setEndDate(e.target.value)} />
          <p className="hint">The resource is terminated after this day. Leave empty for no end date.</p>
        </div>
        <div className="field">
          <label htmlFor={ids.reason}>Reason (optional)</label>
          <input
            id={ids.reason}
            value={reason}
            maxLength={2000}
            onChange={(e) => setReason(e.target.value)}
          />
        </div>
        <InlineError error={error} />
      </form>
    </Dialog>
  );
}
