import { type ChangeEvent, useRef, useState } from 'react';
import { api, unwrap, unwrapEmpty } from '../../api/client.js';
import { describeError } from '../../api/problem.js';
import type { Order } from '../../api/types.js';
import { useNotify } from '../../ui/Toasts.js';

const path = (o: Order) => ({ params: { path: { uuid: o.uuid } } });

/** Whether the order's offering asks for a purchase order before approval. */
function required(o: Order): boolean {
  return o.offering_plugin_options.require_purchase_order_upload === true && o.type !== 'Terminate';
}

/** Saves a blob under a file name through a temporary link (the download needs the API token). */
function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * The order's purchase order (orders spec §7.20): shows the attached PDF with download and remove,
 * and lets whoever may (`abilities.update_attachment`) upload or replace it. Shown when the offering
 * requires one or a file is attached; the server checks the file (PDF, size).
 */
export function PurchaseOrder({ order: o, onChanged }: { order: Order; onChanged(): void }) {
  const notify = useNotify();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!required(o) && o.attachment === null) return null;
  const canUpload = o.abilities.update_attachment?.allowed === true;
  const canRemove = o.abilities.delete_attachment?.allowed === true;
  const fileName = o.attachment_file_name ?? 'purchase-order.pdf';

  const act = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      notify(done);
      onChanged();
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };
  const upload = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    const form = new FormData();
    form.append('attachment', file, file.name);
    void act(
      () =>
        unwrap(
          api.POST('/api/marketplace-orders/{uuid}/update_attachment/', {
            ...path(o),
            body: { attachment: file.name },
            bodySerializer: () => form,
          }),
        ),
      'Purchase order has been uploaded.',
    );
  };
  const download = () =>
    void act(async () => {
      const r = await api.GET('/api/marketplace-orders/{uuid}/attachment/', { ...path(o), parseAs: 'blob' });
      if (!r.response.ok) await unwrapEmpty(Promise.resolve(r));
      if (!(r.data instanceof Blob)) throw new Error('The purchase order could not be read.');
      saveBlob(r.data, fileName);
    }, 'Purchase order downloaded.');
  const remove = () =>
    void act(
      () => unwrapEmpty(api.POST('/api/marketplace-orders/{uuid}/delete_attachment/', path(o))),
      'Purchase order has been removed.',
    );

  return (
    <section className="card-sub stack" aria-label="Purchase order">
      <h3>Purchase order</h3>
      {o.attachment === null ? (
        <p className={required(o) ? 'callout callout-warning' : 'muted'} role="note">
          {required(o)
            ? 'This offering requires a purchase order (PDF) before the order can be approved.'
            : 'No purchase order is attached.'}
        </p>
      ) : (
        <p>
          Attached: <strong>{fileName}</strong>
        </p>
      )}
      {error && (
        <p className="inline-error" role="alert">
          {error}
        </p>
      )}
      <div className="row-actions" style={{ justifyContent: 'flex-start' }}>
        {o.attachment !== null && (
          <button type="button" className="btn btn-small" onClick={download} disabled={busy}>
            Download PDF
          </button>
        )}
        {canUpload && (
          <>
            <input
              ref={input}
              type="file"
              accept="application/pdf,.pdf"
              hidden
              aria-label="Purchase order PDF"
              onChange={upload}
            />
            <button
              type="button"
              className="btn btn-small"
              onClick={() => input.current?.click()}
              disabled={busy}
            >
              {o.attachment === null ? 'Upload PDF' : 'Replace PDF'}
            </button>
          </>
        )}
        {canRemove && (
          <button type="button" className="btn btn-small btn-danger" onClick={remove} disabled={busy}>
            Remove
          </button>
        )}
      </div>
    </section>
  );
}
