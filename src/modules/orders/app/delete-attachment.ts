import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { recordEvent } from '../../audit/app/record-event.js';
import { deleteAttachmentRow } from '../adapters/pg/order-repository.js';
import { orderNotFoundError } from '../domain/errors.js';
import { requireState } from './guards.js';
import { lockOrder } from './lock-order.js';
import { orderScopes } from './order-events.js';
import { ATTACHMENT_EVENTS } from './update-attachment.js';

/** `delete_attachment` (§7.20): removes the order's purchase-order file; 404 when there is none. */
export async function deleteOrderAttachment(tx: Tx, actor: Actor, orderId: number): Promise<void> {
  const o = await lockOrder(tx, orderId);
  requireState(o, 'delete_attachment');
  const fileName = await deleteAttachmentRow(tx, orderId);
  if (fileName === undefined) throw orderNotFoundError();
  await recordEvent(tx, {
    type: ATTACHMENT_EVENTS.deleted,
    message: `Purchase order ${fileName} has been removed from the order for ${o.resource.name}.`,
    actorId: actor.id,
    context: { order_uuid: o.row.uuid, file_name: fileName },
    scopes: orderScopes(o),
  });
}
