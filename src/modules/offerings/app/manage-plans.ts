import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { authorize } from '../../identity/app/access.js';
import { Permission } from '../../identity/domain/permissions.js';
import { componentsOf } from '../adapters/pg/component-repository.js';
import type { OfferingRow } from '../adapters/pg/offering-repository.js';
import { insertPlan, type PlanInput } from '../adapters/pg/plan-repository.js';
import { checkPlanComponentTypes } from './plan-prices.js';

/**
 * Adds a plan to an offering (staff, or OFFERING.CREATE_PLAN on the offering's organization, as
 * Waldur's `ProviderPlanDetailsSerializer.validate`); returns the plan's ids.
 */
export async function createPlan(
  tx: Tx,
  actor: Actor,
  offering: OfferingRow,
  input: PlanInput,
): Promise<{ id: number; uuid: string }> {
  await authorize(tx, actor, Permission.OFFERING_CREATE_PLAN, [
    { type: 'customer', id: offering.customer_id },
  ]);
  const components = await componentsOf(tx, [offering.id]);
  checkPlanComponentTypes(input, new Set(components.map((c) => c.type)), '/body');
  return insertPlan(tx, offering.id, input, components);
}
