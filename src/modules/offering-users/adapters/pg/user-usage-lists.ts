import type { Actor } from '../../../../platform/auth/actor.js';
import type { Tx } from '../../../../platform/db/database.js';
import { queryList } from '../../../../platform/db/paging.js';
import { visibleUsages } from '../../../resources/api.js';
import { type UserUsageFilter, userUsageColumns, visibleUserUsages } from './user-usage-query.js';

/** `GET /api/marketplace-component-user-usages/`: newest period first, then by username. */
export function userUsageList(tx: Tx, actor: Actor, f: UserUsageFilter) {
  return queryList(tx, visibleUserUsages(tx, actor, f), (q, limit, offset) =>
    userUsageColumns(q)
      .orderBy('u.billing_period', 'desc')
      .orderBy('cu.username')
      .orderBy('cu.id')
      .limit(limit)
      .offset(offset)
      .execute(),
  );
}

/** The visible per-user usage with this uuid, if any. */
export function findVisibleUserUsage(tx: Tx, actor: Actor, uuid: string) {
  return userUsageColumns(visibleUserUsages(tx, actor)).where('cu.uuid', '=', uuid).executeTakeFirst();
}

/** The visible per-user usages with these ids. */
export function visibleUserUsagesByIds(tx: Tx, actor: Actor, ids: number[]) {
  return userUsageColumns(visibleUserUsages(tx, actor)).where('cu.id', 'in', ids).execute();
}

/** The component usage with this uuid, if `actor` sees its resource, with what authorizes reporting on it. */
export function findVisibleComponentUsage(tx: Tx, actor: Actor, uuid: string) {
  return visibleUsages(tx, actor)
    .where('u.uuid', '=', uuid)
    .select(['u.id', 'r.offering_id', 'f.customer_id as provider_customer_id', 'r.state as resource_state'])
    .executeTakeFirst();
}
