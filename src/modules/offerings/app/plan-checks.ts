import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { InvalidStateError } from '../../../platform/errors.js';
import { authorize } from '../../identity/app/access.js';
import { Permission } from '../../identity/domain/permissions.js';
import type { PlanView } from '../adapters/pg/plan-repository.js';
import { planIsReferenced } from '../adapters/pg/plan-writes.js';

/** Stable codes of plan refusals (409). */
export const PlanErrorCode = {
  IN_USE: 'plan.in_use',
  ARCHIVED: 'plan.archived',
} as const;

/**
 * Gate of every plan edit: staff, or OFFERING.CREATE_PLAN on the offering's organization (Waldur
 * checks UPDATE_OFFERING_PLAN / ARCHIVE_OFFERING_PLAN on `offering.customer`, which the same roles hold).
 */
export function authorizePlanChange(tx: Tx, actor: Actor, plan: PlanView): Promise<void> {
  return authorize(tx, actor, Permission.OFFERING_CREATE_PLAN, [
    { type: 'customer', id: plan.offering_customer_id },
  ]);
}

/** Waldur `validate_plan_update`: a plan that resources use keeps its terms (use `update_prices`). */
export function checkPlanEditable(plan: PlanView): void {
  if (plan.resources_count > 0) {
    throw new InvalidStateError(
      PlanErrorCode.IN_USE,
      'It is not possible to update plan because it is used by resources.',
    );
  }
}

/** Waldur `validate_plan_archive`. */
export function checkPlanArchivable(plan: PlanView): void {
  if (plan.archived) throw new InvalidStateError(PlanErrorCode.ARCHIVED, 'Plan is already archived.');
}

/** A plan that orders or resources refer to cannot be deleted: it must stay for their history. */
export async function checkPlanDeletable(tx: Tx, plan: PlanView): Promise<void> {
  if (await planIsReferenced(tx, plan.id)) {
    throw new InvalidStateError(
      PlanErrorCode.IN_USE,
      'It is not possible to delete plan because it is used by orders or resources; archive it instead.',
    );
  }
}
