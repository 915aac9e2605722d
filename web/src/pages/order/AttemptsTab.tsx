import { api, unwrap } from '../../api/client.js';
import type { Attempt, Order } from '../../api/types.js';
import { formatDateTime } from '../../lib/format.js';
import { useLoad } from '../../lib/useLoad.js';
import { Empty, ErrorBox, Loading } from '../../ui/DataState.js';

const OUTCOME: Record<Attempt['outcome'], string> = {
  running: 'executing',
  done: 'done',
  erred: 'erred',
  canceled: 'canceled',
};

function ErrorDetails({ a }: { a: Attempt }) {
  const message = a.error_message || a.resource_error_message;
  const traceback = a.error_traceback || a.resource_error_traceback;
  if (!message && !traceback) return <p className="muted">No errors in this attempt.</p>;
  return (
    <div className="error-details">
      <h4>Error details</h4>
      {message && <pre className="error-message">{message}</pre>}
      {traceback && (
        <details>
          <summary>Traceback</summary>
          <pre className="traceback">{traceback}</pre>
        </details>
      )}
    </div>
  );
}

/**
 * Every processing attempt, newest first, each with its error message and traceback. Retry never
 * erases an error: the failed attempt keeps it (orders spec §17 a).
 */
export function AttemptsTab({ order }: { order: Order }) {
  const attempts = useLoad(
    () =>
      unwrap(api.GET('/api/marketplace-orders/{uuid}/attempts/', { params: { path: { uuid: order.uuid } } })),
    [order.uuid],
  );
  if (attempts.status === 'error') return <ErrorBox error={attempts.error} onRetry={attempts.reload} />;
  if (!attempts.data) return <Loading label="Loading attempts…" />;
  const list = [...attempts.data].reverse();
  const anyError = list.some((a) => a.error_message || a.error_traceback || a.resource_error_message);
  return (
    <div className="stack">
      {!anyError && <Empty>No errors found for this order</Empty>}
      {list.length === 0 ? (
        <p className="muted">The order has not been processed yet: attempts start when it is approved.</p>
      ) : (
        <ol className="attempts" aria-label="Attempts, newest first">
          {list.map((a) => (
            <li key={a.uuid} className="attempt">
              <div className="attempt-head">
                <strong>Attempt {a.attempt_number}</strong>
                <span className={`badge badge-${OUTCOME[a.outcome]}`}>{a.outcome}</span>
                <span className="muted small">
                  {a.trigger.replace(/_/g, ' ')} · started {formatDateTime(a.started_at)}
                  {a.started_by_username ? ` by ${a.started_by_username}` : ''}
                  {a.finished_at ? ` · finished ${formatDateTime(a.finished_at)}` : ''}
                </span>
              </div>
              <ErrorDetails a={a} />
              {a.output && <pre className="output">{a.output}</pre>}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
