import type { Tx } from '../../../../platform/db/database.js';
import { type OrderRecord, orderRecords } from '../../../orders/api.js';
import { orderStateToCode, PENDING_STATES } from '../../../orders/domain/order-state.js';
import { orderTypeToCode } from '../../../orders/domain/order-type.js';

/**
 * For a page of resources, in one query: their CREATE orders (`creation_order`) and their orders in
 * PENDING_STATES (`order_in_progress`, and the pending-order facts the checks read, §2.2), oldest
 * first.
 */
export function ordersOfResources(tx: Tx, resourceIds: readonly number[]): Promise<OrderRecord[]> {
  if (resourceIds.length === 0) return Promise.resolve([]);
  return orderRecords(tx)
    .where('o.resource_id', 'in', resourceIds)
    .where((eb) =>
      eb.or([
        eb('o.type', '=', orderTypeToCode('Create')),
        eb('o.state', 'in', [...PENDING_STATES].map(orderStateToCode)),
      ]),
    )
    .orderBy('o.created', 'asc')
    .orderBy('o.id', 'asc')
    .execute();
}
