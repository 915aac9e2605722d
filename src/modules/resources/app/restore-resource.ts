import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { createResourceOrder } from '../../orders/app/create-resource-order.js';

/**
 * `restore` (orders spec §8): a RESTORE order with the resource's attributes, plan and limits; the
 * order's creation moves the Terminated resource to Creating (§4.3). Returns the order's uuid.
 */
export async function restoreResource(
  tx: Tx,
  actor: Actor,
  resourceId: number,
  reason?: string,
): Promise<string> {
  const r = await tx
    .selectFrom('resources')
    .select(['attributes', 'limits', 'plan_id'])
    .where('id', '=', resourceId)
    .executeTakeFirstOrThrow();
  const order = await createResourceOrder(tx, actor, resourceId, {
    reason: reason,
    type: 'Restore',
    attributes: r.attributes,
    limits: r.limits as Record<string, number>,
    planId: r.plan_id,
  });
  return order.row.uuid;
}
