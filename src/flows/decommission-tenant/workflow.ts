import { defineStep, defineWorkflow } from '../../platform/workflows/index.js';
import { COMPENSATION_DEFS } from '../provision-tenant/steps/index.js';
import { TENANT_QUEUE } from '../provision-tenant/workflow.js';
import type { RunArgs, SagaDeps } from '../tenant-saga/deps.js';
import { LockLostError } from '../tenant-saga/errors.js';
import { acquireLease } from '../tenant-saga/lease.js';
import { engineStep, runStep, type SagaInput } from '../tenant-saga/runner.js';
import { compensationMode } from '../tenant-saga/tries.js';
import { completeDecommission, failDecommission, skipCompensation } from './finish.js';

/**
 * `tenant.decommission` (tenant spec §6.3): compensations for every step that started in any
 * provisioning attempt, in reverse step order (revoke certificate, deregister the schedule, drop
 * storage, release the slot), each with 5 tries. All done → Decommissioned. One out of tries → the
 * run fails (tenant stays Decommissioning) unless the order is a staff `force_destroy`, which
 * records it as `compensation_skipped` and continues.
 */
export function decommissionTenantWorkflow(deps: SagaDeps) {
  const comps = COMPENSATION_DEFS.map((c, i) => ({
    def: c.def,
    mode: compensationMode(i),
    engine: engineStep(deps, c.def, compensationMode(i)),
  }));
  const planned = defineStep<SagaInput, { compensations: string[]; force_destroy: boolean }>({
    name: 'plan_compensations',
    retry: { maxAttempts: 3, initialDelayMs: 500 },
    invoke: async ({ lease }) => {
      const started = await deps.db
        .selectFrom('tenant_step_runs as s')
        .innerJoin('tenant_runs as r', 'r.id', 's.run_id')
        .select('s.step')
        .distinct()
        .where('r.tenant_id', '=', lease.tenantId)
        .where('r.kind', '=', 'provision')
        .where('s.status', '<>', 'pending')
        .execute();
      const steps = new Set(started.map((s) => s.step));
      const run = await deps.db
        .selectFrom('tenant_runs')
        .select('force_destroy')
        .where('id', '=', lease.runId)
        .executeTakeFirstOrThrow();
      return {
        compensations: COMPENSATION_DEFS.filter((c) => steps.has(c.undoes)).map((c) => c.def.name),
        force_destroy: run.force_destroy,
      };
    },
  });
  return defineWorkflow<RunArgs, string>({
    name: 'tenant.decommission',
    queue: TENANT_QUEUE,
    run: async (ctx, args) => {
      const lease = await acquireLease(deps, ctx, args);
      if (!lease) return 'superseded';
      try {
        const plan = await ctx.step(planned, { lease });
        const skipped: string[] = [];
        for (const c of comps.filter((x) => plan.compensations.includes(x.def.name))) {
          const r = await runStep(ctx, deps, lease, c.engine, c.mode);
          if (r.ok) continue;
          if (r.lost) return 'superseded';
          if (!plan.force_destroy) {
            await failDecommission(deps, lease, c.def.name);
            return 'failed';
          }
          await skipCompensation(deps, lease, c.def.name);
          skipped.push(c.def.name);
        }
        await completeDecommission(deps, lease, skipped);
        return 'succeeded';
      } catch (err) {
        if (err instanceof LockLostError || lease.lost()) return 'superseded';
        throw err;
      } finally {
        lease.stop();
      }
    },
  });
}
