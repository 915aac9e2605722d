import { useId, useRef, useState } from 'react';
import type { Order } from '../../api/types.js';
import { countOf } from '../../lib/format.js';
import { InlineError } from '../../ui/DataState.js';
import { Dialog } from '../../ui/Dialog.js';
import { BulkJobProgress } from './BulkJobProgress.js';
import { type BulkJob, type BulkKind, runBulkJob } from './bulkJob.js';

interface Outcome {
  uuid: string;
  name: string;
  ok: boolean;
  text: string;
}

const DONE_TEXT: Record<BulkKind, string> = {
  approve: 'Order has been approved.',
  reject: 'Order has been rejected.',
};

/** One result per selected order, from the job's per-order outcomes (the server's reason when refused). */
function outcomesOf(kind: BulkKind, orders: Order[], job: BulkJob): Outcome[] {
  const byUuid = new Map(orders.map((o) => [o.uuid, o.resource_name || o.offering_name]));
  return job.items.map((i) => ({
    uuid: i.order_uuid,
    name: byUuid.get(i.order_uuid) ?? i.order_uuid,
    ok: i.outcome === 'done',
    text: i.outcome === 'done' ? DONE_TEXT[kind] : i.message,
  }));
}

/** Bulk Approve / Reject of the selected orders, with a reason for reject and a result per order. */
export function BulkActions({ orders, onDone }: { orders: Order[]; onDone(): void }) {
  const [kind, setKind] = useState<BulkKind | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [results, setResults] = useState<Outcome[] | null>(null);
  const [job, setJob] = useState<BulkJob | null>(null);
  const [error, setError] = useState<unknown>(null);
  const following = useRef(false);
  const reasonId = useId();
  const close = () => {
    const ran = job !== null;
    following.current = false;
    setKind(null);
    setResults(null);
    setJob(null);
    setError(null);
    setBusy(false);
    setReason('');
    if (ran) onDone();
  };
  const run = async () => {
    if (!kind) return;
    setBusy(true);
    setError(null);
    following.current = true;
    try {
      // One server-side job: each order is checked and applied durably, as its own action would be.
      const uuids = orders.map((o) => o.uuid);
      const done = await runBulkJob(kind, uuids, reason.trim(), setJob, () => !following.current);
      if (following.current && done.state === 'done') setResults(outcomesOf(kind, orders, done));
    } catch (e) {
      setError(e);
    }
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
          {!results && job && <BulkJobProgress job={job} />}
          {!results && !job && (
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
              <InlineError error={error} />
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
