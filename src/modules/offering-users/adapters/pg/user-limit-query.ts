import type { Actor } from '../../../../platform/auth/actor.js';
import type { Tx } from '../../../../platform/db/database.js';
import { visibleResourceIds } from '../../../resources/api.js';

/** Filters of `GET /api/component-user-usage-limits/`. */
export interface UserLimitFilter {
  resource_uuid?: string | undefined;
  offering_uuid?: string | undefined;
  component_type?: string | undefined;
  username?: string | undefined;
}

/** Per-user limits of the resources `actor` sees, with what `ComponentUserUsageLimit` shows. */
export function visibleUserLimits(tx: Tx, actor: Actor, f: UserLimitFilter = {}) {
  let q = tx
    .selectFrom('component_user_usage_limits as l')
    .innerJoin('resources as r', 'r.id', 'l.resource_id')
    .innerJoin('offerings as f', 'f.id', 'r.offering_id')
    .innerJoin('projects as p', 'p.id', 'r.project_id')
    .innerJoin('offering_components as oc', 'oc.id', 'l.component_id')
    .innerJoin('offering_users as ou', 'ou.id', 'l.offering_user_id')
    .where('r.id', 'in', visibleResourceIds(tx, actor))
    .selectAll('l')
    .select(['r.uuid as resource_uuid', 'oc.uuid as component_uuid', 'oc.type as component_type'])
    .select(['ou.username', 'ou.uuid as offering_user_uuid', 'r.offering_id', 'r.project_id'])
    .select(['f.customer_id as provider_customer_id', 'p.customer_id']);
  if (f.resource_uuid) q = q.where('r.uuid', '=', f.resource_uuid);
  if (f.offering_uuid) q = q.where('f.uuid', '=', f.offering_uuid);
  if (f.component_type) q = q.where('oc.type', '=', f.component_type);
  if (f.username) q = q.where('ou.username', '=', f.username);
  return q;
}

/** One limit row as presented. */
export type UserLimitRecord = Awaited<
  ReturnType<ReturnType<typeof visibleUserLimits>['executeTakeFirstOrThrow']>
>;
