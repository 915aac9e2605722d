import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { approveByProvider } from '../../orders/app/approve-by-provider.js';
import { createResourceOrder } from '../../orders/app/create-resource-order.js';
import { moveOrder } from '../../orders/app/lifecycle.js';
import { type LockedOrder, lockOrder } from '../../orders/app/lock-order.js';
import { orderStateToCode, PENDING_STATES } from '../../orders/domain/order-state.js';
import { lockResource, requireResourceState } from './lock-resource.js';

/** What a staff force destroy did: the order it failed first (if any) and the Terminate order. */
export interface ForceDestroyResult {
  orderUuid: string;
  orderState: string;
  failedOrderUuids: string[];
  resourceState: string;
}

/** The error an in-flight order keeps when staff fail it to force-destroy its resource. */
export function supersededMessage(actor: Actor, reason: string): string {
  return `Failed by staff (${actor.fullName || actor.username}) to force-destroy the resource: ${reason}`;
}

/**
 * Staff force destroy of a resource, possibly stuck in Terminating (seed 001 "Recovering a resource
 * stuck in Terminating", §8.1), in one transaction: every order still in flight is failed with the
 * reason (its resource is left as it is), then a Terminate order with `action = "force_destroy"` is
 * created and, when it waits for the provider, approved by the same staff member, so processing
 * runs at once on their behalf. The processor decides the end: Terminated when it fails or cannot
 * confirm (cleanup skipped, noted on the order), or its usual success.
 */
export async function forceDestroyResource(
  tx: Tx,
  actor: Actor,
  resourceId: number,
  reason: string,
): Promise<ForceDestroyResult> {
  const inFlight = await tx
    .selectFrom('orders')
    .select('id')
    .where('resource_id', '=', resourceId)
    .where('state', 'in', [...PENDING_STATES].map(orderStateToCode))
    .orderBy('id')
    .execute();
  const failed: string[] = [];
  for (const { id } of inFlight) {
    const o = await lockOrder(tx, id);
    if (!PENDING_STATES.has(o.state)) continue;
    const message = supersededMessage(actor, reason);
    await moveOrder(tx, o, {
      to: 'erred',
      action: 'force_destroy',
      event: 'superseded',
      actor,
      reason,
      completes: true,
      set: { error_message: message, error_traceback: '', error_updated_at: new Date() },
    });
    failed.push(o.row.uuid);
  }
  // The route checked a snapshot; the locked row decides (a concurrent change answers 409).
  requireResourceState(await lockResource(tx, resourceId), 'force_destroy');
  let order: LockedOrder = await createResourceOrder(tx, actor, resourceId, {
    type: 'Terminate',
    attributes: { action: 'force_destroy' },
    requestComment: reason,
    reason,
  });
  if (order.state === 'pending-provider') {
    // Staff would otherwise have to approve their own order before anything happens.
    await approveByProvider(tx, actor, order.row.id, undefined, reason);
  }
  order = await lockOrder(tx, order.row.id);
  return {
    orderUuid: order.row.uuid,
    orderState: order.state,
    failedOrderUuids: failed,
    resourceState: order.resourceState,
  };
}
