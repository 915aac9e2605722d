import type { Tx } from '../../../../platform/db/database.js';
import type { Actor } from '../../../identity/domain/actor.js';
import { Permission } from '../../../identity/domain/permissions.js';
import { orderRecords } from './order-query.js';

/**
 * Orders `actor` may see (orders spec §6): staff and support all; others the orders of projects and
 * organizations where they hold ORDER.LIST, and provider-side orders of offerings whose organization
 * they hold any role in or that they manage.
 */
export function visibleOrders(tx: Tx, actor: Actor) {
  const q = orderRecords(tx);
  if (actor.isStaff || actor.isSupport) return q;
  const listing = (type: 'project' | 'customer') =>
    tx
      .selectFrom('user_roles as ur')
      .innerJoin('role_permissions as rp', 'rp.role_id', 'ur.role_id')
      .select('ur.scope_id')
      .where('ur.user_id', '=', actor.id)
      .where('ur.scope_type', '=', type)
      .where('ur.is_active', '=', true)
      .where('rp.permission', '=', Permission.ORDER_LIST)
      .where((eb) =>
        eb.or([eb('ur.expiration_time', 'is', null), eb('ur.expiration_time', '>', new Date())]),
      );
  const anyGrant = (type: 'customer' | 'offering') =>
    tx
      .selectFrom('user_roles as ur')
      .select('ur.scope_id')
      .where('ur.user_id', '=', actor.id)
      .where('ur.scope_type', '=', type)
      .where('ur.is_active', '=', true)
      .where((eb) =>
        eb.or([eb('ur.expiration_time', 'is', null), eb('ur.expiration_time', '>', new Date())]),
      );
  return q.where((eb) =>
    eb.or([
      eb('o.project_id', 'in', listing('project')),
      eb('p.customer_id', 'in', listing('customer')),
      eb('f.customer_id', 'in', anyGrant('customer')),
      eb('o.offering_id', 'in', anyGrant('offering')),
    ]),
  );
}
