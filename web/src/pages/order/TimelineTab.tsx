import { api, unwrap } from '../../api/client.js';
import type { Order } from '../../api/types.js';
import { formatDateTime } from '../../lib/format.js';
import { useLoad } from '../../lib/useLoad.js';
import { Empty, ErrorBox, Loading } from '../../ui/DataState.js';

/** The order's audit events, oldest first: who did what, when, and why. */
export function TimelineTab({ order }: { order: Order }) {
  const events = useLoad(
    () =>
      unwrap(
        api.GET('/api/events/', {
          params: { query: { order_uuid: order.uuid, o: 'created', page_size: 300 } },
        }),
      ),
    [order.uuid],
  );
  if (events.status === 'error') return <ErrorBox error={events.error} onRetry={events.reload} />;
  if (!events.data) return <Loading label="Loading events…" />;
  if (events.data.length === 0) return <Empty>No events recorded for this order yet.</Empty>;
  return (
    <ol className="timeline" aria-label="Events, oldest first">
      {events.data.map((e) => (
        <li key={e.uuid} className={`timeline-item level-${e.level}`}>
          <time dateTime={e.created} className="muted small">
            {formatDateTime(e.created)}
          </time>
          <div>
            <p>{e.message}</p>
            <p className="muted small">
              <span className="mono">{e.event_type}</span>
              {e.actor_username ? ` · by ${e.actor_username}` : ''}
              {e.reason ? ` · reason: ${e.reason}` : ''}
            </p>
          </div>
        </li>
      ))}
    </ol>
  );
}
