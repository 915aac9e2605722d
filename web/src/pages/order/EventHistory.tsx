import { api, unwrap } from '../../api/client.js';
import type { AuditEvent } from '../../api/types.js';
import { formatDateTime } from '../../lib/format.js';
import { useLoad } from '../../lib/useLoad.js';
import { Empty, ErrorBox, Loading } from '../../ui/DataState.js';

/** The events of one order or one resource, oldest first. */
export type HistoryScope = { order_uuid: string } | { resource_uuid: string };

const text = (v: unknown) => (typeof v === 'string' ? v : '');

/**
 * What happened, in Orderly's words: the verb the event records for its action (a retry, not
 * Waldur's second "approved"), the resource action it names, or else the event's message.
 */
function headline(e: AuditEvent): string {
  const c = e.context;
  const verb = text(c.verb);
  const kind = text(c.type);
  const resource = text(c.resource_name);
  if (verb && e.event_type.startsWith('marketplace_order_'))
    return `${kind ? `${kind} order` : 'Order'}${resource ? ` for ${resource}` : ''} ${verb}`;
  const action = text(c.action);
  if (action && !e.event_type.startsWith('marketplace_resource_create_'))
    return `${action.replace(/_/g, ' ').replace(/^./, (m) => m.toUpperCase())}: ${e.message}`;
  return e.message;
}

/** Who did what, when and why: one line per audit event, with the action's verb, actor and reason. */
export function EventHistory({ scope, label }: { scope: HistoryScope; label: string }) {
  const key = 'order_uuid' in scope ? scope.order_uuid : scope.resource_uuid;
  const events = useLoad(
    () => unwrap(api.GET('/api/events/', { params: { query: { ...scope, o: 'created', page_size: 300 } } })),
    [key],
  );
  if (events.status === 'error') return <ErrorBox error={events.error} onRetry={events.reload} />;
  if (!events.data) return <Loading label="Loading events…" />;
  if (events.data.length === 0) return <Empty>No events recorded yet.</Empty>;
  return (
    <ol className="timeline" aria-label={label}>
      {events.data.map((e) => (
        <li key={e.uuid} className={`timeline-item level-${e.level}`}>
          <time dateTime={e.created} className="muted small">
            {formatDateTime(e.created)}
          </time>
          <div>
            <p>
              <strong>{headline(e)}</strong>
              {` · by ${e.actor_username ?? 'the system'}`}
            </p>
            {e.reason && <p>Reason: {e.reason}</p>}
            <p className="muted small">
              <span className="mono">{e.event_type}</span> · {e.message}
            </p>
          </div>
        </li>
      ))}
    </ol>
  );
}
