import type { TenantEvent, TenantRun } from '../../api/types.js';
import { formatDateTime } from '../../lib/format.js';
import { Empty } from '../../ui/DataState.js';

const text = (v: unknown) => (typeof v === 'string' && v ? v : null);

/** What a tenant event says happened, with the action's own verb (a retry is not a first start). */
function headline(e: TenantEvent): string {
  const p = e.payload;
  const attempt = typeof p.attempt_number === 'number' ? ` (attempt ${p.attempt_number})` : '';
  switch (e.type) {
    case 'tenant.provisioning.started':
      return typeof p.attempt_number === 'number' && p.attempt_number > 1
        ? `Provisioning retried${attempt}`
        : `Provisioning started${attempt}`;
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

/**
 * The reason given for an event: in the payload (reset, decommission) or, for a provisioning start
 * (whose payload is `{attempt_number}` only, tenant spec §8.2), on the attempt's run.
 */
function reasonOf(e: TenantEvent, runs: TenantRun[]): string | null {
  const own = text(e.payload.reason);
  if (own || e.type !== 'tenant.provisioning.started') return own;
  const run = runs.find((r) => r.kind === 'provision' && r.attempt_number === e.payload.attempt_number);
  return text(run?.reason);
}

/** The tenant's events, newest first: verb, actor, time and the reason given. */
export function TenantEventList({ events, runs }: { events: TenantEvent[]; runs: TenantRun[] }) {
  if (events.length === 0) return <Empty>No events yet.</Empty>;
  return (
    <ol className="timeline" aria-label="Events">
      {[...events].reverse().map((e) => {
        const reason = reasonOf(e, runs);
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
