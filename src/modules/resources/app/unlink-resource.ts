import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { EventType } from '../../audit/domain/event-types.js';
import { removeOrdersOfResource } from '../../orders/app/order-writes.js';
import { deleteResourceRow } from '../adapters/pg/resource-repository.js';
import { lockResource } from './lock-resource.js';
import { recordResourceEvent } from './resource-events.js';

/**
 * `unlink` (orders spec §8, staff): emits `marketplace_resource_unlinked`, then deletes the resource
 * and its orders without any backend action (the event keeps the ids; it has no foreign keys). The
 * orders are locked before the resource, the order lifecycle's lock order (G12).
 */
export async function unlinkResource(tx: Tx, actor: Actor, resourceId: number, reason?: string) {
  await tx.selectFrom('orders').select('id').where('resource_id', '=', resourceId).forUpdate().execute();
  const r = await lockResource(tx, resourceId);
  await recordResourceEvent(tx, r, {
    type: EventType.RESOURCE_UNLINKED,
    message: `Resource ${r.row.name} has been unlinked.`,
    actor,
    reason,
    context: { state: r.state },
  });
  await removeOrdersOfResource(tx, resourceId);
  await deleteResourceRow(tx, resourceId);
}
