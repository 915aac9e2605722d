import type { Actor } from '../../../../platform/auth/actor.js';
import type { Tx } from '../../../../platform/db/database.js';
import { queryList } from '../../../../platform/db/paging.js';
import { visibleProviderOfferings } from './offering-repository.js';
import { plansQuery, withPlanDetails } from './plan-repository.js';

/** Plans of the offerings the actor sees as provider. */
export function visiblePlans(tx: Tx, actor: Actor) {
  return plansQuery(tx).where(
    'plans.offering_id',
    'in',
    visibleProviderOfferings(tx, actor).select('offerings.id'),
  );
}

/** The visible plan row with this uuid, if any (without its details). */
export function findVisiblePlan(tx: Tx, actor: Actor, uuid: string) {
  return visiblePlans(tx, actor).where('plans.uuid', '=', uuid).executeTakeFirst();
}

/** `GET /api/marketplace-plans/`: visible plans with their details, oldest first, by offering. */
export function planList(tx: Tx, actor: Actor, f: { offering_uuid?: string[] | undefined }) {
  let q = visiblePlans(tx, actor);
  if (f.offering_uuid?.length) q = q.where('offerings.uuid', 'in', f.offering_uuid);
  return queryList(tx, q, async (w, limit, offset) =>
    withPlanDetails(
      tx,
      await w.orderBy('plans.created').orderBy('plans.id').limit(limit).offset(offset).execute(),
    ),
  );
}
