import { finishBulkJob, pendingItemIds } from '../../modules/bulk-jobs/app/record-item-outcome.js';
import { type Db, inTransaction, type Tx } from '../../platform/db/database.js';
import { defineStep, defineWorkflow, type WorkflowEngine } from '../../platform/workflows/index.js';
import { applyBulkItem } from './apply-item.js';

/** Arguments of one bulk job run. */
export interface BulkOrdersArgs {
  jobId: number;
}

const RETRY = { maxAttempts: 5, initialDelayMs: 200 };

/**
 * `bulk-orders`: applies a bulk job's items one by one, one step (and one transaction) per order,
 * then marks the job done. A crash resumes after the last checkpointed item; the item in progress
 * is claimed under a row lock and re-checked, so no order gets the action twice. What an approval
 * starts runs on the processors the process installed (`installProcessing`).
 */
export function bulkOrdersWorkflow(db: Db) {
  const list = defineStep<BulkOrdersArgs, number[]>({
    name: 'bulk-list-items',
    retry: RETRY,
    invoke: ({ jobId }) => inTransaction(db, (tx) => pendingItemIds(tx, jobId)),
  });
  const apply = defineStep<{ jobId: number; itemId: number }, string>({
    name: 'bulk-apply-item',
    retry: RETRY,
    invoke: ({ jobId, itemId }) => applyBulkItem(db, jobId, itemId),
  });
  const finish = defineStep<BulkOrdersArgs, string>({
    name: 'bulk-finish',
    retry: RETRY,
    invoke: async ({ jobId }) => {
      await inTransaction(db, (tx) => finishBulkJob(tx, jobId));
      return 'done';
    },
  });
  const workflow = defineWorkflow<BulkOrdersArgs, string>({
    name: 'bulk-orders',
    run: async (ctx, args) => {
      for (const itemId of await ctx.step(list, args)) await ctx.step(apply, { jobId: args.jobId, itemId });
      return ctx.step(finish, args);
    },
  });
  return { workflow };
}

/** Starts a job's run in the caller's transaction (the job row and its run commit together). */
export type BulkJobStarter = (tx: Tx, job: { id: number; uuid: string }) => Promise<void>;

/** The starter on the workflow engine: run id `bulk-<job uuid>`. */
export function bulkJobStarter(
  engine: WorkflowEngine,
  def: ReturnType<typeof bulkOrdersWorkflow>,
): BulkJobStarter {
  return async (tx, job) => {
    await engine.enqueue(tx, {
      workflow: def.workflow,
      workflowId: `bulk-${job.uuid}`,
      args: { jobId: job.id },
    });
  };
}
