import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { componentsOf } from '../adapters/pg/component-repository.js';
import type { PlanView } from '../adapters/pg/plan-repository.js';
import { setPlanComponentColumn } from '../adapters/pg/plan-writes.js';
import { checkComponentKeys } from './update-plan-prices.js';

/**
 * `POST …/update_quotas/` (Waldur `QuotasUpdateSerializer`): amounts of fixed components only,
 * since limit- and usage-based components are sized by the order, not by the plan.
 */
export async function updatePlanQuotas(
  tx: Tx,
  _actor: Actor,
  plan: PlanView,
  quotas: Readonly<Record<string, number>>,
): Promise<void> {
  const fixed = (await componentsOf(tx, [plan.offering_id])).filter((c) => c.billing_type === 'fixed');
  checkComponentKeys(Object.keys(quotas), fixed, '/body/quotas');
  const values = Object.fromEntries(Object.entries(quotas).map(([k, v]) => [k, String(v)]));
  await setPlanComponentColumn(tx, plan.id, 'amount', values, fixed);
}
