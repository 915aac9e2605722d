import { failProcessing } from '../../modules/orders/app/outcomes.js';
import { moveStep, stepRunOf } from '../../modules/tenants/adapters/pg/step-store.js';
import { settleRun } from '../../modules/tenants/app/lifecycle.js';
import { recordTenantEvent } from '../../modules/tenants/app/tenant-events.js';
import { TenantEventType } from '../../modules/tenants/domain/event-types.js';
import { canMoveStep, type StepStatus, stepStatusOf } from '../../modules/tenants/domain/statuses.js';
import type { FailureDetails } from '../../modules/tenants/domain/types.js';
import type { Tx } from '../../platform/db/database.js';
import type { SagaDeps } from '../tenant-saga/deps.js';
import { fenced } from '../tenant-saga/fenced.js';
import type { Lease } from '../tenant-saga/lease.js';

/** The failure of a step in a run, from its last failed try (code, message, stack) and its try count. */
export async function stepFailure(tx: Tx, runId: number, step: string): Promise<FailureDetails> {
  const last = await tx
    .selectFrom('tenant_step_tries as tr')
    .innerJoin('tenant_step_runs as s', 's.id', 'tr.step_run_id')
    .select(['tr.error_code', 'tr.error_message', 'tr.error_stack', 'tr.retryable', 'tr.try_number'])
    .where('s.run_id', '=', runId)
    .where('s.step', '=', step)
    .orderBy('tr.try_number', 'desc')
    .executeTakeFirst();
  return {
    code: last?.error_code ?? 'error',
    message: last?.error_message ?? `Step ${step} failed.`,
    retryable: last?.retryable ?? false,
    tries: last?.try_number ?? 0,
    stack: last?.error_stack ?? '',
  };
}

/**
 * Ends a step run that has no try to end it (`worker_lost`, a skipped compensation) when its
 * status table allows the move; a step without a row, or ended already, stays as it is.
 */
export async function endStep(tx: Tx, runId: number, step: string, to: StepStatus): Promise<void> {
  const sr = await stepRunOf(tx, runId, step);
  if (!sr || !canMoveStep(stepStatusOf(sr.status), to)) return;
  await moveStep(tx, { runId, step, position: sr.position }, to);
}

/** The `details` of a failure as events carry them: no stack (staff read it on the run). */
export function publicDetails(d: FailureDetails) {
  return { code: d.code, message: d.message, retryable: d.retryable, tries: d.tries };
}

/**
 * Ends a provisioning run as failed, in one fenced transaction with the order lock (§2.1): run
 * failed with `failed_activity` and its error, lock released, tenant Failed (partial work kept for
 * a retry, no compensations), order ERRED with the failed step and its error, resource ERRED, and
 * `tenant.provisioning.failed`. `override` is a failure with no try behind it (`worker_lost`).
 */
export async function failProvisioning(
  deps: SagaDeps,
  lease: Lease,
  step: string,
  override?: FailureDetails,
): Promise<void> {
  await fenced(
    deps,
    lease,
    async (tx, t, order) => {
      if (override) await endStep(tx, lease.runId, step, 'failed');
      const details = override ?? (await stepFailure(tx, lease.runId, step));
      await settleRun(tx, t, {
        run: { id: lease.runId, kind: 'provision' },
        status: 'failed',
        failedActivity: step,
        error: details,
        actorId: null,
        runId: lease.runId,
      });
      if (order?.state === 'executing') {
        await failProcessing(
          tx,
          order,
          null,
          `Provisioning failed at step ${step}: ${details.message}`,
          details.stack ?? '',
        );
      }
      await recordTenantEvent(tx, t, {
        type: TenantEventType.PROVISIONING_FAILED,
        message: `Provisioning of tenant ${t.slug} failed at ${step} (attempt ${lease.number}): ${details.message}`,
        level: 'error',
        actorId: null,
        orderId: lease.orderId,
        payload: { failed_activity: step, details: publicDetails(details), attempt_number: lease.number },
      });
    },
    { lockOrder: true },
  );
}
