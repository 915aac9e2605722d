import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { componentsOf } from '../adapters/pg/component-repository.js';
import type { PlanView } from '../adapters/pg/plan-repository.js';
import { type PlanFieldChanges, setPlanComponentColumn, updatePlanRow } from '../adapters/pg/plan-writes.js';
import { checkPlanComponentTypes } from './plan-prices.js';

/** A PUT/PATCH body: plan fields, and optionally every component's price and amount. */
export interface PlanChanges extends PlanFieldChanges {
  prices?: Record<string, string> | undefined;
  quotas?: Record<string, string> | undefined;
}

/**
 * `PUT`/`PATCH /api/marketplace-plans/<uuid>/` (after authorizePlanChange and checkPlanEditable):
 * changes the plan's fields; `prices` / `quotas`, when sent, replace the component prices / amounts.
 */
export async function updatePlan(tx: Tx, _actor: Actor, plan: PlanView, changes: PlanChanges): Promise<void> {
  const { prices, quotas, ...fields } = changes;
  const components = await componentsOf(tx, [plan.offering_id]);
  checkPlanComponentTypes(changes, new Set(components.map((c) => c.type)), '/body');
  await updatePlanRow(tx, plan.id, fields);
  if (prices) await setPlanComponentColumn(tx, plan.id, 'price', prices, components);
  if (quotas) await setPlanComponentColumn(tx, plan.id, 'amount', quotas, components);
}
