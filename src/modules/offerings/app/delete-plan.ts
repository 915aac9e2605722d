import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import type { PlanView } from '../adapters/pg/plan-repository.js';
import { deletePlanRow } from '../adapters/pg/plan-writes.js';

/** `DELETE /api/marketplace-plans/<uuid>/` (after authorizePlanChange and checkPlanDeletable). */
export async function deletePlan(tx: Tx, _actor: Actor, plan: PlanView): Promise<void> {
  await deletePlanRow(tx, plan.id);
}
