import type { TenantEvent } from '../../api/types.js';
import { formatDateTime } from '../../lib/format.js';
import { Empty } from '../../ui/DataState.js';

const text = (v: unknown) => (typeof v === 'string' && v ? v : null);

/** What a tenant event says happened, with the action's own verb (a retry is not a first start). */
function headline(e: TenantEvent): string {
  const p = e.payload;
  const attempt = typeof p.attempt_number === 'number' ? ` (attempt ${p.attempt_number})` : '';
  switch (e.type) {
    case 'tenant.provisioning.started':
      return p.trigger === 'retry' ? `Provisioning retried${attempt}` : `Provisioning started${attempt}`;
    case 'tenant.provisioning.step_completed':
      return `Step ${text(p.step) ?? '?'} ${p.reused === true ? 'reused' : 'completed'}`;
    case 'tenant.provisioning.failed':
      return `Provisioning failed${attempt} at ${text(p.failed_activity) ?? '?'}`;
    case 'tenant.provisioning.succeeded':
      return `Provisioning succeeded${attempt}`;
    case 'tenant.provisioning.reset':
      return p.forced === true ? 'Force reset' : 'Reset';
    case 'tenant.decommission.started':
      return 'Decommission started';
    case 'tenant.decommission.completed':
      return 'Decommissioned';
    case 'tenant.decommission.failed':
      return `Decommission failed at ${text(p.failed_activity) ?? '?'}`;
    default:
      return e.type;
  }
}

/** The tenant's events, newest first: verb, actor, time and the reason given. */
export function TenantEventList({ events }: { events: TenantEvent[] }) {
  if (events.length === 0) return <Empty>No events yet.</Empty>;
  return (
    <ol className="timeline" aria-label="Events">
      {[...events].reverse().map((e) => {
        const reason = text(e.payload.reason);
        const holder = text(e.payload.lock_holder);
        return (
          <li key={e.sequence}>
            <span className="muted">{formatDateTime(e.occurred_at)}</span>
            <p>
              <strong>{headline(e)}</strong>
              {e.actor && ` · by ${e.actor.username}`}
              {holder && ` · lock holder was ${holder}`}
            </p>
            {reason && <p>Reason: {reason}</p>}
            <p className="muted small">
              <span className="mono">{e.type}</span>
              {text(e.payload.failed_activity) && ` · failed_activity: ${text(e.payload.failed_activity)}`}
            </p>
          </li>
        );
      })}
    </ol>
  );
}
