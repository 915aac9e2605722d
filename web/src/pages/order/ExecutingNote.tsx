import { OFFERING_CAPABILITIES } from '../../../../src/modules/offerings/domain/capabilities.js';
import type { Order } from '../../api/types.js';

// Who finishes an Executing order, by the offering type's processor (capability table), in words.
const WAITING_FOR: Partial<Record<string, string>> = {
  manual:
    'The provider sets this resource up by hand and marks the order as done once it has been provisioned.',
  helpdesk:
    'The provider’s support team handles this order and marks it as done when the request is resolved.',
  site_agent:
    'The provider’s site agent creates this resource on the backend and reports the order as done (or failed).',
};

/** An Executing order that waits for a person or an agent says so, so nobody mistakes it for stuck. */
export function ExecutingNote({ order }: { order: Order }) {
  if (order.state !== 'executing') return null;
  const caps = Object.entries(OFFERING_CAPABILITIES).find(([t]) => t === order.offering_type)?.[1];
  const text = caps ? WAITING_FOR[caps.processor] : undefined;
  if (!text) return null;
  return (
    <div className="callout callout-info" role="note">
      <strong>Waiting for the provider.</strong> {text}
    </div>
  );
}
