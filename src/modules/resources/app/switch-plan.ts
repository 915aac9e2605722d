import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { ValidationError } from '../../../platform/errors.js';
import { closedToOrganization } from '../../offerings/app/catalogue.js';
import { findPlanOfOffering } from '../../orders/api.js';
import { createResourceOrder } from '../../orders/app/create-resource-order.js';
import { resourcesInScope } from '../adapters/pg/resource-query.js';

/**
 * `switch_plan` (orders spec §8): an UPDATE order with `old_plan` = the current plan, `plan` = the
 * requested one and the resource's limits. The plan must be an active plan of the resource's own
 * offering (400 otherwise, like order creation §7.1). Returns the order's uuid.
 */
export async function switchPlan(
  tx: Tx,
  actor: Actor,
  resourceId: number,
  input: { planUuid: string; reason?: string | undefined },
): Promise<string> {
  const r = await resourcesInScope(tx)
    .select(['r.offering_id', 'r.plan_id', 'r.limits', 'p.customer_id', 'f.customer_id as provider_id'])
    .where('r.id', '=', resourceId)
    .executeTakeFirstOrThrow();
  const plan = await findPlanOfOffering(tx, r.offering_id, input.planUuid);
  // Orderly's texts: the spec names the rule (a plan of the same offering) but quotes no message.
  if (!plan)
    throw ValidationError.field('/body/plan', "The plan does not belong to the resource's offering.");
  if (plan.archived) throw ValidationError.field('/body/plan', 'The plan is archived.');
  // A plan limited to organization groups, as on order creation (staff and the provider let through).
  const gated = !actor.isStaff && r.customer_id !== r.provider_id;
  if (gated && (await closedToOrganization(tx, 'plan', plan.id, r.customer_id)))
    throw ValidationError.field(
      '/body/plan',
      'This plan is not available for ordering.',
      'order.plan_not_in_groups',
    );
  const order = await createResourceOrder(tx, actor, resourceId, {
    reason: input.reason,
    type: 'Update',
    planId: plan.id,
    oldPlanId: r.plan_id,
    limits: r.limits as Record<string, number>,
  });
  return order.row.uuid;
}
