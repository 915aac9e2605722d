import type { Tx } from '../../../platform/db/database.js';
import { insertCallback } from '../adapters/pg/callback-writes.js';
import { callbackPayload, type OrderStateChange } from '../domain/callback-payload.js';

/**
 * Records a state change of an order with a `callback_url` for delivery, in the caller's
 * transaction (the one that changes the state): the change and its callback commit or roll back
 * together, so no acknowledged change goes unposted. Orders without a callback URL cost nothing.
 */
export async function enqueueOrderCallback(tx: Tx, change: OrderStateChange): Promise<void> {
  if (!change.callbackUrl) return;
  await insertCallback(tx, {
    order_id: change.orderId,
    url: change.callbackUrl,
    payload: { ...callbackPayload(change, new Date()) },
  });
}
