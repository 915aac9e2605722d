import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { insertBulkJob, insertBulkJobItems } from '../adapters/pg/bulk-job-writes.js';
import { type BulkAction, duplicatePositions } from '../domain/bulk-job.js';

/** A new job: the action, the orders (normalized uuids, in the caller's order) and the reason. */
export interface NewBulkJob {
  action: BulkAction;
  orderUuids: readonly string[];
  reason: string;
}

/**
 * Records a bulk job and one pending item per listed order; an order listed again is skipped at
 * once. The caller enqueues the workflow that applies the items in the same transaction.
 */
export async function createBulkJob(
  tx: Tx,
  actor: Actor,
  job: NewBulkJob,
): Promise<{ id: number; uuid: string }> {
  const row = await insertBulkJob(tx, { action: job.action, reason: job.reason, created_by: actor.id });
  const dup = duplicatePositions(job.orderUuids);
  await insertBulkJobItems(
    tx,
    job.orderUuids.map((u, i) => ({
      job_id: row.id,
      position: i,
      order_uuid: u,
      ...(dup.has(i)
        ? { outcome: 'skipped' as const, message: 'Listed more than once.', finished_at: new Date() }
        : {}),
    })),
  );
  return row;
}
