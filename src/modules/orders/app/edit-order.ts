import { sql } from 'kysely';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { recordEvent } from '../../audit/app/record-event.js';
import { EventType } from '../../audit/domain/event-types.js';
import { followOrderEdit } from '../../resources/app/order-writes.js';
import { deleteOrderRow, updateOrderRow } from '../adapters/pg/order-repository.js';
import { requireState } from './guards.js';
import { lockOrder } from './lock-order.js';
import { orderScopes } from './order-events.js';

/** Editable fields of a pending-consumer order (§7.9). */
export interface OrderChanges {
  limits?: Record<string, number> | undefined;
  attributes?: Record<string, unknown> | undefined;
  start_date?: string | null | undefined;
}

/** `PUT`/`PATCH` (§7.9): edits an order before consumer approval; a Create's resource follows (§4.2.3). */
export async function updateOrder(tx: Tx, orderId: number, changes: OrderChanges): Promise<void> {
  const o = await lockOrder(tx, orderId);
  requireState(o, 'update');
  await updateOrderRow(tx, orderId, { ...changes, modified: sql<Date>`now()` });
  if (o.type === 'Create' && o.resourceState === 'Creating')
    await followOrderEdit(tx, o.resource.id, changes);
}

/** `DELETE` (§7.10): removes a pending order row; the resource row stays (quirk 14). */
export async function destroyOrder(tx: Tx, orderId: number): Promise<void> {
  const o = await lockOrder(tx, orderId);
  requireState(o, 'destroy');
  await deleteOrderRow(tx, orderId);
}

/** `unlink` (§7.16, staff): emits `marketplace_order_unlinked`, then deletes the order. */
export async function unlinkOrder(tx: Tx, actor: Actor, orderId: number): Promise<void> {
  const o = await lockOrder(tx, orderId);
  await recordEvent(tx, {
    type: EventType.ORDER_UNLINKED,
    message: `Marketplace order for resource ${o.resource.name} has been unlinked. Type: ${o.type}`,
    actorId: actor.id,
    context: { order_uuid: o.row.uuid, resource_uuid: o.resource.uuid },
    scopes: { ...orderScopes(o), orderId: null },
  });
  await deleteOrderRow(tx, orderId);
}

/** `set_backend_id` (§7.17): returns Waldur's status text. */
export async function setOrderBackendId(tx: Tx, orderId: number, backendId: string): Promise<string> {
  const o = await lockOrder(tx, orderId);
  if (o.row.backend_id === backendId) return 'Order backend_id is not changed.';
  await updateOrderRow(tx, orderId, { backend_id: backendId, modified: sql<Date>`now()` });
  return 'Order backend_id has been changed.';
}
