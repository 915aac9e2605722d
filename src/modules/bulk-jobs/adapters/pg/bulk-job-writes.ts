import type { Insertable, Updateable } from 'kysely';
import type { Tx } from '../../../../platform/db/database.js';
import type { BulkJobItemsTable, BulkJobsTable } from '../../../../platform/db/schema-bulk.js';

/** Inserts a bulk job; returns its id and uuid. */
export function insertBulkJob(
  tx: Tx,
  values: Insertable<BulkJobsTable>,
): Promise<{ id: number; uuid: string }> {
  return tx.insertInto('bulk_jobs').values(values).returning(['id', 'uuid']).executeTakeFirstOrThrow();
}

/** Inserts the items of a bulk job. */
export async function insertBulkJobItems(
  tx: Tx,
  rows: readonly Insertable<BulkJobItemsTable>[],
): Promise<void> {
  await tx
    .insertInto('bulk_job_items')
    .values([...rows])
    .execute();
}

/** Sets the given columns of one item (its outcome). */
export async function updateBulkJobItem(
  tx: Tx,
  itemId: number,
  set: Updateable<BulkJobItemsTable>,
): Promise<void> {
  await tx.updateTable('bulk_job_items').set(set).where('id', '=', itemId).execute();
}

/** Marks a running job done. */
export async function markBulkJobDone(tx: Tx, jobId: number): Promise<void> {
  await tx
    .updateTable('bulk_jobs')
    .set({ state: 'done', finished_at: new Date() })
    .where('id', '=', jobId)
    .where('state', '=', 'running')
    .execute();
}
