import type { Timestamp, Uuid } from './schema-columns.js';

/** `order_attachments` row (migration 0016): the purchase-order PDF of one order. */
export interface OrderAttachmentsTable {
  order_id: number;
  uuid: Uuid;
  file_name: string;
  content_type: string;
  size: number;
  sha256: string;
  data: Buffer;
  uploaded_by: number | null;
  created: Timestamp;
}

/** Tables of migration 0016. */
export interface AttachmentTables {
  order_attachments: OrderAttachmentsTable;
}
