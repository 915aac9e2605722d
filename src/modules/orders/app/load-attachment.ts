import type { Tx } from '../../../platform/db/database.js';
import { orderNotFoundError } from '../domain/errors.js';

/** The stored purchase-order file of an order, as the download sends it. */
export interface StoredAttachment {
  /** File name for `Content-Disposition`. */
  fileName: string;
  /** Always `application/pdf` today. */
  contentType: string;
  /** Hex SHA-256, used as the ETag. */
  sha256: string;
  /** The bytes. */
  data: Buffer;
}

/** Reads the file of an order the caller may see (the route checked visibility); 404 when none. */
export async function loadOrderAttachment(tx: Tx, orderId: number): Promise<StoredAttachment> {
  const row = await tx
    .selectFrom('order_attachments')
    .select(['file_name', 'content_type', 'sha256', 'data'])
    .where('order_id', '=', orderId)
    .executeTakeFirst();
  if (!row) throw orderNotFoundError();
  return { fileName: row.file_name, contentType: row.content_type, sha256: row.sha256, data: row.data };
}

/**
 * Whether the locked order still lacks a required purchase order (§7.5's re-check under the row
 * lock: a concurrent delete_attachment must not let an approval through). TERMINATE is exempt.
 */
export async function purchaseOrderMissing(
  tx: Tx,
  o: { row: { id: number; offering_id: number }; type: string },
): Promise<boolean> {
  if (o.type === 'Terminate') return false;
  const row = await tx
    .selectFrom('offerings as f')
    .leftJoin('order_attachments as oa', (j) => j.on('oa.order_id', '=', o.row.id))
    .select(['f.plugin_options', 'oa.order_id'])
    .where('f.id', '=', o.row.offering_id)
    .executeTakeFirstOrThrow();
  return row.plugin_options.require_purchase_order_upload === true && row.order_id === null;
}
