import { lockOrder } from '../../modules/orders/app/lock-order.js';
import { completeOrder, failProcessing } from '../../modules/orders/app/outcomes.js';
import { recordBackendId } from '../../modules/resources/api.js';
import { type Db, inTransaction } from '../../platform/db/database.js';
import { DomainError, NotFoundError } from '../../platform/errors.js';
import { defineStep, defineWorkflow, NO_RETRY } from '../../platform/workflows/index.js';
import { backendIdFrom, failureOf, loadScriptJob, runScript, type ScriptJob } from './script-processor.js';

/** Arguments of one processing run: the order and the attempt it belongs to (a fencing token). */
export interface ProcessOrderArgs {
  orderId: number;
  attempt: number;
}

/** What the run step produced, recorded as its checkpoint. */
type RunOutcome =
  | { ok: true; output: string; backendId: string }
  | { ok: false; message: string; traceback: string };

/**
 * `process-order`: the durable run of a processor whose work happens outside the database (a
 * provider script). Steps: load the job, run it, record the outcome. A crash re-runs at most the
 * step in progress; the outcome step is fenced by the attempt number, so a stale run (the order was
 * retried, canceled or marked by hand meanwhile) changes nothing.
 */
export function processOrderWorkflow(db: Db) {
  const load = defineStep<ProcessOrderArgs, ScriptJob | { error: string }>({
    name: 'load-script',
    retry: { maxAttempts: 3, initialDelayMs: 200 },
    invoke: async ({ orderId }) =>
      inTransaction(db, async (tx) => {
        try {
          return await loadScriptJob(tx, orderId);
        } catch (err) {
          if (err instanceof DomainError) return { error: err.message };
          throw err;
        }
      }),
  });
  // A script is not retried by the engine: it may have had side effects; the provider retries the order.
  const run = defineStep<ScriptJob, RunOutcome>({
    name: 'run-script',
    retry: NO_RETRY,
    invoke: async (job) => {
      const r = await runScript(job);
      return r.exitCode === 0 && !r.timedOut
        ? { ok: true, output: r.stdout, backendId: backendIdFrom(r) }
        : { ok: false, ...failureOf(r) };
    },
  });
  const finish = defineStep<{ args: ProcessOrderArgs; outcome: RunOutcome }, string>({
    name: 'record-outcome',
    retry: { maxAttempts: 5, initialDelayMs: 200 },
    invoke: async ({ args, outcome }) =>
      inTransaction(db, async (tx) => {
        // A deleted (unlinked) order is as stale as one that moved on; any other error is retried.
        let o = await lockOrder(tx, args.orderId).catch((err: unknown) => {
          if (err instanceof NotFoundError) return undefined;
          throw err;
        });
        if (o?.state !== 'executing' || o.row.attempt_count !== args.attempt) return 'stale';
        if (!outcome.ok) {
          await failProcessing(tx, o, null, outcome.message, outcome.traceback);
          return 'erred';
        }
        if (o.type === 'Create' && outcome.backendId && o.resource.backend_id === '') {
          await recordBackendId(tx, o.resource.id, outcome.backendId);
          o = await lockOrder(tx, args.orderId);
        }
        await completeOrder(tx, o, null, 'process', outcome.output);
        return 'done';
      }),
  });
  return defineWorkflow<ProcessOrderArgs, string>({
    name: 'process-order',
    run: async (ctx, args) => {
      const job = await ctx.step(load, args);
      const outcome: RunOutcome =
        'error' in job ? { ok: false, message: job.error, traceback: '' } : await ctx.step(run, job);
      return ctx.step(finish, { args, outcome });
    },
  });
}
