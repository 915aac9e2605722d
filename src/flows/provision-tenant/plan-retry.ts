import { type RunPlan, setRunPlan, storedPlanOf } from '../../modules/tenants/adapters/pg/run-store.js';
import { earlierCheckpointOf, moveStep } from '../../modules/tenants/adapters/pg/step-store.js';
import { readTenant } from '../../modules/tenants/adapters/pg/tenant-repository.js';
import { recordTenantEvent } from '../../modules/tenants/app/tenant-events.js';
import { TenantEventType } from '../../modules/tenants/domain/event-types.js';
import {
  isProvisionStep,
  PROVISION_STEPS,
  type ProvisionStep,
  stepIndex,
} from '../../modules/tenants/domain/steps.js';
import type { Db } from '../../platform/db/database.js';
import { defineStep } from '../../platform/workflows/index.js';
import type { SagaDeps } from '../tenant-saga/deps.js';
import { fenced } from '../tenant-saga/fenced.js';
import type { Lease } from '../tenant-saga/lease.js';
import type { SagaInput } from '../tenant-saga/runner.js';
import type { RegisteredStep } from './steps/index.js';

const plan = (step: ProvisionStep, reused: RunPlan['reused'], note: string): RunPlan => ({
  start_step: step,
  reused,
  note,
});

/**
 * `plan_retry` (tenant spec §6.1): the first action of a run. Attempt 1 starts at step 1. A retry
 * verifies the recorded outputs of every step before the failed one, in order: all valid → they are
 * marked `reused` (checkpoints copied, `step_completed` with `reused: true`) and the run starts at
 * the failed step; any invalid, or nothing to verify → step 1 (steps are idempotent). Readiness is
 * never reused, so a failure at `activate` restarts at `check_readiness`.
 */
async function decide(deps: SagaDeps, lease: Lease, steps: readonly RegisteredStep[]): Promise<RunPlan> {
  const first = PROVISION_STEPS[0];
  if (lease.number === 1) return plan(first, [], 'First attempt.');
  const prev = await deps.db
    .selectFrom('tenant_runs')
    .select('failed_activity')
    .where('tenant_id', '=', lease.tenantId)
    .where('kind', '=', 'provision')
    .where('number', '=', lease.number - 1)
    .executeTakeFirst();
  // A run that failed outside a step (`plan_retry`, a reset before any step) reuses nothing.
  const failedAt = isProvisionStep(prev?.failed_activity) ? stepIndex(prev.failed_activity) : 0;
  const end = Math.min(failedAt, stepIndex('check_readiness'));
  if (end <= 0) return plan(first, [], 'Nothing to reuse: starting from the beginning.');
  const t = await readTenant(deps.db, lease.tenantId);
  const reused: RunPlan['reused'] = [];
  for (const step of steps.slice(0, end)) {
    const rec = await earlierCheckpointOf(deps.db, lease.tenantId, lease.number, step.name);
    if (!rec) return plan(first, [], `No recorded result of ${step.name}: starting from the beginning.`);
    const valid = step.verify ? await step.verify(rec.output, { deps, tenant: t }) : false;
    if (!valid)
      return plan(
        first,
        [],
        `The recorded result of ${step.name} is no longer valid: starting from the beginning.`,
      );
    reused.push({ step: step.name, from_attempt: rec.reused_from_attempt ?? rec.number });
  }
  return plan(
    PROVISION_STEPS[end] ?? first,
    reused,
    `Earlier results verified: starting at ${PROVISION_STEPS[end]}.`,
  );
}

/** Where the run's stored plan starts, as an index into the steps (the plan is stored once per run). */
export async function startIndexOf(db: Db, runId: number): Promise<number> {
  const p = await storedPlanOf(db, runId);
  if (!p) throw new Error(`run ${runId} has no plan`);
  return isProvisionStep(p.start_step) ? stepIndex(p.start_step) : 0;
}

/**
 * The engine step of `plan_retry`. The plan is stored on the run (its only record, shown on the
 * timeline) with the reused step runs, in one fenced transaction; a replay finds it and decides
 * nothing again. The engine's record of the call carries no output.
 */
export function planRetryStep(deps: SagaDeps, steps: readonly RegisteredStep[]) {
  return defineStep<SagaInput, null>({
    name: 'plan_retry',
    retry: { maxAttempts: 3, initialDelayMs: 500, backoffFactor: 2, maxDelayMs: 5_000, timeoutMs: 120_000 },
    invoke: async ({ lease }) => {
      if (await storedPlanOf(deps.db, lease.runId)) return null;
      const p = await decide(deps, lease, steps);
      await fenced(deps, lease, async (tx, t) => {
        await setRunPlan(tx, lease.runId, p);
        for (const r of p.reused) {
          const source = await earlierCheckpointOf(tx, lease.tenantId, lease.number, r.step);
          const position = isProvisionStep(r.step) ? stepIndex(r.step) : 0;
          await moveStep(tx, { runId: lease.runId, step: r.step, position }, 'reused', {
            output: source?.output ?? null,
            reusedFromAttempt: r.from_attempt,
          });
          await recordTenantEvent(tx, t, {
            type: TenantEventType.STEP_COMPLETED,
            message: `Step ${r.step} of tenant ${t.slug} reused from attempt ${r.from_attempt}.`,
            actorId: null,
            orderId: lease.orderId,
            payload: { step: r.step, attempt_number: lease.number, duration_ms: 0, reused: true },
          });
        }
      });
      return null;
    },
  });
}
