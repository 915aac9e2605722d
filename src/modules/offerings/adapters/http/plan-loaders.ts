import type { Actor } from '../../../../platform/auth/actor.js';
import type { Tx } from '../../../../platform/db/database.js';
import { NotFoundError } from '../../../../platform/errors.js';
import { type PlanView, withPlanDetails } from '../pg/plan-repository.js';
import { findVisiblePlan } from '../pg/plan-visibility.js';

/** A plan the actor sees as provider, with its prices and resource counts, or 404. */
export async function loadPlan(tx: Tx, actor: Actor, uuid: string): Promise<PlanView> {
  const row = await findVisiblePlan(tx, actor, uuid);
  const [plan] = row ? await withPlanDetails(tx, [row]) : [];
  if (!plan) throw new NotFoundError('plan');
  return plan;
}
