import type { Tx } from '../../../platform/db/database.js';
import { recordEvent } from '../../audit/app/record-event.js';
import type { Actor } from '../../identity/domain/actor.js';
import { orderNotFoundError } from '../domain/errors.js';
import { requireState } from './guards.js';
import { lockOrder } from './lock-order.js';
import { orderScopes } from './order-events.js';
import { ATTACHMENT_EVENTS } from './update-attachment.js';

/** `delete_attachment` (§7.20): removes the order's purchase-order file; 404 when there is none. */
export async function deleteOrderAttachment(tx: Tx, actor: Actor, orderId: number): Promise<void> {
  const o = await lockOrder(tx, orderId);
  requireState(o, 'delete_attachment');
  const gone = await tx
    .deleteFrom('order_attachments')
    .where('order_id', '=', orderId)
    .returning('file_name')
    .executeTakeFirst();
  if (!gone) throw orderNotFoundError();
  await recordEvent(tx, {
    type: ATTACHMENT_EVENTS.deleted,
    message: `Purchase order ${gone.file_name} has been removed from the order for ${o.resource.name}.`,
    actorId: actor.id,
    context: { order_uuid: o.row.uuid, file_name: gone.file_name },
    scopes: orderScopes(o),
  });
}
