import type { Resource } from '../../api/types.js';
import { formatDateTime, orderStateTitle } from '../../lib/format.js';

/**
 * The guided part of the force destroy dialog (seed 001 "Recovering a resource stuck in
 * Terminating"): which order in flight is failed first, then what the force_destroy order does.
 */
export function ForceDestroySteps({ resource: r }: { resource: Resource }) {
  const inFlight = r.order_in_progress;
  return (
    <ol aria-label="What force destroy does">
      <li>
        {inFlight ? (
          <>
            The <strong>{inFlight.type} order</strong> in progress ({orderStateTitle(inFlight.state)}, created{' '}
            {formatDateTime(inFlight.created)}) is failed with your reason, so it no longer blocks a new
            order.
          </>
        ) : (
          <>No order of {r.name} is in progress; nothing is failed first.</>
        )}
      </li>
      <li>
        A Terminate order with <span className="mono">action = "force_destroy"</span> is created for {r.name}{' '}
        and approved in your name: it does not wait for anyone's approval.
      </li>
      <li>
        The offering's processor runs on your behalf. If it fails, or the backend cannot confirm (a site agent
        offline, a provider who marks orders done by hand), the resource goes straight to{' '}
        <strong>Terminated</strong>; the skipped provider-side cleanup is recorded on the order.
      </li>
    </ol>
  );
}
