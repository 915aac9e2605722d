import { sql } from 'kysely';
import { readTenant } from '../../modules/tenants/adapters/pg/tenant-repository.js';
import { recordTenantEvent } from '../../modules/tenants/app/tenant-events.js';
import { TenantEventType } from '../../modules/tenants/domain/event-types.js';
import { PROVISION_STEPS, stepIndex } from '../../modules/tenants/domain/steps.js';
import { defineStep } from '../../platform/workflows/index.js';
import type { SagaDeps } from '../tenant-saga/deps.js';
import { fenced } from '../tenant-saga/fenced.js';
import type { Lease } from '../tenant-saga/lease.js';
import type { SagaInput } from '../tenant-saga/runner.js';
import type { SagaStep } from '../tenant-saga/step.js';

/** Where a run starts and which checkpoints it reuses (stored on the run, shown on the timeline). */
export interface RunPlan {
  start_step: string;
  start_index: number;
  reused: { step: string; from_attempt: number }[];
  note: string;
}

const plan = (i: number, reused: RunPlan['reused'], note: string): RunPlan => ({
  start_step: PROVISION_STEPS[i] ?? PROVISION_STEPS[0],
  start_index: i,
  reused,
  note,
});

/** The latest recorded output of a step in any earlier provisioning attempt of the tenant. */
async function recorded(deps: SagaDeps, lease: Lease, step: string) {
  return deps.db
    .selectFrom('tenant_step_runs as s')
    .innerJoin('tenant_runs as r', 'r.id', 's.run_id')
    .select(['s.output', 'r.number', 's.reused_from_attempt'])
    .where('r.tenant_id', '=', lease.tenantId)
    .where('r.kind', '=', 'provision')
    .where('r.number', '<', lease.number)
    .where('s.step', '=', step)
    .where('s.status', 'in', ['completed', 'reused'])
    .orderBy('r.number', 'desc')
    .executeTakeFirst();
}

/**
 * `plan_retry` (tenant spec §6.1): the first action of a run. Attempt 1 starts at step 1. A retry
 * verifies the recorded outputs of every step before the failed one, in order: all valid → they are
 * marked `reused` (checkpoints copied, `step_completed` with `reused: true`) and the run starts at
 * the failed step; any invalid, or nothing to verify → step 1 (steps are idempotent). Readiness is
 * never reused, so a failure at `activate` restarts at `check_readiness`.
 */
async function decide(deps: SagaDeps, lease: Lease, steps: readonly SagaStep<unknown>[]): Promise<RunPlan> {
  if (lease.number === 1) return plan(0, [], 'First attempt.');
  const prev = await deps.db
    .selectFrom('tenant_runs')
    .select('failed_activity')
    .where('tenant_id', '=', lease.tenantId)
    .where('kind', '=', 'provision')
    .where('number', '=', lease.number - 1)
    .executeTakeFirst();
  const failedAt = prev?.failed_activity ? stepIndex(prev.failed_activity) : -1;
  const end = Math.min(failedAt, stepIndex('check_readiness'));
  if (end <= 0) return plan(0, [], 'Nothing to reuse: starting from the beginning.');
  const t = await readTenant(deps.db, lease.tenantId);
  const reused: RunPlan['reused'] = [];
  for (const step of steps.slice(0, end)) {
    const rec = await recorded(deps, lease, step.name);
    if (!rec) return plan(0, [], `No recorded result of ${step.name}: starting from the beginning.`);
    const valid = step.verify ? await step.verify(rec.output, { deps, tenant: t }) : false;
    if (!valid)
      return plan(
        0,
        [],
        `The recorded result of ${step.name} is no longer valid: starting from the beginning.`,
      );
    reused.push({ step: step.name, from_attempt: rec.reused_from_attempt ?? rec.number });
  }
  return plan(end, reused, `Earlier results verified: starting at ${PROVISION_STEPS[end]}.`);
}

/** The engine step of `plan_retry`; its record makes every replay take the same path. */
export function planRetryStep(deps: SagaDeps, steps: readonly SagaStep<unknown>[]) {
  return defineStep<SagaInput, RunPlan>({
    name: 'plan_retry',
    retry: { maxAttempts: 3, initialDelayMs: 500, backoffFactor: 2, maxDelayMs: 5_000, timeoutMs: 120_000 },
    invoke: async ({ lease }) => {
      const stored = await deps.db
        .selectFrom('tenant_runs')
        .select(['start_step', 'reused_steps', 'plan_note'])
        .where('id', '=', lease.runId)
        .executeTakeFirstOrThrow();
      if (stored.start_step !== null) {
        return plan(stepIndex(stored.start_step), stored.reused_steps as RunPlan['reused'], stored.plan_note);
      }
      const p = await decide(deps, lease, steps);
      await fenced(deps, lease, async (tx, t) => {
        await tx
          .updateTable('tenant_runs')
          .set({ start_step: p.start_step, reused_steps: JSON.stringify(p.reused), plan_note: p.note })
          .where('id', '=', lease.runId)
          .execute();
        for (const r of p.reused) {
          const source = await recorded(deps, lease, r.step);
          await tx
            .insertInto('tenant_step_runs')
            .values({
              run_id: lease.runId,
              step: r.step,
              position: stepIndex(r.step),
              status: 'reused',
              output: JSON.stringify(source?.output ?? null),
              started_at: sql<Date>`now()`,
              finished_at: sql<Date>`now()`,
              duration_ms: 0,
              reused_from_attempt: r.from_attempt,
            })
            .execute();
          await recordTenantEvent(tx, t, {
            type: TenantEventType.STEP_COMPLETED,
            message: `Step ${r.step} of tenant ${t.slug} reused from attempt ${r.from_attempt}.`,
            actorId: null,
            orderId: lease.orderId,
            payload: { step: r.step, attempt_number: lease.number, duration_ms: 0, reused: true },
          });
        }
      });
      return p;
    },
  });
}
