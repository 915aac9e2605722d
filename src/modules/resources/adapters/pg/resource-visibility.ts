import type { Actor } from '../../../../platform/auth/actor.js';
import type { Tx } from '../../../../platform/db/database.js';
import { grantedScopeIds } from '../../../identity/api.js';
import { Permission } from '../../../identity/domain/permissions.js';
import { type ResourceQuery, resourceRecords } from './resource-query.js';

/** The two collections of the API (orders spec §6): consumer and provider view of the same rows. */
export type ResourceView = 'consumer' | 'provider';

/** Collection path segment of each view. */
export const VIEW_COLLECTION: Record<ResourceView, string> = {
  consumer: 'marketplace-resources',
  provider: 'marketplace-provider-resources',
};

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
        eb(
          'r.project_id',
          'in',
          grantedScopeIds(tx, actor.id, 'project', { permission: Permission.RESOURCE_LIST }),
        ),
        eb(
          'p.customer_id',
          'in',
          grantedScopeIds(tx, actor.id, 'customer', { permission: Permission.RESOURCE_LIST }),
        ),
        eb('r.id', 'in', grantedScopeIds(tx, actor.id, 'resource', { permission: Permission.RESOURCE_LIST })),
      ]),
    );
  }
  return q.where((eb) =>
    eb.or([
      eb('f.customer_id', 'in', grantedScopeIds(tx, actor.id, 'customer')),
      eb('r.offering_id', 'in', grantedScopeIds(tx, actor.id, 'offering')),
    ]),
  );
}

/** Ids of resources `actor` sees on either side. */
export function visibleResourceIds(tx: Tx, actor: Actor) {
  const ids = (view: 'consumer' | 'provider') =>
    visibleResources(tx, actor, view).clearSelect().select('r.id');
  return ids('consumer').union(ids('provider'));
}
