import type { Actor } from '../../../../platform/auth/actor.js';
import type { Tx } from '../../../../platform/db/database.js';
import { visibleUsages } from '../../../resources/api.js';

/** Filters of `GET /api/marketplace-component-user-usages/` (uuids dashed). */
export interface UserUsageFilter {
  resource_uuid?: string | undefined;
  offering_uuid?: string | undefined;
  project_uuid?: string | undefined;
  customer_uuid?: string | undefined;
  type?: string | undefined;
  username?: string | undefined;
  component_usage_billing_period?: string | undefined;
  billing_period_year?: number | undefined;
  billing_period_month?: number | undefined;
  date_after?: string | undefined;
  date_before?: string | undefined;
}

/** Per-user usages under the component usages `actor` sees (consumer or provider side of the resource). */
export function visibleUserUsages(tx: Tx, actor: Actor, f: UserUsageFilter = {}) {
  let q = visibleUsages(tx, actor, {
    resource_uuid: f.resource_uuid,
    offering_uuid: f.offering_uuid,
    project_uuid: f.project_uuid,
    customer_uuid: f.customer_uuid,
    type: f.type,
    billing_period: f.component_usage_billing_period,
  }).innerJoin('component_user_usages as cu', 'cu.component_usage_id', 'u.id');
  if (f.username) q = q.where('cu.username', '=', f.username);
  if (f.billing_period_year)
    q = q.where((eb) =>
      eb(eb.fn('date_part', [eb.val('year'), 'u.billing_period']), '=', f.billing_period_year),
    );
  if (f.billing_period_month)
    q = q.where((eb) =>
      eb(eb.fn('date_part', [eb.val('month'), 'u.billing_period']), '=', f.billing_period_month),
    );
  if (f.date_after) q = q.where('cu.date', '>=', new Date(f.date_after));
  if (f.date_before) q = q.where('cu.date', '<', new Date(f.date_before));
  return q;
}

/** Selects what `ComponentUserUsage` shows. */
export function userUsageColumns(q: ReturnType<typeof visibleUserUsages>) {
  return q
    .leftJoin('offering_users as ou', 'ou.id', 'cu.offering_user_id')
    .selectAll('cu')
    .select(['u.uuid as component_usage_uuid', 'u.billing_period', 'ou.uuid as offering_user_uuid'])
    .select([
      'oc.type as component_type',
      'oc.measured_unit',
      'r.uuid as resource_uuid',
      'r.name as resource_name',
    ])
    .select([
      'f.uuid as offering_uuid',
      'f.name as offering_name',
      'p.uuid as project_uuid',
      'p.name as project_name',
    ])
    .select(['c.uuid as customer_uuid', 'c.name as customer_name']);
}

/** One per-user usage row as presented. */
export type UserUsageRecord = Awaited<
  ReturnType<ReturnType<typeof userUsageColumns>['executeTakeFirstOrThrow']>
>;
