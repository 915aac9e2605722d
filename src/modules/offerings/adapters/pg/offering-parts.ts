import type { Tx } from '../../../../platform/db/database.js';
import { byOffering, type ComponentRow, componentsOf } from './component-repository.js';
import { type PlanView, plansQuery, withPlanDetails } from './plan-repository.js';

/** The components and plans shown inside an offering. */
export interface OfferingParts {
  components: ComponentRow[];
  plans: PlanView[];
}

/**
 * Components and plans of a page of offerings, in three queries whatever the page size. The public
 * catalogue leaves archived plans out: they accept no new orders.
 */
export async function loadOfferingParts(
  tx: Tx,
  offeringIds: readonly number[],
  opts: { publicOnly: boolean },
): Promise<(offeringId: number) => OfferingParts> {
  let plans = plansQuery(tx).where('plans.offering_id', 'in', offeringIds.length ? offeringIds : [0]);
  if (opts.publicOnly) plans = plans.where('plans.archived', '=', false);
  const [components, planRows] = await Promise.all([
    componentsOf(tx, offeringIds),
    offeringIds.length ? plans.orderBy('plans.created').orderBy('plans.id').execute() : [],
  ]);
  const componentMap = byOffering(components);
  const planMap = byOffering(await withPlanDetails(tx, planRows));
  return (id) => ({ components: componentMap.get(id) ?? [], plans: planMap.get(id) ?? [] });
}
