import { createHash } from 'node:crypto';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { recordEvent } from '../../audit/app/record-event.js';
import { upsertAttachment } from '../adapters/pg/order-repository.js';
import { safeFileName, type UploadedFile } from '../domain/attachment.js';
import { requireState } from './guards.js';
import { lockOrder } from './lock-order.js';
import { orderScopes } from './order-events.js';

/** Audit events of the purchase-order file (Orderly's own; Waldur only logs them). */
export const ATTACHMENT_EVENTS = {
  uploaded: 'marketplace_order_attachment_uploaded',
  deleted: 'marketplace_order_attachment_deleted',
} as const;

/**
 * `update_attachment` (§7.20): stores or replaces the order's purchase-order PDF (already checked)
 * under the order's row lock, so a concurrent approval sees it either before or after.
 */
export async function updateOrderAttachment(
  tx: Tx,
  actor: Actor,
  orderId: number,
  file: UploadedFile,
): Promise<void> {
  const o = await lockOrder(tx, orderId);
  requireState(o, 'update_attachment');
  const row = {
    file_name: safeFileName(file.filename),
    content_type: 'application/pdf',
    size: file.data.length,
    sha256: createHash('sha256').update(file.data).digest('hex'),
    data: file.data,
    uploaded_by: actor.id,
  };
  await upsertAttachment(tx, orderId, row);
  await recordEvent(tx, {
    type: ATTACHMENT_EVENTS.uploaded,
    message: `Purchase order ${row.file_name} has been attached to the order for ${o.resource.name}.`,
    actorId: actor.id,
    context: { order_uuid: o.row.uuid, file_name: row.file_name, size: row.size, sha256: row.sha256 },
    scopes: orderScopes(o),
  });
}
