import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import type { PlanView } from '../adapters/pg/plan-repository.js';
import { updatePlanRow } from '../adapters/pg/plan-writes.js';

/**
 * `POST …/archive/` (after authorizePlanChange and checkPlanArchivable): new orders on the plan are
 * refused (orders check `archived`), resources already on it keep it.
 */
export async function archivePlan(tx: Tx, _actor: Actor, plan: PlanView): Promise<void> {
  await updatePlanRow(tx, plan.id, { archived: true });
}
