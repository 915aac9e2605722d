import type { Actor } from '../../../../platform/auth/actor.js';
import type { Tx } from '../../../../platform/db/database.js';
import { findVisibleProject } from '../../../identity/api.js';
import { ORDER_STATE_CODES } from '../../domain/order-state.js';

/** The offering facts order creation reads (state code, type, sharing, options, provider). */
export function findOfferingForOrder(tx: Tx, uuid: string) {
  return tx
    .selectFrom('offerings')
    .select([
      'id',
      'uuid',
      'name',
      'slug',
      'type',
      'state',
      'shared',
      'plugin_options',
      'options',
      'resource_options',
      'customer_id',
    ])
    .where('uuid', '=', uuid)
    .executeTakeFirst();
}

/** A plan of the given offering (plans of other offerings are not found). */
export function findPlanOfOffering(tx: Tx, offeringId: number, planUuid: string) {
  return tx
    .selectFrom('plans')
    .select(['id', 'uuid', 'name', 'archived', 'max_amount', 'unit_price'])
    .where('offering_id', '=', offeringId)
    .where('uuid', '=', planUuid)
    .executeTakeFirst();
}

/** The offering's components (limit validation and cost). */
export function componentsOf(tx: Tx, offeringId: number) {
  return tx
    .selectFrom('offering_components')
    .select(['id', 'type', 'billing_type', 'min_value', 'max_value', 'limit_amount', 'is_prepaid'])
    .where('offering_id', '=', offeringId)
    .execute();
}

/** Number of live (not terminated) resources on a plan, for `max_amount`. */
export async function liveResourcesOnPlan(tx: Tx, planId: number): Promise<number> {
  const r = await tx
    .selectFrom('resources')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('plan_id', '=', planId)
    .where('state', '!=', ORDER_STATE_CODES.rejected)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The project as order creation sees it: visible to the actor, with its organization's flags. */
export async function findProjectForOrder(tx: Tx, actor: Actor, uuid: string) {
  const p = await findVisibleProject(tx, actor, uuid);
  if (!p) return undefined;
  const c = await tx
    .selectFrom('customers')
    .select(['blocked', 'archived'])
    .where('id', '=', p.customer_id)
    .executeTakeFirstOrThrow();
  return { ...p, customer_blocked: c.blocked, customer_archived: c.archived };
}
