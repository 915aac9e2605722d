import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { nextStateAfterProvider } from '../domain/routing.js';
import { requireState } from './guards.js';
import { moveOrder } from './lifecycle.js';
import { lockOrder } from './lock-order.js';
import { startProcessing } from './processing-port.js';
import { dateFacts } from './routing.js';

/**
 * `approve_by_provider` (§7.6): optional attributes merged into the order, review stamp, then a
 * future start date waits (pending-start-date) or execution starts and the processor runs.
 */
export async function approveByProvider(
  tx: Tx,
  actor: Actor,
  orderId: number,
  attributes: Record<string, unknown> | undefined,
  reason = '',
): Promise<string> {
  let o = await lockOrder(tx, orderId);
  requireState(o, 'approve_by_provider', actor);
  const to = nextStateAfterProvider(dateFacts(o));
  o = await moveOrder(tx, o, {
    to,
    action: 'approve_by_provider',
    event: 'approved',
    actor,
    reason,
    trigger: 'approval',
    set: {
      provider_reviewed_by: actor.id,
      provider_reviewed_at: new Date(),
      ...(attributes ? { attributes: { ...o.row.attributes, ...attributes } } : {}),
    },
  });
  if (to === 'executing') await startProcessing(tx, o, actor);
  return to === 'executing' ? 'Order has been approved.' : 'Order is pending start date.';
}
