import { useId, useState } from 'react';
import { api, unwrap } from '../../api/client.js';
import { describeError } from '../../api/problem.js';
import type { Order } from '../../api/types.js';
import { countOf } from '../../lib/format.js';
import { Dialog } from '../../ui/Dialog.js';

type Kind = 'approve' | 'reject';
interface Outcome {
  uuid: string;
  name: string;
  ok: boolean;
  text: string;
}

const ACTION = { approve: 'approve_by_provider', reject: 'reject_by_provider' } as const;

/** Runs one review; an order the server would refuse is skipped with the server's reason. */
async function review(kind: Kind, o: Order, reason: string): Promise<Outcome> {
  const name = o.resource_name || o.offering_name;
  const ability = o.abilities[ACTION[kind]];
  if (!ability?.allowed)
    return { uuid: o.uuid, name, ok: false, text: `Skipped: ${ability?.message ?? 'not allowed.'}` };
  const path = { uuid: o.uuid };
  try {
    const r =
      kind === 'approve'
        ? await unwrap(
            api.POST('/api/marketplace-orders/{uuid}/approve_by_provider/', { params: { path }, body: {} }),
          )
        : await unwrap(
            api.POST('/api/marketplace-orders/{uuid}/reject_by_provider/', {
              params: { path },
              body: { provider_rejection_comment: reason },
            }),
          );
    return { uuid: o.uuid, name, ok: true, text: kind === 'approve' ? 'Order has been approved.' : r.detail };
  } catch (e) {
    return { uuid: o.uuid, name, ok: false, text: describeError(e) };
  }
}

/** Bulk Approve / Reject of the selected orders, with a reason for reject and a result per order. */
export function BulkActions({ orders, onDone }: { orders: Order[]; onDone(): void }) {
  const [kind, setKind] = useState<Kind | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [results, setResults] = useState<Outcome[] | null>(null);
  const reasonId = useId();
  const close = () => {
    const ran = results !== null;
    setKind(null);
    setResults(null);
    setReason('');
    if (ran) onDone();
  };
  const run = async () => {
    if (!kind) return;
    setBusy(true);
    const out: Outcome[] = [];
    // One at a time: each review is its own transaction and the results list fills in order.
    for (const o of orders) out.push(await review(kind, o, reason.trim()));
    setResults(out);
    setBusy(false);
  };
  const ok = results?.filter((r) => r.ok).length ?? 0;
  return (
    <>
      <div className="bulkbar" aria-live="polite">
        <span>
          {orders.length === 0
            ? 'Select orders to approve or reject them together.'
            : `${orders.length} selected`}
        </span>
        <button
          type="button"
          className="btn btn-small"
          disabled={orders.length === 0}
          onClick={() => setKind('approve')}
        >
          Approve selected
        </button>
        <button
          type="button"
          className="btn btn-small"
          disabled={orders.length === 0}
          onClick={() => setKind('reject')}
        >
          Reject selected
        </button>
      </div>
      {kind && (
        <Dialog
          title={`${kind === 'approve' ? 'Approve' : 'Reject'} ${countOf(orders.length, 'order')}`}
          onClose={close}
          wide
          footer={
            results ? (
              <button type="button" className="btn btn-primary" onClick={close}>
                Close
              </button>
            ) : (
              <>
                <button type="button" className="btn" onClick={close} disabled={busy}>
                  Cancel
                </button>
                <button
                  type="button"
                  className={kind === 'reject' ? 'btn btn-danger' : 'btn btn-primary'}
                  disabled={busy || (kind === 'reject' && !reason.trim())}
                  onClick={run}
                >
                  {busy ? 'Working…' : kind === 'approve' ? 'Approve' : 'Reject'}
                </button>
              </>
            )
          }
        >
          {!results && (
            <div className="stack">
              <p>
                {kind === 'approve'
                  ? 'Are you sure you want to approve these orders? Provisioning starts for each approved order.'
                  : 'Are you sure you want to reject these orders? The reason is communicated to each customer.'}
              </p>
              <ul className="compact-list">
                {orders.map((o) => (
                  <li key={o.uuid}>{o.resource_name || o.offering_name}</li>
                ))}
              </ul>
              {kind === 'reject' && (
                <div className="field">
                  <label htmlFor={reasonId}>Rejection reason (required)</label>
                  <textarea
                    id={reasonId}
                    rows={3}
                    value={reason}
                    onChange={(e) => setReason(e.target.value)}
                  />
                </div>
              )}
            </div>
          )}
          {results && (
            <div className="stack">
              <p role="status">
                {ok} of {countOf(results.length, 'order')} {kind === 'approve' ? 'approved' : 'rejected'}.
              </p>
              <ul className="results" aria-label="Results per order">
                {results.map((r) => (
                  <li key={r.uuid} className={r.ok ? 'result-ok' : 'result-failed'}>
                    <strong>{r.name}</strong>
                    <span>{r.ok ? `✓ ${r.text}` : `✗ ${r.text}`}</span>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </Dialog>
      )}
    </>
  );
}
