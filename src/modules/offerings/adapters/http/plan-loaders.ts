import type { Actor } from '../../../../platform/auth/actor.js';
import type { Tx } from '../../../../platform/db/database.js';
import { NotFoundError } from '../../../../platform/errors.js';
import { visibleProviderOfferings } from '../pg/offering-repository.js';
import { type PlanView, plansQuery, withPlanDetails } from '../pg/plan-repository.js';

/** Plans of the offerings the actor sees as provider. */
export function visiblePlans(tx: Tx, actor: Actor) {
  return plansQuery(tx).where(
    'plans.offering_id',
    'in',
    visibleProviderOfferings(tx, actor).select('offerings.id'),
  );
}

/** A plan the actor sees as provider, with its prices and resource counts, or 404. */
export async function loadPlan(tx: Tx, actor: Actor, uuid: string): Promise<PlanView> {
  const row = await visiblePlans(tx, actor).where('plans.uuid', '=', uuid).executeTakeFirst();
  const [plan] = row ? await withPlanDetails(tx, [row]) : [];
  if (!plan) throw new NotFoundError('plan');
  return plan;
}
