import type { Actor } from '../../../../platform/auth/actor.js';
import type { Tx } from '../../../../platform/db/database.js';
import { visibleResourceIds } from './resource-visibility.js';

/** Filters of `GET /api/marketplace-component-usages/` (uuids dashed). */
export interface UsageFilter {
  resource_uuid?: string | undefined;
  offering_uuid?: string | undefined;
  project_uuid?: string | undefined;
  customer_uuid?: string | undefined;
  type?: string | undefined;
  billing_period?: string | undefined;
  date_after?: string | undefined;
  date_before?: string | undefined;
}

/** Usages of the resources `actor` sees in either view (consumer or provider). */
export function visibleUsages(tx: Tx, actor: Actor, f: UsageFilter = {}) {
  let q = tx
    .selectFrom('component_usages as u')
    .innerJoin('resources as r', 'r.id', 'u.resource_id')
    .innerJoin('offering_components as oc', 'oc.id', 'u.component_id')
    .innerJoin('offerings as f', 'f.id', 'r.offering_id')
    .innerJoin('projects as p', 'p.id', 'r.project_id')
    .innerJoin('customers as c', 'c.id', 'p.customer_id')
    .where('r.id', 'in', visibleResourceIds(tx, actor));
  if (f.resource_uuid) q = q.where('r.uuid', '=', f.resource_uuid);
  if (f.offering_uuid) q = q.where('f.uuid', '=', f.offering_uuid);
  if (f.project_uuid) q = q.where('p.uuid', '=', f.project_uuid);
  if (f.customer_uuid) q = q.where('c.uuid', '=', f.customer_uuid);
  if (f.type) q = q.where('oc.type', '=', f.type);
  if (f.billing_period) q = q.where('u.billing_period', '=', `${f.billing_period.slice(0, 7)}-01`);
  if (f.date_after) q = q.where('u.date', '>=', new Date(f.date_after));
  if (f.date_before) q = q.where('u.date', '<', new Date(f.date_before));
  return q;
}

/** Selects what `ComponentUsage` shows. */
export function usageColumns(q: ReturnType<typeof visibleUsages>) {
  return q
    .selectAll('u')
    .select(['oc.type', 'oc.name', 'oc.measured_unit', 'r.uuid as resource_uuid', 'r.name as resource_name'])
    .select([
      'f.uuid as offering_uuid',
      'f.name as offering_name',
      'p.uuid as project_uuid',
      'p.name as project_name',
    ])
    .select(['c.uuid as customer_uuid', 'c.name as customer_name']);
}

/** One usage row as presented. */
export type UsageRecord = Awaited<ReturnType<ReturnType<typeof usageColumns>['executeTakeFirstOrThrow']>>;
