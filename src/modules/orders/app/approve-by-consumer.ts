import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { fixedValidationError } from '../domain/errors.js';
import { CONSUMER_APPROVAL_DETAIL, nextStateAfterConsumer } from '../domain/routing.js';
import { requireState } from './guards.js';
import { moveOrder } from './lifecycle.js';
import { purchaseOrderMissing } from './load-attachment.js';
import { lockOrder } from './lock-order.js';
import { startProcessing } from './processing-port.js';
import { dateFacts, needsProviderReview } from './routing.js';

/** `approve_by_consumer` (§7.5): review stamp, then §5.4 routing; returns Waldur's `detail` text. */
export async function approveByConsumer(tx: Tx, actor: Actor, orderId: number, reason = ''): Promise<string> {
  let o = await lockOrder(tx, orderId);
  requireState(o, 'approve_by_consumer', actor);
  if (await purchaseOrderMissing(tx, o)) throw fixedValidationError('order.purchase_order_required');
  const to = nextStateAfterConsumer(await needsProviderReview(tx, o, actor.id), dateFacts(o));
  o = await moveOrder(tx, o, {
    to,
    action: 'approve_by_consumer',
    event: 'approved',
    actor,
    reason,
    trigger: 'approval',
    set: { consumer_reviewed_by: actor.id, consumer_reviewed_at: new Date() },
  });
  if (to === 'executing') await startProcessing(tx, o, actor);
  return CONSUMER_APPROVAL_DETAIL[to] ?? 'Order has been approved.';
}
