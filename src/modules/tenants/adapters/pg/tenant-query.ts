import { sql } from 'kysely';
import type { Actor } from '../../../../platform/auth/actor.js';
import type { Tx } from '../../../../platform/db/database.js';
import { visibleResources } from '../../../resources/api.js';

/** A tenant with the uuids and names its representation shows, in one query. */
export function tenantRecords(tx: Tx) {
  return tx
    .selectFrom('tenants as t')
    .innerJoin('resources as r', 'r.id', 't.resource_id')
    .innerJoin('orders as co', 'co.id', 't.creation_order_id')
    .innerJoin('offerings as f', 'f.id', 't.offering_id')
    .innerJoin('customers as pc', 'pc.id', 'f.customer_id')
    .innerJoin('plans as pl', 'pl.id', 't.plan_id')
    .innerJoin('projects as p', 'p.id', 't.project_id')
    .innerJoin('customers as c', 'c.id', 'p.customer_id')
    .selectAll('t')
    .select([
      'r.uuid as resource_uuid',
      'co.uuid as creation_order_uuid',
      'co.created_by as creation_order_created_by',
      'f.uuid as offering_uuid',
      'f.customer_id as provider_customer_id',
      'pc.uuid as provider_uuid',
      'pl.uuid as plan_uuid',
      'pl.name as plan_name',
      'p.uuid as project_uuid',
      'p.customer_id',
      'c.uuid as customer_uuid',
    ]);
}

/** One tenant as {@link tenantRecords} reads it. */
export type TenantRecord = Awaited<ReturnType<ReturnType<typeof tenantRecords>['executeTakeFirstOrThrow']>>;

/**
 * Tenants `actor` may see (tenant spec §6): visibility follows the tenant's resource, consumer side
 * (project and organization members) or provider side (the offering's organization); staff and
 * support see all. An invisible tenant is a 404.
 */
export function visibleTenants(tx: Tx, actor: Actor) {
  const q = tenantRecords(tx);
  if (actor.isStaff || actor.isSupport) return q;
  const ids = (view: 'consumer' | 'provider') =>
    visibleResources(tx, actor, view).clearSelect().select(sql<number>`r.id`.as('id'));
  return q.where((eb) =>
    eb.or([eb('t.resource_id', 'in', ids('consumer')), eb('t.resource_id', 'in', ids('provider'))]),
  );
}
