import { sql } from 'kysely';
import type { Actor } from '../../../../platform/auth/actor.js';
import type { Tx } from '../../../../platform/db/database.js';
import { Permission } from '../../../identity/domain/permissions.js';
import { type ResourceQuery, resourceRecords } from './resource-query.js';

/** The two collections of the API (orders spec §6): consumer and provider view of the same rows. */
export type ResourceView = 'consumer' | 'provider';

/** Collection path segment of each view. */
export const VIEW_COLLECTION: Record<ResourceView, string> = {
  consumer: 'marketplace-resources',
  provider: 'marketplace-provider-resources',
};

/** Live grants of the actor on one scope type, optionally only roles carrying `permission`. */
function grantedScopes(
  tx: Tx,
  actor: Actor,
  type: 'customer' | 'project' | 'offering' | 'resource',
  permission?: string,
) {
  let q = tx
    .selectFrom('user_roles as ur')
    .select('ur.scope_id')
    .where('ur.user_id', '=', actor.id)
    .where('ur.scope_type', '=', type)
    .where('ur.is_active', '=', true)
    .where((eb) =>
      eb.or([eb('ur.expiration_time', 'is', null), eb('ur.expiration_time', '>', sql<Date>`now()`)]),
    );
  if (permission) {
    q = q.where('ur.role_id', 'in', (eb) =>
      eb.selectFrom('role_permissions').select('role_id').where('permission', '=', permission),
    );
  }
  return q;
}

/**
 * Resources `actor` may see in a view. Staff and support see all. Consumer view
 * (`filter_for_service_consumer`): RESOURCE.LIST on the project, its organization or the resource itself. Provider view
 * (`filter_for_service_provider`, api-contract §5): offerings of organizations where the actor holds
 * any role, or offerings they manage. A resource outside the view is a 404, also on actions (§0.7).
 */
export function visibleResources(tx: Tx, actor: Actor, view: ResourceView): ResourceQuery {
  const q = resourceRecords(tx);
  if (actor.isStaff || actor.isSupport) return q;
  if (view === 'consumer') {
    return q.where((eb) =>
      eb.or([
        eb('r.project_id', 'in', grantedScopes(tx, actor, 'project', Permission.RESOURCE_LIST)),
        eb('p.customer_id', 'in', grantedScopes(tx, actor, 'customer', Permission.RESOURCE_LIST)),
        eb('r.id', 'in', grantedScopes(tx, actor, 'resource', Permission.RESOURCE_LIST)),
      ]),
    );
  }
  return q.where((eb) =>
    eb.or([
      eb('f.customer_id', 'in', grantedScopes(tx, actor, 'customer')),
      eb('r.offering_id', 'in', grantedScopes(tx, actor, 'offering')),
    ]),
  );
}
