import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { notifyTerminationScheduled } from '../../notifications/app/notify-resource.js';
import { orderRecords } from '../../orders/api.js';
import { approveByConsumer } from '../../orders/app/approve-by-consumer.js';
import { approveByProvider } from '../../orders/app/approve-by-provider.js';
import { createResourceOrder } from '../../orders/app/create-resource-order.js';
import { loadAbilityInput } from '../../orders/app/order-facts.js';
import { assertOrderAction } from '../../orders/domain/abilities.js';
import { orderStateToCode } from '../../orders/domain/order-state.js';
import { orderTypeToCode } from '../../orders/domain/order-type.js';

/** Body of terminate: plugin delete options, e.g. `{"action": "force_destroy"}` (§8, §11.1). */
export interface TerminateInput {
  attributes?: Record<string, unknown> | undefined;
  reason?: string | undefined;
}

/**
 * `terminate` (orders spec §8): if a TERMINATE order of the resource waits for its consumer, the
 * caller (a consumer approver, as the route's checks ensured) confirms it through approve_by_consumer
 * (§5.4) and gets its uuid; otherwise a TERMINATE order is created with the attributes (the resource
 * is Terminating at once, §4.2). `force_destroy` takes effect only when staff run the processing
 * (§11.1, the order effect table decides), so staff's own force destroy is approved at once.
 * Returns the order's uuid.
 */
export async function terminateResource(
  tx: Tx,
  actor: Actor,
  resourceId: number,
  input: TerminateInput,
): Promise<string> {
  const pending = await orderRecords(tx)
    .where('o.resource_id', '=', resourceId)
    .where('o.type', '=', orderTypeToCode('Terminate'))
    .where('o.state', '=', orderStateToCode('pending-consumer'))
    .orderBy('o.id')
    .executeTakeFirst();
  if (pending) {
    // Confirming is approving as consumer: the order's own checks apply too (blocked, expired, …).
    assertOrderAction('approve_by_consumer', await loadAbilityInput(tx, pending, actor));
    await approveByConsumer(tx, actor, pending.id, input.reason ?? '');
    return pending.uuid;
  }
  const order = await createResourceOrder(tx, actor, resourceId, {
    type: 'Terminate',
    attributes: input.attributes ?? {},
    reason: input.reason,
  });
  // Waldur tells the project's administrators and managers (and the asker), in this transaction.
  await notifyTerminationScheduled(tx, actor, resourceId, order.row.id);
  if (actor.isStaff && input.attributes?.action === 'force_destroy' && order.state === 'pending-provider') {
    // A staff force destroy does not wait for the same staff member's approval (seed 001).
    await approveByProvider(tx, actor, order.row.id, undefined, input.reason ?? '');
  }
  return order.row.uuid;
}
