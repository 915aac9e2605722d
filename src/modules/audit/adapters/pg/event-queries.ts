import type { Actor } from '../../../../platform/auth/actor.js';
import type { Tx } from '../../../../platform/db/database.js';
import { grantedScopeIds } from '../../../identity/api.js';

/** Events with the uuids of the objects they are about, for the feed. */
export function eventRecords(tx: Tx) {
  return tx
    .selectFrom('events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .leftJoin('orders as o', 'o.id', 'e.order_id')
    .leftJoin('resources as r', 'r.id', 'e.resource_id')
    .leftJoin('projects as p', 'p.id', 'e.project_id')
    .leftJoin('customers as c', 'c.id', 'e.customer_id')
    .selectAll('e')
    .select([
      'u.username as actor_username',
      'o.uuid as order_uuid',
      'r.uuid as resource_uuid',
      'p.uuid as project_uuid',
      'c.uuid as customer_uuid',
    ]);
}

/** An event row with the uuids of the objects it is about. */
export type EventRecord = Awaited<ReturnType<ReturnType<typeof eventRecords>['executeTakeFirstOrThrow']>>;

/**
 * Events `actor` may read: staff and support all; others those about projects and organizations
 * where they hold any live role, and provider-side events of organizations or offerings they serve.
 */
export function visibleEvents(tx: Tx, actor: Actor) {
  const q = eventRecords(tx);
  if (actor.isStaff || actor.isSupport) return q;
  const grants = (type: 'project' | 'customer' | 'offering') => grantedScopeIds(tx, actor.id, type);
  return q.where((eb) =>
    eb.or([
      eb('e.project_id', 'in', grants('project')),
      eb('e.customer_id', 'in', grants('customer')),
      eb('e.provider_customer_id', 'in', grants('customer')),
      eb('e.offering_id', 'in', grants('offering')),
    ]),
  );
}
