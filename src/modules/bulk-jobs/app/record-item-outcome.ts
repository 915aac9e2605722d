import type { Tx } from '../../../platform/db/database.js';
import { markBulkJobDone, updateBulkJobItem } from '../adapters/pg/bulk-job-writes.js';

/** A pending item, locked, with the job facts the flow applies it with. */
export interface ClaimedItem {
  id: number;
  position: number;
  orderUuid: string;
  jobUuid: string;
  action: string;
  reason: string;
  createdBy: number;
}

/**
 * Locks item `itemId` of job `jobId`; undefined when it is no longer pending. This is what makes a
 * re-run step (crash after commit, before the checkpoint) apply nothing twice.
 */
export async function claimPendingItem(
  tx: Tx,
  jobId: number,
  itemId: number,
): Promise<ClaimedItem | undefined> {
  const r = await tx
    .selectFrom('bulk_job_items as i')
    .innerJoin('bulk_jobs as j', 'j.id', 'i.job_id')
    .select([
      'i.id',
      'i.position',
      'i.order_uuid',
      'i.outcome',
      'j.uuid',
      'j.action',
      'j.reason',
      'j.created_by',
    ])
    .where('i.id', '=', itemId)
    .where('i.job_id', '=', jobId)
    .forUpdate('i')
    .executeTakeFirst();
  if (r?.outcome !== 'pending') return undefined;
  return {
    id: r.id,
    position: r.position,
    orderUuid: r.order_uuid,
    jobUuid: r.uuid,
    action: r.action,
    reason: r.reason,
    createdBy: r.created_by,
  };
}

/** What happened to one item. */
export type ItemResult =
  | { outcome: 'done' }
  | { outcome: 'refused'; status: number; code: string; message: string }
  | { outcome: 'skipped'; message: string };

/** Records a claimed item's outcome (in the transaction that applied or refused it). */
export async function recordItemOutcome(tx: Tx, itemId: number, r: ItemResult): Promise<void> {
  await updateBulkJobItem(tx, itemId, {
    outcome: r.outcome,
    status: r.outcome === 'refused' ? r.status : null,
    code: r.outcome === 'refused' ? r.code : '',
    message: r.outcome === 'done' ? '' : r.message,
    finished_at: new Date(),
  });
}

/** Ids of a job's pending items, in the caller's order. */
export async function pendingItemIds(tx: Tx, jobId: number): Promise<number[]> {
  const rows = await tx
    .selectFrom('bulk_job_items')
    .select('id')
    .where('job_id', '=', jobId)
    .where('outcome', '=', 'pending')
    .orderBy('position')
    .execute();
  return rows.map((r) => r.id);
}

/** Marks the job done once the workflow has been through every item. */
export async function finishBulkJob(tx: Tx, jobId: number): Promise<void> {
  await markBulkJobDone(tx, jobId);
}
