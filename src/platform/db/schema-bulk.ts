import type { Generated } from 'kysely';
import type { CreatedAt, Id, Uuid } from './schema-columns.js';

/** Where a bulk job is. */
export type BulkJobState = 'running' | 'done';
/** What happened to one order of a bulk job. */
export type BulkItemOutcome = 'pending' | 'done' | 'refused' | 'skipped';

/** `bulk_jobs` row (migration 0012): one action over many orders, run by the `bulk-orders` workflow. */
export interface BulkJobsTable {
  id: Id;
  uuid: Uuid;
  action: string;
  reason: Generated<string>;
  created_by: number;
  state: Generated<BulkJobState>;
  created: CreatedAt;
  finished_at: Date | null;
}

/** `bulk_job_items` row: one order of a job and its outcome (the problem's status and code when refused). */
export interface BulkJobItemsTable {
  id: Id;
  job_id: number;
  position: number;
  order_uuid: string;
  outcome: Generated<BulkItemOutcome>;
  status: number | null;
  code: Generated<string>;
  message: Generated<string>;
  finished_at: Date | null;
}

/** Tables of migration 0012. */
export interface BulkTables {
  bulk_jobs: BulkJobsTable;
  bulk_job_items: BulkJobItemsTable;
}
