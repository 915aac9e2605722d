import type { Tx } from '../../../platform/db/database.js';
import { deleteOrdersOfResource, updateOrderRow } from '../adapters/pg/order-repository.js';

// Writes other modules ask of orders (issue 13: only the orders module writes `orders`).

/** A processor learnt the order's id at the backend (the remote Waldur's order uuid). */
export async function recordOrderBackendId(tx: Tx, orderId: number, backendId: string): Promise<void> {
  await updateOrderRow(tx, orderId, { backend_id: backendId });
}

/**
 * The resource is being unlinked (staff): its orders go without any backend action. The caller
 * holds the orders' row locks (taken before the resource's, G12).
 */
export async function removeOrdersOfResource(tx: Tx, resourceId: number): Promise<void> {
  await deleteOrdersOfResource(tx, resourceId);
}
