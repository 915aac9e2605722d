import { sql } from 'kysely';
import type { Tx } from '../../../platform/db/database.js';

/**
 * Records a resource action's `reason` (§17 f) on what creating or confirming its order wrote in this
 * transaction: the order's events, order transitions and resource transitions. The orders module's
 * `createResourceOrder` takes no reason, so the rows are completed here before commit; `now()` is
 * the transaction's start time, so `created = now()` selects exactly this transaction's rows, and no
 * reader (feeds, webhooks follow committed ids) ever sees them without it.
 */
export async function attachReason(tx: Tx, orderId: number, reason: string | undefined): Promise<void> {
  if (!reason) return;
  await tx
    .updateTable('events')
    .set({ reason })
    .where('order_id', '=', orderId)
    .where('reason', '=', '')
    .where('created', '=', sql<Date>`now()`)
    .execute();
  for (const table of ['order_transitions', 'resource_transitions'] as const) {
    await tx
      .updateTable(table)
      .set({ reason })
      .where('order_id', '=', orderId)
      .where('reason', '=', '')
      .where('created', '=', sql<Date>`now()`)
      .execute();
  }
}
