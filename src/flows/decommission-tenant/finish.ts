import { completeOrder, failProcessing } from '../../modules/orders/app/outcomes.js';
import { releaseSlotRow } from '../../modules/tenants/adapters/pg/infra-store.js';
import { settleRun } from '../../modules/tenants/app/lifecycle.js';
import { recordTenantEvent } from '../../modules/tenants/app/tenant-events.js';
import { TenantEventType } from '../../modules/tenants/domain/event-types.js';
import { type Actor, actorFromUser } from '../../platform/auth/actor.js';
import type { Tx } from '../../platform/db/database.js';
import { endStep, publicDetails, stepFailure } from '../provision-tenant/finish.js';
import type { SagaDeps } from '../tenant-saga/deps.js';
import { fenced } from '../tenant-saga/fenced.js';
import type { Lease } from '../tenant-saga/lease.js';

/** The TERMINATE order's creator as an actor: a staff force_destroy makes a failed order TERMINATED (§11.1). */
async function creatorOf(tx: Tx, orderId: number): Promise<Actor | null> {
  const u = await tx
    .selectFrom('orders as o')
    .innerJoin('users as u', 'u.id', 'o.created_by')
    .select(['u.id', 'u.uuid', 'u.username', 'u.first_name', 'u.last_name', 'u.is_staff', 'u.is_support'])
    .where('o.id', '=', orderId)
    .executeTakeFirst();
  return u ? actorFromUser(u) : null;
}

/** Marks a compensation that ran out of tries as skipped (force_destroy, §6.3 step 5). */
export async function skipCompensation(deps: SagaDeps, lease: Lease, name: string): Promise<void> {
  await fenced(deps, lease, (tx) => endStep(tx, lease.runId, name, 'compensation_skipped'));
}

/**
 * The end of a successful decommission run, in one fenced transaction with the order lock: slot
 * released (also when its compensation was skipped), tenant Decommissioned (its slug free at once),
 * lock released, the TERMINATE order DONE — or ERRED listing the skipped compensations, with the
 * resource TERMINATED by Waldur's force_destroy rule — and `tenant.decommission.completed`.
 */
export async function completeDecommission(deps: SagaDeps, lease: Lease, skipped: string[]): Promise<void> {
  await fenced(
    deps,
    lease,
    async (tx, t, order) => {
      await releaseSlotRow(tx, t.id);
      await settleRun(tx, t, {
        run: { id: lease.runId, kind: 'decommission' },
        status: 'succeeded',
        actorId: null,
        runId: lease.runId,
      });
      if (order?.state === 'executing') {
        if (skipped.length === 0) await completeOrder(tx, order, null, 'process');
        else {
          const msg = `Decommissioned with compensations skipped: ${skipped.join(', ')}.`;
          await failProcessing(tx, order, await creatorOf(tx, order.row.id), msg, '');
        }
      }
      await recordTenantEvent(tx, t, {
        type: TenantEventType.DECOMMISSION_COMPLETED,
        message: `Tenant ${t.slug} is Decommissioned.`,
        actorId: null,
        orderId: lease.orderId,
        payload: { slug: t.slug, slot_released: true, skipped_compensations: skipped },
      });
    },
    { lockOrder: true },
  );
}

/** A compensation out of tries (§6.3 step 4): tenant stays Decommissioning; order and resource ERRED. */
export async function failDecommission(deps: SagaDeps, lease: Lease, step: string): Promise<void> {
  await fenced(
    deps,
    lease,
    async (tx, t, order) => {
      const details = await stepFailure(tx, lease.runId, step);
      await settleRun(tx, t, {
        run: { id: lease.runId, kind: 'decommission' },
        status: 'failed',
        failedActivity: step,
        error: details,
        actorId: null,
        runId: lease.runId,
      });
      // No actor: the resource must end ERRED (a half-removed tenant), not TERMINATED.
      if (order?.state === 'executing')
        await failProcessing(
          tx,
          order,
          null,
          `Decommission failed at ${step}: ${details.message}`,
          details.stack ?? '',
        );
      await recordTenantEvent(tx, t, {
        type: TenantEventType.DECOMMISSION_FAILED,
        message: `Decommission of tenant ${t.slug} failed at ${step}: ${details.message}`,
        level: 'error',
        actorId: null,
        orderId: lease.orderId,
        payload: { failed_activity: step, details: publicDetails(details) },
      });
    },
    { lockOrder: true },
  );
}
