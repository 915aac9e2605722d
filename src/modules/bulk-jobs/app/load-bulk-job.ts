import type { Selectable } from 'kysely';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import type { BulkJobItemsTable, BulkJobsTable } from '../../../platform/db/schema-bulk.js';
import { NotFoundError } from '../../../platform/errors.js';

/** A job with its creator's username and its items in order. */
export interface BulkJobView {
  job: Selectable<BulkJobsTable> & { created_by_username: string };
  items: Selectable<BulkJobItemsTable>[];
}

/** The job `uuid` as its creator, staff or support see it; anyone else gets a 404. */
export async function loadBulkJob(tx: Tx, actor: Actor, uuid: string): Promise<BulkJobView> {
  const job = await tx
    .selectFrom('bulk_jobs as j')
    .innerJoin('users as u', 'u.id', 'j.created_by')
    .selectAll('j')
    .select('u.username as created_by_username')
    .where('j.uuid', '=', uuid)
    .executeTakeFirst();
  if (!job || !(actor.isStaff || actor.isSupport || job.created_by === actor.id))
    throw new NotFoundError('bulk_job');
  const items = await tx
    .selectFrom('bulk_job_items')
    .selectAll()
    .where('job_id', '=', job.id)
    .orderBy('position')
    .execute();
  return { job, items };
}
