import type { Selectable } from 'kysely';
import type { Tx } from '../../../platform/db/database.js';
import type { OrdersTable } from '../../../platform/db/schema.js';
import { enqueueOrderCallback } from '../../callbacks/app/enqueue-callback.js';
import type { OrderState } from '../domain/order-state.js';
import type { LockedOrder } from './lock-order.js';

/**
 * Queues the POST to the order's `callback_url` for one state change (Waldur's remote marketplace
 * posts on every change of `Order.state`), in the transaction of the change. `from` is null when
 * the order was just created.
 */
export async function queueStateCallback(
  tx: Tx,
  o: LockedOrder,
  row: Selectable<OrdersTable>,
  from: OrderState | null,
  to: OrderState,
): Promise<void> {
  if (from === to) return;
  await enqueueOrderCallback(tx, {
    orderId: row.id,
    callbackUrl: row.callback_url,
    orderUuid: row.uuid,
    type: o.type,
    fromState: from,
    state: to,
    resourceUuid: o.resource.uuid,
    backendId: row.backend_id,
    errorMessage: row.error_message,
  });
}
