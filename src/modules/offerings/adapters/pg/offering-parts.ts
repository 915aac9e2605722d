import type { Actor } from '../../../../platform/auth/actor.js';
import type { Tx } from '../../../../platform/db/database.js';
import { byOffering, type ComponentRow, componentsOf } from './component-repository.js';
import { groupsOf, type OrganizationGroupView, planOpenTo } from './group-links.js';
import { type PlanView, plansQuery, withPlanDetails } from './plan-repository.js';

/** The components and plans shown inside an offering. */
export interface OfferingParts {
  components: ComponentRow[];
  plans: PlanView[];
  /** The organization groups the offering is limited to (none: open to everyone). */
  organization_groups: OrganizationGroupView[];
}

/**
 * Components, plans and groups of a page of offerings, in a fixed number of queries whatever the
 * page size. The public catalogue leaves archived plans out (they accept no new orders), and, for
 * `actor`, the plans limited to organization groups it is not in.
 */
export async function loadOfferingParts(
  tx: Tx,
  offeringIds: readonly number[],
  opts: { publicOnly: boolean; actor?: Actor | undefined },
): Promise<(offeringId: number) => OfferingParts> {
  let plans = plansQuery(tx).where('plans.offering_id', 'in', offeringIds.length ? offeringIds : [0]);
  if (opts.publicOnly) plans = plans.where('plans.archived', '=', false);
  if (opts.publicOnly && opts.actor) plans = plans.where(planOpenTo(tx, opts.actor));
  const [components, planRows, groups] = await Promise.all([
    componentsOf(tx, offeringIds),
    offeringIds.length ? plans.orderBy('plans.created').orderBy('plans.id').execute() : [],
    groupsOf(tx, 'offering', offeringIds),
  ]);
  const componentMap = byOffering(components);
  const planMap = byOffering(await withPlanDetails(tx, planRows));
  return (id) => ({
    components: componentMap.get(id) ?? [],
    plans: planMap.get(id) ?? [],
    organization_groups: groups.get(id) ?? [],
  });
}
