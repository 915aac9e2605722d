import { defineQueue, defineWorkflow } from '../../platform/workflows/index.js';
import type { RunArgs, SagaDeps } from '../tenant-saga/deps.js';
import { classify, LockLostError } from '../tenant-saga/errors.js';
import { acquireLease, CRASH_LOOP_LIMIT } from '../tenant-saga/lease.js';
import { engineStep, runStep } from '../tenant-saga/runner.js';
import { provisionMode } from '../tenant-saga/tries.js';
import { failProvisioning } from './finish.js';
import { planRetryStep, startIndexOf } from './plan-retry.js';
import { PROVISION_STEP_DEFS } from './steps/index.js';

/** The queue tenant runs take: ten at a time per worker process. */
export const TENANT_QUEUE = defineQueue({ name: 'tenants', workerConcurrency: 10 });

/**
 * `tenant.provision` (tenant spec §5): one provisioning attempt. Each execution (start, or resume
 * after a crash) first takes the tenant's lock with a new fencing token; `plan_retry` decides where
 * the attempt starts; then the steps run in order, each checkpointed, retried by its own policy and
 * fenced. A step that fails for good fails the run (tenant Failed, order ERRED) without
 * compensating. A lost lock ends the execution silently: whoever took it owns the run now.
 */
export function provisionTenantWorkflow(deps: SagaDeps) {
  const steps = PROVISION_STEP_DEFS.map((d) => ({
    def: d,
    mode: provisionMode(d.name),
    engine: engineStep(deps, d, provisionMode(d.name)),
  }));
  const plan = planRetryStep(deps, PROVISION_STEP_DEFS);
  return defineWorkflow<RunArgs, string>({
    name: 'tenant.provision',
    queue: TENANT_QUEUE,
    run: async (ctx, args) => {
      const lease = await acquireLease(deps, ctx, args);
      if (!lease) return 'superseded';
      let current = 'plan_retry';
      try {
        if (lease.workerLost) {
          await failProvisioning(deps, lease, lease.workerLost, {
            code: 'worker_lost',
            message: `The worker running ${lease.workerLost} was lost ${CRASH_LOOP_LIMIT} times.`,
            retryable: false,
            tries: CRASH_LOOP_LIMIT,
          });
          return 'failed';
        }
        await ctx.step(plan, { lease });
        // The plan's only record is the run row; it is written once, so every replay reads the same.
        const start = await startIndexOf(deps.db, lease.runId);
        for (const s of steps.slice(start)) {
          current = s.def.name;
          const r = await runStep(ctx, deps, lease, s.engine, s.mode);
          if (r.ok) continue;
          if (r.lost) return 'superseded';
          await failProvisioning(deps, lease, s.def.name);
          return 'failed';
        }
        return 'succeeded';
      } catch (err) {
        if (err instanceof LockLostError || lease.lost()) return 'superseded';
        // Anything else (plan_retry out of tries, a bug) still ends the run visibly, not stuck Provisioning.
        const c = classify(err);
        const failure = { code: c.code, message: c.message, retryable: false, tries: 0, stack: c.stack };
        try {
          await failProvisioning(deps, lease, current, failure);
        } catch (e) {
          if (e instanceof LockLostError) return 'superseded';
          throw e;
        }
        return 'failed';
      } finally {
        lease.stop();
      }
    },
  });
}
